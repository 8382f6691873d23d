"""Share cards: the 1200×630 image a chat app or social site shows for a shared explainer (`og:image`).

Each article gets one card per locale with its title, standfirst and the site's name in the locale's script,
drawn with the self-hosted Noto faces of the site (theme/assets/fonts/, woff2 decompressed here: FreeType reads
TTF) and shaped by HarfBuzz through Pillow's raqm layout: conjuncts, reph, split vowels and Arabic joining are
right only when text is shaped, which Pillow's basic layout does not do (tests/test_cards.py draws both). A text
mixes fonts (a Hindi title's spaces and digits are Latin), so it is cut into runs by font, laid out by ICU's
bidi algorithm (Urdu reads right to left, its digits left to right) and broken into lines where ICU's line
breaker allows (between words, never inside an akshara).

Pure at its core: a CardSpec in, bytes out, the same bytes for the same input (no metadata, fixed encoder
settings). A card with the article's figure beside the text is a JPEG, one without a palette PNG; both stay
under MAX_BYTES. The edges are at the end: the figure's file read again, and the cache in .build/cache/cards/.
"""

from __future__ import annotations

import functools
import hashlib
import io
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path
from typing import Literal

import icu
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph
from PIL import Image, ImageDraw, ImageFont, ImageOps, features

from .brief import Brief, brief
from .errors import DataError, Problem
from .figures import FigureCache, pixels
from .fonts import FONTS, THEME_FONTS, font_for_locale
from .l10n import SOURCE_LOCALE
from .load import read_image
from .locales import SiteLocale
from .localize import LocalizedArticle
from .model import Article, ImageInfo
from .parallel import fork_map
from .text import Text

WIDTH, HEIGHT = 1200, 630
#: What Facebook, WhatsApp and X accept for a large card; past it some show no image at all.
MAX_BYTES = 100_000
#: The Latin face (Noto Sans, Fontsource 5.3.0, OFL 1.1): the site leaves Latin to the reader's system font,
#: but a card has no reader's system, and every script's text has Latin spaces, digits and punctuation.
LATIN_FONT = Path(__file__).resolve().parent / "cardfonts" / "noto-sans-latin-400-normal.woff2"
#: Colours: Material's indigo, darker, with white text (contrast 13:1) and a light indigo for the site's name (8:1).
BACKGROUND = (26, 35, 126)
TEXT = (255, 255, 255)
MUTED = (197, 202, 233)
ACCENT = (255, 196, 0)
PAD = 64
#: The figure's share of a card's width, on the side where a line ends.
IMAGE_WIDTH = 440
#: Sizes of the title, largest first: the largest at which it fits TITLE_LINES lines.
TITLE_SIZES = (64, 56, 48, 42)
TITLE_LINES = 4
STANDFIRST_SIZE = 30
STANDFIRST_LINES = 3
SITE_SIZE = 30
#: Line height, as a multiple of the font size: Indic scripts stack vowel signs above and below the letters.
LEADING = 1.45
#: Tried in turn until a card fits MAX_BYTES; a real photo fits at the first, random noise needs the last ones.
JPEG_QUALITIES = (86, 80, 74, 68, 62, 56, 50, 40, 30, 20, 10)
#: The palette of a card without a photo: the background, the accent, and the steps of anti-aliased text from the
#: background to each text colour. Fixed, so a card is mapped to it (1 ms) instead of a palette being searched for
#: (median cut, 24 ms), and a 16-step ramp shows no banding at these sizes.
TEXT_STEPS = 24
MUTED_STEPS = 16
#: zlib level of a card's PNG. The card is mostly background, whose long runs make zlib's higher levels search
#: long chains: 6 (its default) takes 5.6 ms for a Hindi card, 8 takes 15 ms and 9 takes 41 ms, for files 6 % and 8 %
#: smaller. 20,000 cards at 10,000 explainers: 100 s of a cold build's wall time on 2 cores saved for 1.4 KB a card,
#: fetched by link previews, not by readers.
PNG_LEVEL = 6
#: Bump when what a card holds changes in a way its inputs do not say.
FORMAT = 1

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True)
class Block:
    """A text of the card in its own language (a title may stand in from another locale)."""

    text: str
    lang: str
    direction: Direction
    #: The locale whose script font comes first for this text: its code, as the spec is its own cache key (plain values).
    code: str

    @cached_property
    def locale(self) -> SiteLocale:
        """The locale of `code`, resolved once per text; a card reads only its script (its font)."""
        return SiteLocale(self.code, "draft")


