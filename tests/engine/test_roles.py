"""Who may see and do what: the students' screen, the facilitator and a kiosk visitor, as the
rules decide it. Random role-tagged actions keep the rules and replay; the students' view never
holds the safe answer before the reveal, nor a facilitator's note."""
from __future__ import annotations

import json
from dataclasses import fields, is_dataclass, replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.kinds import kind_of
from game.engine.cards import Grade, Text
from game.engine.game import Game
from game.engine.rules import (ROLE_MOVES, Action, BonusReason, GameConfig, Phase, Refusal, Role, _candidates,
                               apply)
from tests.engine.test_rules import CARDS, act, check_invariants, check_replay_and_save, game_configs

ROLES = list(Role)


def workshop(teams: int = 2, **changes) -> Game:
    return Game(GameConfig(teams=tuple(f"Team {n}" for n in range(1, teams + 1)), hosted=True, **changes), CARDS)


def texts_in(node) -> list:
    """Every Text, grade and truth value anywhere in a view."""
    found = []
    if isinstance(node, (Text, Grade)):
        found.append(node)
    elif is_dataclass(node):
        for field in fields(node):
            found += texts_in(getattr(node, field.name))
    elif isinstance(node, (tuple, list)):
        for item in node:
            found += texts_in(item)
    return found


def check_views(game: Game) -> None:
    card = game.card
    for role in (Role.STUDENT, Role.VISITOR):
        seen = game.view(role)
        shown = texts_in(seen)
        assert seen.host is None
        if card is None or not kind_of(card).plays_on_turn:
            continue
        if card.facilitator_note is not None:
            assert card.facilitator_note not in shown, "a facilitator's note in the students' view"
        if game.state.phase is not Phase.REVEALED:
            assert seen.answer is None and not any(isinstance(x, Grade) for x in shown)
            hidden = ([c.feedback for c in card.choices or ()]
                      + [card.explanation, card.tip])
            assert not [t for t in hidden if t is not None and t in shown], "the answer shows before the reveal"
            assert "is_myth" not in json.dumps(repr(seen))
    host = game.view(Role.FACILITATOR)
    if card is not None and kind_of(card).plays_on_turn:
        assert host.host is not None
        assert all(kind_of(card).grade(card, i) is Grade.SAFE for i in host.host.safe_answers)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cfg=game_configs(), hosted=st.booleans(), discussion_first=st.booleans(), data=st.data())
def test_random_role_tagged_actions_keep_the_rules_and_replay(cfg, hosted, discussion_first, data):
    cfg = replace(cfg, hosted=hosted, discussion_first=discussion_first)
    game = Game(cfg, CARDS)
    shown_alerts: list[str] = []
    for step in range(data.draw(st.integers(1, 80), label="steps")):
        if game.state.phase is Phase.OVER:
            break
        role = data.draw(st.sampled_from(ROLES))
        legal = game.legal_actions(role)
        for action in legal:  # everything offered is accepted, and is this person's to take
            assert action.by is role and action.type in ROLE_MOVES[(role, hosted)]
            assert not isinstance(apply(cfg, game.pool, CARDS, game.state, action), Refusal)
        # Anything at all, tagged with anyone: refused or taken, the invariants hold.
        anything = [replace(a, by=role) for a in _candidates(cfg, CARDS, game.state) if a.type != "end"]
        if not anything:
            break
        action = anything[data.draw(st.integers(0, len(anything) - 1))]
        before = game.state
        refusal = game.act(action)
        if refusal is None:
            assert action in legal
        else:
            assert action not in legal and game.state == before
        if game.state.phase is Phase.RED_ALERT and game.state.card_id not in shown_alerts:
            shown_alerts.append(game.state.card_id)
        check_invariants(game, shown_alerts, set())
        check_views(game)
        if step % 5 == 0:
            check_replay_and_save(game)
    check_replay_and_save(game)
    assert all(a.by is not None for a in game.log)


def test_in_a_workshop_answers_open_when_the_clock_starts():
    game = workshop()
    act(game, Action("draw", team=0, by=Role.FACILITATOR))
    assert game.act(Action("choose", team=0, answer=1, by=Role.STUDENT)) is Refusal.ANSWERS_NOT_OPEN
    assert not [a for a in game.legal_actions(Role.STUDENT) if a.type == "choose"]
    act(game, Action("start_discussion", by=Role.FACILITATOR))
    act(game, Action("choose", team=0, answer=1, by=Role.STUDENT))
    assert game.state.answer == 1


def test_in_a_classroom_with_a_clock_answers_open_when_the_discussion_starts():
    game = Game(GameConfig(teams=("Red", "Blue"), discussion_first=True), CARDS)
    act(game, Action("draw", team=0, by=Role.STUDENT))
    assert game.act(Action("choose", team=0, answer=1, by=Role.STUDENT)) is Refusal.ANSWERS_NOT_OPEN
    assert game.main_step(Role.STUDENT).type == "start_discussion"
    act(game, Action("start_discussion", by=Role.STUDENT))
    act(game, Action("choose", team=0, answer=1, by=Role.STUDENT))
    assert game.view(Role.STUDENT).chosen == 1


