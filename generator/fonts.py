"""Which self-hosted font shows each locale's script, and the @font-face rules of a site.

A locale's script comes from CLDR's likely subtags (`bn` → Beng, `sat` → Olck, `mni` → Beng,
`mni_Mtei` → Mtei), so a new locale gets its font without configuration. The fonts are Noto, one
regular weight each (the browser synthesises bold), from Fontsource's npm packages (OFL 1.1; the
licence of each is next to it in theme/assets/fonts/), subset with fontTools to the letters CLDR lists
for the languages of each script (`python -m generator.fonts`, below): Devanagari 50 → 39 KB, Arabic
53 → 29 KB. Each face is limited by `unicode-range` to its script, so a page downloads only the fonts
of the scripts its text contains.
"""

from __future__ import annotations

import hashlib
import io
import logging
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .l10n import script_of
from .locales import SiteLocale
from .write import write_atomic

#: The generated stylesheet of each locale, relative to its docs folder, and the font files relative to it.
FONT_CSS = "assets/stylesheets/fonts.css"
FONT_URL = "../fonts/"
#: Where the generated language-names faces go, relative to a locale's docs folder.
NAMES_DIR = "assets/fonts/"
#: The family of the small faces that show the site's language names (see names_faces).
NAMES_FAMILY = "Explainer Language Names"
#: The same files for the symbols no script owns (SHARED_SYMBOLS), in the stack of all text.
SYMBOLS_FAMILY = "Explainer Symbols"
#: The elements that show words of other locales, which the names faces are cut to: the language menu, the
#: «Read in …» links, the glossary's terms in other locales, the sources.
NAMES_SHOWN = (".md-select__link", ".explainer-meta__read-in", ".md-typeset .glossary__other", ".md-typeset ol.sources > li")
#: Material's fallbacks after --md-text-font.
SYSTEM_STACK = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
#: The theme's font files, read when the language-names faces are cut from them.
THEME_FONTS = Path(__file__).resolve().parent.parent / "theme" / "assets" / "fonts"
#: Symbols that several script fonts have but no script owns: only the page's own face serves them (else
#: the language-names faces do), so that «₹615 crore» on an English or Urdu page does not download the
#: whole Devanagari font.
SHARED_SYMBOLS = frozenset({0x20A8, 0x20B9})


@dataclass(frozen=True)
class Font:
    """One self-hosted font face: the CSS family, its woff2 file and licence, the code points it serves."""

    family: str
    file: str
    licence: str
    unicode_range: str


