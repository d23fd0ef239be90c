"""Bangla in the PDF is shaped as on screen: the checks of tests/ui/test_text.py, run on rendered pages."""
import pypdfium2 as pdfium
import pytest

from game.print.document import MissingGlyphsError, PrintDocument, Style
from game.resources import FONTS_DIR

SIZE = 36.0
SCALE = 2.0  # pixels per point


def render_words(words, bold=False, shaping=True):
    """Each word on its own page, rendered; the dark pixels of each, from its leftmost ink (rows stay
    as on the page, so every word keeps the same baseline)."""
    doc = PrintDocument(FONTS_DIR, "bn", (80.0, 40.0))
    if not shaping:
        doc.pdf.set_text_shaping(False)
    for word in words:
        doc.pdf.add_page()
        doc.text_box(5, 5, 70, word, Style(SIZE, bold))
    pdf = pdfium.PdfDocument(doc.to_bytes())
    inks = []
    for index in range(len(words)):
        image = pdf[index].render(scale=SCALE).to_pil().convert("L")
        dark = {(x, y) for y in range(image.height) for x in range(image.width) if image.getpixel((x, y)) < 128}
        assert dark, f"nothing drawn for {words[index]!r}"
        left = min(x for x, _ in dark)
        inks.append({(x - left, y) for x, y in dark})
    return inks


def width(ink):
    return max(x for x, _ in ink) + 1


def i_sign_offset(with_sign, consonant):
    """Where ক fits best inside কি, as a fraction of ক's width."""
    def overlap(dx, dy):
        return sum((x + dx, y + dy) in with_sign for x, y in consonant)
    offsets = [(dx, dy) for dx in range(width(with_sign) - width(consonant) + 1) for dy in range(-3, 4)]
    best_dx, _ = max(offsets, key=lambda offset: overlap(*offset))
    return best_dx / width(consonant)


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_i_sign_is_printed_left_of_its_consonant(bold):
    with_sign, consonant = render_words(["কি", "ক"], bold)
    assert i_sign_offset(with_sign, consonant) >= 0.2, "ি is not in front of ক: Bangla is not shaped"


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_conjunct_is_printed_as_one_glyph(bold):
    ksha, ka, ssa = render_words(["ক্ষ", "ক", "ষ"], bold)
    assert width(ksha) < 0.8 * (width(ka) + width(ssa))


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_reph_is_printed_on_top(bold):
    reph_ka, ka, ra = render_words(["র্ক", "ক", "র"], bold)
    assert width(reph_ka) <= width(ka) + 0.25 * width(ra)
    assert min(y for _, y in reph_ka) < min(y for _, y in ka)  # the reph rises above ক


def test_the_checks_fail_on_unshaped_text():
    # The same pages without a shaping engine: the checks above must catch it.
    with_sign, consonant, ksha, ka, ssa = render_words(["কি", "ক", "ক্ষ", "ক", "ষ"], shaping=False)
    assert i_sign_offset(with_sign, consonant) < 0.2
    assert width(ksha) >= 0.8 * (width(ka) + width(ssa))


def extract(doc):
    pdf = pdfium.PdfDocument(doc.to_bytes())
    return "".join(page.get_textpage().get_text_range() for page in pdf)


def test_english_inside_bangla_is_printed_and_copies_back_exactly():
    doc = PrintDocument(FONTS_DIR, "bn", (200.0, 60.0))
    doc.pdf.add_page()
    line = "তোমার পালা: Team ৩ (Your turn) হোয়াটসঅ্যাপ, শিশুদের প্রাপ্তবয়স্কের ক্ষতি।"
    doc.text_box(5, 5, 190, line, Style(12.0))
    assert doc.missing_characters() == []
    assert extract(doc) == line
    english, bangla = render_words(["Team ৩", "৩"])
    assert width(english) > 3 * width(bangla)  # the Latin letters are there, drawn by Noto Sans


def test_wrapped_lines_copy_back_as_the_words_in_order():
    doc = PrintDocument(FONTS_DIR, "bn", (60.0, 120.0))
    doc.pdf.add_page()
    text = ("নদী ১৪ বছরের। ফেসবুকে এক অচেনা লোক তাকে বারবার মেসেজ পাঠায় আর ছবি চায়। "
            "নদী স্ক্রিনশট রাখে, ব্লক করে, আর মাকে জানায়।")
    height = doc.text_box(5, 5, 50, text, Style(10.0))
    assert height > 3 * doc.line_height(10.0)  # it really wrapped
    assert " ".join(extract(doc).split()) == text


def test_a_character_no_font_has_is_an_error_not_a_silent_gap():
    doc = PrintDocument(FONTS_DIR, "en", (100.0, 40.0))
    doc.pdf.add_page()
    doc.text_box(5, 5, 90, "Nodi is happy \U0001F600", Style(12.0))
    with pytest.raises(MissingGlyphsError, match="U\\+1F600"):
        doc.to_bytes()


def test_fonts_are_embedded_as_subsets():
    doc = PrintDocument(FONTS_DIR, "bn", (100.0, 40.0))
    doc.pdf.add_page()
    doc.text_box(5, 5, 90, "নিরাপদ Nirapod", Style(12.0))
    data = doc.to_bytes()
    full_fonts = sum(path.stat().st_size for path in FONTS_DIR.glob("NotoSans*-Regular.ttf"))
    assert data.count(b"/FontFile2") >= 2
    assert len(data) < full_fonts / 5  # only the glyphs used


def test_a_word_wider_than_its_box_is_reported_as_not_fitting_and_still_drawn_whole():
    doc = PrintDocument(FONTS_DIR, "en", (100.0, 40.0))
    doc.pdf.add_page()
    style = Style(10.0)
    long_word = "https://www.example.org/a-very-long-address-that-will-not-wrap"
    assert doc.text_height(f"See {long_word} now", 30.0, style) == float("inf")
    assert doc.lines(f"See {long_word} now", 30.0, style) == ["See", long_word, "now"]
