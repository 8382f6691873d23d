"""Cross-locale consistency lint: numbers, months and glossary terms that differ between the locale
versions of the same paragraph (`make lint-content`).

A translation that says 11,000 where the original says 11 is either a mistake or a silent correction;
both deserve an editor's eyes. Findings read `file:line:column: field: what differs; both values`.

Numbers are compared by value, with their scale words: «75 million», «7.5 करोड़» and «750 लाख» are all
75000000. Invisible format characters (joiners, soft hyphens, byte-order marks) are ignored, as the page's
glossary linker ignores them. Draft locales are linted too, so that a translator sees the differences before
publishing, but their findings are marked `draft` and do not fail the lint: their text is not published yet.

An official translation is published as its issuer wrote it, differences and slips included (issue 14): an
editor accepts such a difference in the translation's `divergences:`, with a reason, a date and the
fingerprint of both texts that each finding shows. It is not reported while both texts stay as accepted;
when either changes, the finding comes back. Texts a translation omits on purpose are not compared.

A correction that names the wording it says was wrong (`notes.<id>.wrong` in a locale file) is reported while
its paragraph, in that locale, still contains it (issue 19): a note must not promise a fix the text lacks.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

import regex
from babel import Locale, UnknownLocaleError

from .config import Project
from .errors import Problem
from .locales import SiteLocale
from .localize import LocalizedArticle, localize
from .model import LINT_CHECKS, Article
from .terms import term_pattern, terms_for
from .translation import fingerprint, text_fields

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
def scale_words(locale: SiteLocale) -> dict[str, int]:
    """Scale words of a locale and their values, from CLDR's compact decimal patterns (Babel).

    «0 हज़ार» at 1000 gives हज़ार = 1000, «00 लाख» at 1000000 gives लाख = 100000 (the zeros count the
    digits the pattern keeps), «0 lakh crore» gives lakh crore = 10^12. The words of the locale's Indian
    variant (en_IN: lakh, crore) are included: this desk's English writes «₹615 crore». Keys are folded
    (`_fold`); a key that starts with a space needs white space between the number and the word.
    """
    words: dict[str, int] = {}
    language = locale.language
    variants = [locale.babel]
    with suppress(UnknownLocaleError):
        variants.append(Locale.parse(f"{language}_IN"))
    for variant in variants:
        formats = variant.compact_decimal_formats
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
def _number_pattern(locale: SiteLocale) -> regex.Pattern[str]:
    words = sorted(scale_words(locale), key=len, reverse=True)
    alternatives = "|".join(
        (_SPACES + "+" if w.startswith(" ") else "") + regex.escape(w.strip()).replace(r"\ ", _SPACES + "+") for w in words
    )
    scale = rf"(?P<scale>{alternatives})(?![\p{{L}}\p{{M}}])" if alternatives else "(?!)"
    return regex.compile(rf"(?P<number>{_NUMBER})(?:{scale})?")


def numbers(text: str, locale: SiteLocale) -> Counter[str]:
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


#: A nasal consonant with a virama before a consonant: written as an anusvara just as well («सितम्बर», «सितंबर»).
_NASAL = regex.compile("[\u0919\u091e\u0923\u0928\u092e]\u094d(?=[\u0915-\u0939])")
#: Spellings of month names that official Hindi uses and CLDR does not list (PIB writes «अक्तूबर»).
_SPELLINGS = (("अक\u094dतूबर", "अक\u094dटूबर"),)


def _spelling(text: str) -> str:
    """Fold what varies in writing a word and not in reading it: joiners, the nukta, a nasal before a consonant."""
    folded: str = _NASAL.sub("\u0902", unicodedata.normalize("NFD", visible(text)).replace(_NUKTA, ""))
    for variant, standard in _SPELLINGS:
        folded = folded.replace(variant, standard)
    return folded


@cache
def _month_pattern(locale: SiteLocale) -> tuple[regex.Pattern[str] | None, dict[str, int]]:
    names: dict[str, int] = {}
    loc = locale.babel
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in loc.months[context][width].items():
                if width == "wide" or len(name) > 2:  # «मई» is a month; two-letter abbreviations are too ambiguous
                    names[_spelling(name.rstrip("."))] = number
    if not names:
        return None, names
    # Case-sensitive, as CLDR writes them: «May» is a month, «may» is a verb.
    pattern = regex.compile(
        r"(?<![\p{L}\p{M}])(" + "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\p{L}\p{M}])"
    )
    return pattern, names


def months(text: str, locale: SiteLocale) -> Counter[int]:
    """The months a text names, by number, using the locale's month names from CLDR (Babel), however spelt:
    «फरवरी» and «फ़रवरी», «सितम्बर» and «सितंबर», «अक्\u200dतूबर» and «अक्टूबर» are the same month."""
    pattern, names = _month_pattern(locale)
    if pattern is None:
        return Counter()
    return Counter(names[m.group(1)] for m in pattern.finditer(_spelling(text)))


def terms_in(view: LocalizedArticle, text: str) -> set[str]:
    """The glossary terms a paragraph of the view's locale names, as that locale writes them."""
    own = [t for t in view.terms if t.term.code == view.locale]
    terms = terms_for((t.id, visible(t.term), [visible(f) for f in t.forms], t.definition) for t in own)
    matcher = term_pattern(terms)
    return {term.id for _, _, term in matcher.finditer(visible(text))} if matcher else set()


