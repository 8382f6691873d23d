"""PURE: an article's brief, what a build needs to place an article without its text.

`make site` keeps only briefs in its main process: which locales show an article, when it is published, which
images and share card it has, which letters of other scripts it shows. A brief is about 1 KB, and an article's model
about 170 KB. A locale's worker loads an article from the build cache only when it renders its page or list record,
and drops it afterwards. No process holds every article (issue 21).
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .dates import Timestamp
from .model import Article, ImageInfo
from .translation import text_fields


@dataclass(frozen=True)
class Brief:
    """An article as the build places it: where, when, in which locales, with which images."""

    folder: str
    slug: str
    published: Timestamp
    updated: Timestamp | None
    draft: bool
    #: The locale it was written in.
    original: str
    #: The locales it has a text file in.
    languages: frozenset[str]
    #: The locales whose text leaves nothing missing (a text left out on purpose, `omitted`, is not missing).
    complete: frozenset[str]
    #: The decoded facts of each figure's image, by file name.
    images: Mapping[str, ImageInfo]
    #: (id, image file) of each figure whose image the build has, in the article's order.
    figures: tuple[tuple[str, str], ...]
    #: The image file its share card shows, if any.
    card_image: str | None
    #: What its page shows in the other locales' words: glossary terms as each locale writes them, sources' titles and
    #: publishers (see build.other_script_texts).
    other_script: tuple[str, ...]

    @property
    def name(self) -> str:
        """The article's folder name: its key in the cache."""
        return Path(self.folder).name


#: Briefs made of articles in memory (`make serve`, a build without cache), each forgotten with its article.
_MADE: dict[int, Brief] = {}


def brief(item: Article | Brief) -> Brief:
    """The brief of an article (made once per article object), or the brief itself."""
    if isinstance(item, Brief):
        return item
    made = _MADE.get(id(item))
    if made is None:
        made = _MADE[id(item)] = _brief(item)
        weakref.finalize(item, _MADE.pop, id(item), None)
    return made


def _brief(article: Article) -> Brief:
    data = article.data
    return Brief(
        folder=article.folder,
        slug=data.slug,
        published=data.published,
        updated=data.updated,
        draft=data.draft,
        original=data.original,
        languages=frozenset(article.texts),
        complete=frozenset(code for code in article.texts if _complete(article, code)),
        images=article.images,
        figures=tuple((f.id, f.file) for f in data.figures if f.file is not None and f.file in article.images),
        card_image=_card_image(article),
        other_script=tuple(
            [s.title for s in data.sources]
            + [s.publisher for s in data.sources]
            + [t.term for text in article.texts.values() for t in text.glossary.values() if t.term]
        ),
    )


def _complete(article: Article, code: str) -> bool:
    """Does the locale's text leave nothing missing?"""
    text = article.texts[code]
    omitted = text.omitted()  # left out on purpose: shown in the original, not missing
    return all(value or path in omitted for path, _, value in text_fields(article, text))


def _card_image(article: Article) -> str | None:
    """The image file a card shows: the lead figure's, else the first figure's, of those whose image the build has
    (a caption-only figure has none)."""
    files = [(f.lead, f.file) for f in article.data.figures if f.file is not None and f.file in article.images]
    return next((file for lead, file in files if lead), files[0][1] if files else None)
