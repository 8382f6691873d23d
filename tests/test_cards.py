"""Share cards: text shaped as HarfBuzz shapes it, in reading order, broken between words; small, deterministic files.

The reference for shaping is independent of Pillow: HarfBuzz (uharfbuzz) shapes the word in the same face, and
FreeType (freetype-py, through fontTools' FreeTypePen) fills the outlines of its glyph run. The card's drawing
must match it; Pillow's basic layout (no shaping: a visible virama instead of a conjunct, a reph on the line, the
two halves of a Tamil vowel sign in one glyph after the consonant, Urdu letters unjoined and left to right) must not.
"""

from __future__ import annotations

import io
import random
import re
import shutil
from pathlib import Path

import pytest
import uharfbuzz as hb
from fontTools.pens.freetypePen import FreeTypePen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFont

from generator.cards import (
    HEIGHT,
    MAX_BYTES,
    WIDTH,
    Block,
    CardSpec,
    _ttf,
    break_lines,
    draw_text,
    font_files,
    place_line,
    render_card,
)
from generator.errors import BuildError
from generator.figures import FigureCache
from generator.locales import SiteLocale

from .conftest import copy_project, generator
from .test_figures import SLUG, add_figure

SIZE = 96
#: A Devanagari conjunct (क्ष, त्र), a Bengali reph (র্ম), a Tamil split vowel (கொ), an Urdu word (joined, right to left).
WORDS = [("hi", "क्षेत्र"), ("bn", "কর্ম"), ("ta", "கொடி"), ("ur", "مکھرجی")]
DIRECTION = {"ur": "rtl"}


def harfbuzz_reference(word: str, code: str) -> Image.Image:
    """The word as HarfBuzz shapes it in the locale's face, its outlines filled by FreeType."""
    data = _ttf(font_files(SiteLocale(code, "draft"))[0])
    font = hb.Font(hb.Face(data))
    buffer = hb.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    buffer.language = code
    hb.shape(font, buffer, {})
    tt = TTFont(io.BytesIO(data))
    glyphs, order, scale = tt.getGlyphSet(), tt.getGlyphOrder(), SIZE / tt["head"].unitsPerEm
    pen = FreeTypePen(glyphs)
    x = 0
    for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        glyphs[order[info.codepoint]].draw(TransformPen(pen, (1, 0, 0, 1, x + pos.x_offset, pos.y_offset)))
        x += pos.x_advance
    raster, size = pen.buffer(width=1200, height=300, transform=(scale, 0, 0, scale, 100, 100))
    return Image.frombytes("L", size, raster)


def card_drawing(word: str, code: str, layout: ImageFont.Layout = ImageFont.Layout.RAQM) -> Image.Image:
    """The word as the card draws a line of text."""
    image = Image.new("L", (1200, 300), 0)
    block = Block(word, code, DIRECTION.get(code, "ltr"), code)  # type: ignore[arg-type]
    draw_text(ImageDraw.Draw(image), block, 100, 1100, 200, SIZE, [word], 255, layout)  # type: ignore[arg-type]
    return image


def overlap(a: Image.Image, b: Image.Image) -> float:
    """Intersection over union of the two drawings' ink, each cut to its ink's bounding box."""
    masks = []
    for image in (a, b):
        ink = image.point(lambda v: 255 if v >= 128 else 0)
        masks.append(ink.crop(ink.getbbox()))
    width, height = max(m.width for m in masks), max(m.height for m in masks)
    padded = []
    for m in masks:
        canvas = Image.new("1", (width, height))
        canvas.paste(m.convert("1"))
        padded.append(canvas)
    both = ImageChops.logical_and(*padded).histogram()[-1]
    either = ImageChops.logical_or(*padded).histogram()[-1]
    return both / either


@pytest.mark.parametrize(("code", "word"), WORDS)
def test_the_card_draws_each_script_as_harfbuzz_shapes_it(code: str, word: str) -> None:
    reference = harfbuzz_reference(word, code)
    assert overlap(card_drawing(word, code), reference) > 0.85


