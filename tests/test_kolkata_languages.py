"""The Kolkata explainer in every official language of its press release, as a desk would add them.

PIB release 1629041 has official translations in 13 languages (../shared/corpus/pib-1629041-kolkata-port/,
read from there, never copied into the repository: only en and hi are in articles/). Each is added as a
translator does (`make locale`: the catalog, then `add-locale`), its locale file filled with the official text
paragraph by paragraph and confirmed, and the site built with all of them. The texts come as real text does: not in NFC,
with joiners, some shorter than the original (Odia, Malayalam, Assamese, Tamil), Tamil in another order, Telugu
only a title; what a translation leaves out is shown in English, marked as such.

In Chromium, the explainer in bn, ta, ml, pa, or and ur is drawn with the site's own face for the script
(loaded, first in the stack, and its cmap holding every letter of the page's text: no tofu). With
KOLKATA_SCREENSHOTS=screenshots the screenshots are written there, for the README.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from playwright.sync_api import Browser

from generator.fonts import font_for_locale
from generator.locales import SiteLocale

from .conftest import ROOT, copy_project, generator, run

CORPUS = ROOT.parent / "shared" / "corpus" / "pib-1629041-kolkata-port"
SLUG = "kolkata-port-syama-prasad-mookerjee"
#: The texts of the explainer, in the order of en.yaml: the title, then each paragraph (and the heading).
IDS = ("title", "approval", "board-resolution", "announcement", "background", "first-major-port", "renamed-ports")
#: Which line of each official translation holds each text (None: the translation leaves it out), found by the
#: dates and numbers each paragraph states. Datelines («নতুন দিল্লি, ০৩ জুন, ২০২০») and desk initials are not
#: article text; Urdu runs its dateline into the first paragraph, and keeps it there, as the text comes.
LINES: dict[str, tuple[str, tuple[int | None, ...]]] = {
    "as": ("Assamese", (0, 1, 2, 3, None, None, None)),
    "bn": ("Bengali", (0, 2, 3, 5, 7, 8, 10)),
    "gu": ("Gujarati", (0, 1, 2, 3, 4, 5, 6)),
    "kn": ("Kannada", (0, 1, 2, 3, 4, 5, 6)),
    "ml": ("Malayalam", (0, 3, 5, None, None, None, None)),
    "mni": ("Manipuri", (0, 1, 2, 3, 4, 5, 6)),
    "mr": ("Marathi", (0, 2, 3, 4, 5, 6, 7)),
    "or": ("Odia", (0, 1, 2, None, None, None, None)),
    "pa": ("Punjabi", (0, 1, 2, 3, 4, 5, 6)),
    "ta": ("Tamil", (0, 1, 3, None, None, None, 2)),  # Tamil gives the renamed ports before the Board's resolution
    "te": ("Telugu", (0, None, None, None, None, None, None)),  # the scrape kept the title only
    "ur": ("Urdu", (0, 1, 2, 3, 4, 5, 6)),
}
#: The languages the README shows, each read in Chromium.
SHOWN = ["bn", "ta", "ml", "pa", "or", "ur"]
SHOTS = Path(os.environ["KOLKATA_SCREENSHOTS"]) if os.environ.get("KOLKATA_SCREENSHOTS") else None


def official(code: str) -> dict[str, str]:
    """The official translation's texts by id, as the file has them (not normalised)."""
    name, lines = LINES[code]
    path = CORPUS / f"{name}.txt"
    if not path.is_file():
        pytest.fail(f"{path}: the real-text corpus is missing (see issue 13)", pytrace=False)
    text = path.read_text(encoding="utf-8").splitlines()
    return {key: text[i].strip() for key, i in zip(IDS, lines, strict=True) if i is not None}


def locale_file(code: str, english: dict) -> str:
    """The locale file a translator writes from the official text: the original's ids, texts where it has them."""
    texts = official(code)
    sections = []
    for section in english["sections"]:
        entry: dict = {"id": section["id"]}
        if section["id"] in texts:
            entry["heading"] = texts[section["id"]]
        entry["paragraphs"] = [{"id": p["id"], **({"text": texts[p["id"]]} if p["id"] in texts else {})} for p in section["paragraphs"]]
        sections.append(entry)
    return yaml.safe_dump({"title": texts["title"], "sections": sections}, allow_unicode=True, sort_keys=False, width=10_000)


def nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("kolkata") / "repo")
    english = yaml.safe_load((root / "articles" / SLUG / "en.yaml").read_text(encoding="utf-8"))
    for code in LINES:
        run([sys.executable, "-m", "generator.i18n", "init", code], root)  # what `make locale` runs first
        generator(root, "add-locale", code)
        (root / "articles" / SLUG / f"{code}.yaml").write_text(locale_file(code, english), encoding="utf-8")
        generator(root, "confirm", code, SLUG)  # the official text translates this original: `make confirm LOCALE=xx ARTICLE=…`
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], root)
    generator(root, "build")
    generator(root, "site")
    return root


