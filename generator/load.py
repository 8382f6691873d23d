"""EDGE: read article files. The only place bytes become text.

YAML is read with a strict loader: every string is NFC-normalised, dates stay strings (we parse them
ourselves, with precise errors), duplicate keys and aliases are errors, and every node keeps its line
and column so that later stages can point at it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import BaseResolver

from .errors import Problem

#: Largest article file we read; a bigger one is almost certainly a mistake (or an attack).
MAX_FILE_BYTES = 1024 * 1024

Loc = tuple[str | int, ...]


class _Resolver(BaseResolver):
    """YAML 1.2-like: only true/false, null and decimal integers are not strings.

    YAML 1.1 turns `no` (Norwegian) into False and `2024-02-30` into a crash; an editor means text.
    """


_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

try:  # libyaml's parser when PyYAML was built with it: same nodes and marks, much faster
    from yaml.cyaml import CParser as _Parser

    class _Loader(_Parser, yaml.constructor.SafeConstructor, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

except ImportError:  # pragma: no cover - pure-Python PyYAML

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        yaml.constructor.SafeConstructor,
        _Resolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)


@dataclass
class Document:
    """A parsed YAML file with the position of every value and every key."""

    path: str
    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Return (line, column) of the value at loc, or of its key, or of its nearest parent."""
        table = self.key_marks if key else self.marks
        for end in range(len(loc), -1, -1):
            sub = loc[:end]
            if sub in table:
                return table[sub]
            if sub in self.marks:
                return self.marks[sub]
        return (1, 1)

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, column = self.where(loc, key=key)
        return Problem(self.path, line, column, format_loc(loc), message)


def format_loc(loc: Loc) -> str:
    """Write a location the way an editor reads YAML: `timeline[2].date`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Build:
    def __init__(self, doc: Document, loader: _Loader) -> None:
        self.doc = doc
        self.loader = loader
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def value(self, node: yaml.Node, loc: Loc) -> Any:
        self.doc.marks[loc] = self._mark(node)
        if id(node) in self.seen:
            self.problems.append(self.doc.problem(loc, "YAML anchors and aliases are not supported; write the value out"))
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*loc, i)) for i, item in enumerate(node.value)]
        if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
            self.problems.append(self.doc.problem(loc, f"unsupported YAML tag {node.tag!r}; write plain text"))
            return None
        value = self.loader.construct_object(node, deep=True)
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:null":
                line, column = self._mark(key_node)
                self.problems.append(Problem(self.doc.path, line, column, format_loc(loc), "keys must be plain text"))
                continue
            key = unicodedata.normalize("NFC", str(key_node.value))
            key_loc = (*loc, key)
            if key in out:
                line, column = self._mark(key_node)
                first = self.doc.key_marks[key_loc][0]
                self.problems.append(
                    Problem(self.doc.path, line, column, format_loc(key_loc), f"duplicate key (first defined on line {first}); keep one")
                )
                continue
            self.doc.key_marks[key_loc] = self._mark(key_node)
            out[key] = self.value(value_node, key_loc)
        return out


def parse_yaml(raw: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse bytes of one YAML file; return the document (None when unreadable) and its problems."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, "", f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(path, line, column, "", f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")]
    doc = Document(path, None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(filter(None, [exc.context, exc.problem]))
        return None, [Problem(path, line, column, "", f"YAML syntax error: {message}")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, "", f"YAML syntax error: {exc}")]
    finally:
        loader.dispose()
    if node is None:
        doc.data = {}
        return doc, []
    build = _Build(doc, loader)
    doc.data = build.value(node, ())
    return doc, build.problems


def read_yaml(file: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file from disk."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, 1, "", f"cannot read file: {exc.strerror}")]
    return parse_yaml(raw, display)
