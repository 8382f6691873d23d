"""The translators' workflow: add a locale, and report what is untranslated or out of date."""

from __future__ import annotations

import difflib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

from .config import LOCALES_FILE, Project, SiteLocale, canonical_tag
from .errors import BuildError, ConfigError
from .fonts import warn_missing_font
from .i18n import THEME_KEYS, check_catalog, theme_chain
from .l10n import catalog_folder
from .localize import localize
from .model import Article
from .translation import confirmed_fingerprints, with_fingerprints

log = logging.getLogger(__name__)

# --- adding a locale ------------------------------------------------------------------------------


def theme_report(code: str) -> str:
    """Where the theme's strings (Material's: skip link, search, table of contents …) of a locale come from."""
    chain = theme_chain(code)
    if chain[0] == code:
        return f"theme strings for {code}: Material's {code} translation (copied into the catalog, for review)"
    rest = " then ".join(chain)
    return (
        f"theme strings for {code}: Material has no {code} translation; translate the {len(THEME_KEYS)} entries with a msgctxt "
        f"in locales/{catalog_folder(code)}/LC_MESSAGES/messages.po; until then they fall back to Material's {rest}"
    )


def _comment(code: str, text: str | None, indent: str) -> list[str]:
    return [f"{indent}# {code}: {' '.join(text.split())}"] if text else []


def scaffold(article: Article, code: str, helper: str | None) -> str:
    """A locale file for `code` with every text empty, each preceded by the original (and helper) text."""
    name = Locale.parse(code, sep="-").get_display_name("en")
    original = article.data.original
    out = [
        "# yaml-language-server: $schema=../../schema/locale.schema.json",
        f"# {name} text of this explainer. Fill each empty value; the comment above it shows the original ({original})"
        + (f" and the {helper} text." if helper else "."),
        "# An empty value is not translated yet: the page shows the fallback text there, with a notice.",
        f"# Then run `make confirm LOCALE={code}` to record which version of the original you translated.",
    ]
    # The original's texts, and the helper locale's own translations (not its fallbacks), by path.
    texts = {c: {p: t for p, t in localize(article, c).texts() if t.code == c} for c in (original, helper) if c}

    def field(path: str, key: str, indent: str) -> None:
        for c in texts:
            out.extend(_comment(c, texts[c].get(path), indent))
        out.append(f"{indent}{key}:")

    field("title", "title", "")
    field("summary", "summary", "")
    out.append("sections:")
    for s in localize(article, original).sections:
        out.append(f"  - id: {s.id}")
        if s.heading is not None:
            field(f"sections.{s.id}.heading", "heading", "    ")
        out.append("    paragraphs:")
        for p in s.paragraphs:
            out.append(f"      - id: {p.id}")
            field(f"sections.{s.id}.{p.id}", "text", "        ")
    for name_, ids, keys in (
        ("timeline", [e.id for e in article.data.timeline], ("label", "description")),
        ("glossary", [g.id for g in article.data.glossary], ("term", "definition")),
        ("key_facts", [f.id for f in article.data.key_facts], ("label",)),
        ("notes", [n.id for n in article.data.notes], ("text",)),
        ("claims", [c.id for c in article.data.claims], ("text",)),
    ):
        if not ids:
            continue
        out.append(f"{name_}:")
        for i in ids:
            out.append(f"  {i}:")
            for key in keys:
                field(f"{name_}.{i}.{key}", key, "    ")
            if name_ == "glossary":
                out += ["    forms: []", "    transliteration:"]
    return "\n".join(out) + "\n"


def add_locale(project: Project, articles: list[Article], code: str, fallback: str | None) -> list[Path]:
    """Configure a new draft locale and scaffold its text for every article; return the files written.

    `code` is a BCP 47 tag in either spelling (pt-BR, pt_BR); the configuration and file names get the
    tag (see config.canonical_tag). Logs where the theme's strings will come from.
    """
    try:
        code = canonical_tag(code)
        fallback = canonical_tag(fallback) if fallback is not None else None
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    if fallback is not None and fallback not in project.codes:
        raise ConfigError(f"fallback {fallback!r} is not one of the locales ({', '.join(project.codes)})")
    warn_missing_font(code)
    log.info("%s", theme_report(code))
    written: list[Path] = []
    if code not in project.codes:
        config = project.root / LOCALES_FILE
        text = config.read_text(encoding="utf-8").rstrip("\n")
        # Quoted: a code is text whichever YAML rules read it (`no:` is false in YAML 1.1).
        entry = f"\n  {json.dumps(code)}:\n    status: draft" + (f"\n    fallback: {json.dumps(fallback)}" if fallback else "")
        config.write_text(text + entry + "\n", encoding="utf-8")
        written.append(config)
    for article in articles:
        file = project.root / article.folder / f"{code}.yaml"
        if not file.exists():
            file.write_text(scaffold(article, code, fallback), encoding="utf-8")
            written.append(file)
    return written


