"""What a newsroom's real articles need (issue 14): numbers with units, money with scale words, exact decimals,
en-IN dates, reading time from CLDR, forecasts, a standfirst, long quotations, «See also» and bylines.

Validation messages are checked like tests/test_validate.py; rendering on the pages `generator build` writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.config import load_project
from generator.errors import ConfigError

from .conftest import copy_project, generator
from .test_validate import ARTICLE, EN, HI, errors_of, make_project, seed

LONG_QUOTE = ("यह एक लंबा उद्धरण है, " * 20).strip()  # 439 characters: more than the old limit of 300

FACTS_ARTICLE = (
    ARTICLE.replace(
        "    number: 11000\n    approximate: true\n    sources: [tass]\n",
        "    number: 11000\n    approximate: true\n    sources: [tass]\n"
        "  - {id: area, number: 24.5, unit: area-square-kilometer, sources: [tass]}\n"
        "  - {id: cost, number: 615, currency: INR, scale: crore, approximate: true, sources: [tass]}\n"
        "  - {id: share, number: 0.125, unit: concentr-percent, sources: [tass]}\n",
    )
    .replace(
        "timeline:\n",
        'timeline:\n  - {id: expansion, date: "2026", status: forecast, sources: [tass]}\n'
        '  - {id: talks, date: "2026-03-01", sources: [tass]}\n',
    )
    .replace("glossary:\n  - id: treaty\n", "glossary:\n  - {id: treaty, see_also: [ratification]}\n  - {id: ratification}\n")
    + "authors:\n  - name: {hi: व्याख्या डेस्क, en: Explainers desk}\n    organization: true\n    url: https://explainers.example.org/\n"
    "  - name: {hi: गीता पांडे}\n"
)
FACTS_HI = (
    HI.replace("title: शीर्षक\n", "title: शीर्षक\nstandfirst: एक छोटा परिचय।\n")
    .replace("        text: यह संधि है।\n", f'        text: यह संधि है। {LONG_QUOTE}\n        verbatim: ["{LONG_QUOTE}"]\n')
    .replace(
        "timeline:\n",
        "timeline:\n  expansion: {label: विस्तार, description: 24% विस्तार का अनुमान है।}\n  talks: {label: वार्ता, description: वार्ता हुई।}\n",
    )
    .replace("glossary:\n", "glossary:\n  ratification: {term: अनुसमर्थन, definition: पुष्टि।}\n")
    .replace("key_facts:\n", "key_facts:\n  area: {label: क्षेत्र}\n  cost: {label: लागत}\n  share: {label: हिस्सा}\n")
)
FACTS_EN = (
    EN.replace(
        "title: Title\n",
        "title: Title\nstandfirst: A short lead.\ntranslators:\n  - name: <b>Anna</b>\n"
        "  - {name: Press Information Bureau, organization: true, url: 'https://pib.gov.in/'}\n",
    )
    .replace(
        "timeline:\n",
        "timeline:\n  expansion: {label: Expansion, description: A 24% expansion is predicted.}\n"
        "  talks: {label: Talks, description: Talks were held.}\n",
    )
    .replace("glossary:\n", "glossary:\n  ratification: {term: ratification, definition: Confirmation.}\n")
    .replace("key_facts:\n", "key_facts:\n  area: {label: Area}\n  cost: {label: Cost}\n  share: {label: Share}\n")
)


# --- validation --------------------------------------------------------------------------------------


def test_the_new_fields_are_valid(tmp_path: Path) -> None:
    from generator.gather import load_articles

    [article] = load_articles(load_project(make_project(tmp_path, seed(article_yaml=FACTS_ARTICLE, hi_yaml=FACTS_HI, en_yaml=FACTS_EN))))
    assert str(article.data.key_facts[1].number) == "24.5"  # a Decimal, exactly as written
    assert article.texts["hi"].sections[0].paragraphs[0].verbatim == [LONG_QUOTE]


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            "number: 11000",
            "number: 11000\n    unit: percent",
            "articles/kursk/article.yaml:19:11: key_facts[0].unit: unknown unit 'percent'; did you mean 'concentr-percent'? "
            "(CLDR unit ids such as area-square-kilometer, length-meter, concentr-percent, mass-tonne)",
        ),
        (
            "number: 11000",
            "number: 11000\n    unit: mass-metric-ton",
            "articles/kursk/article.yaml:19:11: key_facts[0].unit: unknown unit 'mass-metric-ton'; did you mean 'mass-ton' or "
            "'mass-tonne' or 'mass-stone'? (CLDR unit ids such as area-square-kilometer, length-meter, concentr-percent, mass-tonne)",
        ),
        (
            "number: 11000",
            "number: 11000\n    currency: Rs",
            "articles/kursk/article.yaml:19:15: key_facts[0].currency: unknown currency 'Rs'; did you mean 'RSD' or 'ARS'? "
            "(ISO 4217 codes such as INR, USD, EUR)",
        ),
        (
            "number: 11000",
            "number: 11000\n    scale: crores",
            "articles/kursk/article.yaml:19:12: key_facts[0].scale: expected one of 'thousand', 'lakh', 'million', 'crore', "
            "'billion' or 'trillion', got 'crores'",
        ),
        (
            "number: 11000",
            'number: "11,000"',
            "articles/kursk/article.yaml:18:13: key_facts[0].number: expected a number such as 11000 or 24.5 (digits, a point "
            "for decimals, no separators), got '11,000'",
        ),
        (
            "number: 11000",
            "number: 2.1234567",
            "articles/kursk/article.yaml:18:13: key_facts[0].number: 2.1234567 has 7 decimal places; give at most 6 "
            "(round it as the source does)",
        ),
        (
            "number: 11000",
            "number: 11000\n    currency: INR\n    unit: mass-kilogram",
            "articles/kursk/article.yaml:17:5: key_facts[0]: give either `unit` or `currency`: money has no other unit",
        ),
        (
            "number: 11000",
            "number: 200000000\n    scale: crore",
            "articles/kursk/article.yaml:17:5: key_facts[0]: 200000000 crore is out of range; expected at most 10¹⁵ "
            "(a thousand trillion) in all",
        ),
        (
            "    number: 11000\n    approximate: true\n",
            '    date: "2024"\n    unit: length-meter\n',
            "articles/kursk/article.yaml:17:5: key_facts[0]: `unit` qualifies a number; give `number` too, or remove `unit`",
        ),
        (
            '    date: "2024-06-19"\n',
            '    date: "2024-06-19"\n    status: predicted\n',
            "articles/kursk/article.yaml:13:13: timeline[0].status: expected one of 'occurred' or 'forecast', got 'predicted'",
        ),
    ],
)
def test_key_facts_and_events_say_what_is_wrong(tmp_path: Path, old: str, new: str, error: str) -> None:
    assert errors_of(tmp_path, seed(article_yaml=ARTICLE.replace(old, new, 1))) == [error]


def test_an_author_needs_a_name_in_the_original(tmp_path: Path) -> None:
    text = ARTICLE + "authors:\n  - name: {en: Explainers desk}\n"
    assert errors_of(tmp_path, seed(article_yaml=text)) == [
        "articles/kursk/article.yaml:27:11: authors[0].name: no name in the original's locale 'hi'; add `hi:` (given: en)"
    ]


def test_translators_belong_to_translations_and_a_standfirst_to_the_original_first(tmp_path: Path) -> None:
    errors = errors_of(
        tmp_path,
        seed(hi_yaml=HI + "translators:\n  - name: Anna\n", en_yaml=EN.replace("title: Title\n", "title: Title\nstandfirst: Lead.\n")),
    )
    assert errors == [
        "articles/kursk/en.yaml:2:13: standfirst: the original has no standfirst; add it there first, or remove this one",
        "articles/kursk/hi.yaml:17:3: translators: the original has no translators; name its writers in article.yaml `authors:`",
    ]


def test_formats_must_be_a_locale_of_the_same_language(tmp_path: Path) -> None:
    root = make_project(tmp_path, seed())
    (root / "locales" / "locales.yml").write_text("default: hi\nlocales:\n  hi: {}\n  en: {formats: hi-IN}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_project(root)
    assert str(info.value) == (
        "locales/locales.yml:4:17: locales.en.formats: 'hi-IN' is not a form of 'en'; expected a locale of the same language, such as en-IN"
    )


# --- rendering ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with one more explainer using every new field, built into docs/."""
    project = copy_project(tmp_path_factory.mktemp("facts") / "p")
    folder = project / "articles" / "kursk"
    folder.mkdir()
    for name, text in (("article.yaml", FACTS_ARTICLE), ("hi.yaml", FACTS_HI), ("en.yaml", FACTS_EN)):
        (folder / name).write_text(text, encoding="utf-8")
    generator(project, "build")
    return project / "docs"


