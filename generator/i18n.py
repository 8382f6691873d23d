"""Catalog chores that pybabel has no command for.

`python -m generator.i18n msgen locales/en/LC_MESSAGES/messages.po` fills the catalog of the interface's
source language (English) with its own msgids, like GNU `msgen`, so that it counts as complete and its
plural forms are explicit. `compile PO_FILE...` checks each catalog and writes its .mo (see compile_catalog);
`seed PO_FILE...` fills the theme's strings from Material's translation of the
catalog's language; `theme-template` writes theme/partials/language.html; `init LOCALE` is `pybabel init`
for a BCP 47 tag.
"""

from __future__ import annotations

import gettext
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from .errors import BuildError
from .l10n import canonical_tag, catalog_folder, script_of
from .write import write_atomic


def msgen(path: Path) -> int:
    """Copy every msgid into its empty or fuzzy msgstr; return how many were filled."""
    with path.open("rb") as fd:
        catalog = read_po(fd)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        empty = not all(message.string) if isinstance(message.string, tuple) else not message.string
        if empty or message.fuzzy:
            message.string = message.id
            message.flags.discard("fuzzy")
            filled += 1
    with path.open("wb") as fd:
        write_po(fd, catalog)
    return filled


# --- the theme's strings (Material's partials/languages/<code>.html) ------------------------------------

#: Material's interface strings that our pages show (its blog, RSS, consent, version and edit strings are
#: not used). They are msgids of our catalog with the key as msgctxt and Material's English as msgid, so
#: translators translate them with the rest; `theme/partials/language.html` is generated from this list.
THEME_KEYS = (
    "action.skip",
    "clipboard.copied",
    "clipboard.copy",
    "footer",
    "footer.next",
    "footer.previous",
    "header",
    "nav",
    "search",
    "search.placeholder",
    "search.reset",
    "search.result.initializer",
    "search.result.more.one",
    "search.result.more.other",
    "search.result.none",
    "search.result.one",
    "search.result.other",
    "search.result.placeholder",
    "search.result.term.missing",
    "search.share",
    "select.language",
    "tabs",
    "toc",
    "top",
)

#: Where Material has no strings for a language and our catalog has no translation yet: the language whose
#: Material strings its readers read (same script, the language of schooling where it is spoken), before English.
THEME_FALLBACKS = {"mai": "hi", "doi": "hi", "bho": "hi", "as": "bn", "ks": "ur", "sd": "ur", "sr-Latn": "sh"}

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
_ENTRY = re.compile(r'^\s*"([a-z.]+)": "((?:[^"\\]|\\.)*)",?$', re.MULTILINE)


def _material_dir() -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates" / "partials" / "languages"


@cache
def material_languages() -> frozenset[str]:
    """The languages Material has strings for (its files, and our NFC copies in theme/partials/languages)."""
    dirs = (_material_dir(), THEME_DIR / "partials" / "languages")
    return frozenset(f.stem for d in dirs for f in d.glob("*.html"))


@cache
def material_strings(language: str) -> dict[str, str]:
    """Material's strings of one language file, key → text (ours where we override it)."""
    ours = THEME_DIR / "partials" / "languages" / f"{language}.html"
    file = ours if ours.is_file() else _material_dir() / f"{language}.html"
    text = file.read_text(encoding="utf-8")
    return {m[1]: unicodedata.normalize("NFC", json.loads(f'"{m[2]}"')) for m in _ENTRY.finditer(text)}


def theme_chain(tag: str) -> list[str]:
    """The Material language files a locale's theme strings come from, best first, ending with `en`.

    A file of the same language counts only in the same script: sr-Latn must not get Serbian Cyrillic
    (it gets `sh`), zh-Hant not Simplified `zh`. Then THEME_FALLBACKS, then English.
    """
    parsed = Locale.parse(canonical_tag(tag), sep="-")
    script = script_of(canonical_tag(tag))
    candidates = [canonical_tag(tag)]
    candidates += [f"{parsed.language}-{parsed.script}"] if parsed.script else []
    candidates += [f"{parsed.language}-{parsed.territory}"] if parsed.territory else []
    candidates.append(parsed.language)
    chain = []
    for c in candidates:
        if c in material_languages() and c not in chain and _script_of(c) == script:
            chain.append(c)
    for key in (canonical_tag(tag), parsed.language):
        if THEME_FALLBACKS.get(key) in material_languages() and THEME_FALLBACKS[key] not in chain:
            chain.append(THEME_FALLBACKS[key])
    return [*chain, "en"] if "en" not in chain else chain


