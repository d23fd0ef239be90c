"""Owns fonts and text: loading, script runs, shaping, measuring, wrapping and drawing lines."""

from __future__ import annotations

import enum
import os
import pathlib
import re
import struct
import unicodedata
import weakref
from collections.abc import Hashable
from typing import Any, NamedTuple

import pygame


class Script(enum.Enum):
    """Which of the two bundled font families draws a run of text.

    The values are HarfBuzz script tags, passed to Font.set_script(). They are case
    sensitive: "beng" is accepted and silently does nothing, and without the right tag Bangla
    comes out plausible-looking but wrong (see shared/notes/bangla-text.md).
    """

    BENGALI = "Beng"
    LATIN = "Latn"


# One Noto family per script: Noto Sans Bengali has no Latin letters and Noto Sans has no
# Bengali letters and no danda, so every line is drawn as runs, each with its own font.
_FONT_FILES = {
    (Script.BENGALI, False): "NotoSansBengali-Regular.ttf",
    (Script.BENGALI, True): "NotoSansBengali-Bold.ttf",
    (Script.LATIN, False): "NotoSans-Regular.ttf",
    (Script.LATIN, True): "NotoSans-Bold.ttf",
}

_ZWNJ = "\u200c"
_ZWJ = "\u200d"
_VIRAMA = "\u09cd"
_DANDAS = frozenset("\u0964\u0965")

# Signs that belong to the letter before them and must never start a line: vowel signs
# (U+09BE-U+09CC), the au length mark (U+09D7), chandrabindu, anusvara, visarga
# (U+0981-U+0983) and nukta (U+09BC). Other scripts' marks are caught by their Unicode category.
_BENGALI_ATTACHING_SIGNS = frozenset(
    [chr(code) for code in range(0x09BE, 0x09CD)]
    + ["\u09d7", "\u0981", "\u0982", "\u0983", "\u09bc"]
)

# Characters that belong to no script but that Noto Sans Bengali can draw (read from its cmap;
# the test suite checks the list against the font). A neutral character outside this set, such
# as "@", "$", "&", "€" or "©", must be drawn with Noto Sans even in the middle of Bangla text,
# or it would come out as a box.
_NEUTRALS_IN_BENGALI_FONT = frozenset(
    " !\"#%'()*+,-./0123456789:;<=>?[\\]^_{|}~"
    "\u00a0\u00ad\u00d7\u00f7\u200b\u200c\u200d"
    "\u2010\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20b9\u2212"
)

# A reference letter per script that sits on the baseline and stays inside the font's
# ascent/descent box; used to find where SDL_ttf put the baseline in a taller-than-usual
# surface (see TextRenderer._baseline_in).
_BASELINE_REFERENCE = {Script.BENGALI: "\u0995", Script.LATIN: "H"}  # ক, H

_ALIGNMENTS = ("left", "center", "right")

# The sfnt tables SDL_ttf needs to draw anything; the outlines are in glyf (TrueType) or CFF.
_REQUIRED_FONT_TABLES = frozenset({b"cmap", b"head", b"hhea", b"hmtx", b"maxp"})
_SFNT_VERSIONS = frozenset({b"\x00\x01\x00\x00", b"true", b"OTTO"})


class FontMissingError(Exception):
    """A bundled font file is missing or cannot be read."""

    def __init__(self, path: pathlib.Path | str, reason: str = "missing"):
        self.path = pathlib.Path(path)
        super().__init__(
            f"Font file {reason}: {self.path}. Nirapod cannot draw Bangla or English text "
            f"without it; reinstall Nirapod or copy the fonts back into assets/fonts."
        )


# --------------------------------------------------------------------------------------------
# Pure text functions (no pygame)
# --------------------------------------------------------------------------------------------


def _strong_script(character: str) -> Script | None:
    """The script a character forces, or None if neutral (space, ASCII digit, punctuation)."""
    code = ord(character)
    if 0x0980 <= code <= 0x09FF or character in _DANDAS:
        return Script.BENGALI
    category = unicodedata.category(character)
    if category[0] == "L":
        return Script.LATIN
    if category[0] == "M":
        # A combining mark outside the Bengali block (an accent) goes with Latin letters;
        # Noto Sans has them, Noto Sans Bengali does not.
        return Script.LATIN
    return None


