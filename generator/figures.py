"""Figures: check an image by decoding it, and make the smaller copies a page offers (AVIF, with a JPEG or PNG fallback).

Pure at its core: bytes in, facts or bytes out, the same bytes for the same input (no timestamps, one encoder thread:
libaom's output depends on its thread count). The edges are at the end: reading a figure's file again for its
derivatives, and the derivative cache in .build/cache/figures/, keyed by the source's digest and every setting.

What a derivative keeps of its source is its pixels, turned upright (EXIF orientation) and converted to sRGB:
no EXIF (camera, GPS position, date), no XMP, no ICC profile, no comments.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

from .brief import Brief, brief
from .errors import BuildError, DataError, Problem
from .load import read_image
from .model import MAX_IMAGE_PIXELS, Article, ImageInfo
from .parallel import fork_map
from .write import write_atomic

#: The formats a figure may be in, by file suffix (Pillow's names). Only their decoders ever see a file.
SUPPORTED = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
SUPPORTED_TEXT = "JPEG (.jpg, .jpeg), PNG (.png) or WebP (.webp)"
#: Widths of the derivatives, in CSS pixels at most: the text column is about 680 px wide, so 1600 covers a
#: phone at 3x and a desktop at 2x; an image narrower than a width gets its own width instead.
WIDTHS = (480, 800, 1200, 1600)
#: The `sizes` of every figure: the width of the text column in Material's layout, measured in Chromium (rem is 20 px,
#: 22 px from 100em): 34.4rem beside both sidebars, the viewport less 13.7rem beside one, less 1.6rem on a phone.
SIZES = "(min-width: 76.25em) 34.4rem, (min-width: 60em) calc(100vw - 13.7rem), calc(100vw - 1.6rem)"
#: Encoder settings, part of the cache key. AVIF at quality 60 looks like JPEG at 82, at half the bytes.
AVIF = {"quality": 60, "speed": 7, "max_threads": 1, "subsampling": "4:2:0"}
JPEG = {"quality": 82, "optimize": True, "progressive": True}
PNG = {"optimize": True}
#: The largest side each encoder writes: libjpeg 65,500 pixels, AV1 (libavif) 65,536, PNG 2³¹ - 1. A figure's copies are at most
#: WIDTHS[-1] wide, but as tall as its aspect ratio makes them: a 600 × 66,000 strip is within the pixel limit and
#: still cannot be encoded, so the data check refuses it.
MAX_SIDE = {"avif": 65_536, "jpg": 65_500, "png": 2**31 - 1}
#: Bump when what a derivative holds changes in a way its settings do not say.
FORMAT = 1


@dataclass(frozen=True, order=True)
class Variant:
    """One derivative of an image: its size and format."""

    width: int
    height: int
    #: The file suffix: avif, jpg or png.
    ext: str

    def name(self, figure_id: str) -> str:
        """The derivative's file name next to the article page: `map-800.avif`."""
        return f"{figure_id}-{self.width}.{self.ext}"


def can_encode_avif() -> bool:
    """Whether this Pillow was built with libavif (its wheels are, from 11.2 on): without it, only the fallback is offered."""
    return bool(features.check("avif"))


# --- checking ---------------------------------------------------------------------------------------


def _open(data: bytes, fmt: str) -> Image.Image:
    """Open with the one decoder the file's suffix names; a decompression bomb is an error, not a warning."""
    return Image.open(io.BytesIO(data), formats=[fmt])