def _script_of(material_code: str) -> str:

    parsed = Locale.parse(material_code.replace("-", "_")) if material_code != "sh" else None
    if parsed is None:  # Serbo-Croatian, as Material writes it: Latin
        return "Latn"
    return script_of(str(parsed)) or "Latn"


def language_template() -> str:
    """theme/partials/language.html: Material's `t(key)` with our catalog first ("" when not translated), then
    Material's file of the locale or its fallback (config.theme.language), then English.

    Our strings are looked up once per build (`theme_strings`, from generator/mkdocs_hooks.py): the theme asks for
    one about 450 times on every page, and building the whole table at each call was a quarter of MkDocs' time."""
    lines = [
        "{#-",
        "  GENERATED by `python -m generator.i18n theme-template` (generator/i18n.py THEME_KEYS); do not edit.",
        "  Material's own partial imports partials/languages/<theme.language>.html, which does not exist for",
        "  most languages of India: here the theme's strings come from our gettext catalog (msgctxt = Material's",
        "  key, msgid its English; `theme_strings`, set by generator/mkdocs_hooks.py), then from the Material file",
        "  that generator/i18n.py theme_chain() chose as theme.language, then from English. `language` is the",
        "  locale's full BCP 47 tag (extra.lang), `direction` the locale's (theme.direction).",
        "-#}",
        '{% import "partials/languages/" ~ config.theme.language ~ ".html" as lang %}',
        '{% import "partials/languages/en.html" as fallback %}',
        '{% macro t(key) %}{{ theme_strings.get(key, "") or lang.t(key) or fallback.t(key) or key }}{% endmacro %}',
        "{#- Never rendered: the theme's messages as pybabel extracts them into our catalog (msgctxt = key). -#}",
        "{%- if false %}",
    ]
    english = material_strings("en")
    lines += [f"{{{{ pgettext({json.dumps(key)}, {json.dumps(english[key], ensure_ascii=False)}) }}}}" for key in THEME_KEYS]
    lines.append("{%- endif %}")
    return "\n".join(lines) + "\n"


def theme_strings(gettext: Callable[[str, str], str], lang: str, direction: str) -> dict[str, str]:
    """What theme/partials/language.html's `t(key)` finds first: the locale's tag and direction, and each theme
    string from our catalog (`gettext(key, English)`), "" when it is not translated there."""
    en = material_strings("en")
    strings = {"language": lang, "direction": direction}
    for key in THEME_KEYS:
        translated = gettext(key, en[key])
        strings[key] = "" if translated == en[key] else translated
    return strings


def seed_from_material(path: Path, language: str) -> int:
    """Fill the empty or fuzzy theme strings of a catalog from Material's file of exactly its language (hi, bn, pt-BR):
    Material's translators did them; ours review them like any other msgstr. Returns how many were filled."""
    tag = canonical_tag(language)
    if tag not in material_languages() or tag == "en":
        return 0
    strings = material_strings(tag)
    with path.open("rb") as fd:
        catalog = read_po(fd)
    filled = 0
    for message in catalog:
        # A fuzzy entry is pybabel's guess from a similar msgid ("Clear" → «वर्ष»): Material's is better.
        if message.context in THEME_KEYS and (not message.string or message.fuzzy) and strings.get(message.context):
            message.string = strings[message.context]
            message.flags.discard("fuzzy")
            filled += 1
    if filled:
        with path.open("wb") as fd:
            write_po(fd, catalog)
    return filled