#: The font of each script (ISO 15924 code) that the site serves; file names are Fontsource's (5.3.0).
#: Ranges are Fontsource's subset ranges, which the files' cmaps cover (tests/test_fonts.py checks).
FONTS: dict[str, Font] = {
    "Deva": Font(
        "Noto Sans Devanagari",
        "noto-sans-devanagari-devanagari-400-normal.woff2",
        "OFL-NotoSansDevanagari.txt",
        "U+0900-097F, U+1CD0-1CF9, U+200C-200D, U+20A8, U+20B9, U+20F0, U+25CC, U+A830-A839, U+A8E0-A8FF, U+11B00-11B09",
    ),
    "Beng": Font(
        "Noto Sans Bengali",
        "noto-sans-bengali-bengali-400-normal.woff2",
        "OFL-NotoSansBengali.txt",
        "U+0951-0952, U+0964-0965, U+0980-09FE, U+1CD0, U+1CD2, U+1CD5-1CD6, U+1CD8, U+1CE1, U+1CEA, U+1CED, U+1CF2, U+1CF5-1CF7, "
        "U+200C-200D, U+20B9, U+25CC, U+A8F1",
    ),
    "Gujr": Font(
        "Noto Sans Gujarati",
        "noto-sans-gujarati-gujarati-400-normal.woff2",
        "OFL-NotoSansGujarati.txt",
        "U+0951-0952, U+0964-0965, U+0A80-0AFF, U+200C-200D, U+20B9, U+25CC, U+A830-A839",
    ),
    "Guru": Font(
        "Noto Sans Gurmukhi",
        "noto-sans-gurmukhi-gurmukhi-400-normal.woff2",
        "OFL-NotoSansGurmukhi.txt",
        "U+0951-0952, U+0964-0965, U+0A01-0A76, U+200C-200D, U+20B9, U+25CC, U+262C, U+A830-A839",
    ),
    "Orya": Font(
        "Noto Sans Oriya",
        "noto-sans-oriya-oriya-400-normal.woff2",
        "OFL-NotoSansOriya.txt",
        "U+0951-0952, U+0964-0965, U+0B01-0B77, U+1CDA, U+1CF2, U+200C-200D, U+20B9, U+25CC",
    ),
    "Taml": Font(
        "Noto Sans Tamil",
        "noto-sans-tamil-tamil-400-normal.woff2",
        "OFL-NotoSansTamil.txt",
        "U+0964-0965, U+0B82-0BFA, U+200C-200D, U+20B9, U+25CC",
    ),
    "Telu": Font(
        "Noto Sans Telugu",
        "noto-sans-telugu-telugu-400-normal.woff2",
        "OFL-NotoSansTelugu.txt",
        "U+0951-0952, U+0964-0965, U+0C00-0C7F, U+1CDA, U+1CF2, U+200C-200D, U+25CC",
    ),
    "Knda": Font(
        "Noto Sans Kannada",
        "noto-sans-kannada-kannada-400-normal.woff2",
        "OFL-NotoSansKannada.txt",
        "U+0951-0952, U+0964-0965, U+0C80-0CF3, U+1CD0, U+1CD2-1CD3, U+1CDA, U+1CF2, U+1CF4, U+200C-200D, U+20B9, U+25CC, U+A830-A835",
    ),
    "Mlym": Font(
        "Noto Sans Malayalam",
        "noto-sans-malayalam-malayalam-400-normal.woff2",
        "OFL-NotoSansMalayalam.txt",
        "U+0307, U+0323, U+0951-0952, U+0964-0965, U+0D00-0D7F, U+1CDA, U+1CF2, U+200C-200D, U+20B9, U+25CC, U+A830-A832",
    ),
    "Olck": Font(
        "Noto Sans Ol Chiki",
        "noto-sans-ol-chiki-ol-chiki-400-normal.woff2",
        "OFL-NotoSansOlChiki.txt",
        "U+1C50-1C7F, U+20B9",
    ),
    "Mtei": Font(
        "Noto Sans Meetei Mayek",
        "noto-sans-meetei-mayek-meetei-mayek-400-normal.woff2",
        "OFL-NotoSansMeeteiMayek.txt",
        "U+200C-200D, U+25CC, U+AAE0-AAF6, U+ABC0-ABFF",
    ),
    # Naskh, not Nastaliq, for Urdu, Kashmiri and Sindhi: Noto Nastaliq Urdu is 159 KB, and 94 KB even
    # subset to Urdu's letters (its contextual forms are most of its 1,338 glyphs): with the 88 KB of
    # HTML, CSS and JavaScript of an article, an Urdu page would weigh about 190 KB. Naskh, subset to
    # the letters of every Arabic-script language in CLDR, is 29 KB.
    "Arab": Font(
        "Noto Naskh Arabic",
        "noto-naskh-arabic-arabic-400-normal.woff2",
        "OFL-NotoNaskhArabic.txt",
        "U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, "
        "U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC",
    ),
}

#: Scripts that every reader's system has a font for: they keep the system font (no download).
#: Han (zh, zh-Hant, zh-Hans) too, by measure rather than by choice: Noto Sans CJK TC (Debian
#: fonts-noto-cjk 20220127) cut with fontTools to 600 characters of CLDR's zh_Hant letters, about what
#: one explainer uses, is 348 KB of woff2 (300: 176 KB; all 2,179: 1,266 KB), more than twice the
#: 150 KB that a whole article page may weigh (tests/test_pageweight.py); every system that reads
#: Chinese ships a Han font (Microsoft JhengHei, PingFang TC, Noto Sans CJK on Android and Linux).
SYSTEM_SCRIPTS = frozenset({"Latn", "Hani", "Hans", "Hant"})