# --- the status report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """How much of an article one locale has translated."""

    total: int
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    #: Left out on purpose (`omitted:`): shown in the original, counted as translated, never missing.
    omitted: list[str] = field(default_factory=list)

    @property
    def translated(self) -> int:
        """Texts present and up to date."""
        return self.total - len(self.missing) - len(self.stale)


def coverage(article: Article, locale: str) -> Coverage:
    """Missing and stale texts of a locale, read from its view; the original is complete and fresh by definition."""
    view = localize(article, locale)
    texts = list(view.texts())
    if locale == article.data.original:
        return Coverage(len(texts))
    missing = [path for path, text in texts if text.code != locale and path not in view.omitted]
    return Coverage(len(texts), missing, list(view.stale), list(view.omitted))


@dataclass(frozen=True)
class CatalogStatus:
    locale: str
    total: int
    translated: int
    fuzzy: int

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.fuzzy


def catalog_status(project: Project, code: str) -> CatalogStatus:
    """Interface strings of a locale; fuzzy entries count as untranslated (pybabel compile skips them)."""
    po = project.locales_dir / catalog_folder(code) / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        pot = project.locales_dir / "messages.pot"
        with pot.open("rb") as fd:
            total = sum(1 for m in read_po(fd) if m.id)
        return CatalogStatus(code, total, 0, 0)
    catalog, problems = check_catalog(po.relative_to(project.root), po.read_bytes())
    if catalog is None or problems:  # a catalog that would not compile is not "translated", whatever it holds
        raise BuildError("\n".join(problems) + f"\n{len(problems)} problem(s) in the catalog; fix them before counting")
    messages = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    done = sum(1 for m in messages if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string]))
    return CatalogStatus(code, len(messages), done, fuzzy)


def _pct(part: int, total: int) -> str:
    return f"{part} of {total} ({100 * part // total if total else 100}%)"


def status_report(project: Project, articles: list[Article]) -> tuple[str, list[str]]:
    """A table per kind of text; and the problems that make a published locale incomplete."""
    problems: list[str] = []
    todo: list[str] = []
    rows: list[tuple[str, ...]] = [("locale", "status", "translated", "missing", "fuzzy")]
    for loc in project.locales:
        c = catalog_status(project, loc.code)
        rows.append((loc.code, loc.status, _pct(c.translated, c.total), str(c.missing), str(c.fuzzy)))
        if loc.status == "published" and (c.missing or c.fuzzy):
            po = f"locales/{catalog_folder(loc.code)}/LC_MESSAGES/messages.po"
            problems.append(f"{po}: {c.missing} missing and {c.fuzzy} fuzzy interface strings")
    out = ["Interface strings (locales/<locale>/LC_MESSAGES/messages.po)", _table(rows), ""]
    rows = [("article", "locale", "status", "translated", "missing", "stale", "omitted")]
    for article in articles:
        for loc in project.locales:
            cov = coverage(article, loc.code)
            status = _article_status(article, loc, cov)
            rows.append(
                (
                    article.slug,
                    loc.code,
                    status,
                    _pct(cov.translated, cov.total),
                    str(len(cov.missing)),
                    str(len(cov.stale)),
                    str(len(cov.omitted)),
                )
            )
            if status == "published" and (cov.missing or cov.stale):
                problems.append(
                    f"{article.folder}/{loc.code}.yaml: {len(cov.missing)} missing, {len(cov.stale)} stale"
                    + (f" ({', '.join((cov.missing + cov.stale)[:5])}{', …' if len(cov.missing) + len(cov.stale) > 5 else ''})")
                    + f"; {fix(article, loc.code, cov)}"
                )
            if loc.code != article.data.original and loc.code in article.texts and (cov.missing or cov.stale):
                todo.append(f"{article.folder}/{loc.code}.yaml: {fix(article, loc.code, cov)}")
    out += ["Article text (articles/<slug>/<locale>.yaml)", _table(rows)]
    if todo:
        out += ["", "To do", *todo]
    return "\n".join(out) + "\n", problems


