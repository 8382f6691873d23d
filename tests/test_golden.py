"""Golden test: the generated pages of the real articles, byte for byte (`make golden` to accept changes)."""

from __future__ import annotations

import difflib
from pathlib import Path

from .golden import GOLDEN, generate


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_pages_match_the_golden_copy(tmp_path: Path) -> None:
    actual, expected = _tree(generate(tmp_path)), _tree(GOLDEN)
    assert sorted(actual) == sorted(expected), "files differ; run `make golden` and review the diff"
    for name in expected:
        if actual[name] != expected[name]:
            if not name.endswith((".md", ".yml", ".yaml", ".json", ".xml", ".txt", ".html", ".css", ".js", ".svg")):
                raise AssertionError(f"golden/{name} differs (a binary file: look at both); run `make golden` if this is intended")
            diff = difflib.unified_diff(
                expected[name].decode().splitlines(), actual[name].decode().splitlines(), f"golden/{name}", name, lineterm="", n=1
            )
            raise AssertionError("\n".join(list(diff)[:40]) + "\n(run `make golden` and review the diff if this is intended)")


def test_generating_twice_gives_identical_pages(tmp_path: Path) -> None:
    assert _tree(generate(tmp_path / "a")) == _tree(generate(tmp_path / "b"))
