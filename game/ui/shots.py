"""`python -m game shots`: every scene rendered headless in both languages at 1024x600, 1366x768 and
1920x1080, one PNG each, named <scene>-<lang>-<W>x<H>.png; the play scene's phases also at every text
size (…-text1.png, …-text2.png). Beside them, layout.json says where every line of text went:

    {"shots": [{"file": "play-revealed-bn-1366x768.png", "scene": "play", "phase": "revealed",
                "language": "bn", "window": [1366, 768], "text_size": 0,
                "blocks": [{"role": "story", "px": 32, "rect": [x, y, w, h], "text": "…"}, …]}, …]}

one block per line of text drawn (roles: game/ui/drawn_text.py ROLES); `phase` is the engine's phase on
play shots and null elsewhere."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

SIZES = ((1024, 600), (1366, 768), (1920, 1080))
# The play scene's phases, with a four-choice card: each is also shot at every text size.
PLAY_PHASES = ("card", "discussing", "chosen", "revealed")


def played_to_the_end(game):
    """The game played through to its results, each answer a different choice, so the teams' rates differ."""
    from game.engine.rules import Phase

    while game.state.phase is not Phase.OVER:
        actions = game.legal_actions()
        choose = [a for a in actions if a.type == "choose" and game.state.phase is not Phase.CHOSEN]
        action = choose[len(game.state.results) % len(choose)] if choose else next(
            a for a in actions if a.type in ("draw", "reveal", "next"))
        game.act(action)
    return game


def _scenes(app):
    """(name, how to get there) for every scene, each starting from the title screen."""
    from game.kinds import kind_of
    from game.engine.game import Game
    from game.engine.rules import Action, GameConfig, Phase
    from game.ui.scenes.confirm import LEAVE_GAME, REPLACE_SAVE
    from game.ui.scenes.content_note import ContentNoteScene
    from game.ui.scenes.help import HelpScene
    from game.ui.scenes.play import PlayScene
    from game.ui.scenes.red_alert import RedAlertScene
    from game.ui.scenes.results import ResultsScene
    from game.ui.scenes.safe import SafeScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene

    cards = app.session.decks.cards
    names = tuple(app.tr.format(app.tr._("Team {number}"), number=n) for n in (1, 2, 3))
    config = GameConfig(teams=names, seed=7, turns_per_team=2, discussion_first=True)

    def game_at(phase, quick=False, hosted=False, choices=None, orders=False):
        """A game played until `phase` with a card on the table that is answered at a glance (myth or fact) or
        not (a story), with this many choices, or whose options are put in order."""
        for seed in range(400):
            game = Game(GameConfig(teams=names, seed=seed, turns_per_team=2, hosted=hosted, discussion_first=True),
                        cards)
            game.act(Action("draw", team=0))
            kind = kind_of(game.card)
            if (kind.quick is quick and kind.face(game.card).orders is orders
                    and choices in (None, len(kind.face(game.card).options))):
                break
        if phase in (Phase.DISCUSSING, Phase.CHOSEN, Phase.REVEALED):
            game.act(Action("start_discussion"))
        if phase in (Phase.CHOSEN, Phase.REVEALED):
            kind = kind_of(game.card)
            risky = next((a for a in game.answers() if kind.grade(game.card, a).value != "safe"), game.answers()[0])
            game.act(Action("choose", team=0, answer=risky, seconds=40))
        if phase is Phase.REVEALED:
            game.act(Action("reveal"))
        return game

    def play(game):
        app.session.begin(game)
        return PlayScene(app)

    def placed(scene, presses):
        """The play scene after these choice keys: on a card put in order, the places picked so far."""
        from game.ui.input import Command, Do

        for index in presses:
            scene.on_command(Command(Do.CHOICE, index))
        return scene

    def finished():
        app.session.begin(played_to_the_end(Game(GameConfig(teams=names, seed=7, turns_per_team=6), cards)))
        return ResultsScene(app)

    def red_alert():
        game = Game(GameConfig(teams=names, seed=3, turns_per_team=2, red_alert_every=1), cards)
        while game.state.phase is not Phase.RED_ALERT:
            game.act(next(a for a in game.legal_actions() if a.type in ("draw", "choose", "reveal", "next")))
        scene = play(game)
        return RedAlertScene(app, scene)

    def facilitated(phase, notes=False):
        from game.ui.modes import FACILITATOR
        from game.ui.scenes.host_notes import HostNotesScene

        app.set_mode(FACILITATOR)
        scene = play(game_at(phase, hosted=True))
        if not notes:
            return scene
        shown = HostNotesScene(app)
        shown.shown = True  # after the facilitator's second I
        return scene, shown

    def kiosk(make):
        """A kiosk scene, with the kiosk's profile and counters in the shots' own folder."""
        from game.kiosk_config import KioskConfig
        from game.stats import Stats
        from game.ui.kiosk import KioskRun
        from game.ui.modes import KIOSK

        app.set_mode(KIOSK)
        if not isinstance(app.policy, KioskRun):
            app.use_policy(KioskRun(app, KioskConfig(language=app.tr.language),
                                    Stats.open(app.session.storage.root)[0]))
        return make()

    def kiosk_game():
        config = GameConfig(teams=(app.tr._("You"),), card_ids=app.policy.round_cards(5), turns_per_team=5,
                            discussion_seconds=0, red_alert_every=0, seed=5)
        return Game(config, cards)

    def kiosk_round(phase, idle=0.0):
        def make():
            game = kiosk_game()
            game.act(Action("draw", team=0))
            if phase is not Phase.CARD:
                game.act(Action("choose", team=0, answer=game.answers()[0]))
                game.act(Action("reveal"))
            scene = play(game)
            app.policy.pass_idle_time(idle)
            return scene
        return lambda: kiosk(make)

    def kiosk_results():
        def make():
            game = kiosk_game()
            while game.state.phase is not Phase.OVER:
                game.act(next(a for a in game.legal_actions() if a.type in ("draw", "choose", "reveal", "next")))
            app.session.begin(game)
            return ResultsScene(app)
        return kiosk(make)

    def staff_pin():
        from game.ui.scenes.staff_pin import StaffPinScene

        return kiosk(lambda: StaffPinScene(app))

    def attract():
        from game.ui.scenes.attract import AttractScene

        return kiosk(lambda: AttractScene(app))

    def confirm(question, below):
        from game.ui.scenes.confirm import ConfirmScene

        return below, ConfirmScene(app, question, lambda: None)

    def attract_alert():
        from game.ui.scenes.attract import SLIDE_SECONDS

        scene = attract()
        scene.update(SLIDE_SECONDS)  # the first red alert comes after the title's time
        return scene

    return [
        ("title", lambda: TitleScene(app)),
        ("setup", lambda: SetupScene(app)),
        ("content-note", lambda: ContentNoteScene(app, config)),
        ("turn", lambda: play(Game(config, cards))),
        *((f"play-{phase}", (lambda phase=phase: play(game_at(Phase(phase), choices=4)))) for phase in PLAY_PHASES),
        ("myth-fact", lambda: play(game_at(Phase.CARD, quick=True))),
        ("ranking-discussing", lambda: placed(play(game_at(Phase.DISCUSSING, orders=True)), (2, 0))),
        ("ranking-reveal", lambda: play(game_at(Phase.REVEALED, orders=True))),
        ("red-alert", red_alert),
        ("results", finished),
        ("confirm-leave", lambda: confirm(LEAVE_GAME, play(game_at(Phase.DISCUSSING)))),
        ("confirm-new-game", lambda: confirm(REPLACE_SAVE, TitleScene(app))),
        ("settings", lambda: SettingsScene(app)),
        ("help", lambda: HelpScene(app)),
        ("safe", lambda: SafeScene(app)),
        ("facilitator-card", lambda: facilitated(Phase.CARD)),
        ("facilitator-chosen", lambda: facilitated(Phase.CHOSEN)),
        ("facilitator-notes", lambda: facilitated(Phase.DISCUSSING, notes=True)),
        ("facilitator-reveal", lambda: facilitated(Phase.REVEALED)),
        ("kiosk-attract", attract),
        ("kiosk-attract-alert", attract_alert),
        ("kiosk-card", kiosk_round(Phase.CARD)),
        ("kiosk-reveal", kiosk_round(Phase.REVEALED)),
        ("kiosk-still-there", kiosk_round(Phase.CARD, idle=64.2)),
        ("kiosk-results", kiosk_results),
        ("kiosk-staff-pin", staff_pin),
    ]


