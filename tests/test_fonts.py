"""Every language of India reads in a font the site serves: the right font per script, covering the
language's letters (CLDR exemplar characters, read with ICU), its licence shipped, and in Chromium the
letters of the Kolkata press release drawn with that font, fetched from the site and nowhere else."""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import icu
import pytest
from babel import Locale
from fontTools.ttLib import TTFont
from playwright.sync_api import Browser

from generator.fonts import FONTS, SYSTEM_FONT, _sfnt, font_css, font_for_locale, names_faces, shaped, warn_missing_font
from generator.l10n import script_of
from generator.locales import SiteLocale

from .conftest import ROOT, copy_project, generator, run

FONT_DIR = ROOT / "theme" / "assets" / "fonts"
CORPUS = ROOT.parent / "shared" / "corpus" / "pib-1629041-kolkata-port"
#: The 22 languages of the Eighth Schedule of the Constitution of India.
SCHEDULED = [
    *("as", "bn", "brx", "doi", "gu", "hi", "kn", "ks", "kok", "mai", "ml"),
    *("mni", "mr", "ne", "or", "pa", "sa", "sat", "sd", "ta", "te", "ur"),
]
SLUG = "chandrayaan-3-moon-landing"

#: ICU's exemplar set kinds (ULocaleDataExemplarSetType; PyICU's enum lacks the punctuation one).
STANDARD, AUXILIARY, PUNCTUATION = 0, 1, 3
#: Punctuation that CLDR lists for these languages but that is not part of their script: ASCII, Latin-1
#: and General Punctuation (quotes, dashes, †, …), which every system font has. Those characters keep
#: the system font, as Latin text does; the script's own marks (। ॥ ، ؟ ۔ ᱾ ᱿) must be in its font.
SYSTEM_PUNCTUATION = [(0x20, 0xFF), (0x2000, 0x206F)]


def exemplars(code: str, kind: int) -> set[str]:
    """The characters of one of a locale's CLDR exemplar sets (sequences such as क्ष split into characters).

    Babel 2.19 has no exemplar data (`Locale.exemplar_characters` does not exist), so ICU's is read.
    """
    return {char for item in icu.LocaleData(code).getExemplarSet(0, kind) for char in item}


def ranges(css_range: str) -> list[tuple[int, int]]:
    out = []
    for part in css_range.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        out.append((int(low, 16), int(high or low, 16)))
    return out


def covered(char: str, spans: list[tuple[int, int]]) -> bool:
    return any(lo <= ord(char) <= hi for lo, hi in spans)


def loc(code: str) -> SiteLocale:
    """A published locale of the site, as config.load_project builds it."""
    return SiteLocale(code, "published")


def cmap(file: str) -> dict[int, str]:
    return TTFont(FONT_DIR / file).getBestCmap()


@pytest.mark.parametrize(
    ("code", "script"),
    [
        ("bn", "Beng"), ("as", "Beng"), ("mni", "Beng"), ("mni_Mtei", "Mtei"), ("sat", "Olck"), ("pa", "Guru"),
        ("or", "Orya"), ("ur", "Arab"), ("ks", "Arab"), ("sd", "Arab"), ("mai", "Deva"), ("kok", "Deva"),
        ("en", "Latn"), ("en-IN", "Latn"), ("sr_Latn", "Latn"), ("sr", "Cyrl"), ("zh-Hant", "Hant"),
    ],
)  # fmt: skip
def test_a_locales_script_comes_from_cldr_likely_subtags(code: str, script: str) -> None:
    assert script_of(code) == script


@pytest.mark.parametrize("code", SCHEDULED)
def test_the_font_of_each_scheduled_language_covers_its_letters(code: str) -> None:
    font = font_for_locale(loc(code))
    assert font is not None and font.file, f"{code}: no self-hosted font"
    chars = cmap(font.file)
    spans = ranges(font.unicode_range)
    letters = exemplars(code, STANDARD) | exemplars(code, AUXILIARY)
    assert len(exemplars(code, STANDARD)) > 20
    assert not {c for c in letters if ord(c) not in chars}, "letters missing from the font"
    assert not {c for c in letters if not covered(c, spans)}, "letters outside the face's unicode-range"
    marks = {c for c in exemplars(code, PUNCTUATION) if not covered(c, SYSTEM_PUNCTUATION)}
    assert not {c for c in marks if ord(c) not in chars or not covered(c, spans)}, "the script's punctuation is not served"


