"""Gather all data first, then write: nothing reaches docs/ unless every article is valid."""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .brief import Brief, brief
from .cache import BuildCache
from .cards import CardJob, CardSpec, Deferred, card_image, card_spec, make_cards
from .config import EPOCH_FILE, ROOT_DIR, Project
from .errors import ConfigError
from .figures import FigureCache, derivatives
from .fonts import FONT_CSS, NAMES_DIR, NamesFace, font_css, names_faces
from .gather import Gathered, build_time, gather, gather_briefs, model
from .l10n import load_translations
from .locales import L10n
from .localize import LocalizedArticle
from .model import Article
from .parallel import fork_map
from .publication import in_preview, next_publication, on_site
from .render.article import render_article
from .render.feed import render_feed
from .render.glossary import render_glossary
from .render.guide import render_guide
from .render.home import render_home
from .render.mkdocs_config import render_mkdocs_config
from .render.page import Site
from .render.records import ListPage, ListRecord, list_record
from .render.root import render_headers, render_root
from .render.search import render_search
from .render.sitemap import render_sitemap
from .render.timeline import render_site_timeline
from .schema import SCHEMA_DIR, schema_files
from .shards import assign, dumps, shard_size, shards_file
from .workflow import interface_problems
from .write import Stage, write_tree

log = logging.getLogger(__name__)


def make_site(project: Project) -> Site:
    """Load every locale's catalog: formatters for the renderers."""
    return Site(
        project,
        {loc.code: L10n(loc, load_translations(project.locales_dir, loc.code)) for loc in project.locales},
    )


class Earlier:
    """Where the rendering of a locale finds what an earlier build made, and keeps what it makes: nothing (this base:
    every page is rendered), the build cache on disk (`make site`: _CacheLookups) or memory (`make serve`: ListMemo).

    A list page is looked up by the digest of its inputs under `environment` (the generator, catalogs and settings
    it was rendered with: the cache's key of them; one process's memory needs none)."""

    environment = ""

    def page(self, article: Article | Brief) -> bytes | None:
        return None

    def record(self, article: Article | Brief) -> ListRecord | None:
        return None

    def list_page(self, path: str, digest: str) -> bytes | None:
        """The bytes of a list page made from inputs of this digest, or None: then it is rendered."""
        return None

    def keep_page(self, article: Article | Brief, page: bytes) -> None:
        pass

    def keep_record(self, article: Article | Brief, record: ListRecord) -> None:
        pass

    def keep_card(self, article: Article | Brief, spec: CardSpec) -> None:
        """What the article's share card shows in this locale, made from the view its page was rendered from."""

    def keep_list_page(self, path: str, digest: str, data: bytes) -> None:
        pass


@dataclass
class Rendered:
    """What a build rendered, rather than took from the cache or docs/: the editor's measure of its cost."""

    articles: int = 0
    lists: int = 0
    list_pages: int = 0

    def __add__(self, other: Rendered) -> Rendered:
        return Rendered(self.articles + other.articles, self.lists + other.lists, self.list_pages + other.list_pages)

    def __str__(self) -> str:
        return f"rendered {self.articles} article page(s) and {self.lists} of {self.list_pages} list page(s)"


#: How a locale's worker gets the model of an article the build holds only the brief of (from the build cache).
Load = Callable[[Brief], Article]