def init_catalog(locales_dir: Path, tag: str) -> Path | None:
    """`pybabel init` for a BCP 47 tag (pybabel itself only reads pt_BR): the locale's catalog from the
    template, with its plural forms, and Material's strings where it has the language. None if it exists."""
    po = locales_dir / catalog_folder(tag) / "LC_MESSAGES" / "messages.po"
    if po.exists():
        return None
    with (locales_dir / "messages.pot").open("rb") as fd:
        template = read_po(fd)
    catalog = Catalog(locale=catalog_folder(tag), domain="messages", project=template.project, fuzzy=False)
    catalog.update(template)
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as fd:
        write_po(fd, catalog)
    seed_from_material(po, tag)
    if Locale.parse(catalog_folder(tag)).language == "en":
        msgen(po)  # English variants (en-IN) start from the msgids: they are English already
    return po


# --- compiling a catalog: checked first, written whole or not at all --------------------------------------

#: A %-placeholder as Python's `%` operator reads it (Babel's PYTHON_FORMAT, with `%%` as its own kind).
_PERCENT = re.compile(r"%(?:\(([^)]*)\))?([-#0 +]?(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?)([diouxXeEfFgGcrs%])")
_BRACE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _placeholders(text: str) -> tuple[set[str], list[str]]:
    """The %-placeholders of a text (`%(name)s`), and what else follows a `%` there (a stray `%`, `%(x)` unfinished)."""
    found, stray, at = set(), [], 0
    while (at := text.find("%", at)) >= 0:
        m = _PERCENT.match(text, at)
        if m is None:
            stray.append(text[at : at + 12])
            at += 1
            continue
        if m[3] != "%":
            found.add(m[0] if m[1] is None else f"%({m[1]}){m[3]}")
        at = m.end()
    return found, stray


