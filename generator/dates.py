"""Dates as the data gives them: known to the year, the month or the day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from pydantic_core import CoreSchema, core_schema

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
#: Dates run from year 1 to 9999: the years Python's calendar (and the ISO format of four digits) has.
#: An explainer cannot give a date before the common era this way; it says so in its text.
MIN_YEAR, MAX_YEAR = 1, 9999


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