def locale_files(
    site: Site,
    articles: Sequence[Article | Brief],
    code: str,
    names: tuple[NamesFace, ...],
    earlier: Earlier,
    rendered: Rendered,
    load: Load | None = None,
) -> Iterator[tuple[str, bytes]]:
    """Every generated file of one locale, one at a time: the one way they are made, by `make site` and `make serve`.

    An article whose page and list record `earlier` has is not localized, nor loaded when only its brief is given;
    a list page whose inputs (the records it shows, its place in the list) are those of a page `earlier` has is not
    rendered. A worker streams them to disk without holding a locale's pages (1.6 GB at 10,000 explainers), and holds
    one article at a time.
    """
    l10n = site.l10n[code]
    shown = [a for a in articles if site.editions.shows(a, code)]  # a locale may publish only its translated articles
    records: list[ListRecord] = []
    for item in shown:
        page, record = earlier.page(item), earlier.record(item)
        if page is None or record is None:
            article = item if isinstance(item, Article) else _load(load, item)
            view = site.localize(article, code)  # built once, read by the page, the record and the share card
            if page is None:
                page = article_page(site, view)
                rendered.articles += 1
                _collect_young(rendered.articles)
                earlier.keep_page(item, page)
                earlier.keep_card(item, card_spec(view, str(l10n.gettext("News explainers")), l10n.locale.lang, l10n.locale.direction))
            if record is None:
                record = list_record(site, l10n, view)
                earlier.keep_record(item, record)
        yield f"{code}/{item.slug}.md", page
        records.append(record)
    for path, file in _locale_files(site, shown, records, code, names).items():
        if not isinstance(file, ListPage):
            yield path, file
            continue
        digest = _digest(earlier.environment, file.inputs)
        data = earlier.list_page(path, digest)
        rendered.list_pages += 1
        if data is None:
            data = file.make().encode("utf-8")
            rendered.lists += 1
        earlier.keep_list_page(path, digest, data)
        yield path, data


#: Article pages rendered between two collections of the youngest objects (see _collect_young).
COLLECT_EVERY = 32


def _collect_young(rendered: int) -> None:
    """Free what rendering the last articles left in reference cycles, while the build keeps the cyclic collector off
    (build_docs): only the objects made since the last call are walked, not the records kept meanwhile. Without it, a
    locale's worker ended a full render at 10,000 explainers at 2.0 GB, against 1.1 GB for the records it keeps."""
    if rendered % COLLECT_EVERY == 0 and not gc.isenabled():
        gc.collect(0)


def _load(load: Load | None, item: Brief) -> Article:
    if load is None:
        raise TypeError(f"{item.folder}: an article given by its brief needs a way to load its model")
    return load(item)


def render_locale(
    site: Site,
    articles: list[Article],
    code: str,
    cached: Mapping[str, bytes] | None = None,
    names: tuple[NamesFace, ...] = (),
    earlier: Earlier | None = None,
) -> dict[str, bytes]:
    """The generated files of one locale, by relative path; `cached` holds article pages still valid."""
    return dict(locale_files(site, articles, code, names, earlier or _Pages(code, cached or {}), Rendered()))


class _Pages(Earlier):
    """Article pages still valid, by docs/ path: what `make serve` starts from."""

    def __init__(self, code: str, pages: Mapping[str, bytes]) -> None:
        self.code, self.pages = code, pages

    def page(self, article: Article | Brief) -> bytes | None:
        return self.pages.get(f"{self.code}/{article.slug}.md")


class ListMemo(_Pages):
    """What `make serve` keeps in memory between saves for one locale: each article's list record with the article
    it was made from (a saved article is a new object), and each list page with the digest of its inputs."""

    def __init__(self, code: str) -> None:
        super().__init__(code, {})
        self.records: dict[str, tuple[Article | Brief, ListRecord]] = {}
        self.lists: dict[str, tuple[str, bytes]] = {}

    def record(self, article: Article | Brief) -> ListRecord | None:
        found = self.records.get(article.folder)
        return found[1] if found is not None and found[0] is article else None

    def keep_record(self, article: Article | Brief, record: ListRecord) -> None:
        self.records[article.folder] = (article, record)

    def list_page(self, path: str, digest: str) -> bytes | None:
        found = self.lists.get(path)
        return found[1] if found is not None and found[0] == digest else None

    def keep_list_page(self, path: str, digest: str, data: bytes) -> None:
        self.lists[path] = (digest, data)


def article_page(site: Site, view: LocalizedArticle) -> bytes:
    """An article's page in the view's locale: the one way article pages are made, by `make site` and `make serve` alike."""
    return render_article(site, view, site.editions.translations(view.article, view.locale)).encode("utf-8")