def test_a_classroom_save_from_before_the_discussion_rule_still_replays():
    """Classroom games saved before answers waited for the clock chose on a fresh card: they load as played."""
    game = Game(GameConfig(teams=("Red", "Blue")), CARDS)
    for action in (Action("draw", team=0), Action("choose", team=0, answer=0), Action("reveal")):
        act(game, action)
    data = game.to_json()
    assert "discussion_first" in data["config"]
    del data["config"]["discussion_first"]  # as an older version wrote it
    assert Game.from_json(data, CARDS).state == game.state


def test_in_a_workshop_only_the_facilitator_moves_the_game_on():
    game = workshop()
    for kind in ("draw", "end"):
        assert game.act(Action(kind, by=Role.STUDENT)) is Refusal.NOT_YOUR_MOVE
    assert game.main_step(Role.STUDENT) is None
    assert game.main_step(Role.FACILITATOR) == Action("draw", team=0, by=Role.FACILITATOR)
    assert game.log == []


def test_a_visitor_has_no_clock_bonus_skip_or_undo():
    game = Game(GameConfig(teams=("You",), discussion_seconds=0, red_alert_every=0), CARDS)
    act(game, Action("draw", team=0, by=Role.VISITOR))
    assert {a.type for a in game.legal_actions(Role.VISITOR)} == {"choose"}
    for kind in ("skip", "park", "start_discussion", "end"):
        assert game.act(Action(kind, by=Role.VISITOR)) is Refusal.NOT_YOUR_MOVE


def test_the_main_step_goes_draw_clock_reveal_next_in_a_classroom():
    game = Game(GameConfig(teams=("A", "B"), red_alert_every=0), CARDS)
    steps = []
    for _ in range(2):
        step = game.main_step(Role.STUDENT)
        steps.append(step.type)
        act(game, step)
    assert game.main_step(Role.STUDENT) is None  # the room discusses; the team answers
    act(game, Action("choose", team=0, answer=0, by=Role.STUDENT))
    for _ in range(2):
        step = game.main_step(Role.STUDENT)
        steps.append(step.type)
        act(game, step)
    assert steps == ["draw", "start_discussion", "reveal", "next"]


def test_a_bonus_can_be_taken_back_and_is_in_the_log():
    game = Game(GameConfig(teams=("A", "B")), CARDS)
    act(game, Action("draw", team=0))
    act(game, Action("choose", team=0, answer=0))
    act(game, Action("reveal"))
    act(game, Action("bonus", team=0, reason=BonusReason.NAMED_HELP, by=Role.STUDENT))
    assert game.act(Action("take_back_bonus", team=0, reason=BonusReason.GOOD_DISCUSSION)) is Refusal.NO_SUCH_BONUS
    act(game, Action("take_back_bonus", team=0, reason=BonusReason.NAMED_HELP, by=Role.STUDENT))
    assert game.state.bonuses == ()
    assert Game.from_json(json.loads(json.dumps(game.to_json())), CARDS).state == game.state


def test_a_save_from_before_roles_still_loads():
    """A save written before actions said who took them (no "by", no "hosted"), as stored on disk."""
    old = {
        "format": 1,
        "config": {"teams": ["Team 1", "Team 2"], "topics": [], "deck_ids": [], "card_ids": [],
                   "turns_per_team": 4, "discussion_seconds": 120, "red_alert_every": 2, "seed": 7},
        "log": [{"type": "draw", "team": 0}, {"type": "start_discussion"},
                {"type": "choose", "team": 0, "choice": 1, "seconds": 40}, {"type": "reveal"},
                {"type": "bonus", "team": 0, "reason": "named_help"}],
    }
    replayed = Game.replay(GameConfig.from_json(old["config"]), CARDS,
                           [Action.from_json(a) for a in old["log"]])
    old["state"] = replayed.state.to_json()
    game = Game.from_json(json.loads(json.dumps(old)), CARDS)
    assert game.state.phase is Phase.REVEALED and not game.config.hosted
    assert [a.by for a in game.log] == [None] * 5
    assert game.state.results[0].answer == 1 and len(game.state.bonuses) == 1
    saved = game.to_json()
    assert all("by" not in a for a in saved["log"])  # the log's form only grows


def test_the_students_view_of_a_myth_card_hides_the_truth_until_the_reveal():
    game = Game(GameConfig(teams=("A",), card_ids=("mf-grooming-fault",), turns_per_team=1), CARDS)
    act(game, Action("draw", team=0))
    assert game.card.kind == "myth_fact"
    seen = game.view(Role.STUDENT)
    assert seen.answer is None and game.card.explanation not in texts_in(seen)
    act(game, Action("choose", team=0, answer=0))
    act(game, Action("reveal"))
    seen = game.view(Role.STUDENT)
    assert seen.answer.right_or_wrong and seen.answer.shown.why == ("It is a myth.", game.card.explanation)