@pytest.mark.parametrize("code", SCHEDULED)
def test_the_generated_stylesheet_serves_the_locales_letters_with_its_family_first(code: str) -> None:
    css = font_css(loc(code), [loc(c) for c in ["hi", "en", *SCHEDULED]])
    faces = re.findall(r'@font-face \{\s*font-family: "([^"]+)";.*?src: url\("\.\./fonts/([^"]+)"\).*?unicode-range: ([^;]+);', css, re.S)
    font = font_for_locale(loc(code))
    assert faces[0][:2] == (font.family, font.file)
    assert {family for family, _, _ in faces} == {f.family for f in FONTS.values()} - {"Noto Sans Meetei Mayek"}
    stack = re.search(r"--md-text-font: ([^;]+);", css).group(1)
    assert stack.startswith(f'"{font.family}"')
    spans = ranges(faces[0][2])
    assert all(covered(c, spans) for c in exemplars(code, STANDARD) | exemplars(code, AUXILIARY))


CORPUS_LOCALES = {
    "Assamese": "as", "Bengali": "bn", "Gujarati": "gu", "Hindi": "hi", "Kannada": "kn", "Malayalam": "ml",
    "Manipuri": "mni", "Marathi": "mr", "Odia": "or", "Punjabi": "pa", "Tamil": "ta", "Telugu": "te", "Urdu": "ur",
}  # fmt: skip


@pytest.mark.parametrize(("name", "code"), sorted(CORPUS_LOCALES.items()))
def test_the_font_has_every_character_of_the_official_translation(name: str, code: str) -> None:
    # Real text as it arrives (then NFC, as the loader makes it): the characters of the locale's script
    # in the press release must all be in the font, not only those CLDR lists.
    font = font_for_locale(loc(code))
    spans = ranges(font.unicode_range)
    text = unicodedata.normalize("NFC", (CORPUS / f"{name}.txt").read_text(encoding="utf-8"))
    chars = cmap(font.file)
    in_script = {c for c in text if covered(c, spans)}
    assert len(in_script) > 20  # Telugu has only the title
    assert not {c for c in in_script if ord(c) not in chars}


def test_only_the_pages_own_face_serves_the_rupee_sign() -> None:
    # «₹615 crore» on an English or Urdu page must not download the Devanagari font: there the
    # language-names face serves it (tests/test_pageweight.py).
    for code, own in (("hi", "Noto Sans Devanagari"), ("bn", "Noto Sans Bengali"), ("en", None), ("ur", None)):
        css = font_css(loc(code), [loc(c) for c in ["hi", "en", "bn", "ur"]])
        with_rupee = [
            family
            for family, spans in re.findall(r'font-family: "([^"]+)";.*?unicode-range: ([^;]+);', css, re.S)
            if covered("₹", ranges(spans))
        ]
        assert with_rupee == ([own] if own else []), (code, with_rupee)


#: Words whose conjuncts go through glyphs they do not end with (half forms, reph, a pre-base vowel sign).
WORDS = {
    "Deva": ["हिन्दी में पढ़ें", "संयुक्त राष्ट्र", "पुष्टि", "क्षेत्र", "प्रज्ञान", "श्रीहरिकोटा", "अनुसमर्थन", "कुर्स्क"],
    "Beng": ["বাংলায় পড়ুন", "কলকাতা বন্দর", "শ্যামাপ্রসাদ"],
    "Arab": ["اردو میں پڑھیں", "شیاما پرساد مکھرجی"],
}


@pytest.mark.parametrize("script", sorted(WORDS))
def test_the_names_face_draws_each_word_as_the_whole_font_does(script: str) -> None:
    code = {"Deva": "hi", "Beng": "bn", "Arab": "ur"}[script]
    (face,) = names_faces(WORDS[script], [loc(code)])
    whole = _sfnt((FONT_DIR / FONTS[script].file).read_bytes())
    cut = _sfnt(face.data)
    for word in WORDS[script]:
        for part in word.split():
            assert [g[1:] for g in shaped(cut, script, part)] == [g[1:] for g in shaped(whole, script, part)], part
            assert all(g[0] != ".notdef" for g in shaped(cut, script, part)), part
    assert len(face.data) < (FONT_DIR / FONTS[script].file).stat().st_size / 3


