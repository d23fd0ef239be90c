"""The card game's pictures: topic icons, answer marks, team markers, the card back and the time-up chime.

Colours are checked as a viewer would need them: WCAG contrast against both themes' cards, and distance
between colours as seen with each common kind of colour blindness (Machado et al. 2009 simulation).
"""
from __future__ import annotations

import array
import itertools
import logging
import math
import re

import pygame
import pytest

from game.content.decks import load_deck_folder
from game.engine.cards import TOPICS
from game.resources import DECKS_DIR, FONTS_DIR, ICONS_DIR
from game import icons
from game.ui import art, sound
from game.ui.text import TextRenderer
from game.ui.theme import CALM, HIGH_CONTRAST

THEMES = pytest.mark.parametrize("theme", [CALM, HIGH_CONTRAST], ids=["calm", "high-contrast"])


@pytest.fixture(autouse=True)
def fresh_cache():
    pygame.init()
    art.clear_cache()
    yield
    art.clear_cache()


@pytest.fixture(scope="module")
def text():
    pygame.init()
    return TextRenderer(FONTS_DIR)


# ---- measuring pictures ------------------------------------------------------------------------------


def pixels(surface: pygame.Surface):
    """(r, g, b, a) of every pixel."""
    data = pygame.image.tobytes(surface, "RGBA")
    return [tuple(data[i:i + 4]) for i in range(0, len(data), 4)]


def solid(surface: pygame.Surface) -> list[tuple[int, int, int]]:
    return [p[:3] for p in pixels(surface) if p[3] >= 250]


def mask(surface: pygame.Surface) -> frozenset[int]:
    return frozenset(i for i, p in enumerate(pixels(surface)) if p[3] >= 128)


def near(a, b, tolerance=3) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


# ---- judging colours ---------------------------------------------------------------------------------


def linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb) -> float:
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
COLOUR_BLINDNESS = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def lab(rgb, vision: str | None = None):
    """CIELAB of a colour as a viewer with `vision` (None: typical colour vision) sees it."""
    lin = [linear(c) for c in rgb]
    if vision:
        lin = [max(0.0, min(1.0, sum(row[j] * lin[j] for j in range(3)))) for row in COLOUR_BLINDNESS[vision]]
    r, g, b = lin
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def closest_pair_seen(colours, vision):
    return min(math.dist(lab(a, vision), lab(b, vision)) for a, b in itertools.combinations(colours, 2))


# ---- topic icons ---------------------------------------------------------------------------------------


def topics_in_bundled_decks() -> set[str]:
    return {card.topic for card in load_deck_folder(DECKS_DIR).cards.values()}


def test_the_bundled_decks_only_use_topics_with_a_picture():
    used = topics_in_bundled_decks()
    assert used, "no cards were read from the bundled decks"
    assert used <= set(art.ICON_FILES)
    assert set(TOPICS) <= set(art.ICON_FILES)


ALL_ICONS = sorted(set(TOPICS) | {art.MYTH_FACT, art.RED_ALERT})


@pytest.mark.parametrize("size", [24, 64, 160])
@pytest.mark.parametrize("name", ALL_ICONS)
def test_every_topic_has_its_own_picture_in_the_colour_asked(name, size):
    colour = (200, 30, 130)
    icon = art.topic_icon(name, size, colour)
    assert icon.get_size() == (size, size)
    strokes = solid(icon)
    assert len(strokes) >= size * size * 0.04, "the icon is (almost) invisible"
    assert all(near(p, colour) for p in strokes), "the icon is not drawn in the colour asked for"
    # Its own picture, not the plain mark shown when a picture is missing.
    assert mask(icon) != mask(art.topic_icon("no-such-topic", size, colour))


def test_the_pictures_all_differ_and_follow_the_colour():
    shapes = {name: mask(art.topic_icon(name, 64, (0, 0, 0))) for name in ALL_ICONS}
    assert len(set(shapes.values())) == len(ALL_ICONS)
    yellow = art.topic_icon("privacy", 64, HIGH_CONTRAST.accent)
    assert all(near(p, HIGH_CONTRAST.accent) for p in solid(yellow))


def test_a_card_shows_the_picture_of_its_topic_or_of_its_kind():
    cards = load_deck_folder(DECKS_DIR).cards.values()
    names = {card.kind: art.icon_name_for(card) for card in cards}
    assert names["red_alert"] == art.RED_ALERT and names["myth_fact"] == art.MYTH_FACT
    scenario = next(card for card in cards if card.kind == "scenario")
    assert art.icon_name_for(scenario) == scenario.topic


