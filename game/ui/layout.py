"""Sizes that follow the window: one unit scales margins and text from netbooks to projectors."""
from __future__ import annotations

from dataclasses import dataclass

# Text sizes at the reference window of 1280x720 with the normal text setting. What students read on
# a card is read from the back of a classroom: "card" is 32 px at 1366x768 (about 24 pt on a projected
# slide) and 24 px at 1024x600; "card_note" (discussion questions, scores) 27 px and 20 px.
ROLE_SIZES = {"title": 46, "heading": 30, "body": 23, "button": 22, "small": 18, "card": 30, "card_note": 25,
              "helpline": 30}
# A helpline is the most important text in the game: as large as the card's, it follows the text setting
# like the card, and no scene shrinks it to fit (the scene shrinks what is around it instead).
CARD_ROLES = frozenset({"card", "card_note", "helpline"})
UNSHRUNK_ROLES = frozenset({"helpline"})
TEXT_SCALES = (1.0, 1.2, 1.4)  # the text-size setting: normal, large, larger
# A larger text size enlarges the card fully and the rest of the screen (menus, the top bar) by
# this share of the step, so the room gains on what it reads.
OTHER_TEXT_SHARE = 0.5
MIN_TEXT = 14
REFERENCE = (1280, 720)
MIN_WINDOW = (640, 400)


@dataclass(frozen=True)
class Metrics:
    width: int
    height: int
    text_scale: float = 1.0
    fit: float = 1.0  # a scene may shrink its text further so that a long card still fits

    @property
    def unit(self) -> float:
        return min(self.width / REFERENCE[0], self.height / REFERENCE[1])

    def text(self, role: str) -> int:
        scale = self.text_scale if role in CARD_ROLES else 1 + (self.text_scale - 1) * OTHER_TEXT_SHARE
        fit = 1.0 if role in UNSHRUNK_ROLES else self.fit
        return max(MIN_TEXT, round(ROLE_SIZES[role] * self.unit * scale * fit))

    def px(self, value: float) -> int:
        """A length in reference pixels, scaled to this window."""
        return max(1, round(value * self.unit))

    @property
    def margin(self) -> int:
        return self.px(28)

    @property
    def gap(self) -> int:
        return self.px(14)

    def shrunk(self, factor: float) -> "Metrics":
        return Metrics(self.width, self.height, self.text_scale, self.fit * factor)


def all_text_sizes(window_sizes=((1024, 600), (1366, 768), (1920, 1080), (800, 600))) -> list[int]:
    """Every text size the game can use at these windows (for the shaping tests)."""
    sizes = set()
    for width, height in window_sizes:
        for scale in TEXT_SCALES:
            metrics = Metrics(width, height, scale)
            for fit in (1.0, 0.9, 0.8, 0.7, 0.6):
                for role in ROLE_SIZES:
                    sizes.add(metrics.shrunk(fit).text(role))
    return sorted(sizes)
