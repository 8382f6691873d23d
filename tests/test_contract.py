"""The data contract, published: JSON Schema and editors' guide come from the same models as validation."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from generator.config import load_project
from generator.gather import load_article
from generator.guide import EXAMPLE, PARTS, render_guide_body
from generator.render.markup import link_terms
from generator.schema import SCHEMA_DIR, schema_files
from generator.terms import term_pattern, terms_for

from .conftest import ROOT

ARTICLES = sorted(p for p in (ROOT / "articles").iterdir() if p.is_dir())


def test_committed_schemas_match_the_models() -> None:
    for name, data in schema_files().items():
        committed = (ROOT / SCHEMA_DIR / name).read_bytes()
        assert committed == data, f"schema/{name} is stale: run `python -m generator schema`"


@pytest.mark.parametrize("folder", [*ARTICLES, ROOT / "generator" / "example" / EXAMPLE], ids=lambda p: p.name)
def test_every_article_file_validates_against_its_schema(folder: Path) -> None:
    for file in sorted(folder.glob("*.yaml")):
        schema = json.loads(schema_files()["article.schema.json" if file.name == "article.yaml" else "locale.schema.json"])
        first_line = file.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("# yaml-language-server: $schema=../../schema/"), file
        jsonschema.validate(yaml.safe_load(file.read_text(encoding="utf-8")), schema)


def test_the_schema_catches_a_typo_as_an_editor_would_see_it() -> None:
    schema = json.loads(schema_files()["locale.schema.json"])
    with pytest.raises(jsonschema.ValidationError, match="titel"):
        jsonschema.validate({"titel": "x", "summary": "y", "sections": []}, schema)


def test_the_guides_example_is_a_valid_article() -> None:
    article, problems = load_article(load_project(ROOT), ROOT / "generator" / "example" / EXAMPLE)
    assert problems == []
    assert article is not None


def test_the_guide_says_how_glossary_matching_treats_case_joiners_and_typos() -> None:
    guide = " ".join(BeautifulSoup(render_guide_body("../schema/"), "html.parser").get_text().split())
    assert "How glossary terms are found" in guide
    assert "Case is ignored: the term treaty links «Treaty» and «TREATY»." in guide
    assert "Invisible joiners are ignored" in guide and "A soft hyphen (U+00AD) is not ignored" in guide
    assert "A typo hides a term: a misspelt word («tready»" in guide and "glossary terms differ: only in en: treaty" in guide
    # What it says is what the linker does.
    terms = terms_for([("treaty", "treaty", [], "A pact."), ("shelf", "शेल्फ", [], "A ledge.")])
    matcher = term_pattern(terms)

    def linked(text: str) -> bool:
        return "glossary-term" in link_terms(text, terms, matcher, set())

    assert linked("The Treaty was signed.") and linked("THE TREATY")
    assert linked("महाद्वीपीय शेल्\u200dफ") and linked("शेल्\u200cफ")
    assert not linked("trea\u00adty") and not linked("The tready was signed.") and not linked("treaties")


def test_the_guide_documents_every_field_of_every_part(site_dir: Path) -> None:
    soup = BeautifulSoup((site_dir / "en" / "writing" / "index.html").read_text(encoding="utf-8"), "html.parser")
    tables = soup.select("table.guide-fields")
    assert len(tables) == len(PARTS)
    for table, (_, model) in zip(tables, PARTS, strict=True):
        assert [td.get_text() for td in table.select("tbody tr td:first-child")] == list(model.model_fields)
    for a in soup.select('a[href$=".schema.json"]'):
        assert (site_dir / "en" / "writing" / a["href"]).resolve().is_file()


def test_the_guide_on_the_hindi_site_says_it_is_in_english(site_dir: Path) -> None:
    soup = BeautifulSoup((site_dir / "hi" / "writing" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "hi"
    assert soup.select_one(".locale-notice").get_text(strip=True) == "यह पेज अभी केवल अंग्रेज़ी में उपलब्ध है।"
    # The guide is out of the readers' search index: its content sits in one `data-pagefind-ignore` block.
    content = soup.select_one("article.md-content__inner [data-pagefind-ignore='all']") or soup.select_one("article.md-content__inner")
    blocks = content.find_all(["p", "table", "pre", "ul", "h2"], recursive=False)
    assert len(blocks) > 20
    assert all(el.get("lang") == "en" for el in blocks)
