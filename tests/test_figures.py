"""Figures: an image in the article folder is checked by decoding it, offered in AVIF with a JPEG or PNG
fallback at several widths, stripped of its metadata, and laid out so that nothing moves when it loads.

Images are made here with Pillow, with the EXIF and GPS data a phone writes, so that stripping is checked on
real metadata. The page tests build docs/ with the real generator (no MkDocs: tests/browser does that).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image

from generator.config import load_project
from generator.figures import can_encode_avif, encode, inspect, plan
from generator.gather import load_articles
from generator.localize import localize
from generator.model import MAX_IMAGE_BYTES

from .conftest import copy_project, generator
from .test_validate import ARTICLE, EN, HI, errors_of, make_project, seed

GPS_IFD, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F


def photo(width: int = 900, height: int = 600, *, fmt: str = "JPEG", orientation: int | None = None, alpha: bool = False) -> bytes:
    """A photograph as a phone saves it: pixels that vary, a camera make, a GPS position (and an orientation)."""
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT), gradient.rotate(90).resize((width, height))))
    if alpha:
        image.putalpha(gradient)
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (28.0, 36.0, 50.0), 3: "E", 4: (77.0, 12.0, 30.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes(), **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()


FIGURE = """\
figures:
  - id: map
    file: map.jpg
    credit: Press Information Bureau
    licence: CC-BY-4.0
    source: https://pib.gov.in/
    paragraph: p1
