"""EDGE: read article files. The only place bytes become text.

Files are opened without following links and without blocking, and read no further than the size limit.
YAML is read with a strict loader: every string is NFC-normalised, dates stay strings (we parse them
ourselves, with precise errors), duplicate keys and aliases are errors, control characters and
unbalanced bidirectional controls are errors (in keys too), and every node keeps its line and column
so that later stages can point at it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import BaseResolver

from .errors import Problem

#: Largest article file we read; a bigger one is almost certainly a mistake (or an attack).
MAX_FILE_BYTES = 1024 * 1024
#: Largest image we read: a newsroom photograph at full resolution is 2-8 MB; the page gets smaller copies anyway.
MAX_IMAGE_BYTES = 10 * 1024 * 1024
#: Files of an article folder read as images (bytes, up to MAX_IMAGE_BYTES): the formats we take and those an editor
#: might try, so that a figure in another format is told why it is refused rather than that its file is missing.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".bmp", ".tif", ".tiff", ".svg", ".heic", ".heif", ".jxl")
#: Longest whole number we convert: far beyond any limit of the model, far below Python's 4300 digits.
MAX_INT_DIGITS = 100
#: Deepest nesting we read: the data is a few levels deep, and libyaml allows a thousand.
MAX_DEPTH = 40

Loc = tuple[str | int, ...]


class _Resolver(BaseResolver):
    """YAML 1.2-like: only true/false, null and decimal integers are not strings.

    YAML 1.1 turns `no` (Norwegian) into False and `2024-02-30` into a crash; an editor means text.
    """


_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

try:  # libyaml's parser when PyYAML was built with it: same nodes and marks, much faster
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]  # types-PyYAML does not re-export it

    class _Loader(_Parser, yaml.constructor.SafeConstructor, _Resolver):
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

    def positions(self) -> Document:
        """The document's places without its data: what later stages (lint, status) need to point at a text."""
        return Document(self.path, None, self.marks, self.key_marks)