BROKEN_FILES = {
    "missing": None,
    "empty": b"",
    "not an svg": b"\x89PNG\r\n\x1a\n garbage",
    "cut short": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" stroke="currentColor"><path d="M3 12a9',
    "draws nothing": b'<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"></svg>',
    "not utf-8": b'<svg xmlns="http://www.w3.org/2000/svg">\xff\xfe\xfa</svg>',
    "huge": b"<svg>" + b" " * (1024 * 1024) + b"</svg>",
}


@pytest.mark.parametrize("damage", list(BROKEN_FILES))
def test_a_missing_or_damaged_picture_gives_a_plain_mark_and_the_game_goes_on(damage, tmp_path, monkeypatch, caplog):
    content = BROKEN_FILES[damage]
    if content is not None:
        (tmp_path / art.ICON_FILES["privacy"]).write_bytes(content)
    monkeypatch.setattr(icons, "ICONS_DIR", tmp_path)
    caplog.set_level(logging.DEBUG)
    icon = art.topic_icon("privacy", 64, (11, 110, 105))
    assert icon.get_size() == (64, 64)
    assert mask(icon) == mask(art.topic_icon("no-such-topic", 64, (11, 110, 105)))
    assert all(near(p, (11, 110, 105)) for p in solid(icon)) and solid(icon)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], "a teacher would see an alarming message"


