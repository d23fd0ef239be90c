"""The pictures of the card game on screen: topic icons, answer marks, team markers and the card back.

Icons are Tabler Icons (MIT, see assets/icons/README.md; game/icons.py says which topic has which),
drawn in any colour by rewriting the SVG's `currentColor` before loading it. Everything else is drawn
in code. Answers and teams each have a shape and a number as well as a colour, so nobody needs to tell
colours apart to play.

Surfaces returned here are cached and shared: blit them, never draw on them.
"""
from __future__ import annotations

import dataclasses

import io
import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game import icons
from game.icons import ICON_FILES, MYTH_FACT, RED_ALERT, icon_name_for  # noqa: F401  (the play scene's API)
from game.ui.theme import Theme

if TYPE_CHECKING:
    from game.ui.text import TextRenderer

log = logging.getLogger(__name__)

_CACHE_LIMIT = 256

Color = tuple[int, int, int]
_icons: dict[tuple[str, int, Color], pygame.Surface] = {}
_shapes: dict[tuple, pygame.Surface] = {}


def clear_cache() -> None:
    _icons.clear()
    _shapes.clear()


def _rgb(colour) -> Color:
    c = pygame.Color(colour)
    return (c.r, c.g, c.b)


def _remember(cache: dict, key, surface: pygame.Surface) -> pygame.Surface:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()  # a lesson uses a few dozen; only odd window sizes ever fill this
    cache[key] = surface
    return surface


# ---- topic icons ------------------------------------------------------------------------------------


def topic_icon(topic: str, size_px: int, colour) -> pygame.Surface:
    """The topic's icon, size_px square, its lines in `colour`, on a transparent surface.

    `topic` is a topic from game.engine.cards.TOPICS, or MYTH_FACT / RED_ALERT. An unknown topic or a
    missing or damaged icon file gives a plain drawn mark instead: the lesson goes on.
    """
    size = max(1, int(size_px))
    rgb = _rgb(colour)
    key = (topic, size, rgb)
    cached = _icons.get(key)
    if cached is None:
        cached = _load_icon(topic, size, rgb) or _fallback_icon(size, rgb)
        _remember(_icons, key, cached)
    return cached


def _load_icon(topic: str, size: int, rgb: Color) -> pygame.Surface | None:
    svg = icons.icon_svg(topic, rgb)
    if svg is None:
        return None
    try:
        source = io.BytesIO(svg)
        if hasattr(pygame.image, "load_sized_svg"):  # pygame-ce 2.4+: drawn sharp at the size asked
            surface = pygame.image.load_sized_svg(source, (size, size))
        else:
            surface = pygame.transform.smoothscale(pygame.image.load(source, "icon.svg"), (size, size))
    except (pygame.error, ValueError) as error:
        log.info("The picture for %s could not be drawn (%s); showing a plain mark.", topic, error)
        return None
    if surface.get_size() != (size, size):
        surface = pygame.transform.smoothscale(surface, (size, size))
    if surface.get_bounding_rect().width == 0:  # an SVG that parses but draws nothing
        log.info("The picture for %s is empty; showing a plain mark.", topic)
        return None
    return surface


def _fallback_icon(size: int, rgb: Color) -> pygame.Surface:
    """A ring with a dot: says "a topic goes here" without pretending to be one."""
    def draw(canvas: pygame.Surface, s: int) -> None:
        stroke = max(1, round(s / 12))
        pygame.draw.circle(canvas, rgb, (s / 2, s / 2), s * 0.375, stroke)
        pygame.draw.circle(canvas, rgb, (s / 2, s / 2), s * 0.125)
    return _smooth(draw, (size, size))


# ---- drawing helpers --------------------------------------------------------------------------------

_SUPERSAMPLE = 3  # pygame draws polygons without anti-aliasing: draw big, shrink smoothly