def split_runs(text: str) -> list[tuple[str, Script]]:
    """Split text into maximal runs that one font can draw.

    Bengali letters, signs and digits (U+0980-U+09FF) and the danda and double danda are
    BENGALI; other letters are LATIN. Neutral characters (spaces, ASCII digits, punctuation,
    ZWJ/ZWNJ) join the run before them, or the run after them at the start of the text. A
    neutral character that Noto Sans Bengali cannot draw ("@", "$", "€", ...) is always LATIN.
    """
    scripts: list[Script | None] = []
    for character in text:
        script = _strong_script(character)
        if script is None and character not in _NEUTRALS_IN_BENGALI_FONT:
            script = Script.LATIN
        scripts.append(script)

    # Leading neutral characters take the script of the first character that has one;
    # a text of nothing but neutral characters is drawn with the Latin font.
    current = next((script for script in scripts if script is not None), Script.LATIN)
    runs: list[tuple[str, Script]] = []
    run_start = 0
    for index, script in enumerate(scripts):
        if script is None or script is current:
            continue
        if index > run_start:
            runs.append((text[run_start:index], current))
        run_start = index
        current = script
    if len(text) > run_start:
        runs.append((text[run_start:], current))
    return runs


def _attaches_to_previous(character: str) -> bool:
    """True for characters that must stay with the character before them."""
    if character in _BENGALI_ATTACHING_SIGNS or character in (_ZWJ, _ZWNJ, _VIRAMA):
        return True
    return unicodedata.category(character) in ("Mn", "Mc", "Me")


def grapheme_clusters(word: str) -> list[str]:
    """Split a word into the smallest pieces a line may be broken between.

    Good enough for Bangla and Latin (not a full UAX #29): combining signs, nukta, ZWJ/ZWNJ
    and the virama attach to the cluster before them, and a virama also pulls the next
    consonant in, so a conjunct such as ক্ষ or স্ক্র is never cut.
    """
    clusters: list[str] = []
    joins_next = False
    for character in word:
        if clusters and (joins_next or _attaches_to_previous(character)):
            clusters[-1] += character
        else:
            clusters.append(character)
        if character == _VIRAMA:
            joins_next = True
        elif character not in (_ZWJ, _ZWNJ):
            # ZWJ/ZWNJ after a virama (ক্‌ষ, র‍্য) keep the conjunct together with what follows.
            joins_next = False
    return clusters


def _check_font_file(path: pathlib.Path) -> None:
    """Raise FontMissingError unless path looks like a complete TrueType/OpenType font.

    pygame-ce 2.5.8 does not raise when SDL_ttf cannot open a font: it hands back a Font
    object with nothing inside, and the first call on it crashes the whole process
    (pygame-ce pull request #3064). So a damaged or truncated file has to be caught here,
    by reading the table directory and checking that every table lies inside the file.
    """
    try:
        with path.open("rb") as font_file:
            file_size = os.fstat(font_file.fileno()).st_size
            header = font_file.read(12)
            if len(header) < 12 or header[:4] not in _SFNT_VERSIONS:
                raise FontMissingError(path, "damaged (not a TrueType/OpenType font)")
            (table_count,) = struct.unpack(">H", header[4:6])
            directory = font_file.read(16 * table_count)
    except FileNotFoundError as error:
        raise FontMissingError(path) from error
    except OSError as error:
        raise FontMissingError(path, "unreadable") from error
    if table_count == 0 or len(directory) < 16 * table_count:
        raise FontMissingError(path, "damaged (table directory cut short)")
    tags = set()
    for record in range(table_count):
        tag, _checksum, offset, length = struct.unpack(
            ">4sIII", directory[16 * record:16 * record + 16])
        if offset + length > file_size:
            raise FontMissingError(path, "damaged (file cut short)")
        tags.add(tag)
    if not _REQUIRED_FONT_TABLES <= tags or not tags & {b"glyf", b"CFF ", b"CFF2"}:
        raise FontMissingError(path, "damaged (font tables missing)")