def page(project: Path, code: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / code / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("code", sorted(LINES))
def test_each_official_translation_is_published_as_it_comes_and_what_it_leaves_out_is_marked_english(project: Path, code: str) -> None:
    soup = page(project, code)
    texts = official(code)
    assert soup.html["lang"] == code
    assert nfc(soup.select_one("article h1").get_text()) == nfc(texts["title"])
    for key in IDS[1:]:
        if key == "background":
            heading = soup.select_one("h2#background")
            assert heading is not None
            heading.select_one("a.headerlink").decompose()
            if key in texts:
                assert nfc(heading.get_text()) == nfc(texts[key])
            else:
                assert heading.get("lang") == "en", heading
            continue
        para = soup.select_one(f"p#p-{key}")
        assert para is not None, key
        if key in texts:
            assert nfc(para.get_text()) == nfc(texts[key]), key
            assert para.get("lang") is None, key  # in the page's language
        else:
            assert para.get("lang") == "en" and "fallback" in para["class"], key
    # The text on the page is NFC, whatever the file had (Bengali, Punjabi and Urdu do not come in NFC).
    body = soup.select_one("article").get_text()
    assert unicodedata.is_normalized("NFC", body)


def test_the_shorter_translations_are_shorter_on_the_page_too(project: Path) -> None:
    translated = {code: len([p for p in page(project, code).select("article p[id^=p-]") if not p.get("lang")]) for code in LINES}
    assert translated == {code: len([k for k in official(code) if k not in ("title", "background")]) for code in LINES}
    assert translated["te"] == 0 and translated["or"] == translated["ml"] == 2 and translated["gu"] == 5


def site_file(project: Path, url: str) -> Path:
    return project / "site" / urlsplit(url).path.lstrip("/")


@pytest.mark.parametrize("code", SHOWN)
def test_the_explainer_is_drawn_in_the_sites_own_font_for_its_script(project: Path, code: str, tmp_path: Path, browser: Browser) -> None:
    from checks.server import serve

    font = font_for_locale(SiteLocale(code, "published"))
    assert font is not None and font.file, code
    with serve(project / "site") as base:
        tab = browser.new_page(viewport={"width": 1000, "height": 760})
        fonts: list[str] = []
        elsewhere: list[str] = []
        tab.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith((base, "data:")) else None)
        tab.on("response", lambda r: fonts.append(r.url) if r.url.endswith(".woff2") else None)
        tab.goto(f"{base}/{code}/{SLUG}/", wait_until="networkidle")
        state = tab.evaluate(
            """async (family) => {
                await document.fonts.ready;
                const h1 = document.querySelector("article h1");
                const body = [...document.querySelectorAll("article p[id^='p-']:not([lang])")];
                const text = [h1, ...body].map(e => e.textContent).join(" ");
                const probe = document.createElement("canvas").getContext("2d");
                const width = (stack) => { probe.font = `20px ${stack}`; return probe.measureText(text).width; };
                window.scrollTo(0, body[0].getBoundingClientRect().top + window.scrollY - 160);
                return {
                    faces: [...document.fonts].filter(f => f.family.replace(/"/g, "") === family).map(f => f.status),
                    stack: getComputedStyle(body[0]).fontFamily,
                    text,
                    ready: document.fonts.check(`20px "${family}"`, text),
                    // Drawn with the face, the text is not as wide as with the browser's own fallback font.
                    differs: width(`"${family}", monospace`) !== width("monospace"),
                };
            }""",
            font.family,
        )
        tab.wait_for_timeout(300)
        tab.screenshot(path=str((SHOTS or tmp_path) / f"kolkata-{code}.png"))
    assert "loaded" in state["faces"], state["faces"]
    assert state["stack"].startswith(f'"{font.family}"'), state["stack"]
    assert state["ready"] and state["differs"], state
    assert elsewhere == [], elsewhere
    # No tofu: every letter and mark of the text outside Latin is in the cmap of a face the page loaded.
    served = [site_file(project, url) for url in fonts]
    assert any(path.name.startswith(font.file.rsplit(".", 1)[0]) or font.family.split()[-1].lower() in path.name for path in served), fonts
    cmap: set[int] = set()
    for path in served:
        cmap |= set(TTFont(path).getBestCmap())
    letters = {c for c in state["text"] if ord(c) > 0x24F and unicodedata.category(c)[0] in "LMN"}
    assert len(letters) > 20
    missing = sorted(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in letters if ord(c) not in cmap)
    assert missing == [], missing


@pytest.mark.parametrize("code", sorted(LINES))
def test_each_language_gets_a_share_card_with_its_official_title(project: Path, code: str) -> None:
    soup = page(project, code)
    og = {m["property"]: m["content"] for m in soup.select("meta[property]")}
    assert og["og:image"] == f"https://explainers.example.org/{code}/{SLUG}/share-card.png"
    assert nfc(og["og:image:alt"]) == nfc(official(code)["title"])
    card = project / "site" / code / SLUG / "share-card.png"
    assert 0 < card.stat().st_size <= 100_000
    if SHOTS:  # the README shows the cards of en, hi, bn, ta and ur
        (SHOTS / f"card-{code}.png").write_bytes(card.read_bytes())
