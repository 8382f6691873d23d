"""Where the external tools are, and a clear message when one is missing (never a silent skip)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from . import ROOT, ToolMissing

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
#: Debian's Chromium (`apt-get install chromium`); a Playwright browser download does not work here.
CHROMIUM = Path("/usr/bin/chromium")

NPM_HINT = "run `npm ci` at the top of the project (or `make node_modules`); .ci/run does it on CI"


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


def chromium() -> Path:
    return _need_file(CHROMIUM, "Chromium", "install Debian's browser: `apt-get install chromium` (.ci/run does)")


def java() -> str:
    found = shutil.which("java")
    hint = "install a Java runtime: `apt-get install --no-install-recommends default-jre-headless` (.ci/run does)"
    if not found:
        raise ToolMissing(f"`java` is not on PATH, and the Nu HTML Checker needs it: {hint}")
    probe = subprocess.run([found, "-version"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        raise ToolMissing(f"`{found} -version` failed ({probe.stderr.strip()}): {hint}")
    return found


def node() -> str:
    found = shutil.which("node")
    if not found:
        raise ToolMissing("`node` is not on PATH, and Lighthouse needs it: install Node.js 18 or 20 (`apt-get install nodejs npm`)")
    return found
