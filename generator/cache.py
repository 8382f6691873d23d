"""EDGE: the build cache in .build/cache/: each article's checked model and its rendered pages.

The model is one file per article folder (articles/<name>.pickle): two pickles, the entry's key with the article's
brief (brief.py), then the model, so that `make site` reads the brief alone; each page is a file of its own
(pages/<locale>/<name>.md, the entry's key on its first line), so that the worker rendering a locale
reads and writes its pages without the other locales' pages, or any page, passing through one process.

An entry is used only when its key matches: a hash of the article folder's files and of everything
else its pages depend on (the generator's code and templates, the catalogs, mkdocs.yml, locales.yml,
the Python and library versions). Any changed byte is a miss, and a miss is an ordinary build, so the
cache can be deleted at any time (`make clean`). It makes a rebuild after an edit re-read and re-render
only the articles that changed: the others cost one unpickling.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .brief import Brief, brief
from .config import Project
from .document import MAX_FILE_BYTES
from .errors import BuildError
from .load import IMAGE_SUFFIXES, read_regular
from .model import MAX_IMAGE_BYTES, Article
from .write import describe, write_atomic

#: Bump when the layout of an entry changes.
FORMAT = 3
#: The libraries whose behaviour shapes a page (formatting, escaping, parsing, validation).
LIBRARIES = ("babel", "jinja2", "markupsafe", "pydantic", "pydantic-core", "pyyaml", "regex", "pyicu-wheels", "pillow")


def _update(digest: hashlib._Hash, name: str, data: bytes) -> None:
    digest.update(f"{name}\0{len(data)}\0".encode())
    digest.update(data)


def add_versions(digest: hashlib._Hash, libraries: tuple[str, ...]) -> None:
    """The installed version of each library (or that it is missing) into a key."""
    for lib in libraries:
        try:
            digest.update(f"{lib}={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{lib}=none\0".encode())


def environment_key(project: Project) -> str:
    """A hash of what every page depends on besides its article's own files."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}".encode())
    add_versions(digest, LIBRARIES)
    code = Path(__file__).resolve().parent
    # Named relative to their folder, not by absolute path: a moved or copied checkout keeps its cache.
    files = [("generator/" + p.relative_to(code).as_posix(), p) for p in code.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    project_files = [project.root / "mkdocs.yml", project.locales_dir / "locales.yml", *project.locales_dir.glob("*/LC_MESSAGES/*.mo")]
    files += [(p.relative_to(project.root).as_posix(), p) for p in project_files]
    for name, path in sorted(files):
        if path.is_file():
            _update(digest, name, path.read_bytes())
    return digest.hexdigest()


def folder_key(environment: str, folder: Path) -> str:
    """The key of one article: the environment and every file of its folder.

    Read as validation reads them: links are not followed, pipes and devices not opened, and no file is read
    past the size limit (validation refuses all of those, so such a folder never has an entry to match).
    """
    digest = hashlib.sha256(environment.encode())
    try:
        entries = sorted((path, path.lstat().st_mode) for path in folder.iterdir())
    except OSError as exc:  # validation reports the folder
        _update(digest, "", f"unreadable {exc.errno}".encode())
        return digest.hexdigest()
    for path, mode in entries:
        if not stat.S_ISREG(mode):
            _update(digest, path.name, f"mode {stat.S_IFMT(mode):o}".encode())
            continue
        try:  # an image is read to its own limit: a change past the first MiB is a change
            data = read_regular(path, MAX_IMAGE_BYTES if path.suffix.lower() in IMAGE_SUFFIXES else MAX_FILE_BYTES)
        except OSError as exc:  # replaced meanwhile by something else: a miss, and validation says what
            data = f"unreadable {exc.errno}".encode()
        _update(digest, path.name, data)
    return digest.hexdigest()


@dataclass
class Entry:
    """What the cache keeps of one article folder: the pages (by locale) are stored beside it, read with `page`."""

    key: str
    article: Article
    pages: dict[str, bytes] = field(default_factory=dict)


class BuildCache:
    """Entries by article folder name, read from and written to one folder."""

    def __init__(self, folder: Path, environment: str) -> None:
        self.folder = folder
        self.pages_folder = folder.parent / "pages"
        self.environment = environment
        #: The entries `get` found current, by folder name: `save` need not write them again.
        self.hits: dict[str, Entry] = {}

    @classmethod
    def for_project(cls, project: Project) -> BuildCache:
        return cls(project.root / ".build" / "cache" / "articles", environment_key(project))

    def _file(self, name: str) -> Path:
        return self.folder / f"{name}.pickle"

    def _page_file(self, name: str, code: str) -> Path:
        return self.pages_folder / code / f"{name}.md"

    def get(self, name: str, key: str) -> Entry | None:
        article = self.article(name, key)
        if article is None:
            return None
        self.hits[name] = entry = Entry(key, article)
        return entry

    def brief(self, name: str, key: str) -> Brief | None:
        """The brief of article folder `name`, if checked from the files whose key is `key`: its first pickle only."""
        try:
            with self._file(name).open("rb") as fd:
                stored, found = pickle.load(fd)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None  # missing, or written by another version of the code: a miss
        return found if stored == key and isinstance(found, Brief) else None

    def article(self, name: str, key: str) -> Article | None:
        """The checked model of article folder `name`, if checked from the files whose key is `key`."""
        try:
            with self._file(name).open("rb") as fd:
                stored, _ = pickle.load(fd)
                if stored != key:
                    return None
                found = pickle.load(fd)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None
        return found if isinstance(found, Article) else None

    def page(self, name: str, code: str, key: str) -> bytes | None:
        """The page of article folder `name` in locale `code`, if it was rendered from the files whose key is `key`."""
        try:
            data = self._page_file(name, code).read_bytes()
        except OSError:
            return None
        head, sep, page = data.partition(b"\n")
        return page if sep and head.decode("ascii", "replace") == key else None

    def put_page(self, name: str, code: str, key: str, page: bytes) -> None:
        """Store one rendered page with the key of the files it was rendered from."""
        _write(self._page_file(name, code), key.encode("ascii") + b"\n" + page)

    def _record_file(self, name: str, code: str) -> Path:
        return self.folder.parent / "records" / code / f"{name}.pickle"

    def record(self, name: str, code: str, key: str) -> object | None:
        """The list record (render/records.py) of article folder `name` in locale `code`, if made from the files whose
        key is `key`: what the list pages show of an article, without localizing it again."""
        try:
            with self._record_file(name, code).open("rb") as fd:
                stored, record = pickle.load(fd)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None
        return record if stored == key else None

    def put_record(self, name: str, code: str, key: str, record: object) -> None:
        _write(self._record_file(name, code), pickle.dumps((key, record), protocol=pickle.HIGHEST_PROTOCOL))

    def list_pages(self, code: str) -> dict[str, tuple[str, str]]:
        """The list pages of a locale the last build made: docs/ path → (digest of its inputs, SHA-256 of its bytes)."""
        try:
            data = json.loads((self.folder.parent / "lists" / f"{code}.json").read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("environment") != self.environment or not isinstance(data.get("pages"), dict):
            return {}
        return {
            path: (v[0], v[1])
            for path, v in data["pages"].items()
            if isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)
        }

    def put_list_pages(self, code: str, pages: dict[str, tuple[str, str]]) -> None:
        data = {"environment": self.environment, "pages": {path: list(v) for path, v in sorted(pages.items())}}
        _write(self.folder.parent / "lists" / f"{code}.json", json.dumps(data, indent=0).encode())

    def card_specs(self) -> dict[str, object]:
        """What each article's share card shows in each locale, by `<entry key>|<locale>` (see build.card_files): an
        unchanged article's card is found without localizing the article again."""
        try:
            with (self.folder.parent / "card-specs.pickle").open("rb") as fd:
                specs = pickle.load(fd)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return {}
        return specs if isinstance(specs, dict) else {}

    def put_card_specs(self, specs: dict[str, object]) -> None:
        _write(self.folder.parent / "card-specs.pickle", pickle.dumps(specs, protocol=pickle.HIGHEST_PROTOCOL))

    def put(self, name: str, entry: Entry) -> None:
        """Write an entry atomically (a temporary file renamed into place); its pages go to files of their own."""
        for code, page in entry.pages.items():
            self.put_page(name, code, entry.key, page)
        head = pickle.dumps((entry.key, brief(entry.article)), protocol=pickle.HIGHEST_PROTOCOL)
        _write(self._file(name), head + pickle.dumps(entry.article, protocol=pickle.HIGHEST_PROTOCOL))

    def save(self, entries: dict[str, Entry], pages: dict[str, dict[str, bytes]] | None = None) -> None:
        """Store this build's entries (by folder name), with their pages (by folder name, then locale) unless the
        renderers stored those already (`put_page`); forget the others."""
        for name, entry in entries.items():
            if self.hits.get(name) is not entry:
                self.put(name, Entry(entry.key, entry.article))
            if pages is not None:
                for code, page in pages.get(name, {}).items():
                    if self.page(name, code, entry.key) != page:
                        self.put_page(name, code, entry.key, page)
        self.prune(entries.keys())

    def prune(self, names: Iterable[str]) -> None:
        """Forget every article folder but these: its model, pages and records."""
        keep = set(names)
        for folder, pattern in ((self.folder, "*.pickle"), (self.pages_folder, "*/*.md"), (self.folder.parent / "records", "*/*.pickle")):
            if folder.is_dir():
                for path in folder.glob(pattern):
                    if path.stem not in keep:
                        path.unlink(missing_ok=True)


def _write(path: Path, data: bytes) -> None:
    """One file of the cache, whole or not at all; a full disk is one line naming the file, as for docs/ (the build
    writes the cache before it swaps docs/ in, so docs/ is as it was)."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise BuildError(f"cannot write the build cache: {describe(exc, path)}; docs/ is unchanged") from None