def format_loc(loc: Loc) -> str:
    """Write a location the way an editor reads YAML: `timeline[2].date`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- characters that are not text ------------------------------------------------------------------

#: Names of the control characters (Unicode's aliases: unicodedata has none for them).
# fmt: off
_C0 = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE", "ALERT",
    "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
    "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)
_C1 = (
    "PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE", "NO BREAK HERE", "INDEX", "NEXT LINE",
    "START OF SELECTED AREA", "END OF SELECTED AREA", "CHARACTER TABULATION SET", "CHARACTER TABULATION WITH JUSTIFICATION",
    "LINE TABULATION SET", "PARTIAL LINE FORWARD", "PARTIAL LINE BACKWARD", "REVERSE LINE FEED", "SINGLE SHIFT TWO",
    "SINGLE SHIFT THREE", "DEVICE CONTROL STRING", "PRIVATE USE ONE", "PRIVATE USE TWO", "SET TRANSMIT STATE",
    "CANCEL CHARACTER", "MESSAGE WAITING", "START OF GUARDED AREA", "END OF GUARDED AREA", "START OF STRING",
    "SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER", "CONTROL SEQUENCE INTRODUCER", "STRING TERMINATOR",
    "OPERATING SYSTEM COMMAND", "PRIVACY MESSAGE", "APPLICATION PROGRAM COMMAND",
)
# fmt: on
#: What a value may not contain: C0 controls but tab and line feed, DEL, C1 controls, surrogates, noncharacters,
#: and the bidirectional controls (embeddings and overrides refused, isolates balanced). Characters beyond the
#: BMP have their own pattern: in one character class they make every search ten times slower.
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL_NONCHARACTERS = tuple(chr(plane << 16 | last) for plane in range(1, 17) for last in (0xFFFE, 0xFFFF))
_SUSPECT_ASTRAL = re.compile(f"[{''.join(_ASTRAL_NONCHARACTERS)}]")


def _has_astral_noncharacter(text: str) -> bool:
    """`in` answers at once for text without characters beyond the BMP (Python stores it narrower)."""
    return any(c in text for c in _ASTRAL_NONCHARACTERS)


#: What the YAML reader itself refuses in a file (it would stop at the first, at line 1, column 1).
_RAW_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_ISOLATES = "\u2066\u2067\u2068"
_PDI = "\u2069"


def describe(char: str) -> str:
    """A character as an editor can look it up: «U+202E RIGHT-TO-LEFT OVERRIDE»."""
    code = ord(char)
    if code < 0x20:
        name = _C0[code]
    elif code == 0x7F:
        name = "DELETE"
    elif 0x80 <= code <= 0x9F:
        name = _C1[code - 0x80]
    else:
        name = unicodedata.name(char, "")
    return f"U+{code:04X} {name}".rstrip()


def _refusal(char: str) -> str:
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"{describe(char)} is a control character, not text (tab and line break are the only ones allowed); remove it"
    if 0x202A <= code <= 0x202E:
        return (
            f"{describe(char)} is not allowed: embedding and override controls (U+202A to U+202E) change the order in which "
            "the text around them is shown, so that it can read otherwise than it is written; remove it (the pages isolate "
            "text of another direction themselves), or use an isolate (U+2066, U+2067 or U+2068) closed by U+2069 in the same text"
        )
    shown = f"U+{code:04X}" if 0xD800 <= code <= 0xDFFF else describe(char)
    return f"{shown} is not a character but a code reserved by Unicode; remove it"


def text_problem(text: str) -> tuple[int, str] | None:
    """The index of the first refused character of a value and why; None when every character is acceptable.

    Embedding and override controls are refused; isolates only when each is closed (by U+2069) in the same text,
    so that no value can change the direction of the page around it.
    """
    matches = list(_SUSPECT.finditer(text))
    if _has_astral_noncharacter(text):
        matches = sorted(matches + list(_SUSPECT_ASTRAL.finditer(text)), key=lambda m: m.start())
    opened: list[int] = []
    for match in matches:
        char, at = match.group(), match.start()
        if char in _ISOLATES:
            opened.append(at)
        elif char == _PDI:
            if not opened:
                return at, (
                    f"{describe(char)} closes no isolate: there is no U+2066, U+2067 or U+2068 before it in the same text; remove it"
                )
            opened.pop()
        else:
            return at, _refusal(char)
    if opened:
        at = opened[0]
        return at, (
            f"{describe(text[at])} is not closed by U+2069 POP DIRECTIONAL ISOLATE in the same text, so it would change "
            "the direction of everything after it; close it or remove it"
        )
    return None


def _line_column(text: str, index: int) -> tuple[int, int]:
    """Line and column (from 1, in characters) of an index of a text."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# --- YAML nodes to values ---------------------------------------------------------------------------