def _show(values: Counter) -> str:  # type: ignore[type-arg]
    return ", ".join(str(v) for v in sorted(values.elements(), key=str)) or "none"


@dataclass(frozen=True)
class Finding:
    """A difference the lint reports: the problem, what it is about (a check of LINT_CHECKS, or `divergence` for
    an acceptance whose texts have changed) and the fingerprint of both texts, which an acceptance records."""

    problem: Problem
    check: str
    fingerprint: str
    #: Found in a draft locale: reported, but no failure until the locale is published.
    draft: bool = False


def pair_fingerprint(original: str, translation: str) -> str:
    """The fingerprint of an original text and its translation together: an accepted divergence holds while it matches."""
    return fingerprint(json.dumps([original, translation], ensure_ascii=False))


def _differences(
    project: Project, source: LocalizedArticle, view: LocalizedArticle, path: str, ours: str, text: str, paragraph: bool
) -> Iterator[tuple[str, str]]:
    """(check, message) for each way a translated text differs from its original."""
    original, code = source.locale, view.locale
    theirs, own = project.locale(original), project.locale(code)
    a, b = numbers(ours, theirs), numbers(text, own)
    if a != b:
        yield "numbers", f"numbers differ: {original} has {_show(a)}; {code} has {_show(b)}"
    ma, mb = months(ours, theirs), months(text, own)
    if ma != mb:
        names = own.babel.months["format"]["wide"]
        yield (
            "months",
            f"months differ: {original} names {', '.join(names[m] for m in sorted(ma.elements())) or 'none'}; "
            f"{code} names {', '.join(names[m] for m in sorted(mb.elements())) or 'none'}",
        )
    if paragraph:  # glossary terms are linked in paragraphs only
        ta, tb = terms_in(source, ours), terms_in(view, text)
        if ta != tb:
            yield (
                "terms",
                f"glossary terms differ: only in {original}: {', '.join(sorted(ta - tb)) or 'none'}; "
                f"only in {code}: {', '.join(sorted(tb - ta)) or 'none'}",
            )


def article_findings(project: Project, article: Article) -> Iterator[Finding]:
    """Compare every translated text with the original's, as their views show them; a draft locale's findings are marked.

    Numbers and months are compared in every text, glossary terms in paragraphs. What an editor accepted in
    the translation's `divergences:` is not reported while both texts are as they were accepted; omitted texts
    (shown in the original) and texts not translated yet are not compared.
    """
    original = article.data.original
    drafts = {loc.code for loc in project.locales if loc.status == "draft"}
    source = localize(article, original)
    theirs = dict(source.texts())
    for code in sorted(article.texts):
        if code == original:
            continue
        draft = code in drafts
        view = localize(article, code)
        doc = article.positions.get(code)
        path_ = doc.path if doc else f"{article.folder}/{code}.yaml"
        places = {path: loc for path, loc, _ in text_fields(article, article.texts[code])}
        paragraphs = {f"sections.{s.id}.{p.id}" for s in view.sections for p in s.paragraphs}
        accepted = {d.path: d.data for d in view.divergences}
        for path, text in view.texts():
            if text.code != code:
                continue  # not translated, or omitted: nothing to compare
            ours = theirs[path]
            pair = pair_fingerprint(ours, text)
            line, column = doc.where(places[path]) if doc else (1, 1)
            divergence = accepted.get(path)
            current = divergence is not None and divergence.fingerprint == pair
            accepts = divergence.accepts if divergence is not None and current else []
            for check, message in _differences(project, source, view, path, ours, text, path in paragraphs):
                if check not in accepts:
                    yield Finding(Problem(path_, line, column, path, f"{message} (fingerprint {pair})"), check, pair, draft)
            if divergence is not None and not current:
                where = doc.where(("divergences", path), key=True) if doc else (1, 1)
                yield Finding(
                    Problem(
                        path_,
                        *where,
                        f"divergences.{path}",
                        f"accepted on {divergence.date} for other texts: the original or the translation has changed since; "
                        f'check that the difference still holds, then set `fingerprint: "{pair}"` (or remove the divergence)',
                    ),
                    "divergence",
                    pair,
                    draft,
                )