#: What font_for_locale returns for a locale written in a system script.
SYSTEM_FONT = Font("", "", "", "")


def font_for_locale(locale: SiteLocale) -> Font | None:
    """The font that shows a locale's text: a served Font, SYSTEM_FONT for Latin, None if there is none."""
    if locale.script in SYSTEM_SCRIPTS:
        return SYSTEM_FONT
    return FONTS.get(locale.script)


def font_report(locale: SiteLocale) -> str | None:
    """What `make locale` says of a locale's font when the site has one (warn_missing_font says when it has none)."""
    font = font_for_locale(locale)
    if font is None:
        return None
    if not font.file:
        return f"{locale.code}: its script ({locale.script}) is shown in the reader's system font, as the site's Latin text is"
    return (
        f"{locale.code}: the site serves {font.family} for its script ({locale.script}), self-hosted; "
        "a page downloads it only when it shows that script"
    )


def warn_missing_font(locale: SiteLocale) -> bool:
    """Log a warning when the site serves no font for a locale's script; True if it warned."""
    if font_for_locale(locale) is not None:
        return False
    logging.warning(
        "%s: the site serves no font for its script (%s); readers without one see boxes. Add it to FONTS in generator/fonts.py",
        locale.code,
        locale.script,
    )
    return True


def site_fonts(locales: Iterable[SiteLocale]) -> list[Font]:
    """The served fonts of a site's locales, each once, in the order of the locales."""
    fonts = [font_for_locale(locale) for locale in locales]
    return list(dict.fromkeys(f for f in fonts if f and f.file))


def font_css(locale: SiteLocale, locales: Iterable[SiteLocale], names: Sequence[NamesFace] = ()) -> str:
    """The stylesheet of one locale: a face per script of the site, and a stack with the locale's own first.

    Every locale's script gets a face because a page shows other languages too (links to translations,
    glossary terms and sources in other languages); `unicode-range` keeps each face from downloading
    unless the page shows its script. The locale's own family comes first, so characters that several
    faces cover (danda, joiners, ₹) take the locale's own design. The elements that show other locales'
    words (NAMES_SHOWN) put the faces cut to those words next (`names`, see names_faces): the
    «हिन्दी में पढ़ें» link and the glossary's Hindi terms on a Bengali page take a 12 KB face, not the
    41 KB Devanagari font. Other text keeps the full fonts, which shape any word (an untranslated
    explainer shown in Hindi). Only the own face serves SHARED_SYMBOLS: elsewhere a names face does.
    """
    fonts = site_fonts(locales)
    own = font_for_locale(locale)
    if own and own.file:
        fonts = [own] + [f for f in fonts if f != own]
    rules = [
        "/* Generated by generator/fonts.py from the site's locales: one self-hosted face per script (SIL OFL 1.1,\n"
        "   assets/fonts/OFL-*.txt); Latin keeps the reader's system font. */\n"
    ]
    for font in fonts:
        spans = _spans(font.unicode_range) if font == own else _without(_spans(font.unicode_range), SHARED_SYMBOLS)
        rules.append(_face(font.family, FONT_URL + font.file, _css_range(spans)))
    rules += [_face(NAMES_FAMILY, FONT_URL + face.file, _css_range([(cp, cp) for cp in face.code_points])) for face in names]
    rules += [
        _face(SYMBOLS_FAMILY, FONT_URL + face.file, _css_range([(cp, cp) for cp in face.code_points if cp in SHARED_SYMBOLS]))
        for face in names
        if SHARED_SYMBOLS & set(face.code_points)
    ]
    families = [f'"{f.family}"' for f in fonts]
    at = 1 if own and own.file else 0
    text = [*families[:at], f'"{SYMBOLS_FAMILY}"', *families[at:]] if names else families
    shown = [*families[:at], f'"{NAMES_FAMILY}"', *families[at:]] if names else families
    if families:
        rules.append(f":root {{\n  --md-text-font: {', '.join(text)};\n}}\n")
    if names:
        rules.append(f"{', '.join(NAMES_SHOWN)} {{\n  font-family: {', '.join(shown)}, {SYSTEM_STACK};\n}}\n")
    return "\n".join(rules)