def _smooth(draw, size: tuple[int, int]) -> pygame.Surface:
    """Call draw(canvas, side) on a _SUPERSAMPLE times larger transparent canvas and shrink it to `size`."""
    w, h = max(1, size[0]), max(1, size[1])
    canvas = pygame.Surface((w * _SUPERSAMPLE, h * _SUPERSAMPLE), pygame.SRCALPHA)
    draw(canvas, min(w, h) * _SUPERSAMPLE)
    return pygame.transform.smoothscale(canvas, (w, h))


def _square_in(rect: pygame.Rect) -> pygame.Rect:
    side = min(rect.width, rect.height)
    square = pygame.Rect(0, 0, side, side)
    square.center = rect.center
    return square


def _regular(count: int, radius: float, turn: float = -math.pi / 2, centre=(0.5, 0.5)) -> list[tuple[float, float]]:
    return [(centre[0] + radius * math.cos(turn + 2 * math.pi * i / count),
             centre[1] + radius * math.sin(turn + 2 * math.pi * i / count)) for i in range(count)]


def _star_points() -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = 0.49 if i % 2 == 0 else 0.22
        angle = -math.pi / 2 + math.pi * i / 5
        points.append((0.5 + radius * math.cos(angle), 0.53 + radius * math.sin(angle)))
    return points


def _heart_points() -> list[tuple[float, float]]:
    points = []
    for i in range(48):
        t = 2 * math.pi * i / 48
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((0.5 + x / 34, 0.47 - y / 34))
    return points


def _drop_points() -> list[tuple[float, float]]:
    points = [(0.5, 0.02)]
    for i in range(33):  # the round bottom, from the right side round to the left
        angle = -math.pi / 6 + (math.pi + math.pi / 3) * i / 32
        points.append((0.5 + 0.34 * math.cos(angle), 0.62 + 0.34 * math.sin(angle)))
    return points


@dataclass(frozen=True)
class Mark:
    """A shape in a unit square: its outline (None for a circle) and where its label sits.

    label_box is the side of the square the label must fit in, as a share of the shape's size.
    """
    shape: str
    outline: tuple[tuple[float, float], ...] | None
    label_centre: tuple[float, float]
    label_box: float


_CIRCLE = Mark("circle", None, (0.5, 0.5), 0.56)
_TRIANGLE = Mark("triangle", ((0.5, 0.04), (0.98, 0.9), (0.02, 0.9)), (0.5, 0.63), 0.4)
_SQUARE = Mark("square", ((0.09, 0.09), (0.91, 0.09), (0.91, 0.91), (0.09, 0.91)), (0.5, 0.5), 0.56)
_DIAMOND = Mark("diamond", ((0.5, 0.01), (0.99, 0.5), (0.5, 0.99), (0.01, 0.5)), (0.5, 0.5), 0.44)

# Answer 1-4: shape and number always together with the theme's colour (theme.choice_marks).
CHOICE_MARKS: tuple[Mark, ...] = (_CIRCLE, _TRIANGLE, _SQUARE, _DIAMOND)

# Teams use other shapes than the answers, so "team 2 chose answer 3" never reads as two answers.
TEAM_MARKS: tuple[Mark, ...] = (
    Mark("star", tuple(_star_points()), (0.5, 0.55), 0.3),
    Mark("hexagon", tuple(_regular(6, 0.49, turn=0)), (0.5, 0.5), 0.56),
    Mark("plus", ((0.33, 0.03), (0.67, 0.03), (0.67, 0.33), (0.97, 0.33), (0.97, 0.67), (0.67, 0.67),
                  (0.67, 0.97), (0.33, 0.97), (0.33, 0.67), (0.03, 0.67), (0.03, 0.33), (0.33, 0.33)),
         (0.5, 0.5), 0.4),
    Mark("heart", tuple(_heart_points()), (0.5, 0.45), 0.4),
    Mark("drop", tuple(_drop_points()), (0.5, 0.63), 0.4),
    Mark("flower", None, (0.5, 0.5), 0.4),
)
MAX_TEAMS = len(TEAM_MARKS)