@dataclass(frozen=True)
class CardSpec:
    """Everything a card shows; its direction is the page's (the image goes where lines end)."""

    title: Block
    standfirst: Block | None
    site_name: Block
    direction: Direction
    #: The article's figure (its pixels are passed separately) and its digest, or None.
    figure_digest: str | None = None

    @property
    def ext(self) -> str:
        return "jpg" if self.figure_digest else "png"

    @property
    def name(self) -> str:
        """The card's file name next to the article's page."""
        return f"share-card.{self.ext}"

    def key(self) -> str:
        """The cache key: every input and setting that decides the card's bytes."""
        return hashlib.sha256(repr((self, settings_key())).encode()).hexdigest()


# --- fonts ------------------------------------------------------------------------------------------


def font_files(locale: SiteLocale) -> tuple[Path, ...]:
    """The faces tried for a locale's text, in order: its script's, Latin, then every other script's."""
    own = font_for_locale(locale)
    first = [THEME_FONTS / own.file] if own and own.file else []
    rest = [THEME_FONTS / f.file for f in FONTS.values() if THEME_FONTS / f.file not in first]
    return (*first, LATIN_FONT, *rest)


@cache
def _ttf(path: Path) -> bytes:
    """The face as TrueType/OpenType bytes (FreeType in Pillow reads no woff2), with a space if it has none.

    The site's script faces are cut to their script, without U+0020: the spaces of a Hindi title would each be a
    run of the Latin face, every word shaped alone and measured apart (a raqm call costs about 2 ms). With a
    space of the Latin face's width, a line of one script is one run. Deterministic bytes.
    """
    font = TTFont(path, recalcTimestamp=False)
    font.flavor = None
    if 0x20 not in font.getBestCmap() and "glyf" in font:
        latin = TTFont(LATIN_FONT, lazy=True)
        width = round(latin["hmtx"]["space"][0] * font["head"].unitsPerEm / latin["head"].unitsPerEm)
        font["glyf"]["space"] = Glyph()
        font["hmtx"]["space"] = (width, 0)
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[0x20] = table.cmap[0xA0] = "space"
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=None)
    return buffer.getvalue()


@cache
def _cmap(path: Path) -> frozenset[int]:
    """The code points a face draws, as loaded (_ttf: a space added)."""
    return frozenset(TTFont(io.BytesIO(_ttf(path))).getBestCmap())


@cache
def load_font(path: Path, size: int, layout: ImageFont.Layout = ImageFont.Layout.RAQM) -> ImageFont.FreeTypeFont:
    """A face at a size, shaped by raqm (HarfBuzz, FriBiDi) unless told otherwise (the tests' basic layout)."""
    return ImageFont.truetype(io.BytesIO(_ttf(path)), size, layout_engine=layout)


def font_runs(text: str, fonts: Sequence[Path]) -> list[tuple[str, int]]:
    """The text cut where its font changes: (run, index in `fonts`) with the first font that has each letter.

    Marks, joiners and variation selectors stay with the letter before them (a vowel sign in another font
    than its consonant would not shape), and so do spaces and punctuation the current font has.
    """
    runs: list[tuple[str, int]] = []
    for char in text:
        cp = ord(char)
        sticky = unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf") or 0xFE00 <= cp <= 0xFE0F
        if runs and (sticky or cp in _cmap(fonts[runs[-1][1]])):
            runs[-1] = (runs[-1][0] + char, runs[-1][1])
            continue
        index = next((i for i, f in enumerate(fonts) if cp in _cmap(f)), 0)
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0] + char, index)
        else:
            runs.append((char, index))
    return runs


# --- layout -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of one font and one direction, placed on a line: what one call of Pillow draws."""

    text: str
    font: int
    direction: Direction
    x: float


def _utf16_index(text: str) -> list[int]:
    """The Python index of each UTF-16 offset (ICU counts in UTF-16 units), and of the end."""
    out = []
    for i, char in enumerate(text):
        out.extend([i] * (2 if ord(char) > 0xFFFF else 1))
    out.append(len(text))
    return out