def inspect(file: str, data: bytes) -> ImageInfo | str:
    """Decode an image fully: what the page needs to know of it, or why it cannot be a figure (a message)."""
    suffix = Path(file).suffix.lower()
    fmt = SUPPORTED.get(suffix)
    if fmt is None:
        return f"unknown image format {suffix or '(no suffix)'!r}; a figure is a {SUPPORTED_TEXT} file: convert it"
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with _open(data, fmt) as im:
                width, height = im.size
                if width * height > MAX_IMAGE_PIXELS:
                    return (
                        f"image is {width:,} × {height:,} pixels ({width * height / 1e6:.0f} megapixels); the limit is "
                        f"{MAX_IMAGE_PIXELS / 1e6:.0f} megapixels: save it smaller (the page shows at most {WIDTHS[-1]} pixels wide)"
                    )
                if getattr(im, "n_frames", 1) > 1:
                    return "animated images are not supported; save one frame as a still image"
                im.load()
                upright = ImageOps.exif_transpose(im)
                alpha = _has_alpha(upright)
                width, height = upright.size
        except UnidentifiedImageError:
            return f"cannot be read as a {FORMAT_NAMES[fmt]} image although its name ends in {suffix!r}: it is damaged or in another format"
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return f"image has too many pixels (a decompression bomb?); the limit is {MAX_IMAGE_PIXELS / 1e6:.0f} megapixels"
        except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
            return f"the {FORMAT_NAMES[fmt]} image cannot be decoded ({exc}); it is damaged or incomplete: export it again"
    if width < 1 or height < 1:
        return "image has no pixels"
    info = ImageInfo(file, fmt, width, height, hashlib.sha256(data).hexdigest(), alpha)
    too_tall = [v for v in plan(info, can_encode_avif()) if max(v.width, v.height) > MAX_SIDE[v.ext]]
    if too_tall:
        v = too_tall[-1]
        return (
            f"image is {width:,} × {height:,} pixels: its copy for the page would be {v.width:,} × {v.height:,}, and the "
            f"{v.ext.upper()} encoder takes at most {MAX_SIDE[v.ext]:,} pixels a side; crop the image or split it into several figures"
        )
    return info


def _has_alpha(im: Image.Image) -> bool:
    """Whether any pixel is not fully opaque (an alpha channel of 255 everywhere is no transparency)."""
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info) or "transparency" in im.info:
        low = im.convert("RGBA").getchannel("A").getextrema()[0]  # one band: (low, high)
        return isinstance(low, int | float) and low < 255
    return False


# --- derivatives ------------------------------------------------------------------------------------


def plan(info: ImageInfo, avif: bool = True) -> tuple[Variant, ...]:
    """The derivatives of an image, smallest first: AVIF (when this Pillow can write it) and the fallback at each width.

    Widths are WIDTHS below the image's own width and, as the largest, its width (at most WIDTHS[-1]); a width
    within a fifth of the next one is left out, which would cost a file and save a reader nothing.
    """
    largest = min(info.width, WIDTHS[-1])
    widths = [largest]
    for width in sorted((w for w in WIDTHS if w < largest), reverse=True):
        if width <= widths[-1] * 0.8:
            widths.append(width)
    fallback = "png" if info.alpha or info.format == "PNG" else "jpg"
    exts = ("avif", fallback) if avif else (fallback,)
    return tuple(Variant(w, max(1, round(info.height * w / info.width)), ext) for w in sorted(widths) for ext in exts)


def fallback_variants(variants: Sequence[Variant]) -> list[Variant]:
    """The variants every browser shows (JPEG or PNG): the `<img>` itself."""
    return [v for v in variants if v.ext != "avif"]


def pixels(data: bytes, info: ImageInfo) -> Image.Image:
    """The image's pixels, upright and in sRGB, in a new image that carries nothing else of the file."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with _open(data, info.format) as im:
            im.load()
            upright = ImageOps.exif_transpose(im)
    mode = "RGBA" if info.alpha else "RGB"
    icc = upright.info.get("icc_profile")
    converted: Image.Image | None = None
    if icc:  # colours as the profile means them, then drop the profile: every derivative is sRGB
        try:
            base = upright if upright.mode in ("RGB", "RGBA", "CMYK", "L") else upright.convert(mode)
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
            converted = ImageCms.profileToProfile(base, source, srgb, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = None  # a profile littleCMS cannot read: the pixels as they are
    result = converted if converted is not None else upright.convert(mode)
    assert result is not None
    return Image.frombytes(mode, result.size, result.tobytes())


def encode(data: bytes, info: ImageInfo, variants: Iterable[Variant]) -> dict[Variant, bytes]:
    """Each variant's bytes: resized with Lanczos from the source's pixels, metadata-free, deterministic."""
    source = pixels(data, info)
    out: dict[Variant, bytes] = {}
    for v in variants:
        image = source if (v.width, v.height) == source.size else source.resize((v.width, v.height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        if v.ext == "avif":
            image.save(buffer, "AVIF", **AVIF)
        elif v.ext == "jpg":
            image.save(buffer, "JPEG", **JPEG)
        else:
            image.save(buffer, "PNG", **PNG)
        out[v] = buffer.getvalue()
    return out


def settings_key() -> str:
    """Everything besides the source that decides a derivative's bytes."""
    versions = f"{Image.__version__}|avif {features.version('avif')}|jpeg {features.version('jpg')}|zlib {features.version('zlib')}"
    return f"{FORMAT}|{versions}|{sorted(AVIF.items())}|{sorted(JPEG.items())}|{sorted(PNG.items())}"


