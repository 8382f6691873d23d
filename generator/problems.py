"""PURE: a parsed document checked against a pydantic model, every error said the editor's way, at its line.

Used for the article files (validate.py) and for locales.yml (config.py): one wording of every mistake.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .dates import DATE_PATTERN
from .document import Document, Loc
from .errors import Problem
from .model import FIGURE_FILE_PATTERN, ID_PATTERN, LOCALE_PATTERN

M = TypeVar("M", bound=BaseModel)

_PATTERN_MESSAGES = {
    ID_PATTERN: "expected an id of lower-case ASCII letters, digits and single hyphens (like 'kursk-region')",
    LOCALE_PATTERN: "expected a locale code such as 'hi', 'en' or 'pt_BR'",
    DATE_PATTERN: "expected a date as YYYY, YYYY-MM or YYYY-MM-DD",
    FIGURE_FILE_PATTERN: "expected the name of a file in the article folder, like 'map.jpg'",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__


def _unwrap(annotation: Any) -> list[Any]:
    """Return the concrete types an annotation allows (Optional and Annotated removed)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg) if t is not type(None)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Walk a model class along an error location to the model that owns its last part."""
    current: Any = model
    for part in loc:
        for kind in _unwrap(current):
            origin = typing.get_origin(kind)
            if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(part, str):
                field = kind.model_fields.get(part)
                current = field.annotation if field else None
                break
            if origin is list and isinstance(part, int):
                current = typing.get_args(kind)[0]
                break
            if origin is dict and isinstance(part, str):
                current = typing.get_args(kind)[1]
                break
        else:
            return None
    for kind in _unwrap(current):
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return kind
    return None


def _message(error: ErrorDetails, model: type[BaseModel], loc: Loc) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return f"required field is missing; add `{loc[-1]}:`" if loc and isinstance(loc[-1], str) else "required field is missing"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        names = list(owner.model_fields) if owner else []
        hint = difflib.get_close_matches(str(loc[-1]), names, n=1)
        expected = f"did you mean '{hint[0]}'?" if hint else "expected one of: " + ", ".join(names)
        return f"unknown field; {expected}"
    if kind == "string_type":
        if isinstance(value, bool | int):  # YAML read `2008`, `true` as a number or a truth value
            return f'expected text, got {_describe(value)}; write it in quotes: "{_describe(value).removeprefix("the number ")}"'
        return f"expected text, got {_describe(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = _model_range(model, loc)
        return f"the number {value:,} is out of range; expected a number from {low:,} to {high:,}"
    if kind.startswith("int_"):
        if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9]+", value):  # too many digits to be read as a number
            low, high = _model_range(model, loc)
            return f"a number of {len(value.lstrip('+-')):,} digits is out of range; expected a number from {low:,} to {high:,}"
        return f"expected a whole number, got {_describe(value)}"
    if kind == "bool_type":
        return f"expected true or false, got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list, got {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a group of fields (name: value), got {_describe(value)}"
    if kind == "string_too_short":
        return "text is empty; write the text or remove the field"
    if kind == "string_too_long":
        return f"text is {len(value):,} characters long; the limit is {ctx['max_length']:,}"
    if kind == "too_short":
        return f"expected at least {ctx['min_length']} item(s), got {ctx.get('actual_length', 0)}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        expected = _PATTERN_MESSAGES.get(pattern, f"expected text matching {pattern}")
        return f"{expected}, got {_describe(value)}"
    if kind == "literal_error":
        return f"expected one of {ctx['expected']}, got {_describe(value)}"
    if kind == "value_error":
        return str(ctx["error"])
    return str(error["msg"])


def _model_range(model: type[BaseModel], loc: Loc) -> tuple[int, int]:
    """The bounds (ge, le) of the number field at loc."""
    owner = _model_at(model, loc[:-1])
    field = owner.model_fields[str(loc[-1])] if owner else None
    bounds = {k: getattr(m, k) for m in (field.metadata if field else []) for k in ("ge", "le") if hasattr(m, k)}
    return bounds.get("ge", 0), bounds.get("le", 0)


def model_from(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a document against a model; turn every pydantic error into a located Problem."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc: Loc = tuple(p for p in error["loc"] if p != "[key]")
            if error["loc"][-1:] == ("[key]",):
                problems.append(doc.problem(loc, f"key {_message(error, model, loc)}", key=True))
                continue
            # Validators of a whole object (model_validator) report at the object itself.
            problems.append(doc.problem(loc, _message(error, model, loc), key=error["type"] == "extra_forbidden"))
        return None, problems
