"""What a reader's browser fetches of the search index for a first query (issue 21, item 3).

`python -m bench.first_query SITE_DIR` serves a built site (checks.server), opens `/<locale>/search/?q=…` in
headless Chromium for a few fixed queries and prints, per query, the bytes of every response under `pagefind*/`
(uncompressed, and gzipped at level 6) until the first results show. bench/README.md compares one index with the
sharded index on the same pages with it.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path
from typing import Any

from checks.browser import launch
from checks.server import serve

#: A word of the synthetic corpus in each script (bench/corpus.py), rare and common.
QUERIES = (("en", "treaty"), ("en", "budget"), ("hi", "संधि"), ("hi", "सरकार"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site/ folder")
    args = parser.parse_args()
    with serve(args.site) as base, launch() as browser:
        for code, query in QUERIES:
            page = browser.new_page()
            fetched: list[tuple[int, int]] = []

            def on_response(response: Any, fetched: list[tuple[int, int]] = fetched) -> None:
                if "/pagefind" in response.url:
                    body = response.body()
                    fetched.append((len(body), len(gzip.compress(body, 6))))

            page.on("response", on_response)
            page.goto(f"{base}/{code}/search/?q={query}")
            page.wait_for_selector(".pagefind-ui__result", timeout=60_000)
            page.wait_for_timeout(1500)  # the results' fragments
            raw, packed = sum(n for n, _ in fetched), sum(g for _, g in fetched)
            sys.stdout.write(f"{code} {query}: {len(fetched)} files, {raw / 1024:.0f} KB ({packed / 1024:.0f} KB gzip)\n")
            page.close()


if __name__ == "__main__":
    main()