def variant_key(info: ImageInfo, variant: Variant, settings: str) -> str:
    return hashlib.sha256(f"{settings}|{info.digest}|{variant.width}x{variant.height}.{variant.ext}".encode()).hexdigest()


# --- EDGE: the derivative cache and the build's figure files --------------------------------------------


class FigureCache:
    """Derivatives by key, one file each in .build/cache/figures/: an image is encoded once, not on every build."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        try:
            return (self.folder / key).read_bytes()
        except OSError:
            return None

    def has(self, key: str) -> bool:
        """Is it cached? (Then this build uses it: prune keeps it.)"""
        self.used.add(key)
        return (self.folder / key).is_file()

    def read(self, key: str) -> bytes:
        """A file `has` found or `put` wrote in this build; gone since (another build pruned it), the build stops."""
        try:
            return (self.folder / key).read_bytes()
        except OSError:
            gone = self.folder / key
            raise BuildError(f"{gone}: removed from the build cache while the build ran; build again (docs/ is unchanged)") from None

    def put(self, key: str, data: bytes) -> None:
        """Written atomically (a temporary file renamed into place): a reader never sees half a file."""
        self.used.add(key)
        write_atomic(self.folder / key, data)

    def prune(self) -> None:
        """Forget the derivatives this build did not use (an image replaced, an article removed)."""
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in self.used and not path.name.startswith("."):
                    path.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Job:
    """One image whose derivatives are not all cached: where it is and what to make."""

    path: Path
    shown: str
    info: ImageInfo
    variants: tuple[Variant, ...]


def _run(job: _Job) -> dict[Variant, bytes] | Problem:
    data, found = read_image(job.path, job.shown)
    if data is None:
        return found[0]
    if hashlib.sha256(data).hexdigest() != job.info.digest:
        return Problem(job.shown, 1, 1, "", "the image changed while the site was being built; build again")
    return encode(data, job.info, job.variants)


def derivatives(
    articles: Sequence[Article | Brief], articles_dir: Path, cache: FigureCache | None, workers: int = 1
) -> dict[str, dict[str, bytes]]:
    """The derivative files of every article's figures: by article folder name, then file name (`map-800.avif`).

    Cached derivatives are read from the cache; the others are encoded, on `workers` processes, and cached.
    """
    settings, avif = settings_key(), can_encode_avif()
    wanted: dict[tuple[str, str], tuple[Variant, ...]] = {}  # (folder, file) → variants
    keys: dict[tuple[str, str, Variant], str] = {}
    made: dict[str, bytes] = {}
    jobs: list[_Job] = []
    briefs = [brief(a) for a in articles]
    for article in briefs:
        folder = article.name
        for file, info in sorted(article.images.items()):
            variants = plan(info, avif)
            wanted[folder, file] = variants
            missing = []
            for v in variants:
                key = keys[folder, file, v] = variant_key(info, v, settings)
                data = cache.get(key) if cache else None
                if data is None:
                    missing.append(v)
                else:
                    made[key] = data
            if missing:
                jobs.append(_Job(articles_dir / folder / file, f"{article.folder}/{file}", info, tuple(missing)))
    results = fork_map(_run, jobs, workers)
    problems = [r for r in results if isinstance(r, Problem)]
    if problems:
        raise DataError(problems)
    for job, result in zip(jobs, results, strict=True):
        assert not isinstance(result, Problem)
        for v, data in result.items():
            key = variant_key(job.info, v, settings)
            made[key] = data
            if cache is not None:
                cache.put(key, data)
    out: dict[str, dict[str, bytes]] = {}
    for article in briefs:
        files = out.setdefault(article.name, {})
        for figure, file in article.figures:
            for v in wanted[article.name, file]:
                files[v.name(figure)] = made[keys[article.name, file, v]]
    if cache is not None:
        cache.prune()
    return out
