"""The editors' guide ("Writing an explainer"), generated from the models so it cannot drift from them."""

from __future__ import annotations

import html
from importlib import resources
from typing import Any

from pydantic import BaseModel

from .dates import DATE_PATTERN, TIMESTAMP_EXAMPLE, TIMESTAMP_PATTERN
from .document import MAX_FILE_BYTES
from .model import (
    ID_PATTERN,
    LOCALE_PATTERN,
    MAX_ARTICLES,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    AlternativeDate,
    ArticleFile,
    Author,
    Claim,
    ClaimText,
    Divergence,
    EventText,
    Figure,
    FigureText,
    GlossaryEntry,
    KeyFact,
    LabelText,
    LocaleFile,
    Note,
    NoteText,
    Paragraph,
    Section,
    Source,
    TermText,
    TimelineEvent,
    Translator,
)

#: The order in which the guide presents the parts of the contract.
PARTS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("article.yaml", ArticleFile),
    ("sources[]", Source),
    ("timeline[]", TimelineEvent),
    ("alternatives[]", AlternativeDate),
    ("glossary[]", GlossaryEntry),
    ("key_facts[]", KeyFact),
    ("notes[]", Note),
    ("claims[]", Claim),
    ("authors[]", Author),
    ("figures[]", Figure),
    ("<locale>.yaml", LocaleFile),
    ("sections[]", Section),
    ("paragraphs[]", Paragraph),
    ("timeline.<id>", EventText),
    ("glossary.<id>", TermText),
    ("key_facts.<id>", LabelText),
    ("notes.<id>", NoteText),
    ("claims.<id>", ClaimText),
    ("translators[]", Translator),
    ("divergences.<text>", Divergence),
    ("figures.<id>", FigureText),
)
EXAMPLE = "kursk-incursion"


#: How the text's glossary terms are matched (render/markup.py), for editors: what links a term and what hides it.
GLOSSARY_MATCHING = (
    "<ul>"
    "<li><strong>Case is ignored</strong>: the term <code>treaty</code> links «Treaty» and «TREATY».</li>"
    "<li><strong>Whole words only</strong>, and only as written: «treaties» or «संधियों» is linked only if it is listed in "
    "the term's <code>forms</code>, and a spelling with or without a nukta («फ़» or «फ») is another form to list.</li>"
    "<li><strong>Invisible joiners are ignored</strong>, in the text and in the forms: a zero-width joiner or non-joiner "
    "(U+200D, U+200C), a word joiner (U+2060) or a byte-order mark inside a word, as official Hindi often has "
    "(«शेल्‍फ»), does not stop «शेल्फ» from matching. A soft hyphen (U+00AD) is not ignored: it splits the word.</li>"
    "<li><strong>A typo hides a term</strong>: a misspelt word («tready», «sandhi» for «संधि») is not the term, so it is not "
    "linked, and the build does not say so. <code>make lint-content</code> does: when one locale version of a paragraph "
    "names a term and another does not, it reports <code>glossary terms differ: only in en: treaty</code> for that "
    "paragraph. Correct the spelling, or list the variant in <code>forms</code> if it is a real one.</li>"
    "<li>Each term is linked at its first use in each section; never inside a <code>verbatim</code> quotation.</li>"
    "</ul>"
)


def _type(prop: dict[str, Any]) -> str:
    """Describe a JSON Schema property in an editor's words."""
    if "anyOf" in prop:
        return " or ".join(_type(p) for p in prop["anyOf"] if p.get("type") != "null")
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"{name}"
    kind = prop.get("type")
    if kind == "string":
        if "enum" in prop or "const" in prop:
            return "one of: " + ", ".join(prop.get("enum", [prop.get("const")]))
        pattern = prop.get("pattern")
        if pattern == ID_PATTERN:
            return "id"
        if pattern == DATE_PATTERN:
            return "date (YYYY, YYYY-MM or YYYY-MM-DD)"
        if pattern == TIMESTAMP_PATTERN:
            return f"date-time with its time zone ({TIMESTAMP_EXAMPLE})"
        if pattern == LOCALE_PATTERN:
            return "locale code"
        if "maxLength" in prop:
            return f"text, up to {prop['maxLength']:,} characters"
        return "text"
    if kind == "integer":
        return "whole number"
    if kind == "boolean":
        return "true or false"
    if kind == "array":
        return f"list of {_type(prop['items'])}"
    if kind == "object" and isinstance(prop.get("additionalProperties"), dict):
        return f"{_type(prop['additionalProperties'])} for each id"
    return str(kind)


