"""The data contract, exported: JSON Schema files for editors' YAML tools, from the same models."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .model import ArticleFile, LocaleFile

SCHEMAS: dict[str, type[BaseModel]] = {"article.schema.json": ArticleFile, "locale.schema.json": LocaleFile}
SCHEMA_DIR = "schema"


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of article file."""
    schema = SCHEMAS[name].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name, **schema}


def schema_files() -> dict[str, bytes]:
    """Every schema file, by name, as it is committed in schema/ and published with the site."""
    return {name: (json.dumps(json_schema(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8") for name in SCHEMAS}
