"""A PDF set up for Nirapod's text: the Noto fonts embedded and subset, Bangla shaped, text fitted to boxes.

fpdf2 shapes through uharfbuzz in `cell`/`multi_cell`/`write` only (its `text()` does not shape), so
every line here is broken by this module and drawn with `cell`. Noto Sans Bengali has no Latin
letters and Noto Sans has no Bengali: each family falls back to the other, and a character neither
has is an error (fpdf2 would draw an empty box, with at most a log line, and a card would lose a word).
"""
from __future__ import annotations

import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, TextDirection

PT = 25.4 / 72  # millimetres in a point

BANGLA, LATIN = "nirapod-bn", "nirapod-latin"
FONT_FILES = {
    (BANGLA, ""): "NotoSansBengali-Regular.ttf",
    (BANGLA, "B"): "NotoSansBengali-Bold.ttf",
    (LATIN, ""): "NotoSans-Regular.ttf",
    (LATIN, "B"): "NotoSans-Bold.ttf",
}
# Bangla needs more room between lines than Latin: vowel signs sit above and below the letters.
LINE_HEIGHT = {"bn": 1.38, "en": 1.25}

Color = tuple[int, int, int]


# Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms).
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")


class _LeftToRightPdf(FPDF):
    """fpdf2 runs the Unicode bidirectional algorithm over every line it draws, a third of the
    time a deck takes. Bangla and English run left to right: lines without a right-to-left
    character skip it; any other line still gets the full algorithm."""

    def _preload_bidirectional_text(self, text, markdown):
        if not self.text_shaping or _RIGHT_TO_LEFT.search(text):
            return super()._preload_bidirectional_text(text, markdown)
        self.text_shaping["paragraph_direction"] = TextDirection.LTR
        self.text_shaping["fragment_direction"] = TextDirection.LTR
        return self._preload_font_styles(text, markdown)


def _runs(word: str, own, other, missing: set[str]):
    """Split `word` into runs of characters `own` font has and runs it lacks (drawn by `other`);
    characters neither font has go into `missing`."""
    runs: list[tuple[object, str]] = []
    for char in word:
        if ord(char) not in own.cmap and ord(char) not in other.cmap:
            missing.add(char)
        font = own if ord(char) in own.cmap or ord(char) not in other.cmap else other
        if runs and runs[-1][0] is font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


class MissingGlyphsError(Exception):
    """Text held characters that no bundled font can draw (an emoji, say)."""

    def __init__(self, characters: list[str]):
        self.characters = characters
        shown = " ".join(f"{c!r} (U+{ord(c):04X})" for c in characters)
        super().__init__(f"no bundled font can draw {shown}; remove or replace these characters")


class FontProblem(Exception):
    """A bundled font file that is missing, damaged or not a file: the PDF cannot be made, and the teacher
    hears which file and what to do instead of a traceback."""

    def __init__(self, path: Path, cause: str):
        self.path = path
        super().__init__(f"the font file {path} {cause}, so this PDF was not made. Install Nirapod again to "
                         f"bring the fonts back.")


def _add_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise FontProblem(path, "is missing") from None
    except OSError as error:
        raise FontProblem(path, f"cannot be opened ({error.strerror or error})") from None
    if not stat.S_ISREG(mode):  # a pipe would make fpdf2 wait for ever
        raise FontProblem(path, "is not an ordinary file")
    try:
        pdf.add_font(family, style, str(path))
    except Exception as error:  # noqa: BLE001 - fontTools raises many kinds for a cut or foreign file
        raise FontProblem(path, f"is damaged ({type(error).__name__}: {str(error)[:120]})") from None


@dataclass(frozen=True)
class Style:
    size: float  # points
    bold: bool = False
    color: Color = (0, 0, 0)


