"""The search index's shards: which explainer goes into which, decided by the generator (generator/shards.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from generator.shards import MAIN, ONE_SHARD, Shard, assign, dumps, loads, shard_size, stale


def _pages(count: int, year: int = 2024) -> list[tuple[str, datetime]]:
    start = datetime(year, 1, 1, tzinfo=UTC)
    return [(f"a{year}-{i:04}/index.html", start + timedelta(hours=i)) for i in range(count)]


def test_a_locale_within_the_size_has_one_shard_as_before() -> None:
    assert assign(_pages(3), size=1000) == ONE_SHARD == (Shard(MAIN),)


def test_explainers_are_sharded_by_year_and_a_large_year_is_cut_in_order() -> None:
    shards = assign(_pages(5, 2023) + _pages(2, 2024), size=2)
    assert [s.name for s in shards] == [MAIN, "2023", "2023-2", "2023-3", "2024"]
    assert [len(s.pages) for s in shards] == [0, 2, 2, 1, 2]
    assert shards[3].bundle == "pagefind-shards/2023-3" and shards[0].bundle == "pagefind"


def test_a_new_explainer_moves_no_other_one() -> None:
    pages = _pages(7, 2023) + _pages(5, 2024)
    newest = ("new/index.html", datetime(2024, 6, 1, tzinfo=UTC))
    before, after = assign(pages, size=3), assign([*pages, newest], size=3)
    moved = [page for old in before for page in old.pages if page not in next(s for s in after if s.name == old.name).pages]
    assert moved == []
    assert stale(after, ["new/index.html"], before) == {"2024-2"}


def test_a_changed_page_makes_only_its_shard_stale() -> None:
    shards = assign(_pages(4, 2023) + _pages(4, 2024), size=4)
    assert stale(shards, ["a2024-0002/index.html"]) == {"2024"}
    assert stale(shards, ["writing/index.html"]) == {MAIN}
    assert stale(shards, []) == set()


def test_a_page_moved_between_shards_makes_both_stale() -> None:
    before = (Shard(MAIN), Shard("2023", ("a/index.html", "b/index.html")), Shard("2024", ("c/index.html",)))
    after = (Shard(MAIN), Shard("2023", ("a/index.html",)), Shard("2024", ("b/index.html", "c/index.html")))
    assert stale(after, [], before) == {"2023", "2024"}


def test_the_map_written_to_docs_reads_back() -> None:
    shards = assign(_pages(3, 2023) + _pages(1, 2024), size=2)
    assert loads(dumps(shards)) == shards
    assert loads(None) == ONE_SHARD


def test_the_shard_size_comes_from_the_environment_for_tests() -> None:
    assert shard_size({}) == 1000
    assert shard_size({"SEARCH_SHARD_SIZE": "2"}) == 2
    with pytest.raises(ValueError, match="SEARCH_SHARD_SIZE='0'"):
        shard_size({"SEARCH_SHARD_SIZE": "0"})
