"""The import graph of generator/, read from the code: no circle, layers import downward only, no import hidden in a
function to dodge a circle.

The layers are the pipeline seen from below: what a module may use sits on its floor or under it. A new module is
placed by adding it to LAYERS (the test names a module it does not know).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from generator.write import write_atomic

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

#: Floors, ground first. A module imports modules of its own floor or lower ones, never higher ones.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "text", "parallel", "lock", "write", "compress", "shards"),
    ("dates", "document", "l10n", "locales", "terms"),
    ("problems", "model", "fonts"),
    ("load", "translation", "brief", "publication", "schema", "guide"),
    ("config", "figures", "localize", "i18n", "search_index"),
    ("validate", "editions", "cards", "render"),
    ("cache", "gather", "lint", "workflow", "incremental", "site", "po"),
    ("build", "merge", "mkdocs_hooks", "partial"),
    ("serve",),
    ("__main__", "ci_matrix"),
)


@functools.cache
def _trees() -> tuple[tuple[Path, ast.Module], ...]:
    """Every module of generator/, parsed once."""
    return tuple((path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(GENERATOR.rglob("*.py")))


def _module(path: Path) -> str:
    parts = path.relative_to(GENERATOR).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def _target(node: ast.ImportFrom | ast.Import, module: str, is_package: bool) -> list[str]:
    """The generator modules an import statement names (generator.render.page → render.page)."""
    if isinstance(node, ast.Import):
        return [a.name.removeprefix("generator.") for a in node.names if a.name.startswith("generator.")]
    if node.level == 0:
        if node.module == "generator":
            return [a.name for a in node.names]
        return [node.module.removeprefix("generator.")] if node.module and node.module.startswith("generator.") else []
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    if node.module:
        return [".".join([*base, node.module])]
    return [".".join([*base, a.name]) for a in node.names]


def _imports() -> tuple[dict[str, set[str]], list[str]]:
    """Each module's imports of generator modules (TYPE_CHECKING ones too), and those placed inside a function."""
    graph: dict[str, set[str]] = {}
    inside: list[str] = []
    for path, tree in _trees():
        module = _module(path)
        targets = graph.setdefault(module, set())
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        in_function = {id(n) for f in functions for n in ast.walk(f)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                found = [t for t in _target(node, module, path.name == "__init__.py") if t and t != "__init__"]
                targets.update(found)
                if found and id(node) in in_function:
                    inside.append(f"{path.relative_to(GENERATOR.parent)}:{node.lineno}: {', '.join(found)}")
    return graph, inside


def _floor(module: str) -> int:
    top = module.split(".")[0]
    for floor, names in enumerate(LAYERS):
        if top in names:
            return floor
    raise AssertionError(f"generator/{top}: not on any floor of tests/test_architecture.py LAYERS; place it there")


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports, as a path that comes back to its start, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _by_file(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph between files, a package's modules folded into their package when seen from outside it."""
    return {m: {t for t in ts if t in graph} | {t.rsplit(".", 1)[0] for t in ts if t not in graph} for m, ts in graph.items()}


def test_the_import_graph_has_no_circle() -> None:
    graph, _ = _imports()
    cycle = _cycle(_by_file(graph))
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_every_import_runs_down_the_layers() -> None:
    graph, _ = _imports()
    upward = [
        f"{m} (floor {_floor(m)}) imports {t} (floor {_floor(t)})"
        for m, ts in sorted(graph.items())
        for t in sorted(ts)
        if m.split(".")[0] != t.split(".")[0] and _floor(t) > _floor(m)
    ]
    assert upward == []


def test_no_generator_module_is_imported_inside_a_function() -> None:
    _, inside = _imports()
    assert inside == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .model import Article\n", {"a": {"model"}}),
        ("def f():\n    from .config import Project\n", {"a": {"config"}}),
    ],
)
def test_the_reader_sees_imports_at_every_depth(tmp_path: Path, source: str, expected: dict[str, set[str]]) -> None:
    """The checks above cannot pass by not seeing an import: one at module level and one in a function are both read."""
    tree = ast.parse(source)
    found = {t for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for t in _target(n, "a", False)}
    assert {"a": found} == expected


def _calls(name: str) -> list[str]:
    """The modules of generator/ that call or import `name`."""
    found = []
    for path, tree in _trees():
        names = {n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(tree) if isinstance(n, ast.Name | ast.Attribute)}
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        if name in names or name in imported:
            found.append(_module(path))
    return found


def test_files_are_replaced_atomically_in_one_place() -> None:
    """One atomic write (write.write_atomic): a temporary file renamed into place is done nowhere else."""
    renames = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (node.value.id, node.attr) == ("os", "replace"):
                renames.append(_module(path))
    assert renames == ["write"]
    assert [m for m in _calls("mkstemp") if m != "write"] == []
    assert {"cache", "figures", "fonts", "serve.live"} <= set(_calls("write_atomic"))


def test_article_pages_are_rendered_on_one_path() -> None:
    """`make site` and `make serve` render an article page through build.article_page only."""
    assert [m for m in _calls("render_article") if not m.startswith("render")] == ["build"]
    assert "serve.live" in _calls("article_page")


def test_write_atomic_replaces_a_file_whole_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "a" / "page.md"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["page.md"]