def fix(article: Article, code: str, cov: Coverage) -> str:
    """What a translator does about an article's missing or stale texts, with the exact command."""
    confirm = f"make confirm LOCALE={code} ARTICLE={article.slug}"
    if cov.missing:
        return (
            f"translate the {len(cov.missing)} empty text(s) (or mark one the official translation leaves out `omitted:`), "
            f"then run `{confirm}`"
        )
    return f"check the {len(cov.stale)} stale or unconfirmed text(s) against the original, update them, then run `{confirm}`"


def _article_status(article: Article, loc: SiteLocale, cov: Coverage) -> str:
    """original, draft, published, or «not published»: a locale that publishes only translated articles
    leaves out those with a text missing (they are listed, not errors)."""
    if loc.code == article.data.original:
        return "original"
    if loc.status == "published" and loc.articles == "translated" and cov.missing:
        return "not published"
    return loc.status


def status_json(project: Project, articles: list[Article]) -> str:
    """The same figures, for tools."""
    data = {
        "interface": {
            loc.code: {"status": loc.status, **vars(catalog_status(project, loc.code))}
            | {"missing": catalog_status(project, loc.code).missing}
            for loc in project.locales
        },
        "content": {
            a.slug: {
                loc.code: {
                    "total": (c := coverage(a, loc.code)).total,
                    "translated": c.translated,
                    "missing": c.missing,
                    "stale": c.stale,
                    "omitted": c.omitted,
                    "status": _article_status(a, loc, c),
                }
                for loc in project.locales
            }
            for a in articles
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)


# --- confirming translations ----------------------------------------------------------------------


def unconfirmed(project: Project, articles: list[Article], code: str) -> list[tuple[str, str, int]]:
    """(file, slug, count) of the translations in `code` with texts not confirmed against the current original."""
    _configured(project, code)
    out = []
    for article in articles:
        if code != article.data.original and code in article.texts:
            stale = localize(article, code).stale
            if stale:
                out.append((f"{article.folder}/{code}.yaml", article.slug, len(stale)))
    return out


def confirm(project: Project, articles: list[Article], code: str, slugs: list[str] | None) -> list[tuple[str, int, int]]:
    """Record, in each named article's `code` file, the fingerprints of the originals its texts translate.

    `slugs` None: every article translated in `code`. A slug that is unknown, written in `code` or without
    a `code` file is an error, before anything is written. Returns (file, texts confirmed, of them newly).
    """
    _configured(project, code)
    by_slug = {a.slug: a for a in articles}
    if slugs is None:
        chosen = [a for a in articles if code != a.data.original and code in a.texts]
    else:
        errors = []
        for slug in slugs:
            article = by_slug.get(slug)
            if article is None:
                hint = difflib.get_close_matches(slug, sorted(by_slug), n=1)
                errors.append(f"no article {slug!r}" + (f"; did you mean {hint[0]!r}?" if hint else f" in {project.articles_dir.name}/"))
            elif code == article.data.original:
                errors.append(f"{article.folder} is written in {code}: an original needs no confirmation")
            elif code not in article.texts:
                errors.append(f"{article.folder}/{code}.yaml does not exist: `make locale LOCALE={code}` writes it")
        if errors:
            raise ConfigError("; ".join(errors) + "; nothing was confirmed")
        chosen = [by_slug[s] for s in dict.fromkeys(slugs)]
    done = []
    for article in chosen:
        file = project.root / article.folder / f"{code}.yaml"
        newly = len(localize(article, code).stale)
        prints = confirmed_fingerprints(article, code)
        file.write_text(with_fingerprints(file.read_text(encoding="utf-8"), prints), encoding="utf-8")
        done.append((f"{article.folder}/{code}.yaml", len(prints), newly))
    return done


def _configured(project: Project, code: str) -> None:
    if code not in project.codes:
        raise ConfigError(f"locale {code!r} is not configured in {LOCALES_FILE}; expected one of {', '.join(project.codes)}")
