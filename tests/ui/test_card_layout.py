"""The card on the projector: every card `validate` accepts fits the smallest school screen, in every phase,
at every text size, in Bangla and English, with its text no smaller than the room can read."""
from __future__ import annotations

import pygame
import pytest

from game.kinds import kind_of

from game.engine.game import Game
from game.engine.rules import Action, GameConfig, Phase
from game.storage import Storage
from game.ui.app import App
from game.ui.drawn_text import RecordingSurface
from game.ui.layout import TEXT_SCALES
from game.ui.modes import CLASSROOM
from game.ui.scenes.play import PlayScene
from tests.print.test_card_fit import card_at_limits

# At the normal text size: what students read on a card, and the discussion questions and scores.
CARD_ROLES = ("story", "prompt", "choice", "feedback", "tip")
MINIMUM_PX = {(1024, 600): (24, 20), (1366, 768): (30, 24)}


def shot(app) -> RecordingSurface:
    """The picture the app draws now, with where each line of text went."""
    app.layout()
    picture = RecordingSurface(app.screen.get_size(), app.ui.text)
    app.draw_onto(picture)
    return picture


def play_at(app, card, phase: Phase) -> PlayScene:
    game = Game(GameConfig(teams=("দল ১", "দল ২", "দল ৩"), seed=1, turns_per_team=2,
                           card_ids=(card.id,) * 1), {card.id: card})
    game.act(Action("draw", team=0))
    if phase in (Phase.DISCUSSING, Phase.CHOSEN, Phase.REVEALED):
        game.act(Action("start_discussion"))
    if phase in (Phase.CHOSEN, Phase.REVEALED):
        game.act(Action("choose", team=0, answer=1, seconds=30))
    if phase is Phase.REVEALED:
        game.act(Action("reveal"))
    app.session.begin(game)
    scene = PlayScene(app)
    app.flow.reset_to(scene)
    return scene


@pytest.fixture(scope="module")
def apps(tmp_path_factory):
    pygame.init()
    made = {}

    def make(size, language):
        if (size, language) not in made:
            app = App(Storage(tmp_path_factory.mktemp("data")), {"language": language, "sound": False}, size,
                      mode=CLASSROOM)
            made[size, language] = app
        return made[size, language]

    yield make
    pygame.quit()


def problems_in(picture: RecordingSurface, scene: PlayScene) -> list[str]:
    """What a viewer would notice: text outside the card or the window, text on text, buttons overlapping."""
    found = []
    window = picture.get_rect()
    for line in picture.lines:
        rect = pygame.Rect(line.rect)
        if not window.contains(rect):
            found.append(f"{line.role} line outside the window: {line.text!r}")
        if line.role in CARD_ROLES + ("discussion",) and not scene.card_rect.contains(rect):
            found.append(f"{line.role} line outside the card: {line.text!r}")
    for i, a in enumerate(picture.lines):
        for b in picture.lines[i + 1:]:
            if pygame.Rect(a.rect).inflate(-2, -2).colliderect(pygame.Rect(b.rect).inflate(-2, -2)):
                found.append(f"{a.role} {a.text!r} overlaps {b.role} {b.text!r}")
    card_buttons = [b for b in scene.buttons if b.name not in ("calm", "language")]
    tiles = [b.rect for b in card_buttons if "choice" in b.extra]
    for line in picture.lines:
        if line.role == "choice" and not any(tile.contains(pygame.Rect(line.rect)) for tile in tiles):
            found.append(f"choice line outside its tile: {line.text!r}")  # the picked one is bold, so wider
    for button in card_buttons:
        if "choice" in button.extra:
            continue  # a tile holds its own words
        for line in picture.lines:
            if line.role in CARD_ROLES + ("discussion", "timer") and button.rect.colliderect(pygame.Rect(line.rect)):
                found.append(f"button {button.name} covers {line.role} {line.text!r}")
    for i, a in enumerate(card_buttons):
        beside = a.name == "phones-join" or a.name.startswith("peek-")  # below the scores
        if not (window.contains(a.rect) if beside else scene.card_rect.contains(a.rect)):
            found.append(f"button {a.name} outside the {'window' if beside else 'card'}")
        if beside and a.rect.colliderect(scene.card_rect):
            found.append(f"button {a.name} on the card")
        for b in card_buttons[i + 1:]:
            if a.rect.colliderect(b.rect):
                found.append(f"buttons {a.name} and {b.name} overlap")
    return found


PHASES = (Phase.CARD, Phase.DISCUSSING, Phase.CHOSEN, Phase.REVEALED)


@pytest.mark.parametrize("language", ["bn", "en"])
@pytest.mark.parametrize("kind", ["scenario", "myth_fact"])
@pytest.mark.parametrize("seed", range(2))
def test_the_longest_card_validate_accepts_fits_1024x600_at_every_text_size(apps, language, kind, seed):
    app = apps((1024, 600), language)
    card = card_at_limits(kind, seed, language=language)
    for text_size in range(len(TEXT_SCALES)):
        app.set_setting("text_size", text_size)
        for phase in PHASES:
            scene = play_at(app, card, phase)
            picture = shot(app)
            where = f"{language}, text size {text_size}, {phase.value}"
            assert problems_in(picture, scene) == [], where
            read = [line.px for line in picture.lines if line.role in CARD_ROLES]
            # At the normal text size the card keeps its size; a larger one may give a little back to fit.
            least = MINIMUM_PX[(1024, 600)][0] if text_size == 0 else 20
            assert read and min(read) >= least, f"{where}: card text {min(read)} px"
            story = " ".join(line.text for line in picture.lines if line.role == "story")
            if phase is Phase.CARD and kind == "scenario":  # the story is read first: all of it
                assert story.split() == card.story.source.split(), where
    app.set_setting("text_size", 0)