class _Build:
    def __init__(self, doc: Document, loader: _Loader, text: str) -> None:
        self.doc = doc
        self.loader = loader
        self.text = text
        self.seen: set[int] = set()
        self.problems: list[Problem] = []
        #: Where an alias was used, in document order (the composer keeps only the anchor's position).
        self.aliases: list[Loc] = []
        self.built: dict[int, Any] = {}
        #: Whether any value can hold a refused character: one is typed, or escapes (`\\e`) could write one.
        self.suspect = "\\" in text or _SUSPECT.search(text) is not None or _has_astral_noncharacter(text)

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _checked(self, node: yaml.Node, value: str, loc: Loc, *, key: bool = False) -> str:
        """NFC, and a problem where a character is refused: at the character itself when it is typed, not escaped."""
        value = unicodedata.normalize("NFC", value)
        found = text_problem(value) if self.suspect else None
        if found is not None:
            at, message = found
            line, column = self._mark(node)
            source = self.text[node.start_mark.index : node.end_mark.index]
            nth, start = value.count(value[at], 0, at), -1
            for _ in range(nth + 1):
                start = source.find(value[at], start + 1)
                if start < 0:
                    break
            if start >= 0:
                line, column = _line_column(self.text, node.start_mark.index + start)
            if key:  # the key becomes part of messages: show refused characters as escapes, never raw
                value = "".join(c if text_problem(c) is None and c.isprintable() else f"\\u{ord(c):04x}" for c in value)
                loc = (*loc[:-1], value)
            self.problems.append(Problem(self.doc.path, line, column, format_loc(loc), message))
        return value

    def value(self, node: yaml.Node, loc: Loc) -> Any:
        self.doc.marks[loc] = self._mark(node)
        if len(loc) > MAX_DEPTH:  # deeper than any data of ours, and Python's stack is not endless
            if len(loc) == MAX_DEPTH + 1:
                self.problems.append(self.doc.problem(loc, f"nested more than {MAX_DEPTH} levels deep; no field of the data is"))
            return None
        if id(node) in self.seen:
            self.aliases.append(loc)
            # A text or number: the anchor's value, so that the alias is the one problem reported here. Never a list or
            # a group, which nested aliases could make exponentially large to validate ("billion laughs").
            return self.built.get(id(node)) if isinstance(node, yaml.ScalarNode) else None
        self.seen.add(id(node))
        value = self._value(node, loc)
        self.built[id(node)] = value
        return value

    def _value(self, node: yaml.Node, loc: Loc) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*loc, i)) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:int":
            # Decimal, as the resolver matched it: SafeConstructor would read `09` as octal (and fail), and Python
            # refuses to convert over 4300 digits (with a traceback). Longer digits stay text, which no number field takes.
            return int(node.value, 10) if len(node.value) <= MAX_INT_DIGITS else node.value
        if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
            self.problems.append(self.doc.problem(loc, f"unsupported YAML tag {node.tag!r}; write plain text"))
            return None
        value = self.loader.construct_object(node, deep=True)
        return self._checked(node, value, loc) if isinstance(value, str) else value

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:null":
                line, column = self._mark(key_node)
                self.problems.append(Problem(self.doc.path, line, column, format_loc(loc), "keys must be plain text"))
                continue
            key = self._checked(key_node, str(key_node.value), (*loc, ""), key=True)
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

    def alias_problems(self) -> list[Problem]:
        """One problem per alias, at the alias (`*name`), found again in the events of the file."""
        if not self.aliases:
            return []
        events = yaml.parse(self.text, Loader=_Loader)  # type: ignore[arg-type]  # stubs list only PyYAML's own loaders
        marks = [e.start_mark for e in events if isinstance(e, yaml.AliasEvent) and e.start_mark is not None]
        problems = []
        for i, loc in enumerate(self.aliases):
            if i < len(marks):
                self.doc.marks[loc] = (marks[i].line + 1, marks[i].column + 1)
            line, column = self.doc.where(loc)
            message = "YAML anchors and aliases are not supported; write the value out"
            problems.append(Problem(self.doc.path, line, column, format_loc(loc), message))
        return problems


def _syntax_problem(text: str, path: str, line: int, column: int, message: str) -> Problem:
    """A YAML syntax error, said plainly where the cause is a tab in the indentation."""
    lines = text.split("\n")
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = current[: len(current) - len(current.lstrip(" \t"))]
    if "\t" in indent and column <= len(indent) + 1:
        message = "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"
        return Problem(path, line, indent.index("\t") + 1, "", message)
    return Problem(path, line, column, "", f"YAML syntax error: {message}")


