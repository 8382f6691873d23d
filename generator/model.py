"""The data contract: what an article folder may contain, and the objects the renderers receive.

The pydantic models below are the single source of truth for validation and, later, for the JSON Schema
and the editors' documentation, so the three cannot drift apart.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from .dates import TIMESTAMP_EXAMPLE, TIMESTAMP_PATTERN, PartialDate, Timestamp
from .document import MAX_INT_DIGITS, Document
from .l10n import SCALES, currency_problem, direction_of, unit_problem

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LOCALE_PATTERN = r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$"
FINGERPRINT_PATTERN = r"^[0-9a-f]{12}$"
#: A confirmation: the fingerprint of the original translated and, since issue 22, of the translation as reviewed.
CONFIRMATION_PATTERN = r"^[0-9a-f]{12}(?: [0-9a-f]{12})?$"

#: Ids of the fixed parts of an article page; section ids must not take them.
FIXED_IDS = ("key-facts", "timeline", "glossary", "sources", "claims", "corrections", "notes", "search")
#: The anchors the page makes from the data's ids (`#term-<id>`, `#p-<id>` …; the timeline's filters `#timeline-all`):
#: a section id beginning so could be the same anchor as one of them, and links would jump to the wrong place.
GENERATED_ID_PREFIXES = ("term-", "source-", "note-", "event-", "p-", "fact-", "figure-", "claim-", "claims-", "timeline-")
#: Addresses of the fixed pages and files of a locale (generator/render/urls.py, Material's assets and search index,
#: Pagefind's index, the feed and sitemap); article slugs must not take them.
RESERVED_SLUGS = (
    "glossary",
    "timeline",
    "writing",
    "schema",
    "assets",
    "search",
    "index",
    "404",
    "sitemap",
    "feed",
    "page",
    "pagefind",
)

#: Limits, stated once: longer text is a paste accident, not an article.
MAX_SHORT_TEXT = 300
MAX_LONG_TEXT = 10_000
MAX_ARTICLES = 10_000
#: Key-fact numbers stay within a thousand trillion (10¹⁵, «100 लाख करोड़»): beyond any count or sum in rupees an
#: explainer gives, exact as a number in JSON-LD (below 2⁵³), and formatted by Babel in every locale.
MAX_NUMBER = 10**15
#: Decimal places a key-fact number may have: more is a measurement's noise, not a fact a reader needs.
MAX_DECIMALS = 6


#: Citations of one statement: a page cites a few sources per sentence; thousands are a paste accident (a 4 MB page).
MAX_CITATIONS = 50


def _citations(ids: list[str]) -> list[str]:
    """Each source cited once, and a bounded number of them."""
    if len(ids) > MAX_CITATIONS:
        raise ValueError(f"{len(ids):,} citations; the limit is {MAX_CITATIONS} (cite each source once, the strongest first)")
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"source {i!r} is cited {ids.count(i):,} times; cite each source once")
        seen.add(i)
    return ids


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
Citations = Annotated[list[Id], AfterValidator(_citations)]
LocaleCode = Annotated[str, Field(pattern=LOCALE_PATTERN, description="A locale code such as hi, en or pt_BR.")]
TimestampText = Annotated[
    Timestamp,
    WithJsonSchema({"type": "string", "pattern": TIMESTAMP_PATTERN}),
    Field(description=f"A date-time with its time zone: {TIMESTAMP_EXAMPLE} (India, Asia/Kolkata: +05:30; UTC: Z)."),
]
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


def _exact_number(value: Any) -> Any:
    """A key-fact number, exact: YAML gives whole numbers as int and `24.5` as text (the loader reads no floats,
    which would turn 0.1 into 0.1000000000000000055…); both become a Decimal, kept as written."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return value  # the Decimal schema reports it
    if isinstance(value, int):
        return Decimal(value)
    if not re.fullmatch(r"[-+]?[0-9]+(?:\.[0-9]+)?", value):
        raise ValueError(f"expected a number such as 11000 or 24.5 (digits, a point for decimals, no separators), got {value!r}")
    whole, _, decimals = value.lstrip("+-").partition(".")
    if len(whole) > MAX_INT_DIGITS:
        raise ValueError(f"a number of {len(whole):,} digits is out of range; expected a number from {-MAX_NUMBER:,} to {MAX_NUMBER:,}")
    if len(decimals) > MAX_DECIMALS:
        raise ValueError(f"{value} has {len(decimals)} decimal places; give at most {MAX_DECIMALS} (round it as the source does)")
    return Decimal(value)