@functools.lru_cache(maxsize=1 << 16)
def _length(font: ImageFont.FreeTypeFont, text: str, layout: ImageFont.Layout, direction: Direction, lang: str) -> float:
    """The advance of a run; only raqm takes a direction and a language (the basic layout is the tests' foil).

    Remembered per process (a run is mostly one word): raqm builds HarfBuzz's shaping plan again on every call, 0.85 ms
    for the Devanagari face whatever the text's length, and a card's words recur across its title sizes, its lines
    and the next cards (the worker of a build draws thousands)."""
    if layout != ImageFont.Layout.RAQM:
        return font.getlength(text)
    return font.getlength(text, direction=direction, language=lang)


def _width(text: str, block: Block, fonts: Sequence[Path], size: int, layout: ImageFont.Layout) -> float:
    return sum(_length(load_font(fonts[i], size, layout), run, layout, block.direction, block.lang) for run, i in font_runs(text, fonts))


def break_lines(block: Block, fonts: Sequence[Path], size: int, width: float, limit: int, layout: ImageFont.Layout) -> list[str]:
    """The block's text in lines of at most `width` pixels, broken where ICU allows; past `limit` lines the last
    one ends in an ellipsis. A word wider than a line stands alone on its own (it is not cut)."""
    text = " ".join(block.text.split())
    breaker = icu.BreakIterator.createLineInstance(icu.Locale(block.lang.replace("-", "_")))
    breaker.setText(text)
    index = _utf16_index(text)
    bounds = [0, *(index[b] for b in breaker)]
    segments = [text[a:b] for a, b in pairwise(bounds) if b > a]
    # Each segment is measured once, with and without its trailing space: a line's width is their sum (shaping
    # does not reach across a space), so breaking costs a measure per word, not per word and line; and words past
    # the last line shown are not measured at all.
    lines: list[str] = []
    line, used = "", 0.0
    for segment in segments:
        bare = _width(segment.rstrip(), block, fonts, size, layout)
        if line and used + bare > width:
            lines.append(line.rstrip())
            line, used = "", 0.0
            if len(lines) > limit:  # the rest is cut off anyway
                break
        line += segment
        used += bare if segment == segment.rstrip() else _width(segment, block, fonts, size, layout)
    if line.strip() and len(lines) <= limit:
        lines.append(line.rstrip())
    if len(lines) > limit:
        last = lines[limit - 1]
        words = last.split(" ")
        while len(words) > 1 and _width(" ".join(words) + "…", block, fonts, size, layout) > width:
            words.pop()
        lines = [*lines[: limit - 1], " ".join(words) + "…"]
    return lines


def place_line(line: str, block: Block, fonts: Sequence[Path], size: int, layout: ImageFont.Layout) -> tuple[list[Piece], float]:
    """The line's pieces in visual order (ICU's bidi algorithm, the block's direction as the paragraph's), with
    their x from the line's left end, and the line's width."""
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(line), 1 if block.direction == "rtl" else 0)
    index = _utf16_index(line)
    pieces: list[Piece] = []
    x = 0.0
    for n in range(bidi.countRuns()):
        start, length, level = bidi.getVisualRun(n)
        direction: Direction = "rtl" if level else "ltr"
        runs = font_runs(line[index[start] : index[start + length]], fonts)
        for run, font in reversed(runs) if direction == "rtl" else runs:
            pieces.append(Piece(run, font, direction, x))
            x += _length(load_font(fonts[font], size, layout), run, layout, direction, block.lang)
    return pieces, x


def draw_text(
    draw: ImageDraw.ImageDraw,
    block: Block,
    left: float,
    right: float,
    baseline: float,
    size: int,
    lines: Sequence[str],
    colour: tuple[int, int, int],
    layout: ImageFont.Layout = ImageFont.Layout.RAQM,
) -> float:
    """Draw lines from `baseline` down, aligned to where the block's lines start; return the next baseline."""
    fonts = font_files(block.locale)
    for line in lines:
        pieces, width = place_line(line, block, fonts, size, layout)
        start = right - width if block.direction == "rtl" else left
        for piece in pieces:
            font = load_font(fonts[piece.font], size, layout)
            at = (start + piece.x, baseline)
            if layout == ImageFont.Layout.RAQM:
                draw.text(at, piece.text, font=font, fill=colour, anchor="ls", direction=piece.direction, language=block.lang)
            else:
                draw.text(at, piece.text, font=font, fill=colour, anchor="ls")
        baseline += size * LEADING
    return baseline