@pytest.mark.parametrize(("code", "word"), WORDS)
def test_unshaped_text_would_not_pass_the_shaping_check(code: str, word: str) -> None:
    """The check above can fail: Pillow's basic layout draws these words visibly wrong."""
    reference = harfbuzz_reference(word, code)
    assert overlap(card_drawing(word, code, ImageFont.Layout.BASIC), reference) < 0.5


def test_an_urdu_line_reads_right_to_left_with_its_digits_left_to_right() -> None:
    block = Block("کولکاتہ پورٹ 1870 میں", "ur", "rtl", "ur")
    pieces, width = place_line(block.text, block, font_files(SiteLocale("ur", "draft")), 40, ImageFont.Layout.RAQM)
    # Left to right on the card: the last word, the year (its digits in order), then the first two words.
    shown = [p.text.strip() for p in pieces if p.text.strip()]
    assert shown[0] == "میں"
    assert shown[1].strip() == "1870"
    assert shown[-1].startswith("کولکاتہ")
    assert [p.direction for p in pieces if p.text.strip() == "1870"] == ["ltr"]
    assert [p.x for p in pieces] == sorted(p.x for p in pieces)
    assert 0 < width < 1200


def test_lines_break_between_words_and_an_overflow_ends_in_an_ellipsis() -> None:
    title = "मंत्रिमंडल ने कोलकाता बंदरगाह ट्रस्‍ट का नया नाम श्‍यामा प्रसाद मुखर्जी ट्रस्‍ट करने की मंजूरी दी"
    block = Block(title, "hi", "ltr", "hi")
    lines = break_lines(block, font_files(SiteLocale("hi", "draft")), 48, 500, 10, ImageFont.Layout.RAQM)
    assert len(lines) > 2
    assert " ".join(lines) == title  # no word cut, none lost
    short = break_lines(block, font_files(SiteLocale("hi", "draft")), 48, 500, 2, ImageFont.Layout.RAQM)
    assert len(short) == 2 and short[-1].endswith("…")
    assert short[-1].removesuffix("…").split(" ") == title.split(" ")[len(short[0].split(" ")) :][: len(short[-1].split(" "))]


def spec(code: str, title: str, standfirst: str | None, digest: str | None = None) -> CardSpec:
    direction = DIRECTION.get(code, "ltr")
    block = Block(title, code, direction, code)  # type: ignore[arg-type]
    stand = Block(standfirst, code, direction, code) if standfirst else None  # type: ignore[arg-type]
    return CardSpec(block, stand, Block("News explainers", "en", "ltr", "en"), direction, digest)  # type: ignore[arg-type]


def test_a_card_is_small_the_same_every_time_and_carries_no_metadata() -> None:
    card = spec("ur", "کابینہ نے کولکاتہ پورٹ ٹرسٹ کا نیا نام شیاما پرساد مکھرجی ٹرسٹ کرنے کو منظوری دی", "نئی دہلی، 3 جون 2020")
    data = render_card(card)
    assert data == render_card(card)
    assert len(data) <= MAX_BYTES
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
        assert set(image.info) <= {"transparency"}  # no text chunks, no time, no profile
    assert not re.search(rb"tEXt|iTXt|zTXt|tIME|eXIf|iCCP", data)


@pytest.mark.parametrize(("code", "title"), [("hi", "उत्तर कोरिया और रूस की पारस्परिक रक्षा संधि"), ("ur", "کولکاتہ پورٹ ٹرسٹ کا نیا نام")])
def test_the_fixed_palette_keeps_what_was_drawn(code: str, title: str) -> None:
    """A card without a photo is mapped to a fixed palette of the card's colours and the steps between them: the
    file shows what was drawn, to within a few levels on the edges of letters, and the letters themselves exactly."""
    from generator.cards import draw_card

    card = spec(code, title, "A standfirst of a few words, in English")
    drawn = draw_card(card)
    with Image.open(io.BytesIO(render_card(card))) as image:
        shown = image.convert("RGB")
    diff = ImageChops.difference(drawn, shown).convert("L")
    histogram = diff.histogram()
    assert max(level for level, count in enumerate(histogram) if count) <= 12
    assert sum(level * count for level, count in enumerate(histogram)) / (WIDTH * HEIGHT) < 0.2
    solid = {colour for count, colour in drawn.getcolors(1 << 20) if count > 2000}  # background, text, bar
    assert solid <= {colour for _, colour in shown.getcolors(1 << 20)}


