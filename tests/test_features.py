"""Cross-article features: site-wide glossary and timeline, claims, corrections, verbatim quotes, lint, digits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.render.markup import link_terms
from generator.terms import term_pattern, terms_for

from .conftest import copy_project, generator

SLUG = "north-korea-russia-defence-treaty"


def soup(site_dir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_site_glossary_is_in_hindi_alphabetical_order_with_letter_headings(site_dir: Path) -> None:
    page = soup(site_dir, "hi/glossary")
    letters = [h.get_text().removesuffix("¶") for h in page.select("article h2[id^='letter-']")]
    assert letters == sorted(letters, key=lambda c: ord(c))  # Devanagari letters are encoded in alphabetical order
    assert {"क", "प", "स"} <= set(letters)
    for heading in page.select("article h2[id^='letter-']"):
        terms = [dfn.get_text() for dfn in heading.find_next_sibling("dl").select("dt > dfn")]
        assert all(t.startswith(heading.get_text()[0]) or t[0] in "क़ख़ग़ज़ड़ढ़फ़य़" for t in terms)
    index = [a["href"] for a in page.select("nav.glossary-index a")]
    assert index == [f"#{h['id']}" for h in page.select("article h2[id^='letter-']")]


def test_site_glossary_entries_link_back_to_every_explainer_using_them(site_dir: Path) -> None:
    entry = soup(site_dir, "en/glossary").select_one("dt#term-treaty")
    backlinks = [a["href"] for a in entry.find_next_sibling("dd").select(".glossary__used-in a")]
    assert f"../{SLUG}/#term-treaty" in backlinks


def test_a_term_shared_by_two_explainers_is_one_entry(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    second = project / "articles" / "kursk-incursion"
    import shutil

    shutil.copytree(project / "generator" / "example" / "kursk-incursion", second)
    # The second explainer uses the same glossary id as the seed: one entry, two backlinks.
    for name in ("article.yaml", "en.yaml", "hi.yaml"):
        file = second / name
        file.write_text(file.read_text(encoding="utf-8").replace("nis", "intelligence-service"), encoding="utf-8")
    generator(project, "build")
    glossary = (project / "docs" / "en" / "glossary.md").read_text(encoding="utf-8")
    assert glossary.count('id="term-intelligence-service"') == 1
    entry = glossary[glossary.index('id="term-intelligence-service"') :].split("</dd>")[0]
    assert f'href="../{SLUG}/#term-intelligence-service"' in entry
    assert 'href="../kursk-incursion/#term-intelligence-service"' in entry


def test_verbatim_quotations_are_never_linked() -> None:
    terms = terms_for([("struggle", "struggle", [], "A fight.")])
    text = "He called it a “sacred struggle”; the struggle goes on."
    html = str(link_terms(text, terms, term_pattern(terms), set(), verbatim=["sacred struggle"]))
    assert "“sacred struggle”" in html
    assert (
        'the <span class="glossary-term" data-definition="A fight."><a class="glossary-link" href="#term-struggle" '
        'aria-describedby="term-struggle-definition">struggle</a></span> goes on'
    ) in html


@pytest.mark.parametrize("locale", ["hi", "en"])
def test_claims_separate_what_we_know_from_what_we_dont_with_citations(site_dir: Path, locale: str) -> None:
    page = soup(site_dir, f"{locale}/{SLUG}")
    known = page.select("section.claims--known li")
    unknown = page.select("section.claims--unknown li")
    assert len(known) == 3
    assert len(unknown) == 1
    for li in known + unknown:
        citations = li.select(".citations a")
        assert citations
        for a in citations:
            target = page.select_one(a["href"])
            assert target is not None and target.name == "li"
            number = list(target.parent.find_all("li", recursive=False)).index(target) + 1
            assert a.get_text() == f"[{number}]"


@pytest.mark.parametrize(("locale", "heading"), [("hi", "सुधार"), ("en", "Corrections")])
def test_the_corrections_log_shows_each_correction_with_its_date(site_dir: Path, locale: str, heading: str) -> None:
    page = soup(site_dir, f"{locale}/{SLUG}")
    assert page.select_one("h2#corrections").get_text().removesuffix("¶") == heading
    items = page.select("ol.corrections > li")
    assert [item.time["datetime"] for item in items] == ["2026-11-28", "2026-11-29", "2026-11-29", "2026-12-06", "2026-12-06"]
    assert all(page.select_one(item.a["href"]).name == "aside" for item in items)


def test_a_correction_missing_in_a_published_locale_is_a_data_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    en = project / "articles" / SLUG / "en.yaml"
    text = en.read_text(encoding="utf-8")
    en.write_text(re.sub(r"  troops-correction:\n    text: .*\n", "", text), encoding="utf-8")
    result = generator(project, "check", check=False)
    assert result.returncode == 1
    # The other notes remain, so the place is inside the notes mapping.
    assert re.search(
        rf"articles/{SLUG}/en\.yaml:\d+:\d+: notes\.troops-correction\.text: text is missing: "
        "locale 'en' is published; translate it, make the locale a draft,"
        " or publish only its complete articles with `articles: translated` under en in locales/locales.yml",
        result.stderr,
    )


def test_a_disputed_date_shows_every_reported_date_with_its_sources(site_dir: Path) -> None:
    event = soup(site_dir, f"en/{SLUG}").select_one("li#event-putin-arrives-pyongyang")
    assert event.time["datetime"] == "2024-06-18"
    alternatives = event.select_one(".timeline__alternatives")
    assert alternatives.time["datetime"] == "2024-06-19"
    assert alternatives.time.get_text() == "19 June 2024"  # en formats as en-IN (locales.yml)
    assert [a["href"] for a in alternatives.select("a")] == ["#source-tag24-treaty-signed"]


def test_timeline_groups_are_labelled_and_filterable_by_links(site_dir: Path) -> None:
    page = soup(site_dir, f"hi/{SLUG}")
    links = [a["href"] for a in page.select("nav.timeline-filter a")]
    assert links == ["#timeline-all", "#timeline-diplomatic", "#timeline-military", "#timeline-legal"]
    for href in links:
        assert page.select_one(href) is not None
    military = page.select("li.timeline__event--military")
    assert {li.select_one(".timeline__group").get_text() for li in military} == {"सैन्य"}


def test_the_site_timeline_merges_every_explainers_events_in_date_order(site_dir: Path) -> None:
    page = soup(site_dir, "en/timeline")
    events = page.select("ol.timeline > li")
    dates = [li.time["datetime"] + "-00" * (2 - li.time["datetime"].count("-")) for li in events]
    assert dates == sorted(dates)
    for li in events:
        link = li.select_one(".timeline__article a")
        slug, _, event = link["href"].removeprefix("../").partition("/#")
        assert (site_dir / "en" / slug / "index.html").is_file()
        assert soup(site_dir, f"en/{slug}").select_one(f"li#{event}") is not None


def test_lint_reports_a_number_that_differs_between_locales(tmp_path: Path) -> None:
    """The translation's «about 11,000» (the sources' figure) is an accepted divergence from the original's «लगभग 11»;
    once the translation says something else again, the number is reported, and so is the acceptance gone stale."""
    project = copy_project(tmp_path / "p")
    en = project / "articles" / SLUG / "en.yaml"
    en.write_text(
        en.read_text(encoding="utf-8").replace("about 11,000 North Korean soldiers", "about 12,000 North Korean soldiers"), encoding="utf-8"
    )
    lines = en.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "about 12,000 North Korean soldiers" in text) - 1  # the `text: >-` line
    column = lines[line - 1].index(">-") + 1
    result = generator(project, "lint", check=False)
    assert result.returncode == 1
    reported = result.stdout.splitlines()
    assert re.fullmatch(
        rf"articles/{SLUG}/en\.yaml:{line}:{column}: sections\.troops-in-russia\.troops: numbers differ: hi has 11; en has 12000"
        r" \(fingerprint [0-9a-f]{12}\)",
        reported[0],
    ), result.stdout
    assert "divergences.sections.troops-in-russia.troops: accepted on 2026-12-06 for other texts" in reported[1], result.stdout
    assert len(reported) == 2, result.stdout


def test_lint_finds_nothing_in_the_published_explainers(built_project: Path) -> None:
    assert generator(built_project, "lint").returncode == 0


def test_devanagari_digits_can_be_chosen_for_the_hindi_locale(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    config = project / "locales" / "locales.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  hi:\n    status: published", "  hi:\n    status: published\n    digits: deva"),
        encoding="utf-8",
    )
    generator(project, "build")
    page = (project / "docs" / "hi" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert '<time datetime="2024-11-11">११ नवंबर २०२४</time>' in page
    assert "लगभग ११,०००" in page
    assert "पढ़ने का समय: २ मिनट" in page
    assert re.search(r'<time datetime="[0-9-]+">', page)  # machine-readable dates stay ASCII
    english = (project / "docs" / "en" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert "11 November 2024" in english