def test_latin_keeps_the_system_font_and_a_locale_of_another_script_has_none() -> None:
    assert font_for_locale(loc("en")) is SYSTEM_FONT
    assert font_for_locale(loc("hi")).family == "Noto Sans Devanagari"
    assert font_for_locale(loc("sr")) is None  # Cyrillic: not served yet
    assert "@font-face" not in font_css(loc("en"), [loc(c) for c in ["en"]])


@pytest.mark.parametrize("code", ["zh-Hant", "zh", "zh-TW", "zh-Hans"])
def test_han_keeps_the_readers_system_font_as_the_readme_says(code: str) -> None:
    # A subset of Noto Sans CJK for one explainer's characters weighs more than the whole page may
    # (README, "A font for every script"): Han is drawn by the system's font, on purpose, and said so.
    assert font_for_locale(loc(code)) is SYSTEM_FONT
    assert not warn_missing_font(loc(code))
    css = font_css(loc(code), [loc(c) for c in ["hi", "en", code]])
    assert not any(covered("中", ranges(r)) for r in re.findall(r"unicode-range: ([^;]+);", css))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Han" in readme and "348 KB" in readme


def test_meetei_mayek_font_covers_the_script() -> None:
    # CLDR has no exemplars for mni_Mtei: check the letters, vowel signs and digits of the block.
    chars = cmap(FONTS["Mtei"].file)
    assert all(cp in chars for cp in [*range(0xABC0, 0xABEE), *range(0xABF0, 0xABFA)])


@pytest.mark.parametrize("script", sorted(FONTS))
def test_each_font_is_shipped_small_with_its_licence(script: str) -> None:
    font = FONTS[script]
    file = FONT_DIR / font.file
    names = TTFont(file)["name"]
    assert names.getDebugName(1) == font.family
    assert file.stat().st_size <= 55_000  # keeps an article's first load ≤ 150 KB (README, Performance)
    licence = (FONT_DIR / font.licence).read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert licence.startswith("Copyright") and "The Noto Project Authors" in licence.splitlines()[0]
    # No file in the font folder without its licence.
    assert {p.name for p in FONT_DIR.glob("*.woff2")} == {f.file for f in FONTS.values()}


def test_make_locale_says_which_font_the_script_gets_or_that_it_has_none(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    added = generator(project, "add-locale", "bn")
    assert "no font" not in added.stderr
    # And says which font the script gets when the site has one (the README's step 1 promises it).
    assert "bn: the site serves Noto Sans Bengali for its script (Beng), self-hosted; a page downloads it only" in added.stderr
    assert "pt-BR: its script (Latn) is shown in the reader's system font" in generator(project, "add-locale", "pt-BR").stderr
    added = generator(project, "add-locale", "sr")
    assert "sr: the site serves no font for its script (Cyrl)" in added.stderr


# --- in Chromium ----------------------------------------------------------------------------------------

#: Locales that Material 9.8.2 has strings for: built as real sites, their explainer in the press release's text.
BUILT = {"bn": "Bengali", "ta": "Tamil", "ur": "Urdu"}
#: Locales Material cannot build yet: a static page with the text, styled by the generator's stylesheet.
STATIC = {"ml": "Malayalam", "pa": "Punjabi", "or": "Odia"}


def corpus(name: str) -> list[str]:
    lines = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return [unicodedata.normalize("NFC", line.strip()) for line in lines if line.strip() and "*" not in line]


def santali() -> list[str]:
    """Santali in Ol Chiki (no press release): its name and month names, from CLDR."""
    sat = Locale("sat")
    return [sat.get_display_name(), " ".join(sat.months["format"]["wide"].values())]


def fill(file: Path, values: list[str]) -> None:
    """What a translator does in the scaffold: fill the title, the summary and the first paragraph."""
    lines = file.read_text(encoding="utf-8").splitlines()
    for key, text in zip(("title:", "summary:", "        text:"), values, strict=False):
        at = lines.index(key)
        lines[at] += " " + json.dumps(text, ensure_ascii=False)
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def fonts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with bn, ta and ur added and the press release's text in them, built; plus static pages."""
    project = copy_project(tmp_path_factory.mktemp("fonts") / "project")
    for code, name in BUILT.items():  # as `make locale LOCALE=xx` does
        run([sys.executable, "-m", "babel.messages.frontend", "init", "-i", "locales/messages.pot", "-d", "locales", "-l", code], project)
        generator(project, "add-locale", code)
        text = corpus(name)
        fill(project / "articles" / SLUG / f"{code}.yaml", [text[0], text[2], text[3]])
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], project)
    generator(project, "build")
    generator(project, "site")
    site = project / "site"
    static = {**{code: corpus(name)[:4] for code, name in STATIC.items()}, "sat": santali()}
    for code, text in static.items():
        # Under a built locale, so that the fonts are the ones the site serves from its theme.
        folder = site / "bn" / f"fonts-{code}"
        folder.mkdir()
        (site / "bn" / "assets" / "stylesheets" / f"fonts-{code}.css").write_text(
            font_css(loc(code), [loc(c) for c in [*BUILT, *static]]), encoding="utf-8"
        )
        paragraphs = "".join(f"<p>{line}</p>" for line in text[1:])
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="{code}"><meta charset="utf-8"><title>{code}</title>'
            f'<link rel="stylesheet" href="../assets/stylesheets/fonts-{code}.css">'
            '<body style="font: 20px/1.6 var(--md-text-font), sans-serif; max-width: 60em; margin: 2em">'
            f"<h1>{text[0]}</h1>{paragraphs}</body></html>",
            encoding="utf-8",
        )
    return site