"""
HI_FIGURE = "figures:\n  map: {alt: बंदरगाह का नक्शा, caption: कोलकाता बंदरगाह।}\n"
EN_FIGURE = "figures:\n  map: {alt: A map of the port, caption: The port of Kolkata.}\n"


def with_figure(**changes: str | bytes) -> dict[str, str | bytes]:
    files = seed(article_yaml=ARTICLE + FIGURE, hi_yaml=HI + HI_FIGURE, en_yaml=EN + EN_FIGURE, map_jpg=photo())
    files.update({f"kursk/{name.replace('_', '.')}": text for name, text in changes.items()})
    return files


# --- checking -------------------------------------------------------------------------------------


def test_a_valid_figure_reaches_the_view_with_its_size_and_texts(tmp_path: Path) -> None:
    [article] = load_articles(load_project(make_project(tmp_path, with_figure())))
    info = article.images["map.jpg"]
    assert (info.format, info.width, info.height, info.alpha) == ("JPEG", 900, 600, False)
    [figure] = localize(article, "en").figures
    assert (figure.alt, figure.caption, figure.data.credit) == ("A map of the port", "The port of Kolkata.", "Press Information Bureau")
    assert not figure.alt.fallback


def test_missing_alt_text_in_a_published_locale_is_an_error(tmp_path: Path) -> None:
    assert errors_of(tmp_path, with_figure(en_yaml=EN + "figures:\n  map: {caption: The port of Kolkata.}\n")) == [
        "articles/kursk/en.yaml:17:8: figures.map.alt: required field is missing; add `alt:` "
        "(locale 'en' is published; translate it, make the locale a draft,"
        " or publish only its complete articles with `articles: translated` under en in locales/locales.yml)",
    ]


def test_missing_alt_text_in_the_original_is_an_error(tmp_path: Path) -> None:
    assert errors_of(tmp_path, with_figure(hi_yaml=HI)) == [
        "articles/kursk/hi.yaml:1:1: figures.map.alt: text is missing: the original needs every text",
    ]


def test_an_image_that_does_not_decode_is_named_with_why(tmp_path: Path) -> None:
    truncated = photo()[:2000]
    errors = errors_of(tmp_path, with_figure(map_jpg=truncated))
    assert len(errors) == 1
    assert errors[0].startswith("articles/kursk/map.jpg:1:1: the JPEG image cannot be decoded (image file is truncated")
    assert errors[0].endswith("it is damaged or incomplete: export it again (figures[0].file in article.yaml)")


def test_a_file_in_another_format_than_its_name_says_is_refused(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, with_figure(map_jpg=photo(fmt="PNG")))
    assert errors == [
        "articles/kursk/map.jpg:1:1: cannot be read as a JPEG image although its name ends in '.jpg': "
        "it is damaged or in another format (figures[0].file in article.yaml)"
    ]


def test_an_unknown_format_is_refused_at_the_field(tmp_path: Path) -> None:
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    files = with_figure(article_yaml=ARTICLE + FIGURE.replace("map.jpg", "map.gif"), map_gif=gif.getvalue())
    assert errors_of(tmp_path, files) == [
        "articles/kursk/article.yaml:28:11: figures[0].file: unknown image format '.gif'; "
        "a figure is a JPEG (.jpg, .jpeg), PNG (.png) or WebP (.webp) file: convert it",
    ]


def test_an_image_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = photo() + b"\0" * (MAX_IMAGE_BYTES + 1 - len(photo()))
    assert errors_of(tmp_path, with_figure(map_jpg=big)) == [
        f"articles/kursk/map.jpg:1:1: image is {MAX_IMAGE_BYTES + 1:,} bytes; the limit is {MAX_IMAGE_BYTES:,} bytes: "
        "save it smaller (the page shows at most 1600 pixels wide)",
    ]


def test_too_many_pixels_is_refused_before_decoding() -> None:
    # 8000 × 6000 of one colour: a small file that would decode to 144 MB.
    bomb = io.BytesIO()
    Image.new("L", (8000, 6000)).save(bomb, "PNG")
    assert len(bomb.getvalue()) < 200_000
    message = inspect("bomb.png", bomb.getvalue())
    assert message == (
        "image is 8,000 × 6,000 pixels (48 megapixels); the limit is 40 megapixels: save it smaller "
        "(the page shows at most 1600 pixels wide)"
    )


def test_a_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(photo())
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", with_figure())
    (project / "articles/kursk/map.jpg").unlink()
    (project / "articles/kursk/map.jpg").symlink_to(outside)
    from generator.errors import DataError

    with pytest.raises(DataError) as info:
        load_articles(load_project(project))
    assert [str(p) for p in info.value.problems] == [
        "articles/kursk/map.jpg:1:1: is a symbolic link, not a regular file; the project's data is read from real files "
        "and folders only (no links, pipes or devices): put the file itself here",
    ]


def test_a_missing_file_an_unknown_paragraph_and_two_leads_are_named(tmp_path: Path) -> None:
    figures = FIGURE.replace("paragraph: p1", "paragraph: p2") + (
        "  - {id: one, file: gone.jpg, credit: X, licence: CC0-1.0, lead: true}\n"
        "  - {id: two, file: map.jpg, credit: X, licence: CC0-1.0, lead: true}\n"
    )
    hi = HI + HI_FIGURE + "  one: {alt: क}\n  two: {alt: ख}\n  three: {alt: ग}\n"
    errors = errors_of(tmp_path, with_figure(article_yaml=ARTICLE + figures, hi_yaml=hi))
    assert errors == [
        "articles/kursk/article.yaml:32:16: figures[0].paragraph: unknown paragraph 'p2'; "
        "expected the id of a paragraph of the original text",
        "articles/kursk/article.yaml:33:21: figures[1].file: file 'gone.jpg' is missing: put the image in articles/kursk/",
        "articles/kursk/article.yaml:34:65: figures[2].lead: figure 'one' is already the lead; only one figure can be",
        "articles/kursk/en.yaml:17:3: figures.one.alt: text is missing: locale 'en' is published; translate it, make the locale a draft,"
        " or publish only its complete articles with `articles: translated` under en in locales/locales.yml",
        "articles/kursk/en.yaml:17:3: figures.two.alt: text is missing: locale 'en' is published; translate it, make the locale a draft,"
        " or publish only its complete articles with `articles: translated` under en in locales/locales.yml",
        "articles/kursk/hi.yaml:20:3: figures.three: no figures entry 'three' in article.yaml; remove it or add it there",
    ]


def test_a_figure_goes_after_a_paragraph_or_at_the_top(tmp_path: Path) -> None:
    figures = FIGURE + "  - {id: nowhere, file: map.jpg, credit: X, licence: CC0-1.0}\n"
    assert errors_of(tmp_path, with_figure(article_yaml=ARTICLE + figures)) == [
        "articles/kursk/article.yaml:33:5: figures[1]: give exactly one of `paragraph` (the paragraph the figure follows) and `lead: true`",
    ]


# --- derivatives ------------------------------------------------------------------------------------


def test_pillow_can_write_avif() -> None:
    # The pinned Pillow's wheels bundle libavif (from 11.2 on); without it pages would offer only the fallback.
    assert can_encode_avif()


def test_derivatives_have_the_planned_sizes_and_formats_and_no_metadata() -> None:
    source = photo(1700, 1000)
    info = inspect("photo.jpg", source)
    assert not isinstance(info, str)
    variants = plan(info)
    assert [(v.width, v.height, v.ext) for v in variants] == [
        (480, 282, "avif"),
        (480, 282, "jpg"),
        (800, 471, "avif"),
        (800, 471, "jpg"),
        (1200, 706, "avif"),
        (1200, 706, "jpg"),
        (1600, 941, "avif"),
        (1600, 941, "jpg"),
    ]
    assert b"PhoneMaker" in source and Image.open(io.BytesIO(source)).getexif().get_ifd(GPS_IFD)  # the source has them
    for variant, data in encode(source, info, variants).items():
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == {"avif": "AVIF", "jpg": "JPEG"}[variant.ext]
            assert image.size == (variant.width, variant.height)
            assert not image.getexif(), variant
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info), (variant, image.info.keys())
        assert b"PhoneMaker" not in data


def test_the_exif_orientation_is_applied_before_it_is_dropped() -> None:
    source = photo(900, 600, orientation=6)  # «rotate 90° clockwise to show»: a portrait photograph
    info = inspect("portrait.jpg", source)
    assert not isinstance(info, str) and (info.width, info.height) == (600, 900)
    [_, jpg] = [v for v in plan(info) if v.width == 600]  # AVIF, then JPEG
    assert Image.open(io.BytesIO(encode(source, info, [jpg])[jpg])).size == (600, 900)


def test_a_transparent_image_falls_back_to_png_and_a_small_one_is_not_enlarged() -> None:
    source = photo(300, 200, fmt="PNG", alpha=True)
    info = inspect("logo.png", source)
    assert not isinstance(info, str) and info.alpha
    assert [(v.width, v.ext) for v in plan(info)] == [(300, "avif"), (300, "png")]
    data = encode(source, info, plan(info))
    png = Image.open(io.BytesIO(data[plan(info)[1]]))
    assert png.mode == "RGBA" and "exif" not in png.info


def test_the_same_image_gives_the_same_bytes() -> None:
    source = photo(1000, 700)
    info = inspect("photo.jpg", source)
    assert not isinstance(info, str)
    assert encode(source, info, plan(info)) == encode(source, info, plan(info))


# --- the page -----------------------------------------------------------------------------------------

SLUG = "chandrayaan-3-moon-landing"


def add_figure(project: Path, *, lead: bool = False, en_alt: bool = True, caption_only: bool = False) -> None:
    """A figure after the landing paragraph of the Chandrayaan-3 explainer (and another at the top; and one whose
    image is not available, after the rover's paragraph)."""
    folder = project / "articles" / SLUG
    (folder / "landing.jpg").write_bytes(photo(1000, 600))
    (folder / "lead.png").write_bytes(photo(500, 300, fmt="PNG"))
    figures = "figures:\n  - {id: landing, file: landing.jpg, credit: ISRO, licence: CC-BY-4.0, "
    figures += "source: 'https://www.isro.gov.in/', paragraph: landing}\n"
    if lead:
        figures += "  - {id: top, file: lead.png, credit: ISRO, licence: GODL-India, lead: true}\n"
    if caption_only:
        figures += "  - {id: lost, credit: ISRO, licence: GODL-India, paragraph: rover-out}\n"
    _add_block(folder / "article.yaml", figures)
    en = "figures:\n  landing: {alt: 'The <Vikram> lander on the Moon', caption: 'Vikram, seen by the rover.'}\n"
    en += "  top: {alt: The rover}\n" if lead else ""
    en += "  lost: {alt: The rover's first tracks, caption: 'Pragyan’s tracks, as ISRO showed them.'}\n" if caption_only else ""
    _add_block(folder / "en.yaml", en)
    hi = "figures:\n  landing: {" + ("alt: चंद्रमा पर विक्रम लैंडर, " if en_alt else "") + "caption: रोवर से दिखा विक्रम।}\n"
    hi += "  top: {alt: रोवर}\n" if lead else ""
    hi += "  lost: {alt: रोवर के पहले निशान, caption: इसरो के दिखाए प्रज्ञान के निशान।}\n" if caption_only else ""
    _add_block(folder / "hi.yaml", hi)


def _add_block(path: Path, block: str) -> None:
    """Add a `figures:` block's entries to a file, first in the file's own `figures:` if it has one (the explainer
    has a figure of its own), else as a new block at its end."""
    text = path.read_text(encoding="utf-8")
    head, entries = block.split("\n", 1)
    text = text.replace(f"\n{head}\n", f"\n{head}\n{entries}", 1) if f"\n{head}\n" in text else text + block
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def figure_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("figures") / "project")
    add_figure(project, lead=True)
    generator(project, "build")
    return project


