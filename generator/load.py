"""EDGE: read article files. The only place bytes are read from disk (document.py turns them into text).

Files are opened without following links and without blocking, and read no further than the size limit.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .document import MAX_FILE_BYTES, Document, parse_yaml
from .errors import Problem
from .model import MAX_IMAGE_BYTES

#: Files of an article folder read as images (bytes, up to MAX_IMAGE_BYTES): the formats we take and those an editor
#: might try, so that a figure in another format is told why it is refused rather than that its file is missing.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".bmp", ".tif", ".tiff", ".svg", ".heic", ".heif", ".jxl")


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
