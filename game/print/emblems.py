"""A small emblem for each topic, so a pile of cut cards sorts by picture as well as by word.

Each emblem is a white disc with the topic's icon in the card's colour: the same icon as on the
screen (game/icons.py), so a class recognises a card from the projector on paper. Should an icon file
be missing or damaged, a simple sign drawn with the PDF's own lines and shapes takes its place.
"""
from __future__ import annotations

import io
import logging
import math
from xml.etree.ElementTree import ParseError

from fpdf import FPDF
from fpdf.errors import FPDFException

from game.icons import icon_svg

log = logging.getLogger(__name__)

WHITE = (255, 255, 255)


def _polygon(pdf: FPDF, cx: float, cy: float, r: float, points: list[tuple[float, float]]) -> None:
    """Points in units of the emblem's radius, centred on (0, 0), y downwards."""
    pdf.polygon([(cx + x * r, cy + y * r) for x, y in points], style="F")


def _star(count: int, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(count * 2):
        radius = 0.62 if i % 2 == 0 else 0.62 * inner
        angle = math.pi * i / count - math.pi / 2
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
    return points


def _eye(pdf, cx, cy, r, color):
    pdf.ellipse(cx - 0.62 * r, cy - 0.32 * r, 1.24 * r, 0.64 * r, style="F")
    pdf.set_fill_color(*WHITE)
    pdf.ellipse(cx - 0.2 * r, cy - 0.2 * r, 0.4 * r, 0.4 * r, style="F")


def _gift(pdf, cx, cy, r, color):
    pdf.rect(cx - 0.48 * r, cy - 0.12 * r, 0.96 * r, 0.68 * r, style="F")
    pdf.rect(cx - 0.6 * r, cy - 0.36 * r, 1.2 * r, 0.22 * r, style="F")
    _polygon(pdf, cx, cy, r, [(0.0, -0.4), (-0.42, -0.68), (-0.42, -0.4)])  # the bow
    _polygon(pdf, cx, cy, r, [(0.0, -0.4), (0.42, -0.68), (0.42, -0.4)])
    pdf.set_fill_color(*WHITE)
    pdf.rect(cx - 0.07 * r, cy - 0.36 * r, 0.14 * r, 0.92 * r, style="F")


def _lightning(pdf, cx, cy, r, color):
    _polygon(pdf, cx, cy, r, [(0.1, -0.7), (-0.4, 0.1), (-0.02, 0.1), (-0.15, 0.7), (0.4, -0.15), (0.02, -0.15)])


def _camera(pdf, cx, cy, r, color):
    pdf.rect(cx - 0.6 * r, cy - 0.3 * r, 1.2 * r, 0.75 * r, style="F")
    pdf.rect(cx - 0.22 * r, cy - 0.45 * r, 0.44 * r, 0.2 * r, style="F")
    pdf.set_fill_color(*WHITE)
    pdf.ellipse(cx - 0.22 * r, cy - 0.15 * r, 0.44 * r, 0.44 * r, style="F")


def _padlock(pdf, cx, cy, r, color):
    pdf.ellipse(cx - 0.32 * r, cy - 0.65 * r, 0.64 * r, 0.7 * r, style="F")
    pdf.set_fill_color(*WHITE)
    pdf.ellipse(cx - 0.18 * r, cy - 0.5 * r, 0.36 * r, 0.45 * r, style="F")
    pdf.set_fill_color(*color)
    pdf.rect(cx - 0.48 * r, cy - 0.15 * r, 0.96 * r, 0.75 * r, style="F")


def _shield(pdf, cx, cy, r, color):
    _polygon(pdf, cx, cy, r, [(-0.55, -0.55), (0.55, -0.55), (0.55, 0.0), (0.0, 0.68), (-0.55, 0.0)])


def _friends(pdf, cx, cy, r, color):
    for dx in (-0.3, 0.3):
        pdf.ellipse(cx + (dx - 0.17) * r, cy - 0.55 * r, 0.34 * r, 0.34 * r, style="F")
        pdf.ellipse(cx + (dx - 0.28) * r, cy - 0.12 * r, 0.56 * r, 0.6 * r, style="F")


def _controller(pdf, cx, cy, r, color):
    pdf.rect(cx - 0.62 * r, cy - 0.3 * r, 1.24 * r, 0.6 * r, style="F", round_corners=True, corner_radius=0.2 * r)
    pdf.set_fill_color(*WHITE)
    pdf.rect(cx - 0.45 * r, cy - 0.05 * r, 0.36 * r, 0.1 * r, style="F")
    pdf.rect(cx - 0.32 * r, cy - 0.18 * r, 0.1 * r, 0.36 * r, style="F")
    pdf.ellipse(cx + 0.25 * r, cy - 0.08 * r, 0.16 * r, 0.16 * r, style="F")


def _heart(pdf, cx, cy, r, color):
    points = []
    for i in range(40):
        t = 2 * math.pi * i / 40
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((x / 26, -y / 26 - 0.05))
    _polygon(pdf, cx, cy, r, points)


def _warning(pdf, cx, cy, r, color):
    _polygon(pdf, cx, cy, r, [(0.0, -0.62), (0.62, 0.5), (-0.62, 0.5)])
    pdf.set_fill_color(*WHITE)
    pdf.rect(cx - 0.06 * r, cy - 0.25 * r, 0.12 * r, 0.45 * r, style="F")
    pdf.rect(cx - 0.06 * r, cy + 0.28 * r, 0.12 * r, 0.12 * r, style="F")


def _cross(pdf, cx, cy, r, color):
    pdf.rect(cx - 0.18 * r, cy - 0.6 * r, 0.36 * r, 1.2 * r, style="F")
    pdf.rect(cx - 0.6 * r, cy - 0.18 * r, 1.2 * r, 0.36 * r, style="F")


def _sun(pdf, cx, cy, r, color):
    pdf.ellipse(cx - 0.3 * r, cy - 0.3 * r, 0.6 * r, 0.6 * r, style="F")
    for i in range(8):
        angle = math.pi * i / 4
        tip, side = (0.68, 0.38), 0.12
        points = [(tip[0] * math.cos(angle), tip[0] * math.sin(angle))]
        for turn in (-1, 1):
            a = angle + turn * side
            points.append((tip[1] * math.cos(a), tip[1] * math.sin(a)))
        _polygon(pdf, cx, cy, r, points)


def _star_sign(pdf, cx, cy, r, color):
    _polygon(pdf, cx, cy, r, _star(5, 0.45))


EMBLEMS = {
    "recognising_abuse": _eye,
    "grooming": _gift,
    "cyberbullying": _lightning,
    "made_to_order": _camera,
    "sextortion": _padlock,
    "privacy": _shield,
    "online_friends": _friends,
    "games_and_ai": _controller,
    "helping_a_friend": _heart,
    "scams": _warning,
    "getting_help": _cross,
    "wellbeing": _sun,
}


def _icon(pdf: FPDF, topic: str, cx: float, cy: float, radius: float, color: tuple[int, int, int]) -> bool:
    """The topic's icon inside the disc; False when there is no usable icon file."""
    svg = icon_svg(topic, color)
    if svg is None:
        return False
    side = 1.5 * radius  # the icon's own margin keeps its lines inside the disc
    try:
        pdf.image(io.BytesIO(svg), x=cx - side / 2, y=cy - side / 2, w=side, h=side)
    except (FPDFException, ParseError, ValueError, KeyError, TypeError, OSError) as error:
        log.info("The picture for %s could not be printed (%s); a drawn sign stands in.", topic, error)
        return False
    return True


def draw_emblem(pdf: FPDF, topic: str, cx: float, cy: float, radius: float, color: tuple[int, int, int]) -> None:
    """A white disc of `radius` mm at (cx, cy) with the topic's icon (or drawn sign) in `color`."""
    pdf.set_fill_color(*WHITE)
    pdf.ellipse(cx - radius, cy - radius, 2 * radius, 2 * radius, style="F")
    if _icon(pdf, topic, cx, cy, radius, color):
        return
    pdf.set_fill_color(*color)
    EMBLEMS.get(topic, _star_sign)(pdf, cx, cy, radius, color)