SHOTS = Path(os.environ["FONT_SCREENSHOTS"]) if os.environ.get("FONT_SCREENSHOTS") else None


@pytest.mark.parametrize(
    ("code", "path"),
    [*((code, f"/{code}/{SLUG}/") for code in BUILT), *((code, f"/bn/fonts-{code}/") for code in [*STATIC, "sat"])],
)
def test_text_in_each_script_is_drawn_with_the_sites_own_font(
    fonts_site: Path, code: str, path: str, tmp_path: Path, browser: Browser
) -> None:
    from checks.server import serve

    family = font_for_locale(loc(code)).family
    with serve(fonts_site) as base:
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        elsewhere: list[str] = []
        page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(base) else None)
        page.goto(base + path, wait_until="networkidle")
        state = page.evaluate(
            """async (family) => {
                await document.fonts.ready;
                const h1 = document.querySelector("article h1, body > h1");
                return {
                    faces: [...document.fonts].filter(f => f.family.replace(/"/g, "") === family).map(f => f.status),
                    stack: getComputedStyle(h1).fontFamily,
                    text: h1.textContent,
                    drawn: document.fonts.check(`16px "${family}"`, h1.textContent),
                };
            }""",
            family,
        )
        page.screenshot(path=str((SHOTS or tmp_path) / f"font-{code}.png"), clip={"x": 0, "y": 0, "width": 1000, "height": 440})
    assert state["faces"] == ["loaded"], state
    assert state["stack"].startswith(f'"{family}"'), state["stack"]
    assert state["drawn"], state
    assert any(unicodedata.name(c, "").split()[0] in family.upper() for c in state["text"]), state["text"]
    assert elsewhere == [] or all(u.startswith("data:") for u in elsewhere), elsewhere


def test_the_closed_language_menu_costs_no_font(fonts_site: Path, browser: Browser) -> None:
    # The English search page shows no Devanagari but the menu's «हिन्दी»: a closed menu must not make
    # the page fetch a font; opening it fetches the few KB of the language-names face, not the 41 KB font.
    from checks.server import serve

    with serve(fonts_site) as base:
        page = browser.new_page()
        fonts: list[str] = []
        page.on("request", lambda r: fonts.append(r.url) if r.url.endswith(".woff2") else None)
        page.goto(base + "/en/search/", wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        assert fonts == []
        page.hover(".md-header__option .md-select")
        page.wait_for_function("[...document.fonts].some(f => f.family === 'Explainer Language Names' && f.status === 'loaded')")
        assert page.locator('.md-select__link[lang="hi"]').is_visible()
    assert [url.rsplit("/", 1)[1] for url in fonts] == ["names-deva.woff2"]
