"""Tests for game.ui.text: shaping, script runs, baselines, wrapping, caching, missing fonts."""

import os

# Headless: must be set before pygame is imported.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import unicodedata  # noqa: E402
from pathlib import Path  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from game.ui import text as text_module  # noqa: E402
from game.ui.text import (  # noqa: E402
    FontMissingError,
    Script,
    TextRenderer,
    grapheme_clusters,
    split_runs,
)

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
BLACK = (0, 0, 0)
SIZES = list(range(12, 97, 6))
WEIGHTS = pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
B, L = Script.BENGALI, Script.LATIN
VIRAMA = "\u09cd"


@pytest.fixture(scope="module")
def renderer():
    pygame.font.init()
    return TextRenderer(FONT_DIR)


def ink(surface: pygame.Surface, left: int = 0, right: int | None = None) -> pygame.Rect:
    """Bounding rect of the drawn pixels between columns left and right, in surface rows."""
    right = surface.get_width() if right is None else right
    rect = surface.subsurface((left, 0, right - left, surface.get_height())).get_bounding_rect()
    assert rect.height > 0, "expected ink in these columns"
    return rect


# --- shaping: the three checks from shared/notes/bangla-text.md ------------------------------


@WEIGHTS
@pytest.mark.parametrize("size", SIZES)
def test_i_sign_is_drawn_left_of_its_consonant(renderer, size, bold):
    with_sign = renderer.render_line("কি", size, BLACK, bold)
    consonant = renderer.render_line("ক", size, BLACK, bold)
    with_sign_mask = pygame.mask.from_surface(with_sign)
    consonant_mask = pygame.mask.from_surface(consonant)
    # Slide ক across কি and find where it fits best; a few rows of vertical play keep this
    # about the horizontal order only.
    offsets = [(dx, dy) for dx in range(with_sign.get_width() - consonant.get_width() + 1)
               for dy in range(-3, 4)]
    best_dx, _ = max(offsets, key=lambda offset: with_sign_mask.overlap_area(consonant_mask,
                                                                              offset))
    assert best_dx >= consonant.get_width() / 5, "ি is not in front of ক: Bangla is not shaped"


@WEIGHTS
@pytest.mark.parametrize("size", SIZES)
def test_conjunct_is_one_glyph(renderer, size, bold):
    def width(text):
        return renderer.size(text, size, bold)[0]

    assert width("ক্ষ") < 0.8 * (width("ক") + width("ষ"))
    assert renderer.render_line("ক্ষ", size, BLACK, bold).get_width() == width("ক্ষ")


@WEIGHTS
@pytest.mark.parametrize("size", SIZES)
def test_reph_adds_no_advance(renderer, size, bold):
    assert renderer.size("র্ক", size, bold)[0] <= renderer.size("ক", size, bold)[0] + 2


def test_every_bengali_font_has_the_script_set(renderer):
    # The font objects callers may take directly must be shaped too, not just our lines.
    font = renderer.font(Script.BENGALI, 30)
    assert font.size("র্ক")[0] <= font.size("ক")[0] + 2
    assert renderer.font(Script.BENGALI, 30) is font


# --- runs ------------------------------------------------------------------------------------


def test_runs_of_english_with_a_bangla_digit():
    assert split_runs("Score ৩ (Your turn)") == [("Score ", L), ("৩ (", B), ("Your turn)", L)]


def test_runs_of_bangla_with_english_and_a_danda():
    assert split_runs("তোমার পালা: Team 1।") == [("তোমার পালা: ", B), ("Team 1", L), ("।", B)]


def test_runs_edge_cases():
    assert split_runs("") == []
    assert split_runs("12 + 3") == [("12 + 3", L)]
    assert split_runs(" ১২ ab") == [(" ১২ ", B), ("ab", L)]
    assert split_runs("  Hi") == [("  Hi", L)]
    # ZWJ and ZWNJ inside a Bangla word stay with it.
    assert split_runs("র\u200d্যাব ক্\u200cষ") == [("র\u200d্যাব ক্\u200cষ", B)]
    # Symbols Noto Sans Bengali lacks go to the Latin font even inside Bangla.
    assert split_runs("ক@খ") == [("ক", B), ("@", L), ("খ", B)]
    assert split_runs("দাম ৳৫০ ($1)") == [("দাম ৳৫০ (", B), ("$1)", L)]


