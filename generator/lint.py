"""Cross-locale consistency lint: numbers, months and glossary terms that differ between the locale
versions of the same paragraph (`make lint-content`).

A translation that says 11,000 where the original says 11 is either a mistake or a silent correction;
both deserve an editor's eyes. Findings read `file:line:column: field: what differs; both values`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import regex

from .config import Project
from .errors import Problem
from .l10n import babel_locale
from .load import read_yaml
from .model import Article
from .render.markup import term_pattern, terms_for

_DIGITS = str.maketrans("०१२३४५६७८९٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 3)
# A number: digits, with group separators (, . space, no-break spaces) between groups of 2 or 3 digits.
_NUMBER = regex.compile(r"(?<![\p{N}])\p{Nd}+(?:[,\u00a0\u202f ]\p{Nd}{2,3}(?!\p{Nd}))*(?:\.\p{Nd}+)?")


def numbers(text: str) -> Counter[str]:
    """The numbers a text states, normalised: «11,000» and «11 000» and «११,०००» are all 11000."""
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(text):
        value = match.group().translate(_DIGITS)
        found[regex.sub(r"[,\u00a0\u202f ]", "", value)] += 1
    return found


def months(text: str, locale: str) -> Counter[int]:
    """The months a text names, by number, using the locale's month names from CLDR (Babel)."""
    names: dict[str, int] = {}
    loc = babel_locale(locale)
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in loc.months[context][width].items():
                if len(name) > 2:
                    names[name.rstrip(".")] = number
    if not names:
        return Counter()
    # Case-sensitive, as CLDR writes them: «May» is a month, «may» is a verb.
    pattern = regex.compile(
        r"(?<![\p{L}\p{M}])(" + "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\p{L}\p{M}])"
    )
    return Counter(names[m.group(1)] for m in pattern.finditer(text))


def _terms(article: Article, locale: str, text: str) -> set[str]:
    entries = article.texts[locale].glossary
    terms = terms_for((g.id, e.term, e.forms, e.definition) for g in article.data.glossary if (e := entries.get(g.id)) and e.term)
    matcher = term_pattern(terms)
    return {term.id for _, _, term in matcher.finditer(text)} if matcher else set()


def _show(values: Counter) -> str:  # type: ignore[type-arg]
    return ", ".join(str(v) for v in sorted(values.elements(), key=str)) or "none"


def lint_article(project: Project, article: Article) -> Iterator[Problem]:
    """Compare every translated paragraph with the original's."""
    original = article.data.original
    for code, text in sorted(article.texts.items()):
        if code == original:
            continue
        path = Path(project.root, article.folder, f"{code}.yaml")
        doc, _ = read_yaml(path, f"{article.folder}/{code}.yaml")
        source = {(s.id, p.id): p.text for s in article.texts[original].sections for p in s.paragraphs}
        for i, section in enumerate(text.sections):
            for j, para in enumerate(section.paragraphs):
                theirs = source.get((section.id, para.id))
                if not para.text or not theirs:
                    continue
                loc = ("sections", i, "paragraphs", j, "text")
                line, column = doc.where(loc) if doc else (1, 1)
                field = f"sections.{section.id}.{para.id}"
                a, b = numbers(theirs), numbers(para.text)
                if a != b:
                    yield Problem(
                        doc.path if doc else str(path),
                        line,
                        column,
                        field,
                        f"numbers differ: {original} has {_show(a)}; {code} has {_show(b)}",
                    )
                ma, mb = months(theirs, original), months(para.text, code)
                if ma != mb:
                    names = babel_locale(code).months["format"]["wide"]
                    yield Problem(
                        doc.path if doc else str(path),
                        line,
                        column,
                        field,
                        f"months differ: {original} names {', '.join(names[m] for m in sorted(ma.elements())) or 'none'}; "
                        f"{code} names {', '.join(names[m] for m in sorted(mb.elements())) or 'none'}",
                    )
                ta, tb = _terms(article, original, theirs), _terms(article, code, para.text)
                if ta != tb:
                    only_a, only_b = sorted(ta - tb), sorted(tb - ta)
                    yield Problem(
                        doc.path if doc else str(path),
                        line,
                        column,
                        field,
                        f"glossary terms differ: only in {original}: {', '.join(only_a) or 'none'}; "
                        f"only in {code}: {', '.join(only_b) or 'none'}",
                    )


def lint(project: Project, articles: list[Article]) -> list[Problem]:
    return sorted(p for a in articles for p in lint_article(project, a))
