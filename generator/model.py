"""The data contract: what an article folder may contain, and the objects the renderers receive.

The pydantic models below are the single source of truth for validation and, later, for the JSON Schema
and the editors' documentation, so the three cannot drift apart.
"""

from __future__ import annotations

import calendar
import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, GetCoreSchemaHandler, model_validator
from pydantic_core import CoreSchema, core_schema

from .load import MAX_IMAGE_BYTES, Document

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LOCALE_PATTERN = r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$"
DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
FINGERPRINT_PATTERN = r"^[0-9a-f]{12}$"

#: Ids of the fixed parts of an article page; section ids must not take them.
FIXED_IDS = ("key-facts", "timeline", "glossary", "sources", "claims", "corrections", "notes")
#: Addresses of the fixed pages of a locale; article slugs must not take them.
RESERVED_SLUGS = ("glossary", "timeline", "writing", "schema", "assets", "search", "index", "404", "sitemap", "feed", "page")

#: Limits, stated once: longer text is a paste accident, not an article.
MAX_SHORT_TEXT = 300
MAX_LONG_TEXT = 10_000
MAX_ARTICLES = 10_000
#: Dates run from year 1 to 9999: the years Python's calendar (and the ISO format of four digits) has.
#: An explainer cannot give a date before the common era this way; it says so in its text.
MIN_YEAR, MAX_YEAR = 1, 9999
#: Key-fact numbers stay within a thousand trillion (10¹⁵, «100 लाख करोड़»): beyond any count or sum in rupees an
#: explainer gives, exact as a number in JSON-LD (below 2⁵³), and formatted by Babel in every locale.
MAX_NUMBER = 10**15


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
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"year {year:04d} does not exist in the calendar; expected a year from {MIN_YEAR:04d} to {MAX_YEAR}")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist in {text!r}; expected 01 to 12")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{text!r} does not exist: {calendar.month_name[month]} {year} has {last} days")
        return cls(year, month, day)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """Read from its text (YYYY, YYYY-MM or YYYY-MM-DD) and written back as that text: in the models a date
        has its own type, so nothing downstream mistakes it for a string."""
        return core_schema.no_info_after_validator_function(
            cls.parse,
            core_schema.str_schema(pattern=DATE_PATTERN, strict=True),
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

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


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("text is empty; write the text or remove the field")
    return text


#: A host name as DNS has it (after IDNA encoding): labels of letters, digits, underscores and inner hyphens, dot-separated.
_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def _http_url(url: str) -> str:
    """An http(s) address a reader can trust by its look: the host shown is the host visited."""
    if re.search(r"\s", url):
        raise ValueError(f"an address cannot contain spaces, got {url!r}")
    if "\\" in url:
        raise ValueError(f"an address cannot contain a backslash (browsers read it as '/'), got {url!r}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number from 0 to 65535
    except ValueError:
        raise ValueError(f"expected an http:// or https:// address, got {url!r}") from None
    if parts.scheme.lower() not in ("http", "https") or not url.lower().startswith(f"{parts.scheme.lower()}://"):
        raise ValueError(f"expected an http:// or https:// address, got {url!r}")
    if "@" in parts.netloc:
        raise ValueError(
            f"an address cannot contain a user name or password before '@' ({url!r} leads to "
            f"{parts.hostname or 'no host'!r}, not to what precedes the '@'); give the page's own address"
        )
    if not _valid_host(parts.hostname or ""):
        raise ValueError(f"expected an http:// or https:// address with a host name such as 'example.org', got {url!r}")
    return url


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return False
    return bool(_HOST.match(ascii_host))


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80, description="Lower-case ASCII letters, digits and hyphens.")]
LocaleCode = Annotated[str, Field(pattern=LOCALE_PATTERN, description="A locale code such as hi, en or pt_BR.")]
DateText = Annotated[
    PartialDate,
    Field(description="YYYY, YYYY-MM or YYYY-MM-DD (years 0001 to 9999); the form states the precision."),
]
ShortText = Annotated[str, Field(min_length=1, max_length=MAX_SHORT_TEXT), AfterValidator(_not_blank)]
LongText = Annotated[str, Field(min_length=1, max_length=MAX_LONG_TEXT), AfterValidator(_not_blank)]
Url = Annotated[
    str,
    Field(max_length=2000, description="An http(s) address with a host name, without user name or password."),
    AfterValidator(_http_url),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- article.yaml -----------------------------------------------------------------------------------


class Source(_Strict):
    """A page the explainer relies on."""

    id: Id = Field(description="Referred to from timeline, glossary, key facts and notes.")
    title: ShortText = Field(description="The page's own title, or a description in [brackets] where it has none.")
    publisher: ShortText = Field(description="Who published it: «TASS», «Reuters via Daily Mail».")
    url: Url
    date: DateText | None = Field(default=None, description="The date the page shows.")
    language: LocaleCode = Field(description="The language of the page (marks its title with the right `lang`).")


#: Kinds of timeline events a reader can filter by; their labels are interface strings.
GROUPS = ("diplomatic", "military", "legal", "political", "economic", "science", "other")


class AlternativeDate(_Strict):
    """Another date that some sources report for the same event."""

    date: DateText
    sources: list[Id] = Field(min_length=1, description="Ids of the sources that report this date.")


class TimelineEvent(_Strict):
    """A dated event; its text is in the locale files."""

    id: Id
    date: DateText = Field(description="When it happened (or began); where sources disagree, the best-supported date.")
    end: DateText | None = Field(default=None, description="When it ended, for an event that lasted; not before `date`.")
    circa: bool = Field(default=False, description="The date is approximate («c. 2000»).")
    alternatives: list[AlternativeDate] = Field(
        default_factory=list, description="Other dates reported for the event (a disputed date), each with its sources."
    )
    group: Literal[GROUPS] | None = Field(  # type: ignore[valid-type]
        default=None, description="What kind of event it is; readers can show one kind at a time."
    )
    sources: list[Id] = Field(min_length=1, description="Ids of the sources that support the date and the description.")


class GlossaryEntry(_Strict):
    """A term that occurs in the article; its text is in the locale files."""

    id: Id = Field(description="Also the anchor of the entry (#term-<id>), the same in every locale.")
    see_also: list[Id] = Field(default_factory=list, description="Ids of related glossary terms of the same article.")
    sources: list[Id] = Field(default_factory=list, description="Ids of the sources behind the definition's facts.")


class KeyFact(_Strict):
    """A date or a number a reader needs: exactly one of `date`, `event` and `number`."""

    id: Id
    date: DateText | None = Field(default=None, description="A date, formatted for each locale.")
    event: Id | None = Field(default=None, description="The id of a timeline event whose date this fact shows.")
    number: int | None = Field(
        default=None,
        ge=-MAX_NUMBER,
        le=MAX_NUMBER,
        description="A whole number, formatted for each locale (Indian grouping in Hindi), from -10¹⁵ to 10¹⁵ (a thousand trillion).",
    )
    approximate: bool = Field(default=False, description="Show the number as approximate («about 11,000»).")
    sources: list[Id] = Field(min_length=1, description="Ids of the sources that support the fact.")

    @model_validator(mode="after")
    def _one_value(self) -> KeyFact:
        if sum(v is not None for v in (self.date, self.event, self.number)) != 1:
            raise ValueError("give exactly one of `date`, `event` and `number`")
        return self


class Note(_Strict):
    """An editor's note shown next to a paragraph (or under the article), without changing the published text.

    Corrections also appear, with their dates, in the article's corrections log.
    """

    id: Id
    kind: Literal["correction", "clarification"] = Field(description="A correction of the text, or a clarification of it.")
    date: DateText | None = Field(default=None, description="When the note was made; required for a correction.")
    paragraph: Id | None = Field(default=None, description="The id of the paragraph the note belongs to; omit it for the whole article.")
    sources: list[Id] = Field(default_factory=list, description="Ids of the sources behind the note.")

    @model_validator(mode="after")
    def _dated_correction(self) -> Note:
        if self.kind == "correction" and self.date is None:
            raise ValueError("a correction needs its `date`")
        return self


class Claim(_Strict):
    """A statement for the «What we know / what we don't know» blocks; its text is in the locale files."""

    id: Id
    status: Literal["known", "unknown"] = Field(description="`known`: established by the sources; `unknown`: open or disputed.")
    sources: list[Id] = Field(min_length=1, description="Ids of the sources behind the statement (cited next to it).")


# --- figures (article.yaml `figures:`, <locale>.yaml `figures:`) --------------------------------------

#: Most pixels an image may have: a 24-megapixel camera's photograph fits; a "decompression bomb" (a small file that
#: decodes to gigabytes) does not, and is refused before its pixels are decoded.
MAX_IMAGE_PIXELS = 40_000_000
#: A figure's file: a plain file name in the article folder (no folders, nothing make or a shell would misread).
FIGURE_FILE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class Figure(_Strict):
    """An image in the article folder, shown after a paragraph or at the top; its alt text and caption are in the locale files."""

    id: Id = Field(description="Also the anchor of the figure (#figure-<id>) and the name of its derivatives.")
    file: Annotated[str, Field(pattern=FIGURE_FILE_PATTERN, max_length=100)] = Field(
        description="The image's file name in the article folder: a JPEG (.jpg, .jpeg), PNG (.png) or WebP (.webp), "
        f"at most {MAX_IMAGE_BYTES // 2**20} MiB and {MAX_IMAGE_PIXELS // 10**6} megapixels. Smaller copies in AVIF and "
        "JPEG (or PNG) are made at build, without its metadata (EXIF, GPS position)."
    )
    credit: ShortText = Field(description="Who made the image: «Press Information Bureau», «Reuters/Jane Doe».")
    licence: ShortText = Field(
        description="Under what terms it is published: an SPDX identifier («CC-BY-4.0») or words («© PIB, used with permission»)."
    )
    source: Url | None = Field(default=None, description="Where the image was published.")
    paragraph: Id | None = Field(default=None, description="The id of the paragraph the figure follows.")
    lead: bool = Field(default=False, description="Show the figure at the top of the article, before the key facts (at most one).")

    @model_validator(mode="after")
    def _one_place(self) -> Figure:
        if (self.paragraph is not None) == self.lead:
            raise ValueError("give exactly one of `paragraph` (the paragraph the figure follows) and `lead: true`")
        return self


class ArticleFile(_Strict):
    """`articles/<slug>/article.yaml`: the language-neutral part of an explainer."""

    slug: Id = Field(description="The article's address (/<locale>/<slug>/); equal to its folder name.")
    original: LocaleCode = Field(description="The locale the article was written in; its text is never changed by a translation.")
    published: DateText = Field(description="When the original was published, at the precision known; not after today.")
    updated: DateText | None = Field(default=None, description="When it was last updated; not before `published`, not after today.")
    sources: list[Source] = Field(min_length=1, description="Every source the page relies on; listed on the page.")
    timeline: list[TimelineEvent] = Field(default_factory=list, description="Dated events, in any order: the page sorts them.")
    glossary: list[GlossaryEntry] = Field(default_factory=list, description="Terms that occur in the article.")
    key_facts: list[KeyFact] = Field(default_factory=list, description="The numbers and dates a reader needs, in a box.")
    notes: list[Note] = Field(default_factory=list, description="Editor's notes shown next to paragraphs.")
    claims: list[Claim] = Field(default_factory=list, description="What we know and what we don't know, each with citations.")
    figures: list[Figure] = Field(default_factory=list, description="Images in the article folder, with their credit and licence.")


# --- <locale>.yaml ----------------------------------------------------------------------------------


#: How the guide and the schema describe a text that a translation may leave empty for now.
UNTRANSLATED = " Required in the original and in published locales; in a draft locale, leave it empty until translated."


class Paragraph(_Strict):
    """One paragraph of the body."""

    id: Id = Field(description="The same in every locale; notes refer to it.")
    verbatim: list[ShortText] = Field(
        default_factory=list,
        description="Quotations in the text that are verbatim (exact substrings): glossary terms are never linked inside them.",
    )
    text: LongText | None = Field(default=None, description="Plain text: shown as typed, never read as HTML or Markdown." + UNTRANSLATED)


class Section(_Strict):
    """A part of the body, under its own heading."""

    id: Id = Field(description="The same in every locale; the heading's anchor.")
    heading: ShortText | None = Field(default=None, description="Omit it for the opening section under the title." + UNTRANSLATED)
    paragraphs: list[Paragraph] = Field(min_length=1)


class EventText(_Strict):
    """The text of a timeline event in one locale."""

    label: ShortText | None = Field(default=None, description="A short label." + UNTRANSLATED)
    description: LongText | None = Field(default=None, description="One sentence." + UNTRANSLATED)


class TermText(_Strict):
    """A glossary term in one locale."""

    term: ShortText | None = Field(default=None, description="The term as written in this locale (dictionary form)." + UNTRANSLATED)
    forms: list[ShortText] = Field(
        default_factory=list, description="Further forms as they occur in the text (inflections such as «संधियों»): they are linked too."
    )
    transliteration: ShortText | None = Field(default=None, description="A Latin transliteration, for non-Latin scripts.")
    definition: LongText | None = Field(
        default=None, description="One or two sentences; shown in the glossary and as the link's tooltip." + UNTRANSLATED
    )


class LabelText(_Strict):
    """The label of a key fact in one locale."""

    label: ShortText | None = Field(default=None, description="What the value is." + UNTRANSLATED)


class NoteText(_Strict):
    """An editor's note in one locale."""

    text: LongText | None = Field(default=None, description="The note." + UNTRANSLATED)


class ClaimText(_Strict):
    """A claim in one locale."""

    text: LongText | None = Field(default=None, description="One sentence." + UNTRANSLATED)


class FigureText(_Strict):
    """A figure's text in one locale."""

    alt: ShortText | None = Field(
        default=None,
        description="What the image shows, for readers who cannot see it (read aloud by screen readers)." + UNTRANSLATED,
    )
    caption: LongText | None = Field(
        default=None,
        description="Shown under the image. Optional in the original; once the original has one, every translation needs it too.",
    )


class LocaleFile(_Strict):
    """`articles/<slug>/<locale>.yaml`: all the text of an explainer in one locale."""

    title: ShortText | None = Field(default=None, description="The headline." + UNTRANSLATED)
    summary: LongText | None = Field(
        default=None, description="One or two sentences: the home page listing and the page description." + UNTRANSLATED
    )
    sections: list[Section] = Field(default_factory=list, description="The body, in order; a translation keeps the original's ids.")
    timeline: dict[Id, EventText] = Field(default_factory=dict, description="Text of every timeline event, by id.")
    glossary: dict[Id, TermText] = Field(default_factory=dict, description="Text of every glossary term, by id.")
    key_facts: dict[Id, LabelText] = Field(default_factory=dict, description="Label of every key fact, by id.")
    notes: dict[Id, NoteText] = Field(default_factory=dict, description="Text of every editor's note, by id.")
    claims: dict[Id, ClaimText] = Field(default_factory=dict, description="Text of every claim, by id.")
    figures: dict[Id, FigureText] = Field(default_factory=dict, description="Alt text and caption of every figure, by id.")
    fingerprints: dict[str, Annotated[str, Field(pattern=FINGERPRINT_PATTERN)]] = Field(
        default_factory=dict,
        description="Written by `make confirm`: for each translated text, the fingerprint of the original it translates. "
        "When the original changes, the translation is reported stale until confirmed again.",
    )


# --- what the renderers receive ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImageInfo:
    """What validation learnt of a figure's image by decoding it: enough to plan its derivatives and lay out the page."""

    file: str
    #: Pillow's name of the format: JPEG, PNG or WEBP.
    format: str
    #: As shown: after the EXIF orientation is applied.
    width: int
    height: int
    #: SHA-256 of the file: the derivatives' cache key, and a check that the file did not change after validation.
    digest: str
    #: Whether any pixel is transparent (the fallback is then a PNG).
    alpha: bool


@dataclass(frozen=True)
class Article:
    """An explainer: its language-neutral data and its text in every locale it has."""

    folder: str
    data: ArticleFile
    texts: Mapping[str, LocaleFile]
    #: Where each value is in each locale file (line, column), by locale: lint and status point at texts.
    positions: Mapping[str, Document] = field(default_factory=dict, compare=False, repr=False)
    #: The decoded facts of each figure's image, by file name (validation fills it).
    images: Mapping[str, ImageInfo] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.data.slug