def test_neutral_characters_given_to_bengali_are_in_the_bengali_font(renderer):
    font = renderer.font(Script.BENGALI, 24)
    missing_glyph = pygame.image.tobytes(font.render("\ue000", True, BLACK), "RGBA")
    invisible = {" ", "\u00a0", "\u00ad", "\u200b", "\u200c", "\u200d"}
    for character in sorted(text_module._NEUTRALS_IN_BENGALI_FONT - invisible):
        drawn = pygame.image.tobytes(font.render(character, True, BLACK), "RGBA")
        assert drawn != missing_glyph, f"{character!r} is not in Noto Sans Bengali"


# --- baseline alignment ----------------------------------------------------------------------


@WEIGHTS
@pytest.mark.parametrize("size", SIZES)
def test_mixed_line_keeps_each_run_on_the_baseline(renderer, size, bold):
    """In "Rafi রফ" each run's ink sits where it sits on its own, relative to the baseline.

    Rendered alone (and inside the font box), a run's baseline is its font's ascent; in the
    line both must share one baseline, so the vertical distance between the two runs' ink
    bottoms is known. Top-aligning the runs (no ascent correction) is off by the difference
    of the ascents: 2 px at 12 px, 5 px at 32 px, 14 px at 96 px.
    """
    latin, bangla = "Rafi ", "রফ"
    latin_font = renderer.font(Script.LATIN, size, bold)
    bangla_font = renderer.font(Script.BENGALI, size, bold)
    latin_alone = latin_font.render(latin, True, BLACK)
    bangla_alone = bangla_font.render(bangla, True, BLACK)
    # Precondition: neither run sticks out of its font box, so its baseline is the ascent.
    assert latin_alone.get_height() == latin_font.get_height()
    assert bangla_alone.get_height() == bangla_font.get_height()
    expected_gap = ((ink(bangla_alone).bottom - bangla_font.get_ascent())
                    - (ink(latin_alone).bottom - latin_font.get_ascent()))

    line = renderer.render_line(latin + bangla, size, BLACK, bold)
    split = renderer.size(latin, size, bold)[0]
    assert split == latin_alone.get_width()
    gap = ink(line, split).bottom - ink(line, 0, split).bottom
    assert abs(gap - expected_gap) <= 1


@WEIGHTS
@pytest.mark.parametrize("size", SIZES)
def test_letters_standing_on_the_baseline_line_up(renderer, size, bold):
    # H, I, L, ক and ম all stand exactly on the baseline (measured at every size).
    latin = "HIL "
    line = renderer.render_line(latin + "কম", size, BLACK, bold)
    split = renderer.size(latin, size, bold)[0]
    assert abs(ink(line, split).bottom - ink(line, 0, split).bottom) <= 1


@pytest.mark.parametrize(
    "size, cluster",
    [
        (12, "র্কি"),  # SDL_ttf grows the surface 1 px at the top and moves the baseline down
        (36, "ঠি"),  # 2 px at the top
        (18, "খ্রু"),  # 1 px at the bottom: the baseline stays put
        (48, "হ্রু"),
    ],
)
def test_baseline_holds_when_a_glyph_leaves_the_font_box(renderer, size, cluster):
    font = renderer.font(Script.BENGALI, size)
    # Precondition: this run really is taller than the font box at this size.
    assert font.size("ক " + cluster)[1] > font.get_height()
    latin = "HIL "
    line = renderer.render_line(latin + "ক " + cluster, size, BLACK)
    split = renderer.size(latin, size)[0]
    consonant_right = split + renderer.size("ক", size)[0]
    # Exact: a 1 px error here is the whole effect being tested.
    assert ink(line, split, consonant_right).bottom == ink(line, 0, split).bottom


def test_line_size_matches_rendered_line(renderer):
    texts = ["Rafi রাফি", "Score ৩ (Your turn)", "তোমার পালা: Team 1।", "ক@খ", "", "  ",
             "স্ক্রিনশট (screenshot)"]
    for text in texts:
        for size in SIZES:
            surface = renderer.render_line(text, size, BLACK)
            assert surface.get_size() == renderer.size(text, size)
            assert surface.get_height() == renderer.line_height(size)
            assert surface.get_flags() & pygame.SRCALPHA


# --- wrapping --------------------------------------------------------------------------------

