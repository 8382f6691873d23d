"""Text that knows its language: what lets a page mark a fallback with the right `lang` and `dir`."""

from __future__ import annotations

from functools import cache
from typing import cast

from markupsafe import Markup, escape


class Text(str):
    """A text as shown in a locale: it knows its language, and whether it stands in for a translation.

    Its language and marks are attributes of its class (one small subclass of Text per combination, see _kind), not
    of each text: a list record holds about sixty texts, and a dict of them per text (300 bytes) was a fifth of the
    records' memory in a locale's worker, 190 MB at 10,000 explainers.
    """

    __slots__ = ()

    code: str
    lang: str
    dir: str
    fallback: bool
    stale: bool

    def __new__(cls, value: str, code: str, lang: str, direction: str, *, fallback: bool = False, stale: bool = False) -> Text:
        return str.__new__(_kind(code, lang, direction, fallback, stale), value)

    def __repr__(self) -> str:
        """With its language and marks: a list record's digest is taken from its repr (render/records.py)."""
        return f"Text({str.__repr__(self)}, {self.code!r}, {self.lang!r}, {self.dir!r}, fallback={self.fallback}, stale={self.stale})"

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled whole, language and marks included: list records keep Texts in the build cache."""
        return (_text, (str(self), self.code, self.lang, self.dir, self.fallback, self.stale))

    def __mod__(self, values: object) -> Text:
        """Formatting keeps the language: «Read in %(language)s» % {...} is still that text."""
        return Text(str.__mod__(self, values), self.code, self.lang, self.dir, fallback=self.fallback, stale=self.stale)

    def __html__(self) -> str:
        inner = str(escape(" ".join(str(self).split("\n"))))
        if self.fallback:
            return f'<span lang="{self.lang}" dir="{self.dir}" class="fallback">{inner}</span>'
        return inner

    def attrs(self) -> Markup:
        """` lang=… dir=…` for the element holding this text, when it is not in the page's language."""
        return Markup(f' lang="{self.lang}" dir="{self.dir}" class="fallback"') if self.fallback else Markup("")


def _text(value: str, code: str, lang: str, direction: str, fallback: bool, stale: bool) -> Text:
    return Text(value, code, lang, direction, fallback=fallback, stale=stale)


@cache
def _kind(code: str, lang: str, direction: str, fallback: bool, stale: bool) -> type[Text]:
    """The class of the texts of this language and marks."""
    attrs = {"__slots__": (), "code": code, "lang": lang, "dir": direction, "fallback": fallback, "stale": stale}
    return cast("type[Text]", type("Text", (Text,), attrs))
