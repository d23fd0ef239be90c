"""The results screen gives each team one line, at every window and text size, in both languages."""
from __future__ import annotations

import pygame
import pytest

from game.engine.game import Game
from game.engine.rules import MAX_TEAM_NAME, MAX_TEAMS, GameConfig
from game.storage import Storage
from game.ui.app import App
from game.ui.drawn_text import RecordingSurface
from game.ui.scenes.results import ResultsScene
from game.ui.shots import played_to_the_end
from game.ui.text import grapheme_clusters
from game.ui.widgets import shorten_to_width

LONG_NAMES = {
    "en": ("The Brave Lions of Class", "MMMMMMMMMMMMMMMMMMMMMMMM", "Keepers of the Wifi Pass", "Sunflowers",
           "Night owls who read a lot", "Team 6"),
    "bn": ("নবম শ্রেণির সাহসী সিংহরা", "ক্ষুদ্র প্রাপ্তবয়স্কের দলটি", "ওয়াইফাই পাসওয়ার্ডের রক্ষক", "সূর্যমুখী",
           "রাতের পেঁচারা যারা পড়ে", "দল ৬"),
}


def finished_game(app, names) -> Game:
    """A game played to its end in which the teams' rates differ (one at 100%)."""
    return played_to_the_end(Game(GameConfig(teams=names, seed=7, turns_per_team=2), app.session.decks.cards))


def recorded_lines(app):
    """Every line of text in the next picture, with where it went."""
    app.scene.changed()
    app.layout()
    picture = RecordingSurface(app.screen.get_size(), app.ui.text)
    app.draw_onto(picture)
    return picture.lines


@pytest.fixture(scope="module")
def pygame_up():
    pygame.init()
    yield
    pygame.quit()


@pytest.mark.parametrize("language", ["bn", "en"])
@pytest.mark.parametrize("size", [(1024, 600), (1366, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_team_has_one_line(pygame_up, tmp_path, size, language):
    names = tuple(name[:MAX_TEAM_NAME] for name in LONG_NAMES[language])
    assert len(names) == MAX_TEAMS
    for text_size in (0, 1, 2):
        app = App(Storage(tmp_path), {"language": language, "sound": False, "text_size": text_size}, size)
        app.session.begin(finished_game(app, names))
        app.flow.reset_to(ResultsScene(app))
        lines = recorded_lines(app)
        scene = app.scene
        where = f"{size}, text size {text_size}, {language}"
        rows = scene.team_rows
        assert len(rows) == MAX_TEAMS, where
        window = pygame.Rect((0, 0), size)
        for row, below in zip(rows, rows[1:]):
            assert row.bottom <= below.top, f"{where}: team lines overlap"
        for row in rows:
            assert window.contains(row), f"{where}: a team line leaves the window"
            # Everything on a team's line (its name, points and rate) stands on that one line.
            on_row = [line for line in lines if row.colliderect(pygame.Rect(line.rect))]
            assert len(on_row) >= 3, f"{where}: {[line.text for line in on_row]}"
            assert len({line.rect[1] for line in on_row}) <= 2 and all(
                abs(line.rect[1] - on_row[0].rect[1]) <= line.px // 2 for line in on_row), (
                f"{where}: a team's line wraps: {[line.text for line in on_row]}")
        for name in names:
            # The team's name is drawn once, on one line: whole, or shortened with an ellipsis.
            shown = [line.text for line in lines
                     if ". " in line.text and name.startswith(line.text.split(". ", 1)[-1].rstrip("\u2026"))]
            assert len(shown) == 1, f"{where}: {name!r} drawn as {shown}"
        assert not any(app.tr.format(app.tr._("safe choices: {rate}"), rate="") in line.text for line in lines)


def test_a_long_name_is_shortened_with_an_ellipsis_never_cut_in_a_letter(pygame_up, tmp_path):
    app = App(Storage(tmp_path), {"language": "bn", "sound": False}, (1024, 600))
    size = app.ui.metrics.text("body")
    for name in LONG_NAMES["bn"][:3]:
        clusters = grapheme_clusters(name)
        full = app.text.size(name, size)[0]
        assert shorten_to_width(app.ui, name, size, full) == name
        for width in range(full // 5, full, max(1, full // 17)):
            shown = shorten_to_width(app.ui, name, size, width)
            assert shown.endswith("\u2026") and app.text.size(shown, size)[0] <= width, (name, width, shown)
            kept = grapheme_clusters(shown[:-1])
            assert kept == clusters[:len(kept)] and len(kept) < len(clusters), f"{shown!r} cuts inside a letter"