def figure_html(page: str, figure_id: str) -> str:
    return re.search(rf'<figure class="explainer-figure" id="figure-{figure_id}">.*?</figure>', page, re.S).group()  # type: ignore[union-attr]


def test_the_page_offers_avif_and_a_fallback_with_a_fixed_size(figure_project: Path) -> None:
    page = (figure_project / "docs/en" / f"{SLUG}.md").read_text(encoding="utf-8")
    html = figure_html(page, "landing")
    assert '<source type="image/avif" srcset="landing-480.avif 480w, landing-800.avif 800w, landing-1000.avif 1000w" sizes="' in html
    assert 'src="landing-800.jpg" srcset="landing-480.jpg 480w, landing-800.jpg 800w, landing-1000.jpg 1000w"' in html
    assert 'width="1000" height="600"' in html
    assert 'loading="lazy" decoding="async"' in html
    # Text from the data is text: the alt attribute is escaped.
    assert 'alt="The &lt;Vikram&gt; lander on the Moon"' in html
    assert '<span class="explainer-figure__caption">Vikram, seen by the rover.</span>' in html
    assert '<bdi>ISRO</bdi>, <bdi>CC-BY-4.0</bdi> (<a href="https://www.isro.gov.in/" rel="external noopener">' in html
    # After the paragraph it follows.
    assert page.index('id="p-landing"') < page.index('id="figure-landing"') < page.index('id="p-rover-out"')
    for name in ("landing-480.avif", "landing-1000.jpg"):
        assert (figure_project / "docs/en" / SLUG / name).is_file()
        assert (figure_project / "docs/hi" / SLUG / name).read_bytes() == (figure_project / "docs/en" / SLUG / name).read_bytes()