def _table(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    props, required = schema["properties"], set(schema.get("required", []))
    rows = [
        f"<tr><td><code>{html.escape(name)}</code></td><td>{'required' if name in required else 'optional'}</td>"
        f"<td>{html.escape(_type(props[name]))}</td><td>{html.escape(field.description or props[name].get('description', ''))}</td></tr>"
        for name, field in model.model_fields.items()
    ]
    return (
        '<table class="guide-fields">\n<thead><tr><th>field</th><th></th><th>type</th><th>meaning</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )


def example_files() -> dict[str, str]:
    """The example article shipped with the generator (validated by the tests), by file name."""
    folder = resources.files("generator") / "example" / EXAMPLE
    return {name: (folder / name).read_text(encoding="utf-8") for name in ("article.yaml", "en.yaml", "hi.yaml")}


def _pre(text: str) -> str:
    return f'<pre class="guide-example"><code>{html.escape(text)}</code></pre>'


def render_guide_body(schema_href: str, *, mark_english: bool = False) -> str:
    """The guide's body: raw HTML blocks and inert headings only (it is in English).

    `schema_href` is the relative address of the published schema/ folder; with `mark_english`, every
    block says `lang="en"`, for the pages of other locales.
    """
    examples = example_files()
    out = [
        "<p>An explainer is a folder <code>articles/&lt;slug&gt;/</code>: its name is the article's address "
        "(<code>/hi/&lt;slug&gt;/</code>, <code>/en/&lt;slug&gt;/</code>), in lower-case ASCII letters, digits and hyphens. "
        "It holds <code>article.yaml</code>, the language-neutral data (dates, sources, ids), and one "
        "<code>&lt;locale&gt;.yaml</code> per locale with all the text in that language, keyed by the same ids.</p>",
        "<p>Text is plain text: it is shown exactly as typed and never read as HTML or Markdown. Files are UTF-8; "
        "text is normalised to Unicode NFC when read.</p>",
        "<p>JSON Schemas for YAML editors (autocompletion and checks): "
        f'<a href="{schema_href}article.schema.json">article.schema.json</a> and '
        f'<a href="{schema_href}locale.schema.json">locale.schema.json</a> (in the repository: <code>schema/</code>). '
        "Put this line first in a file:</p>",
        _pre("# yaml-language-server: $schema=../../schema/article.schema.json"),
        "<p>Check your work without building anything: <code>make check-data</code>. Every mistake is reported at once, "
        "as <code>file:line:column: field: what is wrong; what is expected</code>, and nothing is published until all are fixed.</p>",
    ]
    for title, model in PARTS:
        out.append(f"## {html.escape(title)} {{ #{_anchor(title)} }}")
        out.append(f"<p>{html.escape(model.__doc__ or '')}</p>")
        out.append(_table(model))
    out.append("## How glossary terms are found { #glossary-matching }")
    out.append(GLOSSARY_MATCHING)
    out.append("## Limits { #limits }")
    out.append(
        "<ul>"
        f"<li>A file: at most {MAX_FILE_BYTES:,} bytes.</li>"
        f"<li>A title, label, term or heading: at most {MAX_SHORT_TEXT:,} characters; a paragraph, description or definition: "
        f"at most {MAX_LONG_TEXT:,}.</li>"
        f"<li>Articles: at most {MAX_ARTICLES:,}.</li>"
        "</ul>"
    )
    out.append("## Example { #example }")
    for name, text in examples.items():
        out.append(f"<p><code>articles/{EXAMPLE}/{html.escape(name)}</code></p>")
        out.append(_pre(text))
    if mark_english:
        out = [_mark_english(block) for block in out]
    return "\n\n".join(out) + "\n"


def _mark_english(block: str) -> str:
    """Add lang="en" to a raw HTML block's first tag, or to a Markdown heading's attribute list."""
    if block.startswith("## "):
        return block.replace(" }", ' lang="en" }', 1)
    tag_end = block.index(">")
    return block[:tag_end] + ' lang="en"' + block[tag_end:]


def _anchor(title: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-").replace("--", "-") or "part"