class _LruCache:
    """A small least-recently-used map; the oldest entries go once it holds max_entries, or once
    the entries' weights (bytes, for pictures) add up to more than max_weight.

    A plain dict keeps its keys in the order they were put in, so using an entry puts it back at the
    end: half the memory of an OrderedDict, for the thousands of measured widths a lesson keeps."""

    def __init__(self, max_entries: int, max_weight: int | None = None):
        self._max_entries = max(1, max_entries)
        self._max_weight = max_weight
        self._entries: dict[Hashable, Any] = {}
        self._weights: dict[Hashable, int] | None = {} if max_weight is not None else None
        self.weight = 0

    def get(self, key: Hashable) -> Any:
        entries = self._entries
        value = entries.pop(key, None)
        if value is not None:
            entries[key] = value
        return value

    def put(self, key: Hashable, value: Any, weight: int = 0) -> None:
        entries, weights = self._entries, self._weights
        entries.pop(key, None)
        entries[key] = value
        if weights is not None:
            self.weight += weight - weights.get(key, 0)
            weights[key] = weight
        while len(entries) > 1 and (len(entries) > self._max_entries or (
                weights is not None and self.weight > self._max_weight)):
            oldest = next(iter(entries))
            del entries[oldest]
            if weights is not None:
                self.weight -= weights.pop(oldest)

    def clear(self) -> None:
        self._entries.clear()
        if self._weights is not None:
            self._weights.clear()
        self.weight = 0

    def __len__(self) -> int:
        return len(self._entries)


# The texts of a card and the screens around it (a block's lines are not kept apart from it). A card on
# the screen keeps its own pictures (game/ui/card_layout.py), so redrawing it, or the clock's tick, draws no
# text again, and text on a plain fill takes a byte a pixel; more is memory an old PC does not have
# (docs/bench.md).
SURFACE_CACHE_BYTES = 2 * 1024 * 1024
OPEN_FONTS = 32
_PALETTE_PROBE_PX = 12  # the size of the one letter drawn to learn a palette (see TextRenderer._shades)