BANGLA_WORDS = [
    "প্রাপ্তবয়স্কের", "ক্ষমা", "স্ক্রিনশট", "নিরাপদ", "শিশুদের", "বন্ধু", "অনলাইনে", "ছবি",
    "পাসওয়ার্ড", "শেয়ার", "সাহায্য", "কর্তৃপক্ষ", "র\u200d্যাব", "জ্ঞান", "করো।", "তোমার",
    "পালা:", "১২৩", "উজ্জ্বল", "স্বাস্থ্য", "ই-মেইল", "কী?",
]
ENGLISH_WORDS = [
    "Safety", "screenshot", "password", "Team", "Score", "trusted", "adult.", "(Your", "turn)",
    "1", "Rafi", "internationalisation", "OK!", "@home", "WWW",
]
MIXED_WORDS = ["Team১", "OK।", "Rafi-র", "ছবি(photo)"]
VOCABULARY = BANGLA_WORDS + ENGLISH_WORDS + MIXED_WORDS

words = st.sampled_from(VOCABULARY)
# Some "words" are several glued together, so they must be broken between clusters.
long_words = st.lists(words, min_size=2, max_size=6).map("".join)
paragraph = st.lists(st.one_of(words, words, words, long_words), min_size=1, max_size=25)
texts = st.lists(paragraph, min_size=1, max_size=3).map(
    lambda paragraphs: "\n".join(" ".join(p) for p in paragraphs))


def test_every_cluster_of_the_vocabulary_fits_the_narrowest_width(renderer):
    # Precondition for the property below: only a single cluster wider than max_width may
    # overflow, and none is, at the sizes used.
    for word in VOCABULARY:
        for cluster in grapheme_clusters(word):
            assert renderer.size(cluster, 24, bold=True)[0] <= 40, cluster


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, max_width=st.integers(40, 900), size=st.sampled_from([16, 20, 24]),
       bold=st.booleans())
def test_wrapped_lines_fit_and_lose_nothing(renderer, text, max_width, size, bold):
    lines = renderer.wrap(text, size, max_width, bold)
    for line in lines:
        assert renderer.size(line, size, bold)[0] <= max_width, line
        assert renderer.render_line(line, size, BLACK, bold).get_width() <= max_width, line
        if line:
            assert unicodedata.category(line[0])[0] != "M", f"line starts with a mark: {line!r}"
            assert line[0] not in "\u200c\u200d", f"line starts with ZWJ/ZWNJ: {line!r}"
            assert not line.endswith(VIRAMA), f"conjunct split after: {line!r}"

    normalised = unicodedata.normalize("NFC", text)
    # Nothing lost, nothing added, order kept.
    assert "".join("".join(lines).split()) == "".join(normalised.split())
    # Words that fit a line on their own come back whole.
    original_words = normalised.split()
    if all(renderer.size(word, size, bold)[0] <= max_width for word in original_words):
        assert " ".join(lines).split() == original_words
    # Paragraph breaks survive: at least one line per paragraph.
    assert len(lines) >= normalised.count("\n") + 1


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, max_width=st.integers(40, 900), size=st.sampled_from([12, 18, 24, 36, 48]),
       bold=st.booleans(), tall=st.sampled_from(["", "র্কি", "ঠি", "খ্রু", "হ্রু"]))
def test_a_block_measured_without_drawing_is_as_tall_as_drawn(text, max_width, size, bold, tall):
    # A fresh renderer each time: a block drawn before would be measured from the cache.
    measuring, drawing = TextRenderer(FONT_DIR), TextRenderer(FONT_DIR)
    text = f"{text} {tall}"
    height = measuring.block_height(text, size, max_width, bold)
    assert height == drawing.render_block(text, size, BLACK, max_width, bold).get_height()


def test_measuring_a_block_draws_nothing(renderer):
    fresh = TextRenderer(FONT_DIR)
    fresh.block_height("রাফি প্রতিদিন সন্ধ্যায় একটি খেলা খেলে। Rafi plays a game every evening.", 30, 300)
    assert len(fresh._surfaces) == 0


