"""MkDocs hooks for every locale's build (listed in docs/mkdocs.<locale>.yml).

- Theme templates get `_()` and `ngettext()` from the locale's gettext catalog; the catalog strings of
  the configuration (site name, navigation, colour toggles) reach Material's templates as text. Material's
  own strings (`t(key)`, theme/partials/language.html) are looked up in the catalog once per build
  (`theme_strings`): the theme calls `t` about 450 times a page, and rebuilding the table of 26 strings at
  every call was a quarter of MkDocs' CPU time (4.3 → 3.2 s per locale at 1000 explainers, same HTML).
- `dir` goes on `<html>` too (Material puts it on `<body>` only): the `<title>` and the browser's tab take
  their direction from `<html>`.
- Material's sitemap lookup for `<link rel="alternate">` is switched off: our alternates are per page
  and absolute, so it would fetch `<page>/sitemap.xml` from the production host (a request to another
  host, and a 404) on every page view. Our language menu links each page to its translation already.
- `autocomplete="off"` on Material's two checkbox toggles is removed: it is invalid HTML on checkboxes.
- Material's bundle is loaded with `defer`: the browser then lays out and paints the page before the
  script runs, instead of the script forcing that first layout of the whole page inside its own long task
  (on a phone, Lighthouse's Total Blocking Time of an article fell from about 400 ms to about 250 ms).
  The bundle waits for DOMContentLoaded, which deferred scripts run before, so nothing else changes.
- MkDocs' per-locale sitemaps are removed: the generator writes one for the site, with hreflang alternates.
- The theme's compiled templates are kept in .build/jinja/ (Jinja's bytecode cache, checked against
  each template's source): compiling Material's templates took a third of a second in every build.
- A page whose front matter says `html: true` is finished HTML from the generator: it reaches the theme
  as it is, with the table of contents from its `headings`, instead of through Python-Markdown, which
  would parse every tag of it again (two thirds of MkDocs' time) and give the same HTML back. Its body is
  read when its page is rendered and dropped once written, not held from MkDocs' first pass over every
  page to the end of the build (a locale's whole text: 1.4 GB in one process at 10,000 explainers).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jinja2 import FileSystemBytecodeCache  # noqa: E402
from markupsafe import Markup  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402
from mkdocs.utils.meta import YAML_RE  # noqa: E402

from generator.i18n import theme_strings  # noqa: E402
from generator.l10n import load_translations  # noqa: E402

_state: dict[str, Any] = {}
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_HTML_TAG = re.compile(r"<html (lang=\"[^\"]*\")")
_BUNDLE_SCRIPT = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
_ALTERNATE_LOOKUP = re.compile(
    r'(function \w+\(\{document\$:\w+\}\)\{)(let \w+=new Map;\w+\.pipe\(\w+\(\(\)=>\w+\("link\[rel=alternate\]"\)\))'
)
#: The same code once patched: a dirty build finds the bundle it patched before and leaves it.
_ALTERNATE_LOOKUP_OFF = re.compile(r"function \w+\(\{document\$:\w+\}\)\{return;let \w+=new Map;")


def on_config(config: Any) -> Any:
    _state["translations"] = load_translations(ROOT / "locales", config.extra["locale"])
    # The site name, description, navigation titles and colour-scheme toggles come from translators'
    # catalogs, and Material prints them without escaping (MkDocs' Jinja does not autoescape). As Markup
    # holding escaped text they print as text in both places: raw, and through `| e`, which leaves Markup as is.
    config.site_name = _text(config.site_name)
    config.site_description = _text(config.site_description) if config.site_description else config.site_description
    config.nav = _text_titles(config.nav)
    for option in config.theme.get("palette") or []:
        if isinstance(option, dict) and isinstance(option.get("toggle"), dict) and option["toggle"].get("name"):
            option["toggle"]["name"] = _text(option["toggle"]["name"])
    _state["html_dir"] = f' dir="{config.theme["direction"]}"' if config.theme.get("direction") in ("ltr", "rtl") else ""
    return config


def _text(value: str) -> Markup:
    """Text that Jinja prints as text with or without `| e`."""
    return value if isinstance(value, Markup) else Markup.escape(value)


def _text_titles(nav: Any) -> Any:
    """The navigation with every title as text (see on_config)."""
    if isinstance(nav, list):
        return [_text_titles(item) for item in nav]
    if isinstance(nav, dict):
        return {_text(title): _text_titles(item) for title, item in nav.items()}
    return nav


def on_env(env: Any, config: Any, files: Any) -> Any:
    cache = ROOT / ".build" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    # Plain, escaped text: a fallback string's own lang/dir markup (generator.text.Text) is for our page
    # bodies; in the theme a string can stand in an attribute (aria-label, title).
    translations = _state["translations"]
    env.globals["_"] = lambda message: _text(str(translations.gettext(message)))
    env.globals["ngettext"] = lambda singular, plural, n: _text(str(translations.ngettext(singular, plural, n)))
    # Looked up once per build, not at each of the theme's ~450 calls per page of t(key) (partials/language.html);
    # escaped: Material prints its strings without escaping, and a translator's string is text, never markup.
    strings = theme_strings(
        lambda key, english: str(translations.pgettext(key, english)), config.extra.get("lang"), config.theme.get("direction")
    )
    env.globals["theme_strings"] = {key: _text(value) if value else value for key, value in strings.items()}
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.meta.get("html"):
        _state.setdefault("html", set()).add(page.file.src_uri)
        return ""
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri not in _state.get("html", ()):
        return html
    headings = page.meta.get("headings") or []
    page.toc = get_toc([{"level": 2, "id": h["id"], "name": h["title"], "children": []} for h in headings])
    return ""  # the body is read again just before its page is rendered (on_page_context)


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    # MkDocs reads every page before it renders any: a body kept from then on would keep a locale's every
    # page in memory (1.4 GB at 10,000 explainers). It is read again here, and let go once written.
    if page.file.src_uri in _state.get("html", ()):
        source = page.file.content_string  # as MkDocs read it
        found = YAML_RE.match(source)
        page.content = source[found.end() :].lstrip("\n") if found else source  # as MkDocs' meta.get_data
    return context


def _clean(html: str) -> str:
    html = _HTML_TAG.sub(lambda m: f"<html {m[1]}{_state.get('html_dir', '')}", html, count=1)
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    return _BUNDLE_SCRIPT.sub(r'<script defer src="\1"></script>', html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    if not _BUNDLE_SCRIPT.search(output):
        raise PluginError(
            f"{page.file.src_uri}: cannot find Material's bundle <script> to defer "
            "(Material changed? check generator/mkdocs_hooks.py against the pinned version)"
        )
    if page.file.src_uri in _state.get("html", ()):
        page.content = ""  # written: nothing reads it again
    return _clean(output)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    return _clean(output)


def on_post_build(config: Any) -> None:
    # The site's one sitemap (site/sitemap.xml, with hreflang alternates) replaces the per-locale ones;
    # a draft locale is in none.
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        Path(config.site_dir, name).unlink(missing_ok=True)
    bundles = sorted(Path(config.site_dir, "assets", "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"expected one Material bundle in {config.site_dir}/assets/javascripts, found {len(bundles)}")
    text = bundles[0].read_text(encoding="utf-8")
    patched, count = _ALTERNATE_LOOKUP.subn(r"\1return;\2", text)
    if count == 0 and _ALTERNATE_LOOKUP_OFF.search(text):
        return  # a dirty build (`generator serve`) kept the bundle it patched before
    if count != 1:
        raise PluginError(
            f"{bundles[0].name}: cannot find Material's alternate-sitemap lookup to switch it off "
            "(Material changed? check generator/mkdocs_hooks.py against the pinned version)"
        )
    bundles[0].write_text(patched, encoding="utf-8")