def _locale_files(
    site: Site, shown: Sequence[Article | Brief], records: list[ListRecord], code: str, names: tuple[NamesFace, ...]
) -> dict[str, bytes | ListPage]:
    """Every file of a locale but the article pages: its list pages (not yet rendered) from the articles' records."""
    l10n = site.l10n[code]
    # The search index's shards, decided here: the search page merges them, `generator site` indexes each one.
    shards = assign(((f"{b.slug}/index.html", b.published.moment) for b in map(brief, shown)), shard_size())
    files: dict[str, str] = {
        f"mkdocs.{code}.yml": render_mkdocs_config(site, l10n),
        f"{code}/writing.md": render_guide(site, l10n),
        f"{code}/search.md": render_search(site, l10n, shards),
        f"{code}/{FONT_CSS}": font_css(l10n.locale, site.project.locales, names),
    }
    if len(shards) > 1:
        files[shards_file(code)] = dumps(shards)
    out: dict[str, bytes | ListPage] = {path: text.encode("utf-8") for path, text in files.items()}
    out.update(render_home(site, records, l10n))
    out.update(render_glossary(site, records, l10n))
    out.update(render_site_timeline(site, records, l10n))
    out.update({f"{code}/{NAMES_DIR}{face.file}": face.data for face in names})
    out[f"{code}/feed.xml"] = render_feed(site, records, l10n)
    return out


class _CacheLookups(Earlier):
    """The build cache (.build/cache/) and docs/ as `generator build` left them: pages and records under each
    article's key, list pages in docs/ under the digest of their inputs (and their bytes' hash, so that a page edited
    by hand or left by an interrupted build is rendered again)."""

    def __init__(self, cache: BuildCache, keys: Mapping[str, str], docs: Path, code: str) -> None:
        self.cache, self.keys, self.docs, self.code = cache, keys, docs, code
        self.environment = cache.environment
        self.last = cache.list_pages(code)
        self.made: dict[str, tuple[str, str]] = {}
        #: The share cards' specs of the articles rendered, by `<key>|<locale>` (see card_files).
        self.cards: dict[str, CardSpec] = {}

    def _key(self, article: Article | Brief) -> str | None:
        return self.keys.get(_name(article))

    def page(self, article: Article | Brief) -> bytes | None:
        key = self._key(article)
        return self.cache.page(_name(article), self.code, key) if key else None

    def record(self, article: Article | Brief) -> ListRecord | None:
        key = self._key(article)
        record = self.cache.record(_name(article), self.code, key) if key else None
        return record if isinstance(record, ListRecord) else None

    def keep_page(self, article: Article | Brief, page: bytes) -> None:
        if key := self._key(article):
            self.cache.put_page(_name(article), self.code, key, page)

    def keep_record(self, article: Article | Brief, record: ListRecord) -> None:
        if key := self._key(article):
            self.cache.put_record(_name(article), self.code, key, record)

    def keep_card(self, article: Article | Brief, spec: CardSpec) -> None:
        if key := self._key(article):
            self.cards[f"{key}|{self.code}"] = spec

    def list_page(self, path: str, digest: str) -> bytes | None:
        last = self.last.get(path)
        if last is None or last[0] != digest:
            return None
        try:
            data = (self.docs / path).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == last[1] else None

    def keep_list_page(self, path: str, digest: str, data: bytes) -> None:
        self.made[path] = (digest, hashlib.sha256(data).hexdigest())


@dataclass
class _Streamed:
    """What a locale's worker reports: every path it wrote to the stage, the changed ones, what it rendered rather
    than took from the cache or docs/, and the share cards' specs of the articles it rendered."""

    paths: list[str]
    changed: list[str]
    rendered: Rendered
    cards: dict[str, CardSpec]


def _stream_locale(
    site: Site,
    articles: Sequence[Article | Brief],
    code: str,
    names: tuple[NamesFace, ...],
    cache: BuildCache | None,
    keys: Mapping[str, str],
    stage: Stage,
    load: Load | None,
) -> _Streamed:
    """The files of a locale straight into the staged docs/, a file at a time. Runs in a worker per locale; no page
    crosses to another process, and an article given by its brief is loaded from the cache only to be rendered."""
    out = _Streamed([], [], Rendered(), {})
    earlier = _CacheLookups(cache, keys, site.project.docs_dir, code) if cache is not None else Earlier()
    for path, data in locale_files(site, articles, code, names, earlier, out.rendered, load):
        out.paths.append(path)
        if stage.put(path, data):
            out.changed.append(path)
    if isinstance(earlier, _CacheLookups):
        earlier.cache.put_list_pages(code, earlier.made)
        out.cards = earlier.cards
    return out