@dataclass(frozen=True)
class NamesFace:
    """A language-names face: a script's font cut down to the letters of the site's language names."""

    file: str
    code_points: tuple[int, ...]
    data: bytes


def names_faces(
    texts: Iterable[str], locales: Iterable[SiteLocale], font_dir: Path = THEME_FONTS, memo: Path | None = None
) -> list[NamesFace]:
    """The faces that show `texts` (words a page shows in other locales' scripts: language names and «Read in …»
    links, the glossary's terms in other locales, sources' titles) and ₹.

    A page in one language names every other one and shows the glossary's terms in them: drawn with the full
    font of each script, those words would make a Bengali page download the Devanagari font too. Each
    script's face here keeps the glyphs that shaping exactly those words takes (HarfBuzz), a few KB; it is cut
    at build time, because the words come from the data and the translators' catalogs. Only the elements that
    show such words use it (font_css): other text in that script takes the full font, which shapes any word.
    `memo`, a folder, keeps the cut faces between builds.
    """
    fonts = site_fonts(locales)
    wanted: dict[Font, set[int]] = {}
    words: dict[Font, set[str]] = {}
    ranges = {font: _spans(font.unicode_range) for font in fonts}
    faces_of: dict[str, list[Font]] = {}  # each character once: which faces' ranges hold it
    for text in dict.fromkeys(texts):  # each distinct text once (a glossary term recurs in many articles)
        points_of: dict[Font, set[int]] = {}
        for char in set(text):
            if char not in faces_of:
                faces_of[char] = [font for font in fonts if any(lo <= ord(char) <= hi for lo, hi in ranges[font])]
            for font in faces_of[char]:
                points_of.setdefault(font, set()).add(ord(char))
        for font, points in points_of.items():
            if any(unicodedata.category(chr(cp))[0] in "LM" for cp in points):  # the text is in this script
                wanted.setdefault(font, set()).update(points)
                words.setdefault(font, set()).update(_runs(text, ranges[font]))
    for symbol in sorted(SHARED_SYMBOLS):  # served by the first face whose font has it
        for font in fonts:
            if any(lo <= symbol <= hi for lo, hi in _spans(font.unicode_range)) and symbol in _cmap(font_dir / font.file):
                wanted.setdefault(font, set()).add(symbol)
                break
    scripts = {font: script for script, font in FONTS.items()}
    faces = []
    for font in fonts:
        points = wanted.get(font, set())
        if points:
            points &= set(_cmap(font_dir / font.file))
            data = _memo_cut(font_dir / font.file, scripts[font], points, sorted(words.get(font, ())), memo)
            faces.append(NamesFace(f"names-{scripts[font].lower()}.woff2", tuple(sorted(points)), data))
    return faces