# --- the card ---------------------------------------------------------------------------------------


def draw_card(spec: CardSpec, figure: Image.Image | None = None, layout: ImageFont.Layout = ImageFont.Layout.RAQM) -> Image.Image:
    """The card's pixels: the site's name, the title and the standfirst, with the figure on the side where lines end."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    left, right = PAD, WIDTH - PAD
    if figure is not None:
        side = ImageOps.fit(figure.convert("RGB"), (IMAGE_WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        if spec.direction == "rtl":
            image.paste(side, (0, 0))
            left = IMAGE_WIDTH + PAD
        else:
            image.paste(side, (WIDTH - IMAGE_WIDTH, 0))
            right = WIDTH - IMAGE_WIDTH - PAD
    draw = ImageDraw.Draw(image)
    bar = (left, PAD - 8, left + 72, PAD) if spec.direction == "ltr" else (right - 72, PAD - 8, right, PAD)
    draw.rectangle(bar, fill=ACCENT)
    draw_text(draw, spec.site_name, left, right, PAD + 56, SITE_SIZE, [spec.site_name.text], MUTED, layout)
    width = right - left
    fonts = font_files(spec.title.locale)
    for size in TITLE_SIZES:
        title = break_lines(spec.title, fonts, size, width, TITLE_LINES, layout)
        if _width(title[-1], spec.title, fonts, size, layout) <= width and not title[-1].endswith("…"):
            break
    baseline = draw_text(draw, spec.title, left, right, PAD + 56 + size * 1.9, size, title, TEXT, layout)
    if spec.standfirst is not None:
        room = int((HEIGHT - PAD - baseline) // (STANDFIRST_SIZE * LEADING)) + 1
        if room > 0:
            fonts = font_files(spec.standfirst.locale)
            lines = break_lines(spec.standfirst, fonts, STANDFIRST_SIZE, width, min(room, STANDFIRST_LINES), layout)
            draw_text(draw, spec.standfirst, left, right, baseline + STANDFIRST_SIZE * 0.6, STANDFIRST_SIZE, lines, MUTED, layout)
    return image


def _ramp(colour: tuple[int, int, int], steps: int) -> list[tuple[int, int, int]]:
    """`steps` colours from just past the background to `colour`, evenly spaced."""
    (b_red, b_green, b_blue), (red, green, blue) = BACKGROUND, colour
    return [
        (
            round(b_red + (red - b_red) * k / steps),
            round(b_green + (green - b_green) * k / steps),
            round(b_blue + (blue - b_blue) * k / steps),
        )
        for k in range(1, steps + 1)
    ]


@cache
def _palette() -> Image.Image:
    """The cards' fixed palette (see TEXT_STEPS) as the image `Image.quantize` maps to."""
    colours = [BACKGROUND, ACCENT, *_ramp(TEXT, TEXT_STEPS), *_ramp(MUTED, MUTED_STEPS)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for colour in colours for v in colour])
    return palette


def encode_card(image: Image.Image, photo: bool) -> bytes:
    """The card's bytes, without metadata: a JPEG (at the best quality of JPEG_QUALITIES under MAX_BYTES) for a
    card with a photo, a palette PNG for flat colours and text."""
    if not photo:
        buffer = io.BytesIO()
        image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(buffer, "PNG", compress_level=PNG_LEVEL)
        return buffer.getvalue()
    data = b""
    for quality in JPEG_QUALITIES:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True, subsampling="4:2:0")
        data = buffer.getvalue()
        if len(data) <= MAX_BYTES:
            break
    return data


def render_card(spec: CardSpec, figure: Image.Image | None = None) -> bytes:
    return encode_card(draw_card(spec, figure), figure is not None)