@pytest.mark.parametrize("text", ["রাফি প্রতিদিন সন্ধ্যায় একটি খেলা খেলে। Rafi plays every evening.", "ক র্কি ঠি"])
def test_a_block_on_its_background_looks_as_the_see_through_one_drawn_there(renderer, text):
    card, ink_colour = (250, 247, 240), (40, 52, 60)
    for size in (12, 24, 36):
        clear = renderer.render_block(text, size, ink_colour, 220)
        opaque = renderer.render_block(text, size, ink_colour, 220, background=card)
        assert opaque.get_size() == clear.get_size()
        on_card = pygame.Surface(clear.get_size())
        on_card.fill(card)
        on_card.blit(clear, (0, 0))
        shown = pygame.Surface(clear.get_size())
        shown.blit(opaque, (0, 0))
        expected, got = pygame.image.tobytes(on_card, "RGB"), pygame.image.tobytes(shown, "RGB")
        assert max(abs(a - b) for a, b in zip(expected, got)) <= 1  # SDL_ttf's shades round once
        assert opaque.get_bitsize() == 8  # a quarter of the memory: the point of a background


def test_wrap_breaks_a_long_bangla_word_between_clusters(renderer):
    lines = renderer.wrap("প্রাপ্তবয়স্কের", 24, 60)
    assert len(lines) > 1
    assert "".join(lines) == unicodedata.normalize("NFC", "প্রাপ্তবয়স্কের")
    for line in lines:
        assert renderer.size(line, 24)[0] <= 60
        assert unicodedata.category(line[0])[0] != "M"


def test_wrap_honours_paragraph_breaks(renderer):
    assert renderer.wrap("এক\n\nTwo", 20, 500) == ["এক", "", "Two"]


def test_grapheme_clusters_keep_conjuncts_and_signs_together():
    assert grapheme_clusters("স্ক্রিনশট") == ["স্ক্রি", "ন", "শ", "ট"]
    assert grapheme_clusters("ক্ষমা") == ["ক্ষ", "মা"]
    assert grapheme_clusters("র\u200d্যাব") == ["র\u200d্যা", "ব"]
    assert grapheme_clusters("চাঁদ") == ["চাঁ", "দ"]


def test_precomposed_and_decomposed_ya_are_the_same(renderer):
    precomposed = "পাসও\u09dfার্ড"
    decomposed = "পাসও\u09af\u09bcার্ড"
    assert renderer.size(precomposed, 30) == renderer.size(decomposed, 30)
    assert renderer.render_line(precomposed, 30, BLACK) is renderer.render_line(decomposed, 30,
                                                                                BLACK)
    assert renderer.wrap(precomposed, 30, 40) == renderer.wrap(decomposed, 30, 40)


# --- blocks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("align", ["left", "center"])
def test_render_block_stacks_lines_within_max_width(renderer, align):
    text = ("বিশ্বস্ত প্রাপ্তবয়স্কের সাথে কথা বলো। Talk to a trusted adult.\n"
            "স্ক্রিনশট রাখো, তারপর ব্লক করো।")
    block = renderer.render_block(text, 24, BLACK, 300, align=align)
    lines = renderer.wrap(text, 24, 300)
    assert block.get_width() <= 300
    assert block.get_flags() & pygame.SRCALPHA
    step = round(renderer.line_height(24) * 1.15)
    assert block.get_height() == (len(lines) - 1) * step + renderer.line_height(24)
    assert renderer.render_block(text, 24, BLACK, 300, align=align) is block


def test_render_block_rejects_unknown_alignment(renderer):
    with pytest.raises(ValueError):
        renderer.render_block("x", 20, BLACK, 100, align="justify")


# --- fonts missing ---------------------------------------------------------------------------


def test_missing_font_folder_names_the_path(tmp_path):
    missing = tmp_path / "no-fonts-here"
    with pytest.raises(FontMissingError) as raised:
        TextRenderer(missing)
    message = str(raised.value)
    assert str(missing) in message
    assert "assets/fonts" in message and "reinstall" in message.lower()
    assert not isinstance(raised.value, OSError)


def test_one_missing_font_file_is_named(tmp_path):
    for font_file in FONT_DIR.glob("*.ttf"):
        (tmp_path / font_file.name).write_bytes(font_file.read_bytes())
    (tmp_path / "NotoSans-Bold.ttf").unlink()
    with pytest.raises(FontMissingError, match="NotoSans-Bold.ttf"):
        TextRenderer(tmp_path)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"not a font",
        lambda data: data[:5000],  # cut short: pygame-ce would crash on it, not raise
        lambda data: b"",
    ],
    ids=["garbage", "truncated", "empty"],
)
def test_damaged_font_file_is_reported_not_crashed_on(tmp_path, damage):
    for font_file in FONT_DIR.glob("*.ttf"):
        (tmp_path / font_file.name).write_bytes(font_file.read_bytes())
    damaged = tmp_path / "NotoSansBengali-Regular.ttf"
    damaged.write_bytes(damage(damaged.read_bytes()))
    with pytest.raises(FontMissingError, match="NotoSansBengali-Regular.ttf"):
        TextRenderer(tmp_path)