def parse_yaml(raw: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse bytes of one YAML file; return the document (None when unreadable) and its problems."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, "", f"file is more than {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        before = raw[start : exc.start].decode("utf-8-sig" if start == 0 else "utf-8")  # valid: the error is the first
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(path, line, len(before) + 1, "", f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")]
    refused = [m.start() for m in _RAW_REFUSED.finditer(text)]
    if refused:
        problems = [Problem(path, *_line_column(text, at), "", _refusal(text[at])) for at in refused[:20]]
        if len(refused) > 20:
            problems.append(Problem(path, *_line_column(text, refused[20]), "", f"and {len(refused) - 20:,} more such characters"))
        return None, problems
    doc = Document(path, None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(filter(None, [exc.context, exc.problem]))
        return None, [_syntax_problem(text, path, line, column, message)]
    except yaml.reader.ReaderError as exc:
        return None, [Problem(path, *_line_column(text, exc.position), "", f"YAML syntax error: {exc.reason}")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, "", f"YAML syntax error: {exc}")]
    finally:
        loader.dispose()
    if node is None:
        doc.data = {}
        return doc, []
    build = _Build(doc, loader, text)
    doc.data = build.value(node, ())
    return doc, build.problems + build.alias_problems()


# --- files ------------------------------------------------------------------------------------------


def kind_of(mode: int) -> str:
    """What a file system entry is, in words, for an error message."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


#: A link could lead outside the repository (and make would not see edits behind it), a device never ends, a pipe may
#: never answer: the data is read from regular files only.
NOT_REGULAR = (
    "is {kind}, not a regular file; the project's data is read from real files and folders only "
    "(no links, pipes or devices): put the file itself here"
)


def read_regular(file: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most limit + 1 bytes of a regular file, opened without following a link or waiting on a pipe.

    Raise OSError otherwise (ELOOP for a link, EINVAL for anything else that is not a regular file):
    a link could lead outside the repository, a device never ends and a pipe never answers.
    """
    fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, kind_of(os.fstat(fd).st_mode))
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_yaml(file: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file from disk; never its content in a message when it is not a regular file."""
    try:
        mode = os.lstat(file).st_mode
        if not stat.S_ISREG(mode):
            return None, [Problem(display, 1, 1, "", NOT_REGULAR.format(kind=kind_of(mode)))]
        raw = read_regular(file)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, [Problem(display, 1, 1, "", NOT_REGULAR.format(kind="a symbolic link"))]
        if exc.errno == errno.EINVAL:
            return None, [Problem(display, 1, 1, "", NOT_REGULAR.format(kind=exc.strerror))]
        return None, [Problem(display, 1, 1, "", f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(display, 1, 1, "", f"file is {_size(file, len(raw))} bytes; the limit is {MAX_FILE_BYTES:,} bytes")]
    return parse_yaml(raw, display)


def read_image(file: Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of an image file, read as YAML files are (no links, pipes or devices) and no further than MAX_IMAGE_BYTES."""
    try:
        raw = read_regular(file, MAX_IMAGE_BYTES)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, [Problem(display, 1, 1, "", NOT_REGULAR.format(kind="a symbolic link"))]
        if exc.errno == errno.EINVAL:
            return None, [Problem(display, 1, 1, "", NOT_REGULAR.format(kind=exc.strerror))]
        return None, [Problem(display, 1, 1, "", f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_IMAGE_BYTES:
        size = _size(file, len(raw), MAX_IMAGE_BYTES)
        message = (
            f"image is {size} bytes; the limit is {MAX_IMAGE_BYTES:,} bytes: save it smaller (the page shows at most 1600 pixels wide)"
        )
        return None, [Problem(display, 1, 1, "", message)]
    return raw, []


def _size(file: Path, read: int, limit: int = MAX_FILE_BYTES) -> str:
    try:
        size = os.lstat(file).st_size
    except OSError:
        size = 0
    return f"{size:,}" if size >= read else f"more than {limit:,}"


# --- article folders ------------------------------------------------------------------------------

#: The language-neutral file of an article folder; the others are `<locale>.yaml`.
ARTICLE_FILE = "article.yaml"


#: File names make and the shell take as they are: a space, a colon or a `$` in a name breaks make's rules.
SAFE_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"


def scan_folder(folder: Path, shown: str) -> tuple[list[Path], list[Problem]]:
    """The regular files of an article folder, without following links; problems for what cannot be in it.

    Hidden entries (an editor's swap file, .DS_Store) are skipped; subfolders are not read.
    """
    files, problems = [], []
    try:
        entries = sorted((path, path.lstat().st_mode) for path in folder.iterdir() if not path.name.startswith("."))
    except OSError as exc:
        return [], [Problem(shown, 1, 1, "", f"cannot read the folder: {exc.strerror}")]
    for path, mode in entries:
        where = f"{shown}/{printable(path.name)}"
        if stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            problems.append(Problem(where, 1, 1, "", NOT_REGULAR.format(kind=kind_of(mode))))
        elif not re.fullmatch(SAFE_NAME, path.name):
            expected = "ASCII letters, digits, '.', '-' and '_', like 'hi.yaml'"
            problems.append(Problem(where, 1, 1, "", unsafe_name(path.name, "file", "[A-Za-z0-9._-]", expected)))
        elif stat.S_ISREG(mode):
            files.append(path)
        elif path.name == ARTICLE_FILE:
            problems.append(Problem(where, 1, 1, "", NOT_REGULAR.format(kind=kind_of(mode))))
    return files, problems


def printable(name: str) -> str:
    """A file name fit to print: characters that are not printable shown as escapes, never sent to the terminal."""
    return name if name.isprintable() else ascii(name)[1:-1]


def unsafe_name(name: str, what: str, allowed: str, expected: str) -> str:
    """Say which characters of a name are the trouble («a space», «':'»); `allowed` is a regex character class."""
    bad = sorted({c for c in name if not re.fullmatch(allowed, c)})
    said = f" (because of {', '.join('a space' if c == ' ' else repr(c) for c in bad)})" if bad else ""
    return f"unsafe {what} name {name!r}{said}: use {expected}; rename it"


@dataclass(frozen=True)
class ArticleFiles:
    """An article folder as read from disk: its parsed files, ready for validation (which reads nothing)."""

    #: The folder's name (the article's slug when all is well) and its path as messages show it.
    name: str
    shown: str
    article: Document | None
    #: `<stem>.yaml` documents by stem (a locale code, if the name is right).
    texts: dict[str, Document]
    #: The names of every entry in the folder, read or refused: so that «missing» is said only of what is missing.
    present: frozenset[str]
    #: What went wrong while reading: unsafe names, links and devices, unreadable files, YAML syntax.
    problems: tuple[Problem, ...]
    #: The bytes of each image file (IMAGE_SUFFIXES) by file name, read safely: validation decodes those of the figures.
    images: dict[str, bytes] = field(default_factory=dict)


def read_article_folder(folder: Path, shown: str) -> ArticleFiles:
    """Read and parse every file of one article folder, safely (see read_yaml)."""
    name = folder.name
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name):
        expected = "lower-case ASCII letters, digits and single hyphens, like 'kursk-offensive'"
        where = f"{shown.rsplit('/', 1)[0]}/{printable(name)}" if "/" in shown else printable(name)
        return ArticleFiles(
            name,
            shown,
            None,
            {},
            frozenset({ARTICLE_FILE}),
            (Problem(where, 1, 1, "", unsafe_name(name, "folder", "[a-z0-9-]", expected)),),
        )
    files, problems = scan_folder(folder, shown)
    try:
        present = frozenset(p.name for p in folder.iterdir())
    except OSError:
        present = frozenset()
    article: Document | None = None
    texts: dict[str, Document] = {}
    images: dict[str, bytes] = {}
    for file in files:
        if file.suffix.lower() in IMAGE_SUFFIXES:
            data, found = read_image(file, f"{shown}/{file.name}")
            problems += found
            if data is not None:
                images[file.name] = data
            continue
        if file.suffix != ".yaml":
            continue
        doc, found = read_yaml(file, f"{shown}/{file.name}")
        problems += found
        if doc is None:
            continue
        if file.name == ARTICLE_FILE:
            article = doc
        else:
            texts[file.stem] = doc
    return ArticleFiles(name, shown, article, texts, present, tuple(problems), images)


def article_folders(articles_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The article folders under articles/, sorted; a link or device there is a problem, a plain file is skipped."""
    if articles_dir.is_symlink():  # make watches articles/ itself: edits behind a link would never rebuild the site
        return [], [
            Problem(
                "articles",
                1,
                1,
                "",
                "is a symbolic link, not a folder; the articles are read from the repository's own articles/ folder "
                "(make and `make serve` watch it for edits): move the folder here instead of linking it",
            )
        ]
    try:
        entries = sorted((path, path.lstat().st_mode) for path in articles_dir.iterdir() if not path.name.startswith("."))
    except FileNotFoundError:
        return [], [Problem("articles", 1, 1, "", "folder is missing")]
    except OSError as exc:
        return [], [Problem("articles", 1, 1, "", f"cannot read the folder: {exc.strerror}")]
    folders, problems = [], []
    for path, mode in entries:
        if stat.S_ISREG(mode):
            continue  # a file beside the articles (a README): not read
        if stat.S_ISDIR(mode):
            folders.append(path)
        else:  # a link could publish a folder from outside the repository (that make would never watch)
            problems.append(Problem(f"articles/{printable(path.name)}", 1, 1, "", NOT_REGULAR.format(kind=kind_of(mode))))
    return folders, problems