def _shape_surface(mark: Mark, side: int, rgb: Color) -> pygame.Surface:
    key = ("mark", mark.shape, side, rgb)
    cached = _shapes.get(key)
    if cached is not None:
        return cached

    def draw(canvas: pygame.Surface, s: int) -> None:
        if mark.shape == "circle":
            pygame.draw.circle(canvas, rgb, (s / 2, s / 2), s * 0.49)
        elif mark.shape == "flower":
            for x, y in _regular(4, 0.24, turn=math.pi / 4):
                pygame.draw.circle(canvas, rgb, (x * s, y * s), s * 0.25)
            pygame.draw.circle(canvas, rgb, (s / 2, s / 2), s * 0.28)
        else:
            pygame.draw.polygon(canvas, rgb, [(x * s, y * s) for x, y in mark.outline])
    return _remember(_shapes, key, _smooth(draw, (side, side)))


def _draw_mark(surface: pygame.Surface, mark: Mark, rect: pygame.Rect, fill: Color, label_colour: Color,
               label: str, text: TextRenderer | None) -> pygame.Rect:
    square = _square_in(pygame.Rect(rect))
    if square.width < 2:
        return square
    surface.blit(_shape_surface(mark, square.width, fill), square)
    if label and text is not None:
        box = max(4, int(square.width * mark.label_box))
        rendered = _label(text, label, box, label_colour)
        glyphs = rendered.get_bounding_rect()
        if glyphs.width:
            centre = (square.x + mark.label_centre[0] * square.width, square.y + mark.label_centre[1] * square.height)
            surface.blit(rendered, (round(centre[0] - glyphs.centerx), round(centre[1] - glyphs.centery)))
    return square


def _label(text: TextRenderer, label: str, box: int, colour: Color) -> pygame.Surface:
    """The label in bold, as large as fits a box-sized square (judged by its visible glyphs)."""
    size = max(6, int(box * 1.25))
    while True:
        rendered = text.render_line(label, size, colour, bold=True)
        glyphs = rendered.get_bounding_rect()
        if (glyphs.width <= box and glyphs.height <= box) or size <= 6:
            return rendered
        size = max(6, int(size * 0.88))


# ---- answers and teams ------------------------------------------------------------------------------


def choice_colour(index: int, theme: Theme) -> Color:
    return theme.choice_marks[index % len(theme.choice_marks)]


def draw_choice_mark(surface: pygame.Surface, index: int, rect, theme: Theme, label: str = "",
                     text: TextRenderer | None = None) -> pygame.Rect:
    """Answer `index` (0-3) as its coloured shape in the largest square that fits `rect`.

    `label` is written on it (pass tr.number(index + 1), so Bangla shows a Bangla digit) with the game's
    TextRenderer `text`; with no label or no renderer, the shape alone. Returns the square drawn in.
    """
    mark = CHOICE_MARKS[index % len(CHOICE_MARKS)]
    return _draw_mark(surface, mark, rect, choice_colour(index, theme), theme.choice_mark_text, label, text)


def team_colour(index: int, theme: Theme) -> Color:
    """Team `index`'s colour (0-5). It takes theme.team_text on it and stands out on theme.card."""
    return theme.teams[index % len(theme.teams)]


def draw_team_marker(surface: pygame.Surface, index: int, rect, theme: Theme, label: str = "",
                     text: TextRenderer | None = None) -> pygame.Rect:
    """Team `index`'s shape in its colour, in the largest square that fits `rect`; label as for answers."""
    mark = TEAM_MARKS[index % len(TEAM_MARKS)]
    return _draw_mark(surface, mark, rect, team_colour(index, theme), theme.team_text, label, text)


# ---- the back of a card -----------------------------------------------------------------------------