def page(docs: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((docs / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(
    ("locale", "facts"),
    [
        ("en", {"troops": "about 11,000", "area": "24.5 square kilometres", "cost": "about ₹615\u202fcrore", "share": "0.125 per cent"}),
        ("hi", {"troops": "लगभग 11,000", "area": "24.5 वर्ग किलोमीटर", "cost": "लगभग ₹615 करोड़", "share": "0.125 प्रतिशत"}),
    ],
)
def test_key_facts_show_units_money_and_decimals_the_locales_way(docs: Path, locale: str, facts: dict[str, str]) -> None:
    soup = page(docs, f"{locale}/kursk.md")
    shown = {i: soup.select_one(f"#fact-{i} dd").get_text().split(" (")[0] for i in facts}
    assert shown == facts


def test_english_formats_as_en_in_dates_and_indian_grouping(docs: Path) -> None:
    soup = page(docs, "en/kursk.md")
    assert soup.select_one("#event-signed time").get_text() == "19 June 2024"
    seed_page = (docs / "en" / "chandrayaan-3-moon-landing.md").read_text(encoding="utf-8")
    assert "about 3,84,000" in seed_page


@pytest.mark.parametrize(("locale", "text"), [("en", "Reading time: 1 minute"), ("hi", "पढ़ने का समय: 1 मिनट")])
def test_reading_time_is_a_phrase_with_a_cldr_duration(docs: Path, locale: str, text: str) -> None:
    items = [s.get_text() for s in page(docs, f"{locale}/kursk.md").select(".explainer-meta__item")]
    assert text in items


@pytest.mark.parametrize(("locale", "badge"), [("en", "Forecast"), ("hi", "अनुमान")])
def test_a_forecast_is_labelled_as_such_and_follows_the_events_of_its_year(docs: Path, locale: str, badge: str) -> None:
    soup = page(docs, f"{locale}/kursk.md")
    forecast = soup.select_one("#event-expansion")
    assert "timeline__event--forecast" in forecast["class"]
    assert "timeline__event--later" not in forecast["class"]
    assert forecast.select_one(".timeline__badge").get_text() == badge
    assert [li["id"] for li in soup.select("ol.timeline > li")] == ["event-signed", "event-talks", "event-expansion"]
    site = [li["id"] for li in page(docs, f"{locale}/timeline.md").select("ol.timeline > li")]
    assert site.index("kursk--talks") < site.index("kursk--expansion")


def test_the_standfirst_is_under_the_title_and_in_the_structured_data(docs: Path) -> None:
    soup = page(docs, "en/kursk.md")
    assert soup.select_one("p.standfirst").get_text() == "A short lead."
    graph = json.loads(soup.select_one('script[type="application/ld+json"]').string)["@graph"]
    assert graph[0]["abstract"] == "A short lead."


def test_a_long_verbatim_quotation_is_not_linked(docs: Path) -> None:
    paragraph = page(docs, "hi/kursk.md").select_one("#p-p1")
    assert LONG_QUOTE.strip() in paragraph.get_text()


def test_see_also_links_the_related_terms_on_the_page_and_in_the_site_glossary(docs: Path) -> None:
    entry = page(docs, "hi/kursk.md").select_one("#term-treaty + dd .glossary__see-also")
    assert entry.get_text() == "यह भी देखें: अनुसमर्थन"
    assert entry.a["href"] == "#term-ratification"
    site = page(docs, "en/glossary.md").select_one("#term-treaty + dd .glossary__see-also")
    assert (site.get_text(), site.a["href"]) == ("See also: ratification", "#term-ratification")


def test_bylines_name_writers_and_translators_in_the_page_and_the_structured_data(docs: Path) -> None:
    en = page(docs, "en/kursk.md")
    byline = en.select_one(".explainer-meta__byline")
    # The name given only in Hindi stays Hindi, marked as such; the translator's name is text, not markup.
    assert byline.get_text() == "By Explainers desk and गीता पांडे · Translated by <b>Anna</b> and Press Information Bureau"
    assert byline.select_one('span[lang="hi"]').get_text() == "गीता पांडे"
    # A name with a page links to it; a translator can be an agency (PIB's official translation), an Organization.
    assert [(a.get_text(), a["href"]) for a in byline.select("a")] == [
        ("Explainers desk", "https://explainers.example.org/"),
        ("Press Information Bureau", "https://pib.gov.in/"),
    ]
    graph = json.loads(en.select_one('script[type="application/ld+json"]').string)["@graph"]
    assert graph[0]["author"] == [
        {"@type": "Organization", "name": "Explainers desk", "url": "https://explainers.example.org/"},
        {"@type": "Person", "name": "गीता पांडे"},
    ]
    assert graph[0]["translator"] == [
        {"@type": "Person", "name": "<b>Anna</b>"},
        {"@type": "Organization", "name": "Press Information Bureau", "url": "https://pib.gov.in/"},
    ]
    hi = page(docs, "hi/kursk.md")
    assert hi.select_one(".explainer-meta__byline").get_text() == "लेखन: व्याख्या डेस्क और गीता पांडे"
    assert "translator" not in json.loads(hi.select_one('script[type="application/ld+json"]').string)["@graph"][0]


def test_existing_whole_numbers_render_as_before(docs: Path) -> None:
    hi = (docs / "hi" / "north-korea-russia-defence-treaty.md").read_text(encoding="utf-8")
    assert re.search(r'id="fact-troops-in-kursk">.*?<dd>लगभग 11,000 ', hi)


def test_an_untranslated_reading_time_is_wholly_english() -> None:
    from babel.support import NullTranslations

    from generator.l10n import _Untranslated
    from generator.locales import L10n, SiteLocale

    catalog = NullTranslations()
    catalog.add_fallback(_Untranslated())
    text = L10n(SiteLocale("ur", "published"), catalog).reading_time(2)
    assert (str(text), text.lang, text.fallback) == ("Reading time: 2 minutes", "en", True)
