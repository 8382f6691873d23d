"""EDGE: a process with MkDocs imported, building one locale's changed pages on request."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..config import Project
from ..partial import partial_build

log = logging.getLogger(__name__)


class MkDocsWorker:
    """A Python process with MkDocs and Material imported, building one locale's changed pages on request.

    Starting Python and importing MkDocs and Material is most of the time of a one-page `mkdocs build
    --dirty`: the process is started once, and each request costs only the build.
    """

    def __init__(self, project: Project, env: dict[str, str], config: Path, site_dir: Path) -> None:
        self.env = env
        cmd = [sys.executable, "-c", "from generator.serve.mkdocs_worker import mkdocs_worker; mkdocs_worker()"]
        self.proc = subprocess.Popen(cmd, cwd=project.root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        # A first build with nothing to do: the first save then finds the theme listed and the templates loaded.
        self._send(config, site_dir)
        self._pending = True

    def _send(self, config: Path, site_dir: Path, changed: list[str] | None = None) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"config": str(config), "site_dir": str(site_dir), "changed": changed or []}) + "\n")
        self.proc.stdin.flush()

    def settle(self) -> str | None:
        """Wait for the build in progress, if any (the first); its error, or None."""
        if not self._pending:
            return None
        self._pending = False
        assert self.proc.stdout is not None
        try:
            reply = self.proc.stdout.readline()
        except OSError as exc:
            return f"the MkDocs worker stopped: {exc}"
        if not reply:
            return "the MkDocs worker stopped (see the messages above)"
        error: str | None = json.loads(reply).get("error")
        return error

    def usable(self, env: dict[str, str]) -> bool:
        """Alive, and with the environment (the build's date) this build needs."""
        return self.proc.poll() is None and env.get("SOURCE_DATE_EPOCH") == self.env.get("SOURCE_DATE_EPOCH")

    def build(self, config: Path, site_dir: Path, changed: list[str]) -> str | None:
        """MkDocs' build of the `changed` pages (paths in the locale's docs/ folder) into site_dir, as `make site`
        builds them (generator/partial.py); the error, or None."""
        self.settle()
        try:
            self._send(config, site_dir, changed)
        except OSError as exc:
            return f"the MkDocs worker stopped: {exc}"
        self._pending = True
        return self.settle()

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def mkdocs_worker() -> None:
    """The process of a MkDocsWorker: a JSON request a line on stdin, a JSON reply a line on stdout."""
    import jinja2

    # Every MkDocs build lists the theme's files to copy them: Material's are some 14,000 (its icons),
    # listed and filtered in about half a second, the largest part of a one-page build. The theme does
    # not change while this process lives (a change to theme/ rebuilds everything and starts new workers).
    listing = jinja2.Environment.list_templates
    listed: dict[Any, list[str]] = {}

    def list_templates(env: jinja2.Environment, extensions: Any = None, filter_func: Any = None) -> list[str]:
        key = (tuple(getattr(env.loader, "searchpath", ())), extensions, getattr(filter_func, "__code__", None))
        if key not in listed:
            listed[key] = listing(env, extensions, filter_func)
        return list(listed[key])

    jinja2.Environment.list_templates = list_templates  # type: ignore[method-assign, assignment]
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever MkDocs or a hook prints goes to the terminal, not into the replies
    errors: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: errors.append(record.getMessage())  # type: ignore[method-assign]
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.ERROR)  # as --quiet: a dirty build always warns that it is dirty
    mkdocs_log.propagate = False
    for line in sys.stdin:
        request = json.loads(line)
        errors.clear()
        reply: dict[str, str] = {}
        try:
            partial_build(request["config"], request["site_dir"], set(request.get("changed", [])), by_mtime=True)
        except (Exception, SystemExit) as exc:  # MkDocs' Abort is a SystemExit
            reply["error"] = "\n".join([*errors, f"{type(exc).__name__}: {exc}"])
        replies.write(json.dumps(reply) + "\n")
        replies.flush()
