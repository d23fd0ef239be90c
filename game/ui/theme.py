"""Colours of the two themes, calm and high-contrast; grades never rely on colour alone."""
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


CALM = Theme(
    background=(244, 241, 234), card=(255, 255, 255), card_border=(205, 198, 184),
    text=(31, 41, 51), muted=(88, 96, 105), accent=(11, 110, 105), accent_text=(255, 255, 255),
    button=(226, 236, 233), button_text=(20, 50, 48), button_hover=(200, 224, 218),
    focus=(217, 119, 6), safe=(27, 127, 59), partly_safe=(161, 92, 0), risky=(179, 38, 30),
    alert=(166, 32, 28), alert_text=(255, 255, 255), calm=(222, 235, 247), bar_back=(229, 225, 216),
)

HIGH_CONTRAST = Theme(
    background=(0, 0, 0), card=(0, 0, 0), card_border=(255, 255, 255),
    text=(255, 255, 255), muted=(230, 230, 230), accent=(255, 221, 0), accent_text=(0, 0, 0),
    button=(0, 0, 0), button_text=(255, 255, 255), button_hover=(50, 50, 50),
    focus=(0, 230, 255), safe=(100, 255, 120), partly_safe=(255, 200, 0), risky=(255, 120, 120),
    alert=(0, 0, 0), alert_text=(255, 255, 0), calm=(0, 0, 40), bar_back=(60, 60, 60),
)


def theme_for(high_contrast: bool) -> Theme:
    return HIGH_CONTRAST if high_contrast else CALM
