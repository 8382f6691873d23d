"""Catalog chores that pybabel has no command for.

`python -m generator.i18n msgen locales/en/LC_MESSAGES/messages.po` fills the catalog of the interface's
source language (English) with its own msgids, like GNU `msgen`, so that it counts as complete and its
plural forms are explicit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def msgen(path: Path) -> int:
    """Copy every msgid into its empty or fuzzy msgstr; return how many were filled."""
    with path.open("rb") as fd:
        catalog = read_po(fd)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        empty = not all(message.string) if isinstance(message.string, tuple) else not message.string
        if empty or message.fuzzy:
            message.string = message.id
            message.flags.discard("fuzzy")
            filled += 1
    with path.open("wb") as fd:
        write_po(fd, catalog)
    return filled


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "msgen":
        sys.exit("usage: python -m generator.i18n msgen PO_FILE...")
    for name in sys.argv[2:]:
        sys.stdout.write(f"{name}: {msgen(Path(name))} message(s) filled from their msgid\n")