def correction_findings(project: Project, article: Article) -> Iterator[Finding]:
    """A correction whose paragraph still says what the note calls wrong (issue 19): the note promises a fix that
    the text does not carry. Every published locale is read, the original's too; a note names the wrong wording in
    its locale's `notes.<id>.wrong`, which a paragraph kept as published (a verbatim original) leaves out.
    Not acceptable as a divergence: the fix is to correct the paragraph."""
    drafts = {loc.code for loc in project.locales if loc.status == "draft"}
    notes = {n.id: n for n in article.data.notes if n.paragraph is not None}
    for code in sorted(article.texts):
        if code in drafts:
            continue
        text = article.texts[code]
        doc = article.positions.get(code)
        path_ = doc.path if doc else f"{article.folder}/{code}.yaml"
        paragraphs = {p.id: p.text for s in text.sections for p in s.paragraphs if p.text is not None}
        for note_id, note_text in text.notes.items():
            note = notes.get(note_id)
            if note is None or note.paragraph not in paragraphs:
                continue
            said = visible(paragraphs[note.paragraph])
            for i, wrong in enumerate(note_text.wrong):
                if visible(wrong) in said:
                    line, column = doc.where(("notes", note_id, "wrong", i)) if doc else (1, 1)
                    yield Finding(
                        Problem(
                            path_,
                            line,
                            column,
                            f"notes.{note_id}.wrong",
                            f"the {note.kind} says «{wrong}» was wrong, but paragraph `{note.paragraph}` still says it: "
                            "correct the paragraph (or, if it is kept as published, remove the wording from `wrong`)",
                        ),
                        "correction",
                        "",
                    )


def _all_findings(project: Project, article: Article) -> Iterator[Finding]:
    yield from article_findings(project, article)
    yield from correction_findings(project, article)


def lint_findings(project: Project, articles: list[Article]) -> list[Finding]:
    return sorted((f for a in articles for f in _all_findings(project, a)), key=lambda f: f.problem)


def acceptance_example(findings: list[Finding], today: date) -> str:
    """How to accept the findings, all of them in one paste per translation's file: what `make lint-content` shows.

    A finding about an acceptance gone stale already names its own fix (the new fingerprint), so it is left out.
    """
    by_file: dict[str, dict[str, tuple[list[str], str]]] = {}
    for f in findings:
        if f.check not in LINT_CHECKS:
            continue
        checks, _ = by_file.setdefault(f.problem.path, {}).setdefault(f.problem.field, ([], f.fingerprint))
        if f.check not in checks:
            checks.append(f.check)
    fix = ["A correction's paragraph must no longer say what its note calls wrong: correct the paragraph."]
    out = fix if any(f.check == "correction" for f in findings) else []
    if not by_file:
        return "\n".join(out) + "\n" if out else ""
    out += [
        "A difference that the translation keeps on purpose (an official text published as it is) is accepted in the",
        "translation's file: paste the block below at the end of the file named above it (if the file has a `divergences:`",
        "block already, add the entries to it), write each reason, and add `note` (in the file's language) where readers",
        "should see one next to the paragraph:",
    ]
    for path, fields in by_file.items():
        out += [f"# {path}", "divergences:"]
        for field_, (checks, print_) in fields.items():
            out += [
                f"  {field_}:",
                f'    date: "{today.isoformat()}"',
                '    reason: "What differs and why it stays, for editors."',
                f"    accepts: [{', '.join(checks)}]",
                f'    fingerprint: "{print_}"',
            ]
    return "\n".join(out) + "\n"