def test_the_licence_and_the_list_of_icons_travel_with_the_icons():
    licence = (ICONS_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Paweł Kuna" in licence
    readme = (ICONS_DIR / "README.md").read_text(encoding="utf-8")
    version = re.search(r"`@tabler/icons`, version \*\*(\d+\.\d+\.\d+)\*\*", readme)
    assert version, "the README must name the package and its exact version"
    svgs = sorted(path.name for path in ICONS_DIR.glob("*.svg"))
    assert svgs == sorted(set(art.ICON_FILES.values())), "an icon is shipped but unused, or used but missing"
    for name in svgs:
        assert f"`{name}`" in readme and f"icons/outline/{name}" in readme, f"{name} is not listed in README.md"


# ---- answers and teams ---------------------------------------------------------------------------------


@THEMES
def test_the_four_answers_differ_in_shape_and_colour_and_stand_out_on_the_card(theme):
    colours = [art.choice_colour(i, theme) for i in range(4)]
    assert len(set(colours)) == 4
    assert len({mark.shape for mark in art.CHOICE_MARKS}) == 4
    shapes = []
    for i, colour in enumerate(colours):
        assert contrast(colour, theme.card) >= 3, f"answer {i + 1} is too faint on the card"
        assert contrast(colour, theme.choice_mark_text) >= 4.5, f"the number on answer {i + 1} is hard to read"
        canvas = pygame.Surface((120, 120), pygame.SRCALPHA)
        drawn = art.draw_choice_mark(canvas, i, pygame.Rect(10, 0, 100, 120), theme)
        assert drawn.size == (100, 100) and drawn.center == (60, 60)
        assert near(canvas.get_at(drawn.center)[:3], colour)
        shapes.append(mask(canvas))
    assert len(set(shapes)) == 4
    for vision in COLOUR_BLINDNESS:
        assert closest_pair_seen(colours, vision) >= 15, f"two answers look alike with {vision}"


@THEMES
def test_an_answer_mark_carries_its_number_in_the_players_digits(theme, text):
    marks = {}
    for label in ("3", "৩"):
        canvas = pygame.Surface((90, 90), pygame.SRCALPHA)
        art.draw_choice_mark(canvas, 2, canvas.get_rect(), theme, label, text)
        marks[label] = pixels(canvas)
        digit = [p for p in marks[label] if near(p[:3], theme.choice_mark_text, 40) and p[3] == 255]
        assert len(digit) > 60, "the number is missing from the mark"
    assert marks["3"] != marks["৩"]


@THEMES
def test_six_teams_have_their_own_colour_and_shape(theme, text):
    colours = [art.team_colour(i, theme) for i in range(art.MAX_TEAMS)]
    assert art.MAX_TEAMS == 6 and len(set(colours)) == 6
    for colour in colours:
        assert contrast(colour, theme.card) >= 3 and contrast(colour, theme.background) >= 3
        assert contrast(colour, theme.team_text) >= 4.5
    for vision in COLOUR_BLINDNESS:
        assert closest_pair_seen(colours, vision) >= 12, f"two teams look alike with {vision}"
    shapes = {mark.shape for mark in art.TEAM_MARKS}
    assert len(shapes) == 6 and not shapes & {mark.shape for mark in art.CHOICE_MARKS}
    masks = set()
    for i in range(6):
        canvas = pygame.Surface((64, 64), pygame.SRCALPHA)
        art.draw_team_marker(canvas, i, canvas.get_rect(), theme, str(i + 1), text)
        masks.add(mask(canvas))
        assert any(near(p, colours[i]) for p in solid(canvas))
    assert len(masks) == 6


def test_marks_survive_tiny_and_odd_rectangles(text):
    canvas = pygame.Surface((40, 40))
    for rect in [(0, 0, 0, 0), (5, 5, 1, 30), (0, 0, 3, 3), (-10, -10, 30, 30)]:
        art.draw_choice_mark(canvas, 0, rect, CALM, "1", text)
        art.draw_team_marker(canvas, 5, rect, HIGH_CONTRAST, "৬", text)
        art.draw_card_back(canvas, rect, CALM)


# ---- the card back --------------------------------------------------------------------------------------


@THEMES
def test_a_face_down_card_shows_its_back_with_the_emblem(theme, text):
    screen = pygame.Surface((400, 300))
    screen.fill(theme.background)
    card = pygame.Rect(100, 20, 200, 260)
    art.draw_card_back(screen, card, theme)
    assert near(screen.get_at(card.center)[:3], theme.card_back_emblem, 8), "no emblem in the middle"
    inside = screen.subsurface(card.inflate(-40, -40))
    colours = set(solid(inside))
    assert any(near(c, theme.card_back_pattern, 8) for c in colours), "no pattern"
    assert any(near(c, theme.card_back, 8) for c in colours)
    assert screen.get_at((50, 150))[:3] == theme.background, "the back spills outside its card"
    before = pixels(screen)
    art.draw_card_back(screen, card, theme, "নিরাপদ", text)
    assert pixels(screen) != before, "the label was not drawn"


# ---- the time-up chime -----------------------------------------------------------------------------------


def samples(name: str) -> array.array:
    data = array.array("h")
    data.frombytes(sound.sound_bytes(name))
    return data


def test_time_up_is_a_soft_chime_not_an_alarm():
    chime = samples("time_up")
    seconds = len(chime) / sound.RATE
    assert 0.5 <= seconds <= 2.0
    loudest_other = max(max(abs(s) for s in samples(name)) for name in sound.TUNES)
    assert 0 < max(abs(s) for s in chime) <= loudest_other, "louder than the game's other sounds"
    assert abs(chime[0]) < 200 and abs(chime[-1]) < 50, "it starts or stops with a click"
    first, last = chime[:sound.RATE // 5], chime[-sound.RATE // 5:]
    assert max(abs(s) for s in last) < max(abs(s) for s in first) / 3, "it does not fade out"


def test_time_up_plays_through_the_game_sound_player(monkeypatch):
    monkeypatch.setattr(sound, "sound_device_present", lambda: True)  # the dummy driver stands in for a card
    pygame.init()  # as the game starts: this opens the mixer in pygame's own format first
    sounds = sound.Sounds()
    try:
        assert sounds.available
        sounds.play("time_up")
        # Played at its own speed: as long as it was made to be, not a quarter of it.
        assert "time_up" in sounds._sounds and sounds._sounds["time_up"].get_length() == pytest.approx(
            sound.CHIME_SECONDS, abs=0.01)
        sounds.play("no-such-sound")  # an unknown name stays silent
    finally:
        pygame.mixer.quit()


def test_with_sound_switched_off_time_up_stays_silent(tmp_path, monkeypatch):
    from game.storage import Storage
    from game.ui.app import App

    played = []
    monkeypatch.setattr(sound.Sounds, "play", lambda self, name: played.append(name))
    app = App(Storage(tmp_path), {"language": "en", "sound": False}, (1024, 600))
    app.play_sound("time_up")
    assert played == []
    app.set_setting("sound", True)
    app.play_sound("time_up")
    assert played == ["time_up"]