def _digest(environment: str, inputs: object) -> str:
    """A list page's inputs under the build's environment (generator, catalogs, settings): equal digests, equal pages."""
    return hashlib.sha256(environment.encode() + json.dumps(inputs, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def render_site(site: Site, articles: Sequence[Article | Brief]) -> dict[str, bytes]:
    """The files of the site's root and the build's date, by relative path."""
    files: dict[str, str | bytes] = {
        f"{ROOT_DIR}/index.html": render_root(site),
        f"{ROOT_DIR}/sitemap.xml": render_sitemap(site, articles),
        f"{ROOT_DIR}/robots.txt": f"User-agent: *\nAllow: /\n\nSitemap: {site.project.site_url}sitemap.xml\n",
        f"{ROOT_DIR}/_headers": render_headers(),
        EPOCH_FILE: epoch(articles) + "\n",
    }
    for name, data in schema_files().items():
        files[f"{ROOT_DIR}/{SCHEMA_DIR}/{name}"] = data
    return {path: text if isinstance(text, bytes) else text.encode("utf-8") for path, text in files.items()}


def render_all(
    site: Site,
    articles: list[Article],
    cached: Mapping[str, bytes] | None = None,
    workers: int = 1,
    memos: Mapping[str, ListMemo] | None = None,
) -> dict[str, bytes]:
    """Every generated file of docs/, by relative path; the locales render side by side on `workers` processes, or,
    with `memos` (`make serve`'s records and list pages, kept between saves), in this process, where the memos live.
    What a preview shows: drafts too, but no article still scheduled (publication.in_preview)."""
    articles = in_preview(articles, build_time())
    names = _names_faces(site, articles)
    codes = site.project.codes
    if memos is not None:
        for code in codes:
            memos[code].pages = cached or {}
        parts = [render_locale(site, articles, code, names=names, earlier=memos[code]) for code in codes]
    else:
        parts = fork_map(lambda code: render_locale(site, articles, code, cached, names), codes, workers)
    files = render_site(site, articles)
    for part in parts:
        files.update(part)
    return dict(sorted(files.items()))


def _names_faces(site: Site, articles: Sequence[Article | Brief]) -> tuple[NamesFace, ...]:
    """The small faces of the letters a page shows in another script than its own (see names_faces)."""
    texts = language_names(site) + other_script_texts(articles)
    return tuple(names_faces(texts, site.project.locales, memo=site.project.root / ".build" / "cache" / "fonts"))


def other_script_texts(articles: Sequence[Article | Brief]) -> list[str]:
    """What an article page shows in the other locales' words: its glossary terms as each locale writes them,
    and its sources' titles and publishers, in their own language (Brief.other_script).

    Drawn with the full font of their script, the Hindi terms in an English page's glossary would make it
    download the whole Devanagari font; the faces cut to these letters weigh a few KB.
    """
    return [text for article in articles for text in brief(article).other_script]


def language_names(site: Site) -> list[str]:
    """What a page shows of the other locales: each one's name and «Read in …» link, in its own language."""
    return [
        text
        for loc in site.project.locales
        for text in (loc.name, site.l10n[loc.code].gettext("Read in %(language)s") % {"language": loc.name})
    ]


def epoch(articles: Sequence[Article | Brief]) -> str:
    """Seconds since 1970 at the newest publication or update in the data: the build's date, without reading the clock."""
    moments = [d.moment for b in map(brief, articles) for d in (b.published, b.updated) if d is not None]
    return str(int(max(moments, default=datetime(2024, 1, 1, tzinfo=UTC)).timestamp()))


def build_docs(project: Project, *, use_cache: bool = True, workers: int | None = None) -> list[str]:
    """Validate all articles, render every page, and update docs/; return the files written.

    With the cache (.build/cache/), unchanged articles are neither re-read nor re-rendered.
    """
    # The build makes millions of small objects that live until it ends: Python's cyclic garbage
    # collector would walk them again and again (a quarter of the time at 1000 explainers) to free
    # nothing. Workers forked meanwhile inherit the setting.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build_docs(project, use_cache, workers)
    finally:
        if collecting:
            gc.enable()


def check_interface(project: Project) -> None:
    """Refuse to publish a locale in English: every published locale's interface catalog complete, unless it opts out."""
    problems = interface_problems(project)
    if problems:
        raise ConfigError("\n".join(problems) + "\nnothing was written")


def generate(project: Project, cache: BuildCache | None, workers: int | None = None) -> tuple[Gathered, Site, dict[str, bytes]]:
    """Every article, checked, and every file of docs/: what `serve` keeps in memory (build_docs streams them)."""
    check_interface(project)
    gathered = gather(project, cache)
    site = make_site(project)
    articles, entries = gathered.articles, gathered.entries
    cached = {
        f"{code}/{a.slug}.md": page
        for a in articles
        if cache is not None and (e := entries.get(_name(a)))
        for code in project.codes
        if (page := cache.page(_name(a), code, e.key)) is not None
    }
    workers = workers or os.cpu_count() or 1
    files = render_all(site, articles, cached, workers)
    for path, data in figure_files(project, cache, on_site(articles, build_time()), workers, lambda page: page in files).items():
        files[path] = data
    for path, data in card_files(site, cache, articles, workers, lambda page: page in files).items():
        files[path] = data
    return gathered, site, dict(sorted(files.items()))


def write_docs(project: Project, cache: BuildCache | None, gathered: Gathered, files: dict[str, bytes]) -> list[str]:
    """Put the generated files in docs/ and each article's pages in the cache; return the files written."""
    changed = write_tree(project.docs_dir, files)
    if cache is not None:
        # An article has no page in a locale that publishes only translated articles and lacks its text.
        pages = {_name(a): {c: files[f"{c}/{a.slug}.md"] for c in project.codes if f"{c}/{a.slug}.md" in files} for a in gathered.articles}
        cache.save(gathered.entries, pages)
    return changed


def _build_docs(project: Project, use_cache: bool, workers: int | None) -> list[str]:
    check_interface(project)
    cache = BuildCache.for_project(project) if use_cache else None
    # With the cache, this process holds the articles' briefs only: their models are in the cache, and a locale's
    # worker loads one to render it. Without, the articles themselves.
    checked: Sequence[Article | Brief]
    load: Load | None = None
    if cache is not None:
        briefed = gather_briefs(project, cache)
        checked, keys = briefed.briefs, briefed.keys
        load = functools.partial(model, project, cache, briefed)
    else:
        checked, keys = gather(project, None, positions=False).articles, {}
    site = make_site(project)
    now = build_time()
    articles = on_site(checked, now)  # drafts and scheduled articles are checked like any other, not published
    names = _names_faces(site, articles)
    with Stage(project.docs_dir) as stage:
        # Each locale renders in its own worker, straight into the stage; only the lists of paths come back.
        cores = workers or os.cpu_count() or 1
        parts = fork_map(lambda code: _stream_locale(site, articles, code, names, cache, keys, stage, load), project.codes, cores)
        paths: set[str] = set()
        changed: list[str] = []
        for path, data in render_site(site, articles).items():
            paths.add(path)
            if stage.put(path, data):
                changed.append(path)
        rendered = Rendered()
        cards: dict[str, CardSpec] = {}
        for part in parts:
            paths.update(part.paths)
            changed += part.changed
            rendered += part.rendered
            cards.update(part.cards)
        figures = figure_files(project, cache, articles, cores, lambda page: page in paths)
        shares = card_files(site, cache, articles, cores, lambda page: page in paths, keys=keys, made=cards, load=load)
        for images in (figures, shares):
            for path, data in images.items():  # a card is read from the cache here, one at a time
                paths.add(path)
                if stage.put(path, data):
                    changed.append(path)
        changed = stage.commit(paths, changed)
    _note_schedule(project, next_publication(checked, now))
    if cache is not None:
        cache.prune(keys)  # the models, pages and records are in the cache already, put there by the workers
    log.info(
        "%d article(s), %d locale(s): %d file(s) written to %s (%s)",
        len(articles),
        len(project.locales),
        len(changed),
        _rel(project, project.docs_dir),
        rendered,
    )
    return changed


#: Seconds since 1970 at which the next scheduled article is due, for make (absent when none is scheduled).
SCHEDULE_FILE = Path(".build") / "next-publication"


def _note_schedule(project: Project, due: datetime | None) -> None:
    """Tell make when to build again though no file changes: the Makefile compares it with the clock."""
    path = project.root / SCHEDULE_FILE
    if due is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{int(due.timestamp())}\n", encoding="utf-8")


def figure_files(
    project: Project, cache: BuildCache | None, articles: Sequence[Article | Brief], workers: int, has_page: Callable[[str], bool]
) -> dict[str, bytes]:
    """Figures' derivatives, made once (or taken from .build/cache/figures/), next to the article's page in every
    locale that shows it: each locale is its own MkDocs project with its own docs_dir."""
    cache_dir = FigureCache(project.root / ".build" / "cache" / "figures") if cache is not None else None
    made = derivatives([a for a in articles if brief(a).images], project.articles_dir, cache_dir, workers)
    return {
        f"{code}/{article.slug}/{name}": data
        for article in articles
        for name, data in made.get(_name(article), {}).items()
        for code in project.codes
        if has_page(f"{code}/{article.slug}.md")
    }


def card_files(
    site: Site,
    cache: BuildCache | None,
    articles: Sequence[Article | Brief],
    workers: int,
    has_page: Callable[[str], bool],
    *,
    every_article: bool = True,
    keys: Mapping[str, str] | None = None,
    made: Mapping[str, CardSpec] | None = None,
    load: Load | None = None,
) -> Mapping[str, bytes]:
    """Each article's share card in every locale that shows it, next to its page (or from .build/cache/cards/).

    With `every_article` the cache forgets the cards of articles not given (a build); `serve` redraws only the
    cards of the articles saved, and keeps the others'. `keys`, the articles' cache keys by folder, lets an unchanged
    article's card be found without localizing it; `made` holds the specs the locales' workers made as they rendered
    pages, and `load` gives the model of an article given by its brief."""
    project = site.project
    jobs: list[CardJob] = []
    paths: list[str] = []
    # A card shows its article's own text in a locale: under the article's cache key (its files, the generator, the
    # catalogs, locales.yml), what it showed last time is what it shows now, without localizing the article again.
    known = cache.card_specs() if cache is not None and keys is not None else {}
    found = {**known, **(made or {})}
    specs: dict[str, object] = {}
    for article in articles:
        file = card_image(article)
        for loc in project.locales:
            if not has_page(f"{loc.code}/{article.slug}.md"):
                continue
            key = keys.get(_name(article)) if keys is not None else None
            spec = found.get(f"{key}|{loc.code}") if key else None
            if not isinstance(spec, CardSpec):
                name = str(site.l10n[loc.code].gettext("News explainers"))
                model = article if isinstance(article, Article) else _load(load, article)
                spec = card_spec(site.localize(model, loc.code), name, loc.lang, loc.direction)
            if key:
                specs[f"{key}|{loc.code}"] = spec
            image = project.articles_dir / _name(article) / file if file else None
            shown = f"{article.folder}/{file}" if file else ""
            jobs.append(CardJob(spec, image, shown, brief(article).images[file] if file else None))
            paths.append(f"{loc.code}/{article.slug}/{spec.name}")
    cache_dir = FigureCache(project.root / ".build" / "cache" / "cards") if cache is not None else None
    cards = Deferred(dict(zip(paths, make_cards(jobs, cache_dir, workers, prune=every_article), strict=True)))
    if cache is not None and keys is not None and specs != known:
        cache.put_card_specs(specs)
    return cards


def _name(article: Article | Brief) -> str:
    """The article's folder name: its key in the cache."""
    return Path(article.folder).name


def _rel(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix()
