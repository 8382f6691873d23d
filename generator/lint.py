"""Cross-locale consistency lint: numbers, months and glossary terms that differ between the locale
versions of the same paragraph (`make lint-content`).

A translation that says 11,000 where the original says 11 is either a mistake or a silent correction;
both deserve an editor's eyes. Findings read `file:line:column: field: what differs; both values`.

Numbers are compared by value, with their scale words: «75 million», «7.5 करोड़» and «750 लाख» are all
75000000. Invisible format characters (joiners, soft hyphens, byte-order marks) are ignored, as the page's
glossary linker ignores them, and draft locales are not read: their text is not published yet.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from functools import cache

import regex
from babel import Locale, UnknownLocaleError

from .config import Project
from .errors import Problem
from .l10n import babel_locale
from .localize import LocalizedArticle, localize
from .model import Article
from .render.markup import term_pattern, terms_for

_DIGITS = str.maketrans("०१२३४५६७८९٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 3)
# A number: digits, with group separators (, . space, no-break spaces) between groups of 2 or 3 digits.
_NUMBER = r"(?<![\p{N}])\p{Nd}+(?:[,\u00a0\u202f ]\p{Nd}{2,3}(?!\p{Nd}))*(?:\.\p{Nd}+)?"
_GROUP = regex.compile(r"[,\u00a0\u202f ]")
# Zero-width joiners and non-joiners, word joiners, soft hyphens, BOMs, direction marks: all category Cf.
# PIB's Hindi puts U+200D inside words («शेल्\u200dफ»); a reader sees the same word.
_FORMAT = regex.compile(r"\p{Cf}+")
_SPACES = r"[ \u00a0\u202f]"
_NUKTA = "\u093c"


def visible(text: str) -> str:
    """The text without invisible format characters (category Cf)."""
    out: str = _FORMAT.sub("", text)
    return out


def _fold(text: str) -> str:
    """Fold case and the Devanagari nukta, so «हजार» and «हज़ार», «Million» and «million» compare equal."""
    return unicodedata.normalize("NFD", text).replace(_NUKTA, "").casefold()


@cache
def scale_words(locale: str) -> dict[str, int]:
    """Scale words of a locale and their values, from CLDR's compact decimal patterns (Babel).

    «0 हज़ार» at 1000 gives हज़ार = 1000, «00 लाख» at 1000000 gives लाख = 100000 (the zeros count the
    digits the pattern keeps), «0 lakh crore» gives lakh crore = 10^12. The words of the locale's Indian
    variant (en_IN: lakh, crore) are included: this desk's English writes «₹615 crore». Keys are folded
    (`_fold`); a key that starts with a space needs white space between the number and the word.
    """
    words: dict[str, int] = {}
    language = Locale.parse(locale).language
    variants = [locale]
    try:
        Locale.parse(f"{language}_IN")
        variants.append(f"{language}_IN")
    except UnknownLocaleError:
        pass
    for code in variants:
        formats = Locale.parse(code).compact_decimal_formats
        for width in ("long", "short"):
            for plural in formats.get(width, {}).values():
                for key, pattern in plural.items():
                    text = str(getattr(pattern, "pattern", pattern))
                    zeros = text.count("0")
                    word = regex.sub(_SPACES + "+", " ", text.replace("0", "")).strip()
                    # Latin abbreviations («5K», «3 L», «2 T») read as units too often (litres, tonnes): skipped.
                    if not zeros or not regex.search(r"\p{L}", word) or (width == "short" and word.isascii()):
                        continue
                    attached = not regex.search(r"0" + _SPACES, text)
                    form = ("" if attached else " ") + _fold(word)
                    words.setdefault(form, int(key) // 10 ** (zeros - 1))
    return words


@cache
def _number_pattern(locale: str) -> regex.Pattern[str]:
    words = sorted(scale_words(locale), key=len, reverse=True)
    alternatives = "|".join(
        (_SPACES + "+" if w.startswith(" ") else "") + regex.escape(w.strip()).replace(r"\ ", _SPACES + "+") for w in words
    )
    scale = rf"(?P<scale>{alternatives})(?![\p{{L}}\p{{M}}])" if alternatives else "(?!)"
    return regex.compile(rf"(?P<number>{_NUMBER})(?:{scale})?")


def numbers(text: str, locale: str) -> Counter[str]:
    """The numbers a text states, by value: «11,000», «11 000», «११,०००» and «11 हज़ार» are all 11000."""
    words = scale_words(locale)
    found: Counter[str] = Counter()
    folded = _fold(visible(text))
    for match in _number_pattern(locale).finditer(folded):
        value = Decimal(_GROUP.sub("", match.group("number").translate(_DIGITS)))
        if match.group("scale"):
            word = regex.sub(_SPACES + "+", " ", match.group("scale"))
            value *= words.get(word.strip(), 0) or words[" " + word.strip()]
        found[format(value.normalize(), "f")] += 1
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
    return Counter(names[m.group(1)] for m in pattern.finditer(visible(text)))


def _terms(view: LocalizedArticle, text: str) -> set[str]:
    """The glossary terms a paragraph of the view's locale names, as that locale writes them."""
    own = [t for t in view.terms if t.term.code == view.locale]
    terms = terms_for((t.id, visible(t.term), [visible(f) for f in t.forms], t.definition) for t in own)
    matcher = term_pattern(terms)
    return {term.id for _, _, term in matcher.finditer(visible(text))} if matcher else set()