class PrintDocument:
    """One PDF in one language; all text goes through `text_box` so that it is shaped and measured."""

    def __init__(self, fonts_dir: Path, language: str, page_size: tuple[float, float], title: str = ""):
        width, height = page_size
        self.language = language
        self.pdf = _LeftToRightPdf(orientation="L" if width > height else "P", unit="mm",
                        format=(min(width, height), max(width, height)))
        for (family, style), name in FONT_FILES.items():
            _add_font(self.pdf, family, style, fonts_dir / name)
        self.family = BANGLA if language == "bn" else LATIN
        self.pdf.set_fallback_fonts([LATIN, BANGLA], exact_match=False)
        self.pdf.set_text_shaping(True)
        self.pdf.set_auto_page_break(False)  # pages break where `flow` says, never inside a card
        self.pdf.c_margin = 0
        self.pdf.set_creator("Nirapod")
        if title:
            self.pdf.set_title(title)
        self.pdf.set_lang(language)
        self._word_widths: dict[tuple[str, bool], float] = {}
        self._missing: set[str] = set()  # fpdf2 draws these as empty boxes and, when shaping, does not say so
        self.margin = 15.0
        self.page_label = None
        self.y = 0.0

    @property
    def page_width(self) -> float:
        return self.pdf.w

    @property
    def page_height(self) -> float:
        return self.pdf.h

    def line_height(self, size: float) -> float:
        return size * PT * LINE_HEIGHT[self.language]

    def _use(self, style: Style) -> None:
        self.pdf.set_font(self.family, "B" if style.bold else "", style.size)
        self.pdf.set_text_color(*style.color)

    def _font_key(self, family: str, bold: bool) -> str:
        return family + ("B" if bold else "")

    def _word_width(self, word: str, bold: bool) -> float:
        """Width of `word` at 1 pt, in points: shaped once per word, run by run in the font that has the letters."""
        key = (word, bold)
        width = self._word_widths.get(key)
        if width is None:
            own = self.pdf.fonts[self._font_key(self.family, bold)]
            other = self.pdf.fonts[self._font_key(LATIN if self.family == BANGLA else BANGLA, bold)]
            width = 0.0
            for font, run in _runs(word, own, other, self._missing):
                width += font.get_text_width(run, 1.0, self.pdf.text_shaping)[1]
            self._word_widths[key] = width
        return width

    def lines(self, text: str, width: float, style: Style) -> list[str]:
        """`text` broken at spaces into lines `width` mm wide; a word wider than that gets a line of its own.

        fpdf2's own line breaker shapes the growing line once per character (slow for a deck); this
        shapes each word once and adds the widths, which for Bangla and Latin is the same: no
        shaping reaches across a space.
        """
        limit = width / (style.size * PT)  # in points at 1 pt
        space = self._word_width(" ", style.bold)
        found: list[str] = []
        for paragraph in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for word in paragraph.split():
                word_width = self._word_width(word, style.bold)
                if line and used + space + word_width > limit:
                    found.append(" ".join(line))
                    line, used = [], 0.0
                used += (space if line else 0.0) + word_width
                line.append(word)
            found.append(" ".join(line))
        return found

    def _widest_word(self, text: str, style: Style) -> float:
        """In mm."""
        return max((self._word_width(word, style.bold) for word in text.split()), default=0.0) * style.size * PT

    def text_height(self, text: str, width: float, style: Style) -> float:
        """Height of `text` wrapped to `width`; infinite when a word alone is wider, so nothing is ever cut."""
        if self._widest_word(text, style) > width:
            return math.inf
        return len(self.lines(text, width, style)) * self.line_height(style.size)

    def text_box(self, x: float, y: float, width: float, text: str, style: Style, align: str = "L") -> float:
        """Draw wrapped text with its top-left at (x, y), one shaped line at a time; returns the height used."""
        self._use(style)
        line_height = self.line_height(style.size)
        lines = self.lines(text, width, style)
        for number, line in enumerate(lines):
            self._line(x, y + number * line_height, width, line_height, line, align)
        return len(lines) * line_height

    def _line(self, x: float, y: float, width: float, height: float, line: str, align: str) -> None:
        # Shaped Bangla uses glyphs that stand for no letter of their own (a vowel sign split in two,
        # a conjunct's parts); a PDF reader would copy them as stray characters. ActualText tells
        # readers the line's real words, so copied text comes back exactly as written.
        # fpdf2 has no public call for a marked-content span, hence `_out`.
        actual = ("\ufeff" + line).encode("utf-16-be").hex().upper()
        self.pdf._out(f"/Span <</ActualText <{actual}>>> BDC")
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, height, line, align=Align.coerce(align))
        self.pdf._out("EMC")

    # --- flowing text over pages (the guide) --------------------------------------------------
    def start_flow(self, margin: float, page_label=None) -> None:
        """Begin text that runs from page to page inside `margin`; `page_label(n)` writes the page number."""
        self.margin = margin
        self.page_label = page_label
        self.new_page()

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = self.margin
        if self.page_label is not None:
            label = self.page_label(self.pdf.page)
            style = Style(8.0, False, (110, 110, 110))
            self._use(style)
            self._line(self.margin, self.page_height - self.margin + 3, self.page_width - 2 * self.margin,
                       self.line_height(8.0), label, "C")

    def flow(self, text: str, style: Style, indent: float = 0.0, space_after: float = 1.5,
             keep_with_next: float = 0.0) -> None:
        """Wrapped text at the cursor, breaking onto a new page between lines when the page is full."""
        width = self.page_width - 2 * self.margin - indent
        lines = self.lines(text, width, style)
        line_height = self.line_height(style.size)
        bottom = self.page_height - self.margin
        if self.y + line_height * min(2, len(lines)) + keep_with_next > bottom:
            self.new_page()
        self._use(style)
        for line in lines:
            if self.y + line_height > bottom:
                self.new_page()
                self._use(style)
            self._line(self.margin + indent, self.y, width, line_height, line, "L")
            self.y += line_height
        self.y += space_after

    def missing_characters(self) -> list[str]:
        """Characters of the text drawn so far that neither bundled font has."""
        return sorted(self._missing)

    def to_bytes(self) -> bytes:
        missing = self.missing_characters()
        if missing:
            raise MissingGlyphsError(missing)
        return bytes(self.pdf.output())
