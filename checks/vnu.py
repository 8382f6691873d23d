"""The Nu HTML Checker (vnu.jar from npm `vnu-jar`, run with Java) on every HTML file of the site.

Errors are findings. Warnings (such as text not in Unicode NFC) are returned separately and printed,
without failing the check.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import Finding
from .tools import java, vnu_jar


def run(site_dir: Path) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) of `vnu --skip-non-html site_dir`."""
    site_dir = Path(site_dir).resolve()
    cmd = [java(), "-jar", str(vnu_jar()), "--skip-non-html", "--format", "json", str(site_dir)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    try:
        messages = json.loads(result.stderr or "{}").get("messages", [])
    except json.JSONDecodeError:
        return [Finding("vnu", str(site_dir), f"vnu failed ({result.returncode}): {result.stderr.strip()[:2000]}")], []
    errors: list[Finding] = []
    warnings: list[Finding] = []
    for msg in messages:
        where = _where(site_dir, msg)
        text = " ".join(msg.get("message", "").split())
        extract = " ".join(msg.get("extract", "").split())
        if extract:
            text += f" «{extract[:160]}»"
        if msg.get("type") == "info":
            warnings.append(Finding("vnu", where, f"{msg.get('subType', 'info')}: {text}"))
        else:  # "error", "non-document-error"
            errors.append(Finding("vnu", where, f"{msg.get('type')}: {text}"))
    if result.returncode != 0 and not errors:
        errors.append(Finding("vnu", str(site_dir), f"vnu exited {result.returncode} without a message: {result.stderr.strip()[:2000]}"))
    return errors, warnings


def _where(site_dir: Path, msg: dict[str, object]) -> str:
    url = str(msg.get("url", ""))
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
    try:
        shown = path.relative_to(site_dir).as_posix()
    except ValueError:
        shown = str(path)
    line = msg.get("lastLine") or msg.get("firstLine")
    return f"{shown}:{line}" if line else shown