def test_a_card_with_a_photo_is_a_jpeg_under_the_limit_even_for_noise() -> None:
    rng = random.Random(19)
    noise = Image.frombytes("RGB", (800, 800), bytes(rng.randrange(256) for _ in range(800 * 800 * 3)))
    card = spec("en", "Chandrayaan-3: how India landed near the Moon’s south pole", "A standfirst " * 20, "digest")
    data = render_card(card, noise)
    assert data == render_card(card, noise)
    assert len(data) <= MAX_BYTES
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (WIDTH, HEIGHT)
        assert not image.getexif() and "icc_profile" not in image.info and "comment" not in image.info


def og_image(page: str) -> dict[str, str]:
    front = page.split("---\n")[1]
    block = re.search(r"  image:\n((?:    .*\n)+)", front)
    assert block, "no og image in the front matter"
    return dict(line.strip().split(": ", 1) for line in block.group(1).splitlines())


def test_every_article_and_locale_gets_its_card_and_a_figure_goes_on_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    add_figure(project)
    generator(project, "build")
    docs = project / "docs"
    for code, slug in [(c, a.name) for c in ("hi", "en") for a in sorted((project / "articles").iterdir())]:
        page = docs / code / f"{slug}.md"
        image = og_image(page.read_text(encoding="utf-8"))
        name = "share-card.jpg" if slug == SLUG else "share-card.png"
        assert image["url"] == f"https://explainers.example.org/{code}/{slug}/{name}"
        assert (image["width"], image["height"]) == ("1200", "630")
        data = (docs / code / slug / name).read_bytes()
        assert len(data) <= MAX_BYTES
        with Image.open(io.BytesIO(data)) as card:
            assert card.size == (1200, 630)
            if slug == SLUG:  # the figure fills the card's right side: not the flat background
                assert len(card.crop((800, 0, 1200, 630)).convert("RGB").getcolors(1 << 20) or ()) > 100
    cached = sorted((project / ".build/cache/cards").iterdir())
    mtimes = [p.stat().st_mtime_ns for p in cached]
    generator(project, "build")
    assert [p.stat().st_mtime_ns for p in sorted((project / ".build/cache/cards").iterdir())] == mtimes


def test_a_changed_title_redraws_its_card_and_the_others_are_what_a_clean_build_draws(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    generator(project, "build")
    cards = {p: p.read_bytes() for p in sorted((project / "docs").rglob("share-card.*"))}
    file = project / "articles" / "chandrayaan-3-moon-landing" / "en.yaml"
    text = file.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    file.write_text(text.replace(title, title.replace("Chandrayaan-3", "Chandrayaan 3"), 1), encoding="utf-8")
    assert file.read_text(encoding="utf-8") != text
    generator(project, "build")  # the other articles' cards come from what the cache remembers of them
    after = {p: p.read_bytes() for p in sorted((project / "docs").rglob("share-card.*"))}
    redrawn = sorted(p.relative_to(project / "docs").as_posix() for p in cards if after[p] != cards[p])
    assert redrawn == ["en/chandrayaan-3-moon-landing/share-card.png"]
    shutil.rmtree(project / ".build")
    generator(project, "build")
    assert {p: p.read_bytes() for p in sorted((project / "docs").rglob("share-card.*"))} == after


def test_a_card_gone_from_the_cache_while_the_build_stages_it_stops_the_build(tmp_path: Path) -> None:
    """A build reads each cached card only when it stages it: one another build pruned meanwhile is one clear line."""
    cache = FigureCache(tmp_path / "cards")
    cache.put("card-key", b"card")
    assert cache.has("card-key") and cache.read("card-key") == b"card"
    (tmp_path / "cards" / "card-key").unlink()
    assert not cache.has("card-key")
    with pytest.raises(BuildError, match=r"card-key: removed from the build cache while the build ran; build again \(docs/ is unchanged\)"):
        cache.read("card-key")