def _texts(picture, role):
    return " ".join(line.text for line in picture.lines if line.role == role)


@pytest.mark.parametrize("language", ["bn", "en"])
def test_a_part_left_out_is_one_key_or_one_touch_away(apps, language):
    app = apps((1024, 600), language)
    app.set_setting("text_size", 0)
    card = card_at_limits("scenario", 1, language=language, questions=3)
    scene = play_at(app, card, Phase.DISCUSSING)
    picture = shot(app)
    assert _texts(picture, "choice") and not _texts(picture, "story")  # too long for both at once
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_l, mod=0, unicode="l", scancode=0))
    app.frame(0.05)
    picture = shot(app)
    assert _texts(picture, "story").split() == card.story.source.split()
    assert not _texts(picture, "choice") and app.scene.button("peek-story").selected
    app.scene.press(app.scene.button("peek-story"))  # the same button takes the room back to the choices
    picture = shot(app)
    assert _texts(picture, "choice") and not _texts(picture, "story")
    app.scene.press(app.scene.button("peek-discussion"))
    picture = shot(app)
    assert all(question.source.split()[0] in _texts(picture, "discussion") for question in card.discussion)
    assert problems_in(picture, scene) == []
    scene.choose(0, scene.app.mode.room)  # an answer puts the card back as it was
    assert scene.peek is None


def test_the_clock_shows_running_paused_and_time_up_and_chimes_once(apps, monkeypatch):
    app = apps((1366, 768), "en")
    app.set_setting("text_size", 0)
    played = []
    monkeypatch.setattr(app, "play_sound", played.append)
    card = card_at_limits("scenario", 0)
    scene = play_at(app, card, Phase.DISCUSSING)
    scene.update(1.0)
    assert _texts(shot(app), "timer") == "Discussion: 1:59"
    app.scene.press(app.scene.button("timer"))  # pause
    assert app.game.state.phase is Phase.PAUSED
    scene.update(5.0)
    assert _texts(shot(app), "timer") == "Paused at 1:59"
    assert scene.clock(app.tr).state == "paused"
    app.scene.press(app.scene.button("timer"))  # resume
    for _ in range(130):
        scene.update(1.0)
    assert _texts(shot(app), "timer") == "Time is up: choose when you are ready."
    assert scene.clock(app.tr).state == "up" and played == ["time_up"]
    assert app.game.state.phase is Phase.DISCUSSING  # time up takes nothing away: the team still chooses


@pytest.mark.parametrize("language, right, wrong", [("en", "Correct", "Not quite"), ("bn", None, None)])
def test_a_myth_or_fact_answer_is_called_correct_or_not_never_safe(apps, language, right, wrong):
    app = apps((1366, 768), language)
    card = card_at_limits("myth_fact", 0, language=language)  # a myth: choice 1 ("Myth") is right
    words = []
    for choice in (0, 1):
        game = Game(GameConfig(teams=("A", "B"), seed=1, turns_per_team=1, card_ids=(card.id,)), {card.id: card})
        game.act(Action("draw", team=0))
        game.act(Action("choose", team=0, answer=choice))
        game.act(Action("reveal"))
        app.session.begin(game)
        app.flow.reset_to(PlayScene(app))
        words.append(next(line.text for line in shot(app).lines if line.role == "feedback"))
    safe_words = {app.tr._("Safe"), app.tr._("Risky"), app.tr._("Partly safe")}
    assert words[0] != words[1] and not set(words) & safe_words
    if right:
        assert words == [right, wrong]


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
@pytest.mark.parametrize("language", ["bn", "en"])
def test_a_picked_choice_keeps_its_words_in_its_tile_on_every_card(apps, size, language):
    """The picked choice is drawn bold, wider than the others: on the wide screens, where the choices stand two
    by two, its words used to run out of the tile on one card in six."""
    app = apps(size, language)
    for card in app.session.decks.cards.values():
        if card.kind != "scenario":
            continue
        longest = max(range(len(kind_of(card).answers(card))), key=lambda i: len(app.tr.text(card.choices[i].text)))
        game = Game(GameConfig(teams=("দল ১", "দল ২"), seed=1, turns_per_team=1, card_ids=(card.id,)),
                    {card.id: card})
        for action in (Action("draw", team=0), Action("start_discussion"), Action("choose", team=0, answer=longest)):
            game.act(action)
        app.session.begin(game)
        scene = PlayScene(app)
        app.flow.reset_to(scene)
        picture = shot(app)
        assert scene.button(f"choice-{longest}").selected
        assert [p for p in problems_in(picture, scene) if "tile" in p] == [], card.id
