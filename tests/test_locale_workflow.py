"""A translator follows the README's "Adding a locale" literally: Urdu and Russian, partly translated."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup

from .conftest import ROOT, copy_project

SLUG = "north-korea-russia-defence-treaty"


def readme_commands() -> list[list[str]]:
    """The shell blocks of the README section "Adding a locale", in order, one list of commands each."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Adding a locale", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [[line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")] for block in blocks]


def sh(project: Path, command: str) -> str:
    result = subprocess.run(command, shell=True, cwd=project, capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""})
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def translate_po(project: Path, locale: str, strings: dict[str, str | tuple[str, ...]]) -> None:
    """What a translator does in Poedit: fill some entries of the catalog."""
    po = project / "locales" / locale / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as fd:
        catalog = read_po(fd)
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in strings:
            message.string = strings[key]
    with po.open("wb") as fd:
        write_po(fd, catalog)


def translate_article(project: Path, locale: str, values: dict[tuple[str, ...], str]) -> None:
    """What a translator does in the scaffold: fill some empty values, keeping the comments.

    Each key is a path of scaffold lines: the lines to find in order, the last one being the empty value.
    """
    file = project / "articles" / SLUG / f"{locale}.yaml"
    lines = file.read_text(encoding="utf-8").splitlines()
    for path, text in values.items():
        at = 0
        for wanted in path:
            at = next(i for i in range(at, len(lines)) if lines[i] == wanted)
        lines[at] += " " + json.dumps(text, ensure_ascii=False)
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


UR_TITLE = "یوکرین جنگ کے دوران شمالی کوریا اور روس نے باہمی دفاعی معاہدے پر مہر لگا دی"
UR_LEAD = "شمالی کوریا نے یوکرین کی جنگ کے دوران اپنے فوجی اتحاد کو مضبوط کرتے ہوئے روس کے ساتھ ایک تاریخی دفاعی معاہدے کی منظوری دے دی ہے۔"
RU_TITLE = "На фоне войны в Украине Северная Корея и Россия скрепили договор о взаимной обороне"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository in which the README's steps were followed for ur and ru."""
    root = copy_project(tmp_path_factory.mktemp("locale") / "repo")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "README.md"):
        shutil.copy2(ROOT / name, root / name)
    (root / ".venv").symlink_to(Path(sys.prefix))
    # The README's commands by what they do, however its blocks are arranged: scaffold, record, build.
    commands = [command for block in readme_commands() for command in block]
    scaffold = [c for c in commands if c.startswith("make locale")]
    record = [c for c in commands if c.startswith(("make confirm", "make i18n"))]
    build = [c for c in commands if c.startswith("make site")]
    assert scaffold and build and any(c.startswith("make confirm") for c in record), commands
    for locale in ("ur", "ru"):
        for command in scaffold:
            sh(root, command.replace("LOCALE=ur", f"LOCALE={locale}"))
    # Steps 2 and 3, as translators would do them.
    translate_po(
        root,
        "ur",
        {
            "Timeline": "واقعات کی ترتیب",
            "Glossary": "فرہنگ",
            "Key facts": "اہم حقائق",
            "Sources": "ماخذ",
            "%(num)s event": ("%(num)s واقعہ", "%(num)s واقعات"),
            "Parts of this page are not yet translated into %(language)s; they are shown in %(fallback)s.": (
                "اس صفحے کے کچھ حصوں کا ابھی %(language)s میں ترجمہ نہیں ہوا؛ وہ %(fallback)s میں دکھائے گئے ہیں۔"
            ),
        },
    )
    translate_po(
        root,
        "ru",
        {
            "%(num)s event": ("%(num)s событие", "%(num)s события", "%(num)s событий"),
            "Reading time: %(duration)s": "Время чтения: %(duration)s",
        },
    )
    translate_article(
        root,
        "ur",
        {
            ("title:",): UR_TITLE,
            ("summary:",): UR_LEAD,
            ("sections:", "  - id: lead", "      - id: ratified", "        text:"): UR_LEAD,
            ("timeline:", "  treaty-signed:", "    label:"): "معاہدے پر دستخط",
        },
    )
    translate_article(root, "ru", {("title:",): RU_TITLE})
    for locale in ("ur", "ru"):
        for command in record:
            sh(root, command.replace("LOCALE=ur", f"LOCALE={locale}"))
    for command in build:
        sh(root, command)
    return root