def message_problems(message: Message, num_plurals: int) -> list[str]:
    """What would make a translated message crash the build or show wrong text: its placeholders differ from the
    msgid's (another name or kind, one missing or added, a `{brace}` where `%(name)s` is meant), a `%` that is
    not `%%` in a formatted message, a plural form that drops the number, or the wrong number of plural forms."""
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    problems = []
    if len(ids) > 1 and any(strings) and len(strings) != num_plurals:
        problems.append(f"{len(strings)} plural form(s), the catalog's Plural-Forms header says {num_plurals}")
    wanted, _ = _placeholders(ids[-1])
    formatted = bool(wanted) or "python-format" in message.flags
    for i, string in enumerate(strings):
        if not string:
            if any(strings):  # gettext would show nothing at all for the numbers that pick this form
                problems.append(f"msgstr[{i}] is empty while other forms are translated; translate every plural form")
            continue
        where = f"msgstr[{i}]" if len(ids) > 1 else "msgstr"
        have, stray = _placeholders(string)
        if formatted and stray:
            problems.append(f"{where}: {stray[0]!r}: a '%' that is no placeholder; write '%%' for a percent sign")
        missing = sorted(wanted - have)
        extra = sorted(have - wanted)
        if missing:
            problems.append(f"{where}: {', '.join(missing)} missing; the translation must keep every placeholder of the msgid")
        if extra:
            percent = "; write '%%' for a percent sign" if any("(" not in e for e in extra) else ""
            problems.append(
                f"{where}: {', '.join(extra)} is not a placeholder of the msgid ({', '.join(sorted(wanted)) or 'it has none'}){percent}"
            )
        braces = sorted(set(_BRACE.findall(string)) - set(_BRACE.findall(ids[-1])))
        if braces and (wanted or missing):
            problems.append(
                f"{where}: {', '.join(braces)} is not a placeholder here; write them as in the msgid ({', '.join(sorted(wanted))})"
            )
        if "#" in ids[-1] and str(message.context or "").startswith("search.result.") and "#" not in string:
            problems.append(f"{where}: '#' missing: the theme puts the number of results there")
    return problems


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def check_catalog(path: Path, data: bytes) -> tuple[Catalog | None, list[str]]:
    """Read a .po file strictly: UTF-8, a usable header, not fuzzy as a whole, not empty, every translation's
    placeholders those of its msgid. Returns the catalog and every problem, each as `FILE:LINE: message`."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [f"{path}:{line}: byte 0x{data[exc.start]:02X} is not UTF-8; save the catalog as UTF-8 (the catalogs' encoding)"]
    if not text.strip():
        return None, [f"{path}:1: the catalog is empty; restore it (git checkout) or recreate it with `make i18n`"]
    charset = re.search(r"charset=([^\\\s;\"]*)", text)
    if charset and charset[1].lower().replace("-", "") != "utf8":
        return None, [f"{path}:{_line_of(text, charset.start())}: charset={charset[1]}: the catalogs are UTF-8; write charset=UTF-8"]
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except PoFileError as exc:
        return None, [f"{path}:{exc.lineno}: {exc}"]
    except (ValueError, LookupError) as exc:
        return None, [f"{path}:1: not a readable catalog: {exc}"]
    problems = []
    if catalog.fuzzy:
        header = re.search(r"^#,.*\bfuzzy\b", text, re.MULTILINE)
        line = _line_of(text, header.start()) if header else 1
        problems.append(
            f"{path}:{line}: the catalog is marked fuzzy in its header, so none of its translations would be used; "
            "check the header and remove the `fuzzy` flag"
        )
    try:
        gettext.c2py(catalog.plural_expr)  # what Python's gettext does with the header when it loads the .mo
    except (ValueError, RecursionError) as exc:
        header = re.search(r"Plural-Forms:", text)
        line = _line_of(text, header.start()) if header else 1
        problems.append(f"{path}:{line}: Plural-Forms: plural={catalog.plural_expr!r} is not a plural expression gettext reads ({exc})")
    if not any(m.id for m in catalog):
        problems.append(f"{path}:1: the catalog has no messages; restore it (git checkout) or recreate it with `make i18n`")
    for message in catalog:
        if message.id and not message.fuzzy:
            problems += [f"{path}:{message.lineno}: {p}" for p in message_problems(message, catalog.num_plurals)]
    return catalog, problems


def compile_catalog(po: Path, mo: Path) -> None:
    """Check a catalog and compile it, as `pybabel compile` would (fuzzy entries left out), but never write a .mo
    from a catalog with problems: pybabel writes it anyway, and the next build would crash on it or show its
    broken strings. A broken catalog's old .mo is removed too, so nothing stale is published."""
    catalog, problems = check_catalog(po, po.read_bytes())
    if problems or catalog is None:
        mo.unlink(missing_ok=True)
        raise BuildError("\n".join(problems) + f"\n{len(problems)} problem(s) in the catalog; {mo} not written")
    out = io.BytesIO()
    write_mo(out, catalog)
    write_atomic(mo, out.getvalue())


if __name__ == "__main__":
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "compile" and args:
        failed = False
        for name in args:
            try:
                compile_catalog(Path(name), Path(name).with_suffix(".mo"))
            except BuildError as exc:
                sys.stderr.write(f"{exc}\n")
                failed = True
        sys.exit(1 if failed else 0)
    elif command == "msgen" and args:
        for name in args:
            sys.stdout.write(f"{name}: {msgen(Path(name))} message(s) filled from their msgid\n")
    elif command == "seed" and args:
        for name in args:
            filled = seed_from_material(Path(name), Path(name).parent.parent.name)
            if filled:
                sys.stdout.write(f"{name}: {filled} theme string(s) filled from Material's translation\n")
    elif command == "theme-template" and not args:
        (THEME_DIR / "partials" / "language.html").write_text(language_template(), encoding="utf-8")
    elif command == "init" and len(args) == 1:
        try:
            tag = canonical_tag(args[0])
        except ValueError as exc:
            sys.exit(f"error: {exc}")
        written = init_catalog(Path("locales"), tag)
        sys.stdout.write(f"{written}: created\n" if written else f"{tag}: catalog exists\n")
    else:
        sys.exit("usage: python -m generator.i18n {compile PO_FILE... | msgen PO_FILE... | seed PO_FILE... | theme-template | init LOCALE}")