def _runs(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The runs of a text in one face's range (what a browser shapes with that face), each once."""
    runs, run = [], ""
    for char in text:
        if any(lo <= ord(char) <= hi for lo, hi in spans):
            run += char
        elif run:
            runs.append(run)
            run = ""
    return [*runs, run] if run else runs


def _cmap(path: Path) -> dict[int, str]:
    from fontTools.ttLib import TTFont

    cmap: dict[int, str] = TTFont(path, lazy=True).getBestCmap()
    return cmap


def _memo_cut(path: Path, script: str, points: set[int], words: list[str], memo: Path | None) -> bytes:
    """EDGE: _cut of a font file, kept in `memo` by a hash of the font, what it is cut to, the libraries and this code."""
    import fontTools
    import uharfbuzz

    source = path.read_bytes()
    versions = fontTools.version + uharfbuzz.__version__
    key = hashlib.sha256(source + repr((sorted(points), words)).encode() + versions.encode() + Path(__file__).read_bytes()).hexdigest()
    kept = memo / f"{key}.woff2" if memo else None
    if kept and kept.is_file():
        return kept.read_bytes()
    data = _cut(source, script, points, words)
    if kept:
        write_atomic(kept, data)
    return data


def shaped(font: bytes, script: str, text: str) -> list[tuple[str, int, int, int]]:
    """How HarfBuzz draws a run of one script with a font (sfnt bytes): glyph names and their positions."""
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    order = TTFont(io.BytesIO(font), lazy=True).getGlyphOrder()
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.script = script
    buffer.guess_segment_properties()
    hb.shape(hb.Font(hb.Face(font)), buffer, {})
    drawn = zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    return [(order[i.codepoint], p.x_advance, p.x_offset, p.y_offset) for i, p in drawn]


def _cut(source: bytes, script: str, points: set[int], words: Sequence[str]) -> bytes:
    """A woff2 keeping the code points and the glyphs that shaping `words` takes; deterministic bytes.

    A subset closed over every shaping feature keeps every conjunct the letters can form (49 Devanagari
    letters: 23 KB); the glyphs the words actually use are a third of that. Where a word goes through a
    glyph it does not end with (a half form inside a conjunct), the face keeps the closure of that word's
    own letters, and every word is checked to be drawn as the whole font draws it.
    """
    from fontTools.ttLib import TTFont

    sfnt = _sfnt(source)
    glyphs: set[str] = set()
    for word in words:
        glyphs.update(g[0] for g in shaped(sfnt, script, word))
    cut = _subset(sfnt, points, glyphs=glyphs, flavor=None)
    for word in words:
        if shaped(cut, script, word) != shaped(sfnt, script, word):
            closed = TTFont(io.BytesIO(_subset(sfnt, {ord(c) for c in word}, flavor=None)), lazy=True)
            glyphs.update(closed.getGlyphOrder())
    return _subset(sfnt, points, glyphs=glyphs)


def _sfnt(source: bytes) -> bytes:
    """The font as plain sfnt (HarfBuzz reads no woff2), its glyph names written in (cuts are compared by name)."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(source), recalcTimestamp=False)
    font.flavor = None
    font.getGlyphOrder()
    post = font["post"]
    if post.formatType != 2.0:
        post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=None)
    return buffer.getvalue()


def _without(spans: list[tuple[int, int]], points: Iterable[int]) -> list[tuple[int, int]]:
    """The spans less the given code points."""
    out = []
    for lo, hi in spans:
        start = lo
        for cp in sorted(p for p in set(points) if lo <= p <= hi):
            if start < cp:
                out.append((start, cp - 1))
            start = cp + 1
        if start <= hi:
            out.append((start, hi))
    return out


def _css_range(spans: Iterable[tuple[int, int]]) -> str:
    return ", ".join(f"U+{lo:04X}" if lo == hi else f"U+{lo:04X}-{hi:04X}" for lo, hi in spans)


def _face(family: str, url: str, unicode_range: str) -> str:
    return (
        "@font-face {\n"
        f'  font-family: "{family}";\n'
        "  font-style: normal;\n"
        "  font-weight: 400;\n"
        "  font-display: swap;\n"
        f'  src: url("{url}") format("woff2");\n'
        f"  unicode-range: {unicode_range};\n"
        "}\n"
    )


# --- making the font files (a maintainer's step, not part of the build) ---------------------------------


def kept_code_points(script: str, cmap: Iterable[int]) -> set[int]:
    """What a subset of a script's font keeps: every code point of its face's range, except letters and
    marks outside the script's main Unicode block that no CLDR language uses (Vedic signs, Arabic
    presentation forms and letters of languages CLDR does not cover).

    The main block is kept whole (letters CLDR omits do occur: Odia text writes ୈ with U+0B56, Marathi
    ॲ), and so are digits, punctuation and symbols, and every letter of a script for which CLDR lists none.
    Needs PyICU (pyicu-wheels) for CLDR's exemplar sets.
    """
    import icu
    from babel import localedata

    spans = _spans(FONTS[script].unicode_range)
    in_range = {cp for cp in cmap if any(lo <= cp <= hi for lo, hi in spans)}
    used: set[int] = set()
    for code in localedata.locale_identifiers():
        if script_of(code) == script:
            for kind in (0, 1, 2, 3):  # standard, auxiliary, index, punctuation
                try:
                    used |= {ord(c) for item in icu.LocaleData(code).getExemplarSet(0, kind) for c in item}
                except icu.ICUError:  # a set this locale's data does not have
                    continue
    letters = {cp for cp in used & in_range if unicodedata.category(chr(cp))[0] in "LM"}
    if not letters:  # CLDR lists no letters for the script (mni_Mtei): keep them all
        return in_range
    blocks = {cp >> 7 for cp in letters}  # the 128-character blocks that CLDR's letters are in
    return {cp for cp in in_range if cp >> 7 in blocks or cp in used or unicodedata.category(chr(cp))[0] not in "LM"}


def _subset(source: bytes, points: Iterable[int], glyphs: Iterable[str] | None = None, flavor: str | None = "woff2") -> bytes:
    """A subset keeping the given code points with every shaping feature; deterministic bytes.

    With `glyphs`, exactly those glyphs and the code points' own: no closure over the shaping rules.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # its INFO lines ("name pruned") are noise here
    # fontTools packs layout tables with HarfBuzz's repacker when uharfbuzz is importable: other bytes for the same
    # font. Its own packer, always, keeps the output a function of the input alone.
    font = TTFont(io.BytesIO(source), recalcTimestamp=False, cfg={"fontTools.ttLib.tables.otBase:USE_HARFBUZZ_REPACKER": False})
    options = subset.Options()
    options.layout_features = ["*"]  # every shaping feature: conjuncts, vowel signs, mark positioning
    options.name_IDs = ["*"]  # keep the copyright and licence names
    options.glyph_names = flavor is None  # the cuts that shaped() compares, by glyph name; not in the served files
    if glyphs is not None:
        options.layout_closure = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points, glyphs=sorted(glyphs or ()))
    subsetter.subset(font)
    font.flavor = flavor
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=None)
    return buffer.getvalue()


