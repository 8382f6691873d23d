"""Dates as the data gives them: known to the year, the month or the day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic_core import CoreSchema, core_schema

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
#: Dates run from year 1 to 9999: the years Python's calendar (and the ISO format of four digits) has.
#: An explainer cannot give a date before the common era this way; it says so in its text.
MIN_YEAR, MAX_YEAR = 1, 9999
#: A moment of publication: a day, a time of day and the time zone's offset (Z or ±HH:MM); seconds optional.
TIMESTAMP_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:Z|[+-][0-9]{2}:[0-9]{2})$"
#: What an editor is told to write: the desk publishes in India (Asia/Kolkata, +05:30) unless it says otherwise.
TIMESTAMP_EXAMPLE = "2024-11-12T10:00:00+05:30"


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
        year = parts[0]
        month = parts[1] if len(parts) > 1 else None
        day = parts[2] if len(parts) > 2 else None
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


@dataclass(frozen=True)
class Timestamp:
    """A moment of publication with its time zone, as the data gives it: one value for the page, JSON-LD, feed and sitemap.

    The offset is part of the fact (10:00 in Delhi is not 10:00 UTC), so a date-time without one is refused rather
    than guessed; the text is kept as written (normalised to seconds) so that every output shows the same value.
    """

    moment: datetime
    #: What the desk knows of it: the day (the default), or only the month, when its record gives no day. The page then
    #: says the month; the machine-readable value (JSON-LD, feed, sitemap) keeps the moment the data chose.
    known: Literal["day", "month"] = "day"

    @property
    def shown(self) -> PartialDate:
        """The date a reader is shown: the day where it was published, or the month when the day is not known."""
        day = self.moment.date()
        return PartialDate(day.year, day.month, day.day if self.known == "day" else None)

    @classmethod
    def parse(cls, text: str) -> Timestamp:
        if re.fullmatch(DATE_PATTERN, text):
            raise ValueError(
                f"expected the date and time of publication with its time zone, such as {TIMESTAMP_EXAMPLE!r} "
                f"(India: +05:30), got the date {text!r} alone"
            )
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?", text):
            raise ValueError(
                f"{text!r} has no time zone; add its offset, such as {text.replace(' ', 'T')}+05:30 for India (Asia/Kolkata) or Z for UTC"
            )
        if not re.fullmatch(TIMESTAMP_PATTERN, text):
            raise ValueError(f"expected a date-time with its time zone, such as {TIMESTAMP_EXAMPLE!r}, got {text!r}")
        PartialDate.parse(text[:10])  # the same messages as any date for a day or month that does not exist
        zone = re.search(r"([+-])([0-9]{2}):([0-9]{2})$", text)
        if zone and (int(zone[2]) * 60 + int(zone[3]) > 14 * 60 or int(zone[3]) > 59):
            raise ValueError(f"{text!r}: no time zone is {zone[0]} from UTC; expected an offset from -12:00 to +14:00 (India: +05:30)")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a date-time ({exc}); expected one such as {TIMESTAMP_EXAMPLE!r}") from None
        try:
            moment.astimezone(UTC)  # compared with the build's moment in UTC: it must exist there too
        except OverflowError:
            raise ValueError(f"{text!r} is out of range: in UTC it falls outside the years 0001 to 9999") from None
        return cls(moment)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """Read from its ISO 8601 text and written back as that text."""
        return core_schema.no_info_after_validator_function(
            cls.parse,
            core_schema.str_schema(strict=True),
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @property
    def day(self) -> date:
        """The day of publication where it was published (in its own time zone)."""
        return self.moment.date()

    def isoformat(self) -> str:
        """RFC 3339, as Atom, sitemaps, schema.org, Open Graph and HTML `<time>` all read it: 2024-11-12T10:00:00+05:30."""
        return self.moment.isoformat(timespec="seconds").replace("+00:00", "Z")

    def __str__(self) -> str:
        return self.isoformat()

    def __lt__(self, other: Timestamp) -> bool:
        return self.moment < other.moment

    def __le__(self, other: Timestamp) -> bool:
        return self.moment <= other.moment

    def __gt__(self, other: Timestamp) -> bool:
        return self.moment > other.moment

    def __ge__(self, other: Timestamp) -> bool:
        return self.moment >= other.moment