@cache
def settings_key() -> str:
    """Everything besides a card's text and figure that decides its bytes: libraries, fonts, this module (read once
    per process: a build asks for it once per card)."""
    fonts = hashlib.sha256(
        b"".join(p.read_bytes() for p in sorted({*font_files(SiteLocale(SOURCE_LOCALE, "published")), LATIN_FONT}))
    ).hexdigest()
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    versions = "|".join(f"{name} {features.version(name)}" for name in ("raqm", "fribidi", "harfbuzz", "freetype2", "jpg", "zlib"))
    return f"{FORMAT}|{Image.__version__}|{versions}|icu {icu.ICU_VERSION}|{fonts}|{code}"


# --- what a card shows of an article ------------------------------------------------------------------


def card_image(article: Article | Brief) -> str | None:
    """The image file a card shows (see brief._card_image)."""
    return brief(article).card_image


def card_name(article: Article | Brief) -> str:
    """The file name of the article's cards (the same in every locale): a JPEG when it shows a figure."""
    return f"share-card.{'jpg' if card_image(article) else 'png'}"


def card_spec(view: LocalizedArticle, site_name: str, lang: str, direction: Direction) -> CardSpec:
    """What the card of an article in a locale shows; a text standing in from another locale keeps its language."""

    def block(text: Text) -> Block:
        if text.fallback:
            return Block(str(text), text.lang, _direction(text.dir), text.code)
        return Block(str(text), lang, direction, view.locale)

    image = card_image(view.article)
    return CardSpec(
        title=block(view.title),
        standfirst=block(view.standfirst) if view.standfirst else None,
        site_name=Block(site_name, lang, direction, view.locale),
        direction=direction,
        figure_digest=view.article.images[image].digest if image else None,
    )


def _direction(value: str) -> Direction:
    return "rtl" if value == "rtl" else "ltr"


# --- EDGE: figures read again, cards cached -------------------------------------------------------------


@dataclass(frozen=True)
class CardJob:
    """One card to make: its spec and, when it shows a figure, where the image is."""

    spec: CardSpec
    image: Path | None = None
    shown: str = ""
    info: ImageInfo | None = None


def _run(job: CardJob) -> bytes | Problem:
    figure = None
    if job.image is not None and job.info is not None:
        data, found = read_image(job.image, job.shown)
        if data is None:
            return found[0]
        if hashlib.sha256(data).hexdigest() != job.info.digest:
            return Problem(job.shown, 1, 1, "", "the image changed while the site was being built; build again")
        figure = pixels(data, job.info)
    return render_card(job.spec, figure)


class Deferred(Mapping[str, bytes]):
    """Files by docs/ path, each made (read from the build cache) only when asked for: a build stages 20,000 share
    cards at 10,000 explainers, 280 MB, one at a time instead of holding them all."""

    def __init__(self, files: Mapping[str, Callable[[], bytes]]) -> None:
        self.files = files

    def __getitem__(self, path: str) -> bytes:
        return self.files[path]()

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


def make_cards(jobs: Sequence[CardJob], cache: FigureCache | None, workers: int = 1, *, prune: bool = True) -> list[Callable[[], bytes]]:
    """Each job's card, from the cache or drawn (on `workers` processes) and cached, as a function that gives its
    bytes: with a cache, a card is read from it only then. With `prune`, the cache forgets every card not asked for."""
    keys = [job.spec.key() for job in jobs]
    missing = [i for i, key in enumerate(keys) if cache is None or not cache.has(key)]
    # Each face is decompressed and given its space once, here, before the workers fork: they inherit it (it was
    # most of a small build's card time, paid again in every worker), and so do later builds in this process.
    for path in sorted({LATIN_FONT, *(font_files(jobs[i].spec.title.locale)[0] for i in missing)}):
        _cmap(path)

    def draw(job: CardJob) -> bytes | Problem | None:
        """The card, or with a cache, None once the worker has put it there (no card crosses between processes)."""
        card = _run(job)
        if cache is None or isinstance(card, Problem):
            return card
        cache.put(job.spec.key(), card)
        return None

    results = fork_map(draw, [jobs[i] for i in missing], workers)
    problems = [r for r in results if isinstance(r, Problem)]
    if problems:
        raise DataError(problems)
    if cache is None:
        return [functools.partial(bytes, card) for card in results if isinstance(card, bytes)]
    cache.used.update(keys)
    if prune:
        cache.prune()
    return [functools.partial(cache.read, key) for key in keys]
