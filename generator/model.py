"""The data contract: what an article folder may contain, and the objects the renderers receive.

The pydantic models below are the single source of truth for validation and, later, for the JSON Schema
and the editors' documentation, so the three cannot drift apart.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LOCALE_PATTERN = r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$"
DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"

#: Ids of the fixed parts of an article page; section ids must not take them.
FIXED_IDS = ("key-facts", "timeline", "glossary", "sources")
#: Addresses of the fixed pages of a locale; article slugs must not take them.
RESERVED_SLUGS = ("glossary", "assets", "search", "index", "404", "sitemap")

#: Limits, stated once: longer text is a paste accident, not an article.
MAX_SHORT_TEXT = 300
MAX_LONG_TEXT = 10_000


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; the precision is part of the fact."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        if not re.fullmatch(DATE_PATTERN, text):
            raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
        parts = [int(p) for p in text.split("-")]
        year, month, day = [*parts, None, None][:3]
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist in {text!r}; expected 01 to 12")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{text!r} does not exist: {calendar.month_name[month]} {year} has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        """Return the value of an HTML `<time datetime>`: 2024, 2024-08 or 2024-08-06."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
        if self.day:
            out += f"-{self.day:02d}"
        return out

    def __str__(self) -> str:
        return self.isoformat()


def _to_date(text: str) -> PartialDate:
    return PartialDate.parse(text)


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("text is empty; write the text or remove the field")
    return text


def _http_url(url: str) -> str:
    if not re.match(r"^https?://[^\s/?#]+\.[^\s/?#]+", url, re.IGNORECASE):
        raise ValueError(f"expected an http:// or https:// address, got {url!r}")
    if re.search(r"\s", url):
        raise ValueError(f"an address cannot contain spaces, got {url!r}")
    return url


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80, description="Lower-case ASCII letters, digits and hyphens.")]
LocaleCode = Annotated[str, Field(pattern=LOCALE_PATTERN, description="A locale code such as hi, en or pt_BR.")]
DateText = Annotated[
    str,
    Field(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD; the form states the precision."),
    AfterValidator(_to_date),
]
ShortText = Annotated[str, Field(min_length=1, max_length=MAX_SHORT_TEXT), AfterValidator(_not_blank)]
LongText = Annotated[str, Field(min_length=1, max_length=MAX_LONG_TEXT), AfterValidator(_not_blank)]
Url = Annotated[str, Field(max_length=2000, description="An http(s) address."), AfterValidator(_http_url)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- article.yaml -----------------------------------------------------------------------------------


class Source(_Strict):
    """A page the explainer relies on."""

    id: Id
    title: ShortText = Field(description="The page's title, or a description in [brackets] where it has none.")
    publisher: ShortText
    url: Url
    date: DateText | None = Field(default=None, description="The date the page shows.")
    language: LocaleCode = Field(description="The language of the page.")


class TimelineEvent(_Strict):
    """A dated event; its text is in the locale files."""

    id: Id
    date: DateText
    sources: list[Id] = Field(min_length=1)


class GlossaryEntry(_Strict):
    """A term that occurs in the article; its text is in the locale files."""

    id: Id
    sources: list[Id] = Field(default_factory=list)


class KeyFact(_Strict):
    """A date or a number a reader needs; exactly one of `date` and `number`."""

    id: Id
    date: DateText | None = None
    number: int | None = None
    approximate: bool = False
    sources: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_value(self) -> KeyFact:
        if (self.date is None) == (self.number is None):
            raise ValueError("give exactly one of `date` and `number`")
        return self


class Note(_Strict):
    """An editor's note shown next to a paragraph, without changing the published text."""

    id: Id
    kind: Literal["correction", "clarification"]
    paragraph: Id = Field(description="The id of the paragraph the note belongs to.")
    sources: list[Id] = Field(default_factory=list)


class ArticleFile(_Strict):
    """`articles/<slug>/article.yaml`: the language-neutral part of an explainer."""

    slug: Id = Field(description="The article's address; equal to its folder name.")
    original: LocaleCode = Field(description="The locale the article was written in.")
    published: DateText
    updated: DateText | None = None
    sources: list[Source] = Field(min_length=1)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    key_facts: list[KeyFact] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)


# --- <locale>.yaml ----------------------------------------------------------------------------------


class Paragraph(_Strict):
    id: Id
    text: LongText


class Section(_Strict):
    id: Id
    heading: ShortText | None = Field(default=None, description="None for the opening section.")
    paragraphs: list[Paragraph] = Field(min_length=1)


class EventText(_Strict):
    label: ShortText
    description: LongText


class TermText(_Strict):
    term: ShortText
    forms: list[ShortText] = Field(default_factory=list, description="Inflected forms as they occur in the text.")
    transliteration: ShortText | None = None
    definition: LongText


class LabelText(_Strict):
    label: ShortText


class NoteText(_Strict):
    text: LongText


class LocaleFile(_Strict):
    """`articles/<slug>/<locale>.yaml`: all the text of an explainer in one locale."""

    title: ShortText
    summary: LongText
    sections: list[Section] = Field(min_length=1)
    timeline: dict[Id, EventText] = Field(default_factory=dict)
    glossary: dict[Id, TermText] = Field(default_factory=dict)
    key_facts: dict[Id, LabelText] = Field(default_factory=dict)
    notes: dict[Id, NoteText] = Field(default_factory=dict)


# --- what the renderers receive ---------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """An explainer: its language-neutral data and its text in every locale it has."""

    folder: str
    data: ArticleFile
    texts: Mapping[str, LocaleFile]

    @property
    def slug(self) -> str:
        return self.data.slug

    def paragraph_ids(self) -> list[str]:
        return [p.id for s in self.texts[self.data.original].sections for p in s.paragraphs]