def _card_back_emblem(side: int, theme: Theme) -> pygame.Surface:
    """The game's shield with a tick (as on the window icon), on a clear disc, `side` pixels square."""
    key = ("back-emblem", side, theme.card_back, theme.card_back_emblem)
    cached = _shapes.get(key)
    if cached is not None:
        return cached

    def draw(canvas: pygame.Surface, canvas_side: int) -> None:
        c, r = canvas_side / 2, canvas_side / 2 / 1.1
        pygame.draw.circle(canvas, theme.card_back, (c, c), r * 1.08)
        pygame.draw.circle(canvas, theme.card_back_emblem, (c, c), r * 1.08, max(1, canvas_side // 33))
        shield = [(0, -0.72), (0.62, -0.48), (0.56, 0.1), (0, 0.76), (-0.56, 0.1), (-0.62, -0.48)]
        pygame.draw.polygon(canvas, theme.card_back_emblem, [(c + x * r, c + y * r) for x, y in shield])
        tick = [(-0.3, 0.0), (-0.08, 0.24), (0.32, -0.24)]
        pygame.draw.lines(canvas, theme.card_back, False, [(c + x * r, c + y * r) for x, y in tick],
                          max(2, int(r * 0.16)))

    return _remember(_shapes, key, _smooth(draw, (side, side)))


def team_card_back(theme: Theme, team: int) -> Theme:
    """The theme with the card's back in team `team`'s colour (its lattice a lighter shade, its emblem in the
    colour drawn on the team's marks), so the room sees whose card it is before it is turned."""
    colour = team_colour(team, theme)
    pattern = tuple(round(c + (255 - c) * 0.25) if sum(colour) < 384 else round(c * 0.8) for c in colour)
    return dataclasses.replace(theme, card_back=colour, card_back_pattern=pattern, card_back_emblem=theme.team_text)


def draw_card_back(surface: pygame.Surface, rect, theme: Theme, label: str = "",
                   text: TextRenderer | None = None) -> None:
    """The back of a face-down card filling `rect`; `label` (e.g. the deck's name), if given, under the emblem."""
    # Drawn in place each time (a few lines and one small cached emblem), not kept as a picture of the whole
    # card: that picture took 1-2 MB for as long as the game ran, and drawing it large to smooth it 9 MB more.
    rect = pygame.Rect(rect)
    short = min(rect.width, rect.height)
    radius = max(2, int(short * 0.06))
    pygame.draw.rect(surface, theme.card_back, rect, border_radius=radius)
    inset = int(short * 0.07)
    field = rect.inflate(-2 * inset, -2 * inset)
    # A diamond lattice, clipped to the inner field (and to whatever the surface was clipped to).
    step, line = max(6, short // 9), max(1, short // 90)
    clip = surface.get_clip()
    surface.set_clip(field.clip(clip))
    for offset in range(field.left - field.height, field.right + field.height, step):
        pygame.draw.line(surface, theme.card_back_pattern, (offset, field.top), (offset + field.height, field.bottom), line)
        pygame.draw.line(surface, theme.card_back_pattern, (offset, field.bottom), (offset + field.height, field.top), line)
    surface.set_clip(clip)
    pygame.draw.rect(surface, theme.card_back_emblem, field, max(1, short // 70), border_radius=max(1, radius - inset // 2))
    emblem = _card_back_emblem(max(4, int(short * 0.53)), theme)
    surface.blit(emblem, emblem.get_rect(center=rect.center))
    if label and text is not None:
        size = max(8, int(min(rect.width, rect.height) * 0.07))
        rendered = text.render_line(label, size, theme.card_back_emblem, bold=True)
        while rendered.get_width() > rect.width * 0.8 and size > 8:
            size = max(8, int(size * 0.88))
            rendered = text.render_line(label, size, theme.card_back_emblem, bold=True)
        backing = rendered.get_rect(midtop=(rect.centerx, rect.centery + int(min(rect.size) * 0.3)))
        pygame.draw.rect(surface, theme.card_back, backing.inflate(size // 2, 0))
        surface.blit(rendered, backing)
