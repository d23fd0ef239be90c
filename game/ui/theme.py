"""Colours of the two themes, calm and high-contrast; grades never rely on colour alone.

The choice and team colours were picked to stay apart for viewers with red-green or blue-yellow
colour blindness (checked by simulation in tests/ui/test_art.py); each also has its own shape
(game/ui/art.py), so colour is never the only cue.
"""
from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]


@dataclass(frozen=True)
class Theme:
    background: Color
    card: Color
    card_border: Color
    text: Color
    muted: Color
    accent: Color
    accent_text: Color
    button: Color
    button_text: Color
    button_hover: Color
    focus: Color
    safe: Color
    partly_safe: Color
    risky: Color
    alert: Color
    alert_text: Color
    calm: Color
    bar_back: Color
    choice_marks: tuple[Color, ...]  # answers 1-4: fill of the shape, with choice_mark_text on it
    choice_mark_text: Color
    teams: tuple[Color, ...]  # up to six teams: marker fill, with team_text on it
    team_text: Color
    card_back: Color
    card_back_pattern: Color
    card_back_emblem: Color


CALM = Theme(
    background=(244, 241, 234), card=(255, 255, 255), card_border=(205, 198, 184),
    text=(31, 41, 51), muted=(88, 96, 105), accent=(11, 110, 105), accent_text=(255, 255, 255),
    button=(226, 236, 233), button_text=(20, 50, 48), button_hover=(200, 224, 218),
    focus=(217, 119, 6), safe=(27, 127, 59), partly_safe=(161, 92, 0), risky=(179, 38, 30),
    alert=(166, 32, 28), alert_text=(255, 255, 255), calm=(222, 235, 247), bar_back=(229, 225, 216),
    # blue, ochre, magenta, green: dark enough for a white digit and for the white card
    choice_marks=((0, 90, 200), (170, 95, 0), (200, 30, 130), (20, 110, 70)), choice_mark_text=(255, 255, 255),
    # blue, ochre, magenta, green, slate, navy
    teams=((0, 90, 200), (170, 95, 0), (200, 30, 130), (20, 110, 70), (70, 70, 70), (40, 40, 120)),
    team_text=(255, 255, 255),
    card_back=(11, 110, 105), card_back_pattern=(45, 135, 130), card_back_emblem=(255, 255, 255),
)

HIGH_CONTRAST = Theme(
    background=(0, 0, 0), card=(0, 0, 0), card_border=(255, 255, 255),
    text=(255, 255, 255), muted=(230, 230, 230), accent=(255, 221, 0), accent_text=(0, 0, 0),
    button=(0, 0, 0), button_text=(255, 255, 255), button_hover=(50, 50, 50),
    focus=(0, 230, 255), safe=(100, 255, 120), partly_safe=(255, 200, 0), risky=(255, 120, 120),
    alert=(0, 0, 0), alert_text=(255, 255, 0), calm=(0, 0, 40), bar_back=(60, 60, 60),
    # sky blue, yellow, pink, mint: light enough for a black digit and for the black card
    choice_marks=((80, 170, 255), (255, 220, 0), (255, 110, 170), (170, 255, 170)), choice_mark_text=(0, 0, 0),
    teams=((80, 170, 255), (255, 220, 0), (255, 110, 170), (170, 255, 170), (230, 230, 230), (255, 150, 60)),
    team_text=(0, 0, 0),
    card_back=(0, 0, 0), card_back_pattern=(110, 95, 0), card_back_emblem=(255, 221, 0),
)


def theme_for(high_contrast: bool) -> Theme:
    return HIGH_CONTRAST if high_contrast else CALM