def _show(values: Counter) -> str:  # type: ignore[type-arg]
    return ", ".join(str(v) for v in sorted(values.elements(), key=str)) or "none"


def lint_article(project: Project, article: Article) -> Iterator[Problem]:
    """Compare every translated paragraph of a published locale with the original's, as their views show them."""
    original = article.data.original
    drafts = {loc.code for loc in project.locales if loc.status == "draft"}
    source = localize(article, original)
    theirs = {(s.id, p.id): p.text for s in source.sections for p in s.paragraphs}
    for code in sorted(article.texts):
        if code == original or code in drafts:
            continue
        view = localize(article, code)
        doc = article.positions.get(code)
        path = doc.path if doc else f"{article.folder}/{code}.yaml"
        # A translation keeps the original's sections and paragraphs in order: their places are the same.
        for i, section in enumerate(view.sections):
            for j, para in enumerate(section.paragraphs):
                if para.text.code != code:
                    continue  # not translated: nothing to compare
                line, column = doc.where(("sections", i, "paragraphs", j, "text")) if doc else (1, 1)
                field = f"sections.{section.id}.{para.id}"
                ours, text = theirs[(section.id, para.id)], para.text
                a, b = numbers(ours, original), numbers(text, code)
                if a != b:
                    yield Problem(path, line, column, field, f"numbers differ: {original} has {_show(a)}; {code} has {_show(b)}")
                ma, mb = months(ours, original), months(text, code)
                if ma != mb:
                    names = babel_locale(code).months["format"]["wide"]
                    yield Problem(
                        path,
                        line,
                        column,
                        field,
                        f"months differ: {original} names {', '.join(names[m] for m in sorted(ma.elements())) or 'none'}; "
                        f"{code} names {', '.join(names[m] for m in sorted(mb.elements())) or 'none'}",
                    )
                ta, tb = _terms(source, ours), _terms(view, text)
                if ta != tb:
                    only_a, only_b = sorted(ta - tb), sorted(tb - ta)
                    yield Problem(
                        path,
                        line,
                        column,
                        field,
                        f"glossary terms differ: only in {original}: {', '.join(only_a) or 'none'}; "
                        f"only in {code}: {', '.join(only_b) or 'none'}",
                    )


def lint(project: Project, articles: list[Article]) -> list[Problem]:
    return sorted(p for a in articles for p in lint_article(project, a))