def page(project: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_make_locale_configures_a_draft_with_a_catalog_and_a_scaffold(project: Path) -> None:
    config = yaml.safe_load((project / "locales" / "locales.yml").read_text(encoding="utf-8"))
    assert config["locales"]["ur"] == {"status": "draft", "fallback": "en"}
    assert config["locales"]["ru"] == {"status": "draft", "fallback": "en"}
    with (project / "locales" / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as fd:
        assert read_po(fd).num_plurals == 3
    assert not list((project / "locales").rglob("*.mo")) or all(p.stat().st_size for p in (project / "locales").rglob("*.mo"))
    scaffold = (project / "articles" / SLUG / "ru.yaml").read_text(encoding="utf-8")
    assert "# hi: उत्तर कोरिया ने यूक्रेन में युद्ध के बीच" in scaffold
    # Every text field, claims too: a translator fills the scaffold, and the errors point at the right line.
    claims = yaml.safe_load((project / "articles" / SLUG / "article.yaml").read_text(encoding="utf-8"))["claims"]
    assert yaml.safe_load(scaffold)["claims"] == {c["id"]: {"text": None} for c in claims}


def test_urdu_pages_are_right_to_left_with_their_own_font(project: Path) -> None:
    soup = page(project, f"ur/{SLUG}")
    assert soup.html["lang"] == "ur"
    assert soup.html["dir"] == "rtl"  # on <html>, so that <title> and the tab are right to left too
    assert soup.body["dir"] == "rtl"
    assert soup.select_one('link[rel="preload"][as="font"]')["href"].endswith("noto-naskh-arabic-arabic-400-normal.woff2")
    assert soup.select_one("article h1").get_text() == UR_TITLE
    assert soup.select_one("time").get_text() == "نومبر 2024"  # Babel's Urdu month name, in its long date


def test_untranslated_text_falls_back_with_its_lang_and_a_notice(project: Path) -> None:
    soup = page(project, f"ur/{SLUG}")
    notice = soup.select_one(".locale-notice--fallback").get_text()
    assert notice == "اس صفحے کے کچھ حصوں کا ابھی اردو میں ترجمہ نہیں ہوا؛ وہ انگریزی میں دکھائے گئے ہیں۔"
    translated = soup.select_one("p#p-ratified")
    assert translated.get_text().startswith(UR_LEAD)
    assert "lang" not in translated.attrs
    fallback = soup.select_one("p#p-troops")
    assert (fallback["lang"], fallback["dir"]) == ("en", "ltr")
    assert fallback.get_text().startswith("According to information from South Korean")
    heading = soup.select_one("h2#troops-in-russia")
    assert (heading["lang"], heading["dir"]) == ("en", "ltr")
    label = soup.select_one("#event-treaty-in-force .timeline__label span.fallback")
    assert (label["lang"], label["dir"]) == ("en", "ltr")
    assert soup.select_one("#event-treaty-signed .timeline__label").get_text() == "معاہدے پر دستخط"
    assert soup.select_one("h2#timeline").get_text().startswith("واقعات کی ترتیب")
    # An untranslated plural message is English too, and says so (pybabel compiles it as if translated).
    minutes = next(s for s in soup.select(".explainer-meta span.fallback") if "Reading time" in s.get_text())
    assert (minutes.get_text(), minutes["lang"], minutes["dir"]) == ("Reading time: 2 minutes", "en", "ltr")


def test_plural_forms_follow_each_locale(project: Path) -> None:
    assert page(project, f"ru/{SLUG}").select_one(".timeline__count").get_text() == "23 события"
    assert page(project, f"ur/{SLUG}").select_one(".timeline__count").get_text() == "23 واقعات"
    assert "Время чтения: 2 минуты" in page(project, f"ru/{SLUG}").select_one(".explainer-meta").get_text()
    from generator.l10n import load_translations

    ru = load_translations(project / "locales", "ru")
    assert [ru.ngettext("%(num)s event", "%(num)s events", n) % {"num": n} for n in (1, 3, 5, 21)] == [
        "1 событие",
        "3 события",
        "5 событий",
        "21 событие",
    ]


def test_korean_catalogs_get_a_single_plural_form(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "init",
            "-i",
            str(ROOT / "locales" / "messages.pot"),
            "-d",
            str(tmp_path),
            "-l",
            "ko",
        ],
        check=True,
        capture_output=True,
    )
    with (tmp_path / "ko" / "LC_MESSAGES" / "messages.po").open("rb") as fd:
        assert read_po(fd).num_plurals == 1


def test_draft_locales_are_built_but_not_announced(project: Path) -> None:
    assert (project / "site" / "ur" / SLUG / "index.html").is_file()
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/hi/" in sitemap
    assert "/ur/" not in sitemap
    ur = page(project, f"ur/{SLUG}")
    assert ur.select_one('meta[name="robots"]')["content"] == "noindex"
    hi = page(project, f"hi/{SLUG}")
    assert {a["hreflang"] for a in hi.select("a.md-select__link")} == {"hi", "en"}
    assert {link["hreflang"] for link in hi.select('link[rel="alternate"][hreflang]')} == {"hi", "en", "x-default"}
    root = BeautifulSoup((project / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert {a["hreflang"] for a in root.select("main a")} == {"hi", "en"}


def rows(report: str) -> list[str]:
    """The report's lines with runs of spaces folded: what a reader compares."""
    return [" ".join(line.split()) for line in report.splitlines()]


def test_i18n_status_reports_exact_counts(project: Path) -> None:
    report = rows(sh(project, "make -s i18n-status"))
    with (project / "locales" / "messages.pot").open("rb") as pot:
        total = sum(1 for message in read_po(pot) if message.id)
    # `make locale` copies Material's translation of the theme's strings into the new catalog (24 for ur and ru).
    from generator.i18n import THEME_KEYS, material_strings

    seeded = {code: sum(1 for key in THEME_KEYS if material_strings(code).get(key)) for code in ("ur", "ru")}
    assert seeded == {"ur": 24, "ru": 24}
    for locale, translated in (("ur", 6 + seeded["ur"]), ("ru", 2 + seeded["ru"])):
        row = f"{locale} draft {translated} of {total} ({100 * translated // total}%) {total - translated} 0"
        assert row in report, report
    assert f"{SLUG} ur draft 4 of 118 (3%) 4 0 0 0 0 114" in report  # translated, then confirmed
    assert f"{SLUG} ru draft 1 of 118 (0%) 1 0 0 0 0 117" in report
    assert f"{SLUG} en published 118 of 118 (100%) 118 0 0 0 0 0" in report


def test_editing_the_original_marks_its_translation_stale_until_confirmed(project: Path) -> None:
    hi = project / "articles" / SLUG / "hi.yaml"
    original = hi.read_text(encoding="utf-8")
    hi.write_text(original.replace("मास्को का दौरा किया", "मास्को की यात्रा की"), encoding="utf-8")
    try:
        assert f"{SLUG} en published 118 of 118 (100%) 117 0 1 0 0 0" in rows(sh(project, "make -s i18n-status"))
        strict = subprocess.run("make -s i18n-status STRICT=1", shell=True, cwd=project, capture_output=True, text=True)
        assert strict.returncode != 0
        assert (
            f"articles/{SLUG}/en.yaml: 0 missing, 1 not reviewed (sections.cooperation-and-sanctions.choe-visit); check the 1 stale "
            f"text(s) against the original, update them, then run `make confirm LOCALE=en ARTICLE={SLUG}`"
        ) in strict.stderr
        sh(project, "make -s docs")
        page_md = (project / "docs" / "en" / f"{SLUG}.md").read_text(encoding="utf-8")
        assert "Parts of this translation may be out of date" in page_md
        assert re.search(r'<p id="p-choe-visit">.*\(may be out of date\)</span></p>', page_md)
        sh(project, f"make -s confirm LOCALE=en ARTICLE={SLUG}")
        assert f"{SLUG} en published 118 of 118 (100%) 118 0 0 0 0 0" in rows(sh(project, "make -s i18n-status"))
    finally:
        hi.write_text(original, encoding="utf-8")