def _aligned_x(align: str, block_width: int, line_width: int) -> int:
    """Where a line starts in its block: "left", "center" or "right"."""
    return {"center": (block_width - line_width) // 2, "right": block_width - line_width}.get(align, 0)


def _pixel_bytes(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


# --------------------------------------------------------------------------------------------
# Fonts and drawing
# --------------------------------------------------------------------------------------------


class DrawnLines(NamedTuple):
    """The lines of text on one surface the renderer made: pixel size, and (text, rect in the surface)."""

    size: int
    lines: tuple[tuple[str, pygame.Rect], ...]


_UNDRAWABLE = re.compile("[\x00\ud800-\udfff]")


def drawable(text: str) -> str:
    """`text` with what no font can draw and SDL refuses outright (a NUL, a lone surrogate, as a folder name
    in another encoding brings into a path) shown as the replacement character instead of stopping the game."""
    return _UNDRAWABLE.sub("\ufffd", text)


class TextRenderer:
    """Loads the bundled fonts on demand and measures, wraps and draws mixed Bangla/English.

    Surfaces it returns are shared with its cache: blit them, never draw on them.
    pygame.font must be usable (pygame.init() or pygame.font.init()); font() initialises it
    if nobody has yet.
    """

    def __init__(self, font_dir: pathlib.Path, cache_size: int = 512):
        self._font_dir = pathlib.Path(font_dir)
        self._font_paths = {key: self._font_dir / file_name
                            for key, file_name in _FONT_FILES.items()}
        # Checked now, not at the first draw, so a broken install fails at start-up with a
        # message that names the file instead of in the middle of a lesson. Cheap: reads the
        # first few hundred bytes of each file.
        for path in self._font_paths.values():
            if not path.is_file():
                raise FontMissingError(path)
            _check_font_file(path)

        # Open fonts, the least used closed first: a class at one window uses about twenty, but a day of kiosk
        # visitors, each with a text size of their own, would open over eighty (about 100 KB each, kept).
        self._fonts = _LruCache(OPEN_FONTS)
        self._line_metrics: dict[int, tuple[int, int]] = {}
        self._reference_bottoms: dict[tuple[Script, int, bool], int | None] = {}
        self._palettes: dict[tuple[tuple, tuple], list] = {}  # see _shades()
        # Rendered lines and blocks: the expensive part (about 1.7 ms per long Bangla line).
        # Bounded in bytes as well: a long lesson or a day of kiosk visitors renders thousands of
        # blocks, and an old school PC has little memory to spare.
        self._surfaces = _LruCache(cache_size, max_weight=SURFACE_CACHE_BYTES)
        # Each candidate line wrapping measured, by its text: the lines a block ends with are measured again as
        # it is drawn. Wrapped texts are kept whole below, so an old candidate is seldom asked for again.
        self._widths = _LruCache(cache_size)
        self._wrapped = _LruCache(cache_size)
        # Checking a Bangla line for NFC costs more than fetching its cached surface.
        self._normalised = _LruCache(cache_size * 2)
        # What each surface handed out says, line by line, so a recording of the screen
        # (game/ui/drawn_text.py) can tell where each line of text went and at what size.
        self.lines_in: weakref.WeakKeyDictionary[pygame.Surface, DrawnLines] = weakref.WeakKeyDictionary()

    def _normalise(self, text: str) -> str:
        """NFC form of text, remembered.

        য় arrives either precomposed (U+09DF) or as য + nukta; NFC makes both the same
        string, so cache keys, measurements and wrapping agree however an author typed it.
        """
        normalised = self._normalised.get(text)
        if normalised is None:
            normalised = unicodedata.normalize("NFC", drawable(text))
            self._normalised.put(text, normalised)
        return normalised

    # ---- fonts and metrics -----------------------------------------------------------------

    def font(self, script: Script, size: int, bold: bool = False) -> pygame.font.Font:
        """The pygame Font for a script, pixel size and weight, loaded once and kept."""
        key = (script, int(size), bool(bold))
        loaded = self._fonts.get(key)
        if loaded is not None:
            return loaded
        loaded = self._open_font(key)
        self._fonts.put(key, loaded)
        return loaded

    def _open_font(self, key: tuple[Script, int, bool]) -> pygame.font.Font:
        script, size, bold = key
        if size < 1:
            raise ValueError(f"font size must be a positive number of pixels, not {size!r}")
        if not pygame.font.get_init():
            pygame.font.init()
        path = self._font_paths[(script, bold)]
        # Again here, not only at start-up: a file replaced since then would crash pygame.
        _check_font_file(path)
        try:
            loaded = pygame.font.Font(str(path), size)
        except FileNotFoundError as error:
            raise FontMissingError(path) from error
        except (OSError, ValueError, RuntimeError, pygame.error) as error:
            raise FontMissingError(path, "unreadable") from error
        # Without this HarfBuzz is not told the script and Bangla is not shaped.
        loaded.set_script(script.value)
        return loaded

    def _metrics(self, size: int) -> tuple[int, int]:
        """(above, below): pixels above and below the baseline in every line of this size.

        Taking the most of all four fonts (Noto Sans reaches higher above the baseline, Noto
        Sans Bengali deeper below it) gives all lines one baseline and one height, so Bangla,
        English and bold lines stack evenly. "Below" is measured as height - ascent, not from
        get_descent(): SDL_ttf rounds the height separately and it is sometimes one pixel more
        than ascent - descent, and every surface Font.render makes is that tall.
        """
        metrics = self._line_metrics.get(size)
        if metrics is None:
            # A face only measured is not kept: an open font holds about 60 KB, and a size is often
            # drawn in one or two of the four.
            fonts = [self._fonts.get(key) or self._open_font(key)
                     for key in ((script, size, bold) for script in Script for bold in (False, True))]
            above = max(font.get_ascent() for font in fonts)
            below = max(font.get_height() - font.get_ascent() for font in fonts)
            metrics = (above, below)
            self._line_metrics[size] = metrics
        return metrics

    def line_height(self, size: int) -> int:
        """Height of one line of text at this pixel size (same for Bangla, English and bold)."""
        above, below = self._metrics(int(size))
        return above + below

    # ---- measuring -------------------------------------------------------------------------

    def _measure(self, text: str, size: int, bold: bool) -> tuple[int, bool]:
        """(exact drawn width, whether a glyph sticks out of the line box) of one normalised line.

        Font.size() lays the run out as Font.render() does, so its height is the rendered surface's:
        taller than the font only where a glyph pokes out (a reph or ি at small sizes)."""
        key = (text, size, bold)
        measured = self._widths.get(key)
        if measured is None:
            width, tall = 0, False
            for run, script in split_runs(text):
                font = self.font(script, size, bold)
                run_width, run_height = font.size(run)
                width += run_width
                tall = tall or run_height > font.get_height()
            measured = (width, tall)
            self._widths.put(key, measured)
        return measured

    def _width(self, text: str, size: int, bold: bool) -> int:
        """Exact drawn width of one normalised line: the sum of its runs' Font.size widths."""
        return self._measure(text, size, bold)[0]

    def size(self, text: str, size: int, bold: bool = False) -> tuple[int, int]:
        """(width, line height) of one line of mixed text, as render_line will draw it."""
        size = int(size)
        return self._width(self._normalise(text), size, bool(bold)), self.line_height(size)

    # ---- wrapping --------------------------------------------------------------------------

    def wrap(self, text: str, size: int, max_width: int, bold: bool = False) -> list[str]:
        """Break text into lines no wider than max_width pixels.

        Greedy on spaces, each candidate line measured exactly; "\\n" starts a new paragraph
        (an empty paragraph gives an empty line). A word too wide for a line of its own is
        broken between grapheme clusters, never inside a Bangla letter cluster. Only a single
        cluster wider than max_width can make a line overflow.
        """
        if max_width < 1:
            raise ValueError(f"max_width must be at least 1 pixel, not {max_width!r}")
        size, bold = int(size), bool(bold)
        text = self._normalise(text)
        key = (text, size, max_width, bold)
        cached = self._wrapped.get(key)
        if cached is None:
            cached = tuple(self._wrap_normalised(text, size, max_width, bold))
            self._wrapped.put(key, cached)
        return list(cached)

    def _wrap_normalised(self, text: str, size: int, max_width: int, bold: bool) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current = ""
            for word in paragraph.split():
                candidate = f"{current} {word}" if current else word
                # Measure the whole candidate, not current + word: shaping and kerning make
                # widths not quite additive, and Font.size() is what the render will be.
                if self._width(candidate, size, bold) <= max_width:
                    current = candidate
                    continue
                if current:
                    lines.append(current)
                if self._width(word, size, bold) <= max_width:
                    current = word
                    continue
                pieces = self._break_word(word, size, max_width, bold)
                lines.extend(pieces[:-1])
                current = pieces[-1]
            lines.append(current)
        return lines

    def _break_word(self, word: str, size: int, max_width: int, bold: bool) -> list[str]:
        """Split a word wider than max_width between grapheme clusters, greedily."""
        pieces: list[str] = []
        piece = ""
        for cluster in grapheme_clusters(word):
            candidate = piece + cluster
            if not piece or self._width(candidate, size, bold) <= max_width:
                piece = candidate
            else:
                pieces.append(piece)
                piece = cluster
        pieces.append(piece)
        return pieces

    # ---- drawing ---------------------------------------------------------------------------

    def _reference_bottom(self, script: Script, size: int, bold: bool) -> int | None:
        """Bottom ink row of the reference letter drawn alone (its baseline is then the
        ascent), or None if even that letter overflows the font box at this size."""
        key = (script, size, bold)
        if key not in self._reference_bottoms:
            font = self.font(script, size, bold)
            alone = font.render(_BASELINE_REFERENCE[script], True, (0, 0, 0))
            in_box = alone.get_height() == font.get_height()
            self._reference_bottoms[key] = alone.get_bounding_rect().bottom if in_box else None
        return self._reference_bottoms[key]

    def _baseline_in(self, run_surface: pygame.Surface, run: str, script: Script,
                     size: int, bold: bool) -> int:
        """Row of the baseline inside a surface that Font.render made for run.

        Normally that row is the font's ascent. But SDL_ttf makes the surface taller when a
        glyph pokes above the ascent (a reph or ি at small sizes) or below the descent, and
        moves the baseline down by whatever it added at the top; the surface size alone can't
        tell top from bottom. So render the reference letter in front of the run (two spaces
        apart, so shaping is untouched): the surface gets the same vertical layout, and the
        reference letter's ink shows where the baseline went.
        """
        font = self.font(script, size, bold)
        ascent = font.get_ascent()
        if run_surface.get_height() <= font.get_height():
            return ascent
        reference_bottom = self._reference_bottom(script, size, bold)
        reference = _BASELINE_REFERENCE[script]
        probe = font.render(f"{reference}  {run}", True, (0, 0, 0))
        if reference_bottom is None or probe.get_height() != run_surface.get_height():
            # Not seen with the bundled fonts; assume the usual case, growth at the top.
            return ascent + run_surface.get_height() - font.get_height()
        reference_width = font.size(reference)[0]
        probe_bottom = probe.subsurface(
            (0, 0, reference_width, probe.get_height())).get_bounding_rect().bottom
        return ascent + probe_bottom - reference_bottom

    def _render_line_with_baseline(self, text: str, size: int, color_key: tuple[int, ...],
                                   bold: bool, keep: bool = True,
                                   background: tuple | None = None) -> tuple[pygame.Surface, int]:
        """(surface, baseline row) for one normalised line, from the cache when possible; `keep` False for
        a line that goes into a block, which is cached itself (keeping both would hold the text twice).
        On a `background`, an 8-bit picture as _new_picture() makes."""
        key = ("line", text, size, color_key, bold, background)
        cached = self._surfaces.get(key)
        if cached is not None:
            return cached

        line_ascent, line_below = self._metrics(size)
        pieces = []  # (surface, baseline inside it)
        for run, script in split_runs(text):
            run_surface = self.font(script, size, bold).render(run, True, color_key, background)
            pieces.append((run_surface, self._baseline_in(run_surface, run, script, size, bold)))

        # Every run is placed so its own baseline lands on the line's baseline: the fonts'
        # ascents differ (35 vs 30 px at 32 px), so top-aligning them would make English
        # float above Bangla. Room is added only if a glyph sticks out of the line box.
        baseline = max([line_ascent] + [run_baseline for _, run_baseline in pieces])
        height = max([baseline + line_below]
                     + [baseline - run_baseline + surface.get_height()
                        for surface, run_baseline in pieces])
        width = sum(surface.get_width() for surface, _ in pieces)
        line = self._new_picture((width, height), color_key, background)
        x = 0
        for surface, run_baseline in pieces:
            line.blit(surface, (x, baseline - run_baseline))
            x += surface.get_width()

        result = (line, baseline)
        self.lines_in[line] = DrawnLines(size, ((text, pygame.Rect(0, 0, width, height)),))
        if keep:
            self._surfaces.put(key, result, _pixel_bytes(result[0]))
        return result

    def render_line(self, text: str, size: int, color, bold: bool = False) -> pygame.Surface:
        """One line of mixed text on a transparent surface, each run in its own font.

        The surface is cached and shared: the same arguments return the same object.
        """
        color_key = tuple(pygame.Color(color))
        surface, _ = self._render_line_with_baseline(self._normalise(text), int(size), color_key,
                                                     bool(bold))
        return surface

    def block_height(self, text: str, size: int, max_width: int, bold: bool = False,
                     line_spacing: float = 1.15) -> int:
        """The height render_block() gives this text, measured without drawing it: layouts try
        several sizes and keep one, and pictures of the others would only fill memory."""
        size, bold = int(size), bool(bold)
        lines = self.wrap(text, size, max_width, bold)
        step = max(1, round(self.line_height(size) * line_spacing))
        if any(self._measure(line, size, bold)[1] for line in lines):
            # A glyph sticks out: where its line's baseline goes is found by drawing the line (kept nowhere).
            black = (0, 0, 0, 255)
            return self._stacked(size, step, [self._render_line_with_baseline(line, size, black, bold, keep=False)
                                              for line in lines])[1]
        return self.line_height(size) + (len(lines) - 1) * step

    def _stacked(self, size: int, step: int, rendered: list[tuple[pygame.Surface, int]]) -> tuple[int, int]:
        """(first baseline, height) of lines (surface, baseline) stacked into a block. Baselines sit on a
        regular grid; a line whose glyphs stick out above the usual ascent pushes the whole grid down
        rather than being clipped."""
        line_ascent, _ = self._metrics(size)
        top_padding = max(run_baseline - line_ascent for _, run_baseline in rendered)
        first_baseline = line_ascent + max(0, top_padding)
        height = max(first_baseline + index * step - line_baseline + surface.get_height()
                     for index, (surface, line_baseline) in enumerate(rendered))
        return first_baseline, height

    def _new_picture(self, size: tuple[int, int], color_key: tuple, background: tuple | None) -> pygame.Surface:
        """A see-through picture for text; on a `background`, an 8-bit one in that colour whose palette is
        SDL_ttf's 256 shades from the background to the text's colour, so shaded runs copy into it unchanged."""
        if background is None:
            return pygame.Surface(size, pygame.SRCALPHA)
        picture = pygame.Surface(size, 0, 8)
        picture.set_palette(self._shades(color_key, background))
        picture.fill(0)  # the first shade: the background itself
        return picture

    def render_block(self, text: str, size: int, color, max_width: int, bold: bool = False,
                     align: str = "left", line_spacing: float = 1.15, background=None) -> pygame.Surface:
        """Wrapped text as one transparent surface no wider than max_width.

        Lines are line_spacing line heights apart, aligned "left", "center" or "right" within
        the widest line (centre the block itself in its box to centre text in the box).
        With a `background` colour the surface is instead opaque, 8 bits a pixel, in that colour: for
        text that is always drawn on a plain fill of it, such as a card's, a quarter of the memory.
        """
        if align not in _ALIGNMENTS:
            raise ValueError(f"align must be one of {_ALIGNMENTS}, not {align!r}")
        size, bold = int(size), bool(bold)
        color_key = tuple(pygame.Color(color))
        background_key = None if background is None else tuple(pygame.Color(background))[:3]
        text = self._normalise(text)
        key = ("block", text, size, color_key, max_width, bold, align, float(line_spacing), background_key)
        cached = self._surfaces.get(key)
        if cached is not None:
            return cached

        step = max(1, round(self.line_height(size) * line_spacing))
        wrapped = self.wrap(text, size, max_width, bold)
        measured = [self._measure(line, size, bold) for line in wrapped]
        if not any(tall for _, tall in measured):
            block = self._draw_block(wrapped, [width for width, _ in measured], size, color_key, max_width, bold,
                                     align, step, background_key)
            self._surfaces.put(key, block, _pixel_bytes(block))
            return block
        rendered = [self._render_line_with_baseline(line, size, color_key, bold, keep=False, background=background_key)
                    for line in wrapped]
        first_baseline, height = self._stacked(size, step, rendered)
        widest = max(surface.get_width() for surface, _ in rendered)
        # Only a single cluster wider than max_width can make a line wider; it gets clipped.
        width = min(widest, max_width)
        block = self._new_picture((width, height), color_key, background_key)
        lines = []
        for index, ((surface, line_baseline), line_text) in enumerate(zip(rendered, wrapped)):
            x = _aligned_x(align, width, surface.get_width())
            y = first_baseline + index * step - line_baseline
            if background_key is not None:
                surface.set_colorkey(0)  # where a glyph sticks out, the next line's background leaves it be
            block.blit(surface, (x, y))
            lines.append((line_text, pygame.Rect(x, y, min(surface.get_width(), width), surface.get_height())))
        self.lines_in[block] = DrawnLines(size, tuple(lines))

        self._surfaces.put(key, block, _pixel_bytes(block))
        return block

    def _draw_block(self, lines: list[str], widths: list[int], size: int, color_key: tuple, max_width: int,
                    bold: bool, align: str, step: int, background: tuple | None) -> pygame.Surface:
        """A block whose every line sits on the usual baseline: its size is known from measuring, so each
        run is drawn straight into it, with no picture of each line beside the block's.

        On a `background`, the runs are drawn shaded onto it (SDL_ttf's 8-bit pictures: a palette of the 256
        steps from the background to the text's colour) into an 8-bit block with that palette."""
        line_ascent, line_below = self._metrics(size)
        line_height = line_ascent + line_below
        width = min(max(widths), max_width)
        height = line_height + (len(lines) - 1) * step
        block = self._new_picture((width, height), color_key, background)
        placed = []
        for index, (line, line_width) in enumerate(zip(lines, widths)):
            x = _aligned_x(align, width, line_width)
            y = index * step
            placed.append((line, pygame.Rect(x, y, min(line_width, width), line_height)))
            for run, script in split_runs(line):
                font = self.font(script, size, bold)
                run_surface = font.render(run, True, color_key, background)
                block.blit(run_surface, (x, y + line_ascent - font.get_ascent()))
                x += run_surface.get_width()
        self.lines_in[block] = DrawnLines(size, tuple(placed))
        return block

    def _shades(self, color_key: tuple, background: tuple) -> list:
        """The palette SDL_ttf gives text in this colour on this background (the same for every font and
        size): the one its runs carry, so that they copy into the picture unchanged."""
        key = (color_key, background)
        palette = self._palettes.get(key)
        if palette is None:
            if len(self._palettes) >= 64:  # a theme has a handful of pairs; a bound all the same
                self._palettes.clear()
            palette = self._palettes[key] = self.font(Script.LATIN, _PALETTE_PROBE_PX).render(
                "x", True, color_key, background).get_palette()
        return palette

    def clear_cache(self) -> None:
        """Drop rendered surfaces, measured widths and wrapped lines (fonts stay loaded)."""
        self._surfaces.clear()
        self._widths.clear()
        self._wrapped.clear()
        self._normalised.clear()