def _spans(css_range: str) -> list[tuple[int, int]]:
    out = []
    for part in css_range.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        out.append((int(low, 16), int(high or low, 16)))
    return out


def subset_font(source: str, dest: str, script: str) -> int:
    """Write the subset of a Fontsource woff2 that the site serves for a script; return its size in bytes."""
    from fontTools.ttLib import TTFont

    data = Path(source).read_bytes()
    points = kept_code_points(script, TTFont(io.BytesIO(data)).getBestCmap())
    Path(dest).write_bytes(_subset(data, points))
    return len(Path(dest).read_bytes())


def main(argv: list[str] | None = None) -> None:
    """`python -m generator.fonts DIR`: rewrite theme/assets/fonts/ from the Fontsource packages unpacked
    in DIR (`npm pack @fontsource/noto-sans-bengali@5.3.0` etc., each untarred into DIR/<package name>/)."""
    import sys

    source = Path((argv or sys.argv[1:])[0])
    out = Path(__file__).resolve().parent.parent / "theme" / "assets" / "fonts"
    for script, font in FONTS.items():
        files = list(source.glob(f"*/package/files/{font.file}"))
        if len(files) != 1:
            raise SystemExit(f"{font.file}: not found under {source}")
        size = subset_font(str(files[0]), str(out / font.file), script)
        sys.stdout.write(f"{script} {font.family}: {files[0].stat().st_size} -> {size} bytes\n")


if __name__ == "__main__":
    main()
