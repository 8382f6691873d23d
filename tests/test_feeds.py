"""Feed readers open each entry in the feed's language: one `alternate` link per entry, translations `related`."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest

SITE_URL = "https://explainers.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(("locale", "other"), [("hi", "en"), ("en", "hi")])
def test_every_entry_links_to_the_page_in_the_feeds_language(site_dir: Path, locale: str, other: str) -> None:
    raw = (site_dir / locale / "feed.xml").read_bytes()
    root = ET.fromstring(raw)  # strict XML: raises on anything ill-formed
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert [a.get("hreflang") for a in alternates] == [locale]  # RFC 4287 4.2.7.2: the entry's own page
        related = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{ATOM}link[@rel='related']")}
        assert set(related) == {other}
        assert related[other].startswith(f"{SITE_URL}{other}/")

    feed = feedparser.parse(raw)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert len(feed.entries) == len(entries)
    for entry in feed.entries:
        # What a feed reader opens: feedparser's `link` (it takes the last text/html alternate).
        assert entry.link == entry.id
        assert entry.link.startswith(f"{SITE_URL}{locale}/")
        assert [link.href for link in entry.links if link.rel == "related"] == [entry.link.replace(f"/{locale}/", f"/{other}/")]