def test_font_damaged_after_start_up_is_reported(tmp_path):
    for font_file in FONT_DIR.glob("*.ttf"):
        (tmp_path / font_file.name).write_bytes(font_file.read_bytes())
    renderer = TextRenderer(tmp_path)
    (tmp_path / "NotoSans-Regular.ttf").write_bytes(b"\x00\x01\x00\x00 but nothing else")
    pygame.font.init()
    with pytest.raises(FontMissingError, match="NotoSans-Regular.ttf"):
        renderer.font(Script.LATIN, 20)


# --- cache -----------------------------------------------------------------------------------


def test_same_line_twice_is_the_same_surface(renderer):
    first = renderer.render_line("Score ৩ (Your turn)", 28, (20, 20, 20))
    assert renderer.render_line("Score ৩ (Your turn)", 28, (20, 20, 20)) is first
    assert renderer.render_line("Score ৩ (Your turn)", 28, pygame.Color(20, 20, 20)) is first
    assert renderer.render_line("Score ৩ (Your turn)", 28, (20, 20, 21)) is not first
    assert renderer.render_line("Score ৩ (Your turn)", 28, (20, 20, 20), bold=True) is not first


def test_cache_is_bounded_and_can_be_cleared():
    pygame.font.init()
    small = TextRenderer(FONT_DIR, cache_size=2)
    first = small.render_line("এক", 20, BLACK)
    small.render_line("দুই", 20, BLACK)
    small.render_line("তিন", 20, BLACK)
    assert small.render_line("এক", 20, BLACK) is not first  # evicted, drawn again
    again = small.render_line("এক", 20, BLACK)
    small.clear_cache()
    assert small.render_line("এক", 20, BLACK) is not again


def test_open_fonts_are_bounded_and_a_closed_one_opens_again_the_same():
    # A day of kiosk visitors, each with a text size of their own, must not keep every size open.
    fresh = TextRenderer(FONT_DIR)
    first = pygame.image.tobytes(fresh.render_line("ছবি Photo", 20, BLACK), "RGBA")
    for size in range(21, 21 + text_module.OPEN_FONTS * 2):
        fresh.render_line("ছবি Photo", size, BLACK, bold=size % 2 == 0)
    assert len(fresh._fonts) <= text_module.OPEN_FONTS
    fresh.clear_cache()  # drawn anew, with the size-20 fonts opened again
    assert pygame.image.tobytes(fresh.render_line("ছবি Photo", 20, BLACK), "RGBA") == first


def test_a_screen_of_cached_lines_is_cheap(renderer):
    import time

    lines = [f"লাইন {index}: বিশ্বস্ত প্রাপ্তবয়স্কের সাথে কথা বলো। Talk to a trusted adult."
             for index in range(20)]
    for line in lines:
        renderer.render_line(line, 24, BLACK)
    start = time.perf_counter()
    for _ in range(10):
        for line in lines:
            renderer.render_line(line, 24, BLACK)
    per_line = (time.perf_counter() - start) / 200
    assert per_line < 0.0002, f"{per_line * 1000:.3f} ms per cached line"


def test_the_picture_cache_stays_within_its_memory_bound(renderer):
    """Hours of play render thousands of blocks; the cache keeps the newest within its byte limit."""
    from game.ui.text import SURFACE_CACHE_BYTES

    big = "নিরাপদ থাকার জন্য কাউকে জানাও। " * 3
    first = renderer.render_block(f"0 {big}", 24, (0, 0, 0), 900)
    assert first.get_width() * first.get_height() * 4 < SURFACE_CACHE_BYTES / 4  # several fit: the bound is what evicts
    for number in range(400):
        renderer.render_block(f"{number} {big}", 24, (0, 0, 0), 900)
    assert renderer._surfaces.weight <= SURFACE_CACHE_BYTES
    assert renderer.render_block(f"0 {big}", 24, (0, 0, 0), 900) is not first  # the oldest went
    newest = renderer.render_block(f"399 {big}", 24, (0, 0, 0), 900)
    assert renderer.render_block(f"399 {big}", 24, (0, 0, 0), 900) is newest  # still cached, not drawn again