#: A number as an editor writes it: 11000, -3, 24.5 (never 11,000 or 1e6), exact.
Number = Annotated[
    Decimal,
    BeforeValidator(_exact_number),
    WithJsonSchema({"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER}),
]


def _cldr_unit(unit: str) -> str:
    problem = unit_problem(unit)
    if problem:
        raise ValueError(problem)
    return unit


def _currency(code: str) -> str:
    problem = currency_problem(code)
    if problem:
        raise ValueError(problem)
    return code


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    #: In a locale file's entries (timeline, glossary …): the fields that hold translatable text, required in the
    #: original; and those the original may leave out, translated wherever it has them. Translation status, fallback,
    #: fingerprints and the scaffold follow these lists (translation.text_fields), so a new text field is declared here.
    TRANSLATED: ClassVar[tuple[str, ...]] = ()
    OPTIONAL: ClassVar[tuple[str, ...]] = ()


# --- article.yaml -----------------------------------------------------------------------------------


class Source(StrictModel):
    """A page the explainer relies on."""

    id: Id = Field(description="Referred to from timeline, glossary, key facts and notes.")
    title: ShortText = Field(description="The page's own title, or a description in [brackets] where it has none.")
    publisher: ShortText = Field(description="Who published it: «TASS», «Reuters via Daily Mail».")
    url: Url
    date: DateText | None = Field(default=None, description="The date the page shows.")
    language: LocaleCode = Field(description="The language of the page (marks its title with the right `lang`).")

    @property
    def lang(self) -> str:
        """The language as a BCP 47 tag, for `lang` (pt_BR → pt-BR)."""
        return self.language.replace("_", "-")

    @property
    def direction(self) -> Literal["ltr", "rtl"]:
        return direction_of(self.language)


#: Kinds of timeline events a reader can filter by; their labels are interface strings.
GROUPS = ("diplomatic", "military", "legal", "political", "economic", "science", "other")


class AlternativeDate(StrictModel):
    """Another date that some sources report for the same event."""

    date: DateText
    sources: Citations = Field(min_length=1, description="Ids of the sources that report this date.")


class TimelineEvent(StrictModel):
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
    status: Literal["occurred", "forecast"] = Field(
        default="occurred",
        description="`forecast`: not an event but a prediction for its date («a 24% expansion is predicted by 2026»), "
        "labelled «Forecast» and listed after the events of its year; never a «later development».",
    )
    sources: Citations = Field(min_length=1, description="Ids of the sources that support the date and the description.")


class GlossaryEntry(StrictModel):
    """A term that occurs in the article; its text is in the locale files."""

    id: Id = Field(description="Also the anchor of the entry (#term-<id>), the same in every locale.")
    see_also: list[Id] = Field(default_factory=list, description="Ids of related glossary terms of the same article.")
    sources: Citations = Field(default_factory=list, description="Ids of the sources behind the definition's facts.")


class SeriesPoint(StrictModel):
    """One value of a series: when (a year, month or day) and how much, in the key fact's unit and scale."""

    x: DateText = Field(description="When: YYYY (a year, or the year a financial year begins with `fiscal`), YYYY-MM or YYYY-MM-DD.")
    y: Number = Field(ge=-MAX_NUMBER, le=MAX_NUMBER, description="The value, in the fact's unit and scale (58.175 with `scale: million`).")


class Series(StrictModel):
    """A quantity measured over time, drawn as a chart under the key facts (with its values in a table)."""

    fiscal: bool = Field(
        default=False, description="Each `x` is the year an Indian financial year (April to March) begins: 2021 is shown «2021–22»."
    )
    points: list[SeriesPoint] = Field(min_length=2, max_length=40, description="The values, oldest first, each `x` once.")

    @model_validator(mode="after")
    def _in_order(self) -> Series:
        if len({p.x.precision for p in self.points}) > 1:
            raise ValueError("give every `x` at the same precision: all years, all months or all days")
        if any(b.x.first_day <= a.x.first_day for a, b in pairwise(self.points)):
            raise ValueError("give the points oldest first, each `x` once")
        if self.fiscal and any(p.x.month is not None for p in self.points):
            raise ValueError("with `fiscal: true`, each `x` is a year (YYYY), the year the financial year begins")
        if any(p.y < 0 for p in self.points):
            raise ValueError("a chart's bars start at zero: values must not be negative")
        return self


class KeyFact(StrictModel):
    """A date or a number a reader needs: exactly one of `date`, `event` and `number`."""

    id: Id
    date: DateText | None = Field(default=None, description="A date, formatted for each locale.")
    event: Id | None = Field(default=None, description="The id of a timeline event whose date this fact shows.")
    number: Number | None = Field(
        default=None,
        ge=-MAX_NUMBER,
        le=MAX_NUMBER,
        description="A number, formatted for each locale (Indian grouping in Hindi): whole (11000) or with up to "
        f"{MAX_DECIMALS} decimal places (24.5, kept exactly as written), from -10¹⁵ to 10¹⁵ (a thousand trillion).",
    )
    unit: Annotated[str, AfterValidator(_cldr_unit)] | None = Field(
        default=None,
        description="What the number measures, as a CLDR unit id, written in each locale's words: area-square-kilometer "
        "(«24.5 square kilometres», «24.5 वर्ग किलोमीटर»), length-meter, length-kilometer, mass-tonne, mass-kilogram, "
        "concentr-percent («24 per cent», «24 प्रतिशत»), duration-day, duration-year …",
    )
    currency: Annotated[str, AfterValidator(_currency)] | None = Field(
        default=None, description="The number is money in this currency (ISO 4217: INR, USD, EUR): «₹615 crore»."
    )
    scale: Literal[tuple(SCALES)] | None = Field(  # type: ignore[valid-type]
        default=None,
        description="The number is stated in this scale word (615 with `scale: crore` is 6,150,000,000): a locale that "
        "has the word shows it («₹615 crore», «₹615 करोड़»), another converts the value exactly into its own («₹6.15 billion»).",
    )
    approximate: bool = Field(default=False, description="Show the number as approximate («about 11,000»).")
    series: Series | None = Field(
        default=None,
        description="The number over time, drawn as a chart with its label as title and its unit, currency and scale; the "
        "number is the latest value. The sources must support every point.",
    )
    sources: Citations = Field(min_length=1, description="Ids of the sources that support the fact.")

    @model_validator(mode="after")
    def _one_value(self) -> KeyFact:
        if self.series is not None and self.number is None:
            raise ValueError("`series` draws a number over time; give `number` (its latest value) too")
        if sum(v is not None for v in (self.date, self.event, self.number)) != 1:
            raise ValueError("give exactly one of `date`, `event` and `number`")
        given = [name for name in ("unit", "currency", "scale") if getattr(self, name) is not None]
        if self.number is None and given:
            raise ValueError(f"`{given[0]}` qualifies a number; give `number` too, or remove `{given[0]}`")
        if self.unit is not None and self.currency is not None:
            raise ValueError("give either `unit` or `currency`: money has no other unit")
        if self.number is not None and self.scale is not None and abs(self.number.scaleb(SCALES[self.scale])) > MAX_NUMBER:
            raise ValueError(f"{self.number} {self.scale} is out of range; expected at most 10¹⁵ (a thousand trillion) in all")
        return self


class Note(StrictModel):
    """An editor's note shown next to a paragraph (or under the article), without changing the published text.

    Corrections also appear, with their dates, in the article's corrections log.
    """

    id: Id
    kind: Literal["correction", "clarification"] = Field(description="A correction of the text, or a clarification of it.")
    date: DateText | None = Field(default=None, description="When the note was made; required for a correction.")
    paragraph: Id | None = Field(default=None, description="The id of the paragraph the note belongs to; omit it for the whole article.")
    sources: Citations = Field(default_factory=list, description="Ids of the sources behind the note.")

    @model_validator(mode="after")
    def _dated_correction(self) -> Note:
        if self.kind == "correction" and self.date is None:
            raise ValueError("a correction needs its `date`")
        return self


class Claim(StrictModel):
    """A statement for the «What we know / what we don't know» blocks; its text is in the locale files."""

    id: Id
    status: Literal["known", "unknown"] = Field(description="`known`: established by the sources; `unknown`: open or disputed.")
    sources: Citations = Field(min_length=1, description="Ids of the sources behind the statement (cited next to it).")


class Author(StrictModel):
    """Who wrote the explainer: a person or a desk, named as each locale writes the name."""

    name: dict[LocaleCode, ShortText] = Field(
        min_length=1,
        description="The name by locale ({en: Explainers desk, hi: …}); required in the original's locale. A locale "
        "without its own spelling shows the original's.",
    )
    organization: bool = Field(default=False, description="A desk or agency rather than a person (schema.org Organization).")
    url: Url | None = Field(
        default=None, description="The author's page (a profile, the agency's site): linked from the byline, in JSON-LD and the feed."
    )


# --- figures (article.yaml `figures:`, <locale>.yaml `figures:`) --------------------------------------

#: Most pixels an image may have: a 24-megapixel camera's photograph fits; a "decompression bomb" (a small file that
#: decodes to gigabytes) does not, and is refused before its pixels are decoded.
MAX_IMAGE_PIXELS = 40_000_000
#: Largest image we read: a newsroom photograph at full resolution is 2-8 MB; the page gets smaller copies anyway.
MAX_IMAGE_BYTES = 10 * 1024 * 1024
#: A figure's file: a plain file name in the article folder (no folders, nothing make or a shell would misread).
FIGURE_FILE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class Figure(StrictModel):
    """An image in the article folder (or, without `file`, only described), after a paragraph or at the top; text in locale files."""

    id: Id = Field(description="Also the anchor of the figure (#figure-<id>) and the name of its derivatives.")
    file: Annotated[str, Field(pattern=FIGURE_FILE_PATTERN, max_length=100)] | None = Field(
        default=None,
        description="Leave it out for a figure whose image is not available (a release's map whose caption survives): the "
        "page shows its caption, and its alt text as a description, without an image. Otherwise: "
        "The image's file name in the article folder: a JPEG (.jpg, .jpeg), PNG (.png) or WebP (.webp), "
        f"at most {MAX_IMAGE_BYTES // 2**20} MiB and {MAX_IMAGE_PIXELS // 10**6} megapixels. Smaller copies in AVIF and "
        "JPEG (or PNG) are made at build, without its metadata (EXIF, GPS position).",
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


class ArticleFile(StrictModel):
    """`articles/<slug>/article.yaml`: the language-neutral part of an explainer."""

    slug: Id = Field(description="The article's address (/<locale>/<slug>/); equal to its folder name.")
    original: LocaleCode = Field(description="The locale the article was written in; its text is never changed by a translation.")
    published_known: Literal["day", "month"] = Field(
        default="day",
        description="`month` when the desk's record gives only the month of publication: the page shows the month, and "
        "`published` (which must still be a date-time) is the moment the desk chose within it for feeds and structured data.",
    )
    published: TimestampText = Field(
        description="When the original was published: date, time and time zone, one value on the page, in the structured "
        "data, the feed and the sitemap. A moment still to come schedules the article: it is left out of the site (pages, "
        "lists, feeds, sitemap, search) until the first build after it."
    )
    updated: TimestampText | None = Field(
        default=None, description="When it was last updated: date, time and time zone; not before `published`, not after the build."
    )
    draft: bool = Field(
        default=False,
        description="`true`: a draft, previewed by `make serve` and never published by `make site` (no page in any locale, and "
        "absent from lists, feeds, the sitemap and search); its published locales may leave texts empty meanwhile. "
        "Remove it to publish.",
    )
    sources: list[Source] = Field(min_length=1, description="Every source the page relies on; listed on the page.")
    timeline: list[TimelineEvent] = Field(default_factory=list, description="Dated events, in any order: the page sorts them.")
    glossary: list[GlossaryEntry] = Field(default_factory=list, description="Terms that occur in the article.")
    key_facts: list[KeyFact] = Field(default_factory=list, description="The numbers and dates a reader needs, in a box.")
    notes: list[Note] = Field(default_factory=list, description="Editor's notes shown next to paragraphs.")
    claims: list[Claim] = Field(default_factory=list, description="What we know and what we don't know, each with citations.")
    authors: list[Author] = Field(
        default_factory=list, description="Who wrote it: shown under the title («By …») and in the structured data (author)."
    )
    figures: list[Figure] = Field(default_factory=list, description="Images in the article folder, with their credit and licence.")


# --- <locale>.yaml ----------------------------------------------------------------------------------


#: How the guide and the schema describe a text that a translation may leave empty for now.
UNTRANSLATED = " Required in the original and in published locales; in a draft locale, leave it empty until translated."
#: How they describe `omitted` (issue 14): text that exists only in the original.
OMITTED = (
    "In a translation, instead of the text: why this translation has no such text (an official translation that leaves "
    "it out), for editors. The page shows the original's text, marked as not in this language version; it is not "
    "counted as missing and `make lint-content` skips it."
)


class Paragraph(StrictModel):
    """One paragraph of the body."""

    id: Id = Field(description="The same in every locale; notes refer to it.")
    verbatim: list[LongText] = Field(
        default_factory=list,
        description="Quotations in the text that are verbatim (exact substrings, of any length up to the paragraph's): "
        "glossary terms are never linked inside them.",
    )
    text: LongText | None = Field(default=None, description="Plain text: shown as typed, never read as HTML or Markdown." + UNTRANSLATED)
    omitted: ShortText | None = Field(default=None, description=OMITTED)


class Section(StrictModel):
    """A part of the body, under its own heading."""

    id: Id = Field(description="The same in every locale; the heading's anchor.")
    heading: ShortText | None = Field(default=None, description="Omit it for the opening section under the title." + UNTRANSLATED)
    paragraphs: list[Paragraph] = Field(min_length=1)


class EventText(StrictModel):
    """The text of a timeline event in one locale."""

    #: The fields that hold translatable text, each required in the original (see StrictModel.TRANSLATED).
    TRANSLATED: ClassVar[tuple[str, ...]] = ("label", "description")

    label: ShortText | None = Field(default=None, description="A short label." + UNTRANSLATED)
    description: LongText | None = Field(default=None, description="One sentence." + UNTRANSLATED)
    omitted: ShortText | None = Field(default=None, description=OMITTED)


class TermText(StrictModel):
    """A glossary term in one locale."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ("term", "definition")

    term: ShortText | None = Field(default=None, description="The term as written in this locale (dictionary form)." + UNTRANSLATED)
    forms: list[ShortText] = Field(
        default_factory=list, description="Further forms as they occur in the text (inflections such as «संधियों»): they are linked too."
    )
    transliteration: ShortText | None = Field(default=None, description="A Latin transliteration, for non-Latin scripts.")
    definition: LongText | None = Field(
        default=None, description="One or two sentences; shown in the glossary and as the link's tooltip." + UNTRANSLATED
    )


class LabelText(StrictModel):
    """The label of a key fact in one locale."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ("label",)

    label: ShortText | None = Field(default=None, description="What the value is." + UNTRANSLATED)


class NoteText(StrictModel):
    """An editor's note in one locale."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ("text",)

    text: LongText | None = Field(default=None, description="The note." + UNTRANSLATED)
    wrong: list[ShortText] = Field(
        default_factory=list,
        description="For a correction: the wording it says was wrong, exactly as this file's paragraph had it. "
        "`make lint-content` reports the note while its paragraph still contains any of it, so a fix cannot be "
        "forgotten. Leave it out where the paragraph is kept as published (an original reproduced unchanged).",
    )


class ClaimText(StrictModel):
    """A claim in one locale."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ("text",)

    text: LongText | None = Field(default=None, description="One sentence." + UNTRANSLATED)


class Translator(StrictModel):
    """Who translated this locale's text, as this locale writes the name."""

    name: ShortText = Field(description="The translator's name, shown as «Translated by …» and in the structured data.")
    organization: bool = Field(
        default=False, description="A desk or agency rather than a person (PIB for its official Hindi): schema.org Organization."
    )
    url: Url | None = Field(default=None, description="The translator's page: linked from the page, in JSON-LD and the feed.")


#: What `make lint-content` compares between an original and its translation: what a divergence can accept.
LINT_CHECKS = ("numbers", "months", "terms")


class Divergence(StrictModel):
    """A difference between a translation and its original that an editor checked and accepted: an official translation
    is published as its issuer wrote it. The fingerprint ties the acceptance to both texts: when either changes, it is reported again."""

    date: DateText = Field(description="When an editor checked the difference and accepted it.")
    reason: LongText = Field(
        description="For editors: what differs and why it stays («The official Hindi gives 1988; the English original says 1989.»)."
    )
    accepts: list[Literal[LINT_CHECKS]] = Field(  # type: ignore[valid-type]
        default_factory=list,
        description="The `make lint-content` findings accepted for this text: numbers, months, terms. Others are still reported.",
    )
    note: LongText | None = Field(
        default=None,
        description="For readers, in this file's language, where the difference changes the meaning: shown next to the "
        "paragraph as an editor's note (a clarification with the date). Only for paragraphs.",
    )
    fingerprint: Annotated[str, Field(pattern=FINGERPRINT_PATTERN)] = Field(
        description="Of the original and the translated text as accepted, as `make lint-content` prints it. "
        "When either text changes, the difference is reported again until checked and the fingerprint updated."
    )

    @model_validator(mode="after")
    def _accepts_or_shows(self) -> Divergence:
        if not self.accepts and self.note is None:
            raise ValueError("a divergence needs `accepts` (the lint findings it accepts) or a `note` for readers, or both")
        return self


class FigureText(StrictModel):
    """A figure's text in one locale."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ("alt",)
    OPTIONAL: ClassVar[tuple[str, ...]] = ("caption",)

    alt: ShortText | None = Field(
        default=None,
        description="What the image shows, for readers who cannot see it (read aloud by screen readers)." + UNTRANSLATED,
    )
    caption: LongText | None = Field(
        default=None,
        description="Shown under the image. Optional in the original; once the original has one, every translation needs it too.",
    )


class LocaleFile(StrictModel):
    """`articles/<slug>/<locale>.yaml`: all the text of an explainer in one locale."""

    title: ShortText | None = Field(default=None, description="The headline." + UNTRANSLATED)
    standfirst: LongText | None = Field(
        default=None,
        description="Optional: a short lead under the headline, one or two sentences. Once the original has one, a "
        "translation translates it like any other text.",
    )
    summary: LongText | None = Field(
        default=None, description="One or two sentences: the home page listing and the page description." + UNTRANSLATED
    )
    translators: list[Translator] = Field(
        default_factory=list, description="Who translated this file's text (not in the original): shown on this locale's page."
    )
    sections: list[Section] = Field(default_factory=list, description="The body, in order; a translation keeps the original's ids.")
    timeline: dict[Id, EventText] = Field(default_factory=dict, description="Text of every timeline event, by id.")
    glossary: dict[Id, TermText] = Field(default_factory=dict, description="Text of every glossary term, by id.")
    key_facts: dict[Id, LabelText] = Field(default_factory=dict, description="Label of every key fact, by id.")
    notes: dict[Id, NoteText] = Field(default_factory=dict, description="Text of every editor's note, by id.")
    claims: dict[Id, ClaimText] = Field(default_factory=dict, description="Text of every claim, by id.")
    figures: dict[Id, FigureText] = Field(default_factory=dict, description="Alt text and caption of every figure, by id.")
    fingerprints: dict[str, Annotated[str, Field(pattern=CONFIRMATION_PATTERN)]] = Field(
        default_factory=dict,
        description="Written by `make confirm` and `make po-import`: for each translated text, the fingerprint of the "
        "original it translates, then of the translation as reviewed. When the original changes, the translation is "
        "reported stale; when the translation is edited, changed since review; until confirmed again.",
    )
    divergences: dict[str, Divergence] = Field(
        default_factory=dict,
        description="In a translation: differences from the original that an editor accepted, by the text's name as "
        "`make lint-content` prints it (`sections.<section>.<paragraph>`, `timeline.<id>.description` …).",
    )

    def omitted(self) -> dict[str, str]:
        """The texts this translation leaves out on purpose, by path (as translation.text_fields names them): reason."""
        out = {f"sections.{s.id}.{p.id}": p.omitted for s in self.sections for p in s.paragraphs if p.omitted is not None}
        for event_id, event in self.timeline.items():
            if event.omitted is not None:
                out |= {f"timeline.{event_id}.label": event.omitted, f"timeline.{event_id}.description": event.omitted}
        return out


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