def test_the_lead_figure_is_first_and_eager_and_is_the_articles_image(figure_project: Path) -> None:
    page = (figure_project / "docs/hi" / f"{SLUG}.md").read_text(encoding="utf-8")
    lead = figure_html(page, "top")
    assert 'loading="lazy"' not in lead and 'fetchpriority="high"' in lead
    assert page.index('id="figure-top"') < page.index('id="key-facts"')
    # A PNG stays a PNG (a map's lines and text are not for JPEG), and is not enlarged past its 500 pixels.
    assert 'src="top-500.png" srcset="top-480.png 480w, top-500.png 500w"' not in lead  # 480 is within a fifth of 500
    assert 'srcset="top-500.png 500w"' in lead and 'width="500" height="300"' in lead
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    image = jsonld["@graph"][0]["image"]
    assert image["@type"] == "ImageObject"
    assert image["url"] == f"https://explainers.example.org/hi/{SLUG}/top-500.png"
    assert (image["width"], image["height"], image["description"], image["creditText"]) == (500, 300, "रोवर", "ISRO")
    assert "license" not in image  # «GODL-India» is no SPDX identifier
    assert image["@id"].endswith("#figure-top")


def test_the_article_image_has_its_spdx_licence(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    add_figure(project)
    generator(project, "build")
    page = (project / "docs/en" / f"{SLUG}.md").read_text(encoding="utf-8")
    image = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))["@graph"][0]["image"]  # type: ignore[union-attr]
    assert image["url"].endswith("/landing-1000.jpg") and image["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert image["caption"] == "Vikram, seen by the rover." and image["isBasedOn"] == "https://www.isro.gov.in/"


def test_an_alt_text_from_the_fallback_is_marked_with_its_language(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    add_figure(project, en_alt=False)
    # Hindi as a draft (the English original's translation may lack texts), falling back to English.
    locales = project / "locales" / "locales.yml"
    locales.write_text(
        locales.read_text(encoding="utf-8").replace("  hi:\n    status: published", "  hi:\n    status: draft"), encoding="utf-8"
    )
    generator(project, "build")
    html = figure_html((project / "docs/hi" / f"{SLUG}.md").read_text(encoding="utf-8"), "landing")
    assert 'alt="The &lt;Vikram&gt; lander on the Moon" lang="en" dir="ltr"' in html
    assert '<span class="explainer-figure__caption">रोवर से दिखा विक्रम।</span>' in html


def test_two_builds_write_the_same_bytes_and_the_second_takes_the_cache(figure_project: Path, tmp_path: Path) -> None:
    first = {p.relative_to(figure_project / "docs").as_posix(): p.read_bytes() for p in (figure_project / "docs").rglob("*") if p.is_file()}
    cached = sorted((figure_project / ".build/cache/figures").iterdir())
    assert len(cached) == 8  # landing: 480, 800 and 1000 wide; top: 500; each in AVIF and JPEG or PNG
    mtimes = [p.stat().st_mtime_ns for p in cached]
    generator(figure_project, "build", "--no-cache")
    again = {p.relative_to(figure_project / "docs").as_posix(): p.read_bytes() for p in (figure_project / "docs").rglob("*") if p.is_file()}
    assert again == first
    generator(figure_project, "build")
    assert [p.stat().st_mtime_ns for p in sorted((figure_project / ".build/cache/figures").iterdir())] == mtimes


def test_an_image_the_encoders_cannot_write_is_refused_by_the_data_check(tmp_path: Path) -> None:
    strip = io.BytesIO()
    Image.new("RGB", (600, 66_000), "white").save(strip, "PNG")
    files = with_figure(map_png=strip.getvalue())
    files["kursk/article.yaml"] = str(files["kursk/article.yaml"]).replace("file: map.jpg", "file: map.png")
    del files["kursk/map.jpg"]
    assert can_encode_avif()  # as test_pillow_can_write_avif checks: the copy that cannot be written is the AVIF one
    assert errors_of(tmp_path, files) == [
        "articles/kursk/map.png:1:1: image is 600 × 66,000 pixels: its copy for the page would be 600 × 66,000, and the AVIF "
        "encoder takes at most 65,536 pixels a side; crop the image or split it into several figures (figures[0].file in article.yaml)"
    ]


def test_every_planned_copy_of_an_image_at_the_limit_encodes() -> None:
    data = io.BytesIO()
    Image.new("RGB", (8, 65_500), "white").save(data, "PNG")
    info = inspect("tall.png", data.getvalue())
    assert not isinstance(info, str), info
    assert set(encode(data.getvalue(), info, plan(info, can_encode_avif()))) == set(plan(info, can_encode_avif()))


# --- a figure whose image is not available (issue 19) -------------------------------------------------

CAPTION_ONLY = "  - {id: chart, credit: Press Information Bureau, licence: © PIB, paragraph: p1}\n"


def test_a_figure_without_its_image_needs_a_caption_in_the_original(tmp_path: Path) -> None:
    hi = HI + HI_FIGURE + "  chart: {alt: बंदरगाह का मानचित्र}\n"
    en = EN + EN_FIGURE + "  chart: {alt: A map of the port}\n"
    assert errors_of(tmp_path, with_figure(article_yaml=ARTICLE + FIGURE + CAPTION_ONLY, hi_yaml=hi, en_yaml=en)) == [
        "articles/kursk/article.yaml:33:5: figures[1]: figure 'chart' has no `file`: a figure without its image needs a caption "
        "in the original (hi.yaml figures.chart.caption); give the caption, or the image's `file`",
    ]


def test_a_caption_only_figure_is_described_in_words_with_no_image(tmp_path: Path) -> None:
    """The page says the image is not available and gives its description and caption; no <img> can break, the
    JSON-LD offers no image, and no derivative is made."""
    project = copy_project(tmp_path / "project")  # the repository's explainers and the seed article with the figure
    files = seed(
        article_yaml=ARTICLE + FIGURE.replace("file: map.jpg\n    ", "").replace("id: map", "id: chart"),
        hi_yaml=HI + "figures:\n  chart: {alt: बंदरगाह का मानचित्र, caption: 'कोलकाता <बंदरगाह> का मानचित्र, 1870।'}\n",
        en_yaml=EN + "figures:\n  chart: {alt: A map of the port, caption: 'The port of <Kolkata>, 1870.'}\n",
    )
    for rel, text in files.items():
        (project / "articles" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "articles" / rel).write_text(str(text), encoding="utf-8")
    generator(project, "build")
    for locale, missing, alt, caption in (
        ("en", "Image not available", "A map of the port", "The port of &lt;Kolkata&gt;, 1870."),
        ("hi", "चित्र उपलब्ध नहीं", "बंदरगाह का मानचित्र", "कोलकाता &lt;बंदरगाह&gt; का मानचित्र, 1870।"),
    ):
        page = (project / "docs" / locale / "kursk.md").read_text(encoding="utf-8")
        html = re.search(r'<figure class="explainer-figure explainer-figure--unavailable" id="figure-chart">.*?</figure>', page, re.S)
        assert html is not None, page
        assert "<img" not in html.group() and "<picture" not in html.group()
        description = f'<span class="explainer-figure__missing">{missing}:</span> {alt}</p>'
        assert f'<p class="explainer-figure__description">{description}' in html.group()
        assert f'<span class="explainer-figure__caption">{caption}</span>' in html.group()
        graph = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))["@graph"]  # type: ignore[union-attr]
        assert "image" not in graph[0]
    assert not list((project / "docs").rglob("chart-*"))