def show(app, make):
    """Put the scene (or the stack of scenes) that `make` builds on the app, in the classroom profile
    unless `make` chooses another; returns the scene on top."""
    from game.ui.modes import CLASSROOM
    from game.ui.policy import AttendedPolicy

    app.use_policy(AttendedPolicy())  # each kiosk scene gets a fresh kiosk; the last one's counters are closed
    app.set_mode(CLASSROOM)
    made = make()
    app.flow.reset_to(*(made if isinstance(made, tuple) else (made,)))
    return app.scene


def run_shots(out: Path, only: str | None = None) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.storage import Storage
    from game.ui.app import App
    from game.ui.drawn_text import RecordingSurface
    from game.ui.layout import TEXT_SCALES
    from game.ui.system import init_pygame

    out.mkdir(parents=True, exist_ok=True)
    init_pygame()
    shots = []
    with tempfile.TemporaryDirectory() as data_dir:  # shots never touch the real save
        for width, height in SIZES:
            app = App(Storage(Path(data_dir)), {"sound": False}, (width, height))
            for language in ("bn", "en"):
                app.set_setting("language", language)
                for text_size in range(len(TEXT_SCALES)):
                    app.set_setting("text_size", text_size)
                    for name, make in _scenes(app):
                        if (only and only != name) or (text_size and not name.startswith("play-")):
                            continue
                        scene = show(app, make)
                        scene.changed()
                        app.notices.clear()
                        app.layout()
                        picture = RecordingSurface(app.screen.get_size(), app.ui.text)
                        app.draw_onto(picture)
                        scene_name, phase = name, None
                        if name.startswith("play-"):
                            scene_name, phase = "play", app.game.state.phase.value
                        file = f"{name}-{language}-{width}x{height}" + (f"-text{text_size}" if text_size else "") + ".png"
                        pygame.image.save(picture, str(out / file))
                        shots.append({"file": file, "scene": scene_name, "phase": phase, "language": language,
                                      "window": [width, height], "text_size": text_size,
                                      "blocks": [line.as_json() for line in picture.lines]})
            app.set_setting("text_size", 0)
    pygame.quit()
    (out / "layout.json").write_text(json.dumps({"shots": shots}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(shots)} screenshots and layout.json in {out}")
    return 0
