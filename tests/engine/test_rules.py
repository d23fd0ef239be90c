"""The rules as a facilitator meets them: whose turn it is, what is refused, how points add up,
and that a saved game comes back exactly as it was. Uses its own cards, not the bundled decks."""
from __future__ import annotations

import copy
import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.kinds import kind_of
from game.kinds.myth_fact import MythFact
from game.kinds.red_alert import RedAlert
from game.kinds.scenario import Scenario
from game.engine.cards import Card, Choice, Grade, Text
from game.engine.game import Game, SaveMismatch
from game.kinds.base import POINTS
from game.engine.rules import (Action, BonusReason, ConfigError, GameConfig, Phase, Refusal,
                               apply, make_pool)
from game.engine.scoring import ranking, safe_rate_by_topic, team_totals

S, P, R = Grade.SAFE, Grade.PARTLY_SAFE, Grade.RISKY


def _t(card_id: str, field: str, words: str) -> Text:
    return Text(f"{card_id}:{field}", words)


def scenario(card_id: str, topic: str, grades: tuple[Grade, ...], deck: str = "stories") -> Card:
    return Card(id=card_id, kind="scenario", topic=topic, deck_id=deck, source="test", body=Scenario(
        story=_t(card_id, "story", f"A story about {topic}."),
        prompt=_t(card_id, "prompt", "What should Rafi do?"),
        choices=tuple(Choice(_t(card_id, f"choices[{i}].text", f"Choice {i}"), grade,
                             _t(card_id, f"choices[{i}].feedback", f"Because {grade.value}."))
                      for i, grade in enumerate(grades, start=1)),
        discussion=(_t(card_id, "discussion[1]", "Why?"),),
        facilitator_note=_t(card_id, "facilitator_note", "Listen."),
    ))


def myth_fact(card_id: str, topic: str, is_myth: bool) -> Card:
    return Card(id=card_id, kind="myth_fact", topic=topic, deck_id="myths", source="test",
                body=MythFact(statement=_t(card_id, "statement", "Something people believe."), is_myth=is_myth,
                              explanation=_t(card_id, "explanation", "Why it is so.")))


def red_alert(card_id: str, topic: str) -> Card:
    return Card(id=card_id, kind="red_alert", topic=topic, deck_id="alerts", source="test",
                body=RedAlert(headline=_t(card_id, "headline", "Tell an adult."), why=_t(card_id, "why", "Because.")))


CARD_LIST = [
    scenario("sc-grooming-gifts", "grooming", (S, P, R)),
    scenario("sc-grooming-secret", "grooming", (R, S, P)),
    scenario("sc-privacy-location", "privacy", (P, R, S)),
    scenario("sc-privacy-photo", "privacy", (S, R, P)),
    scenario("sc-scams-prize", "scams", (R, P, S)),
    scenario("sc-cyber-fake-profile", "cyberbullying", (P, S, R), deck="bullying"),
    myth_fact("mf-grooming-fault", "grooming", is_myth=True),
    myth_fact("mf-privacy-delete", "privacy", is_myth=False),
    myth_fact("mf-scams-free", "scams", is_myth=True),
    red_alert("ra-cannot-delete", "privacy"),
    red_alert("ra-tell-adult", "getting_help"),
    red_alert("ra-settings", "privacy"),
    red_alert("ra-helpline", "getting_help"),
]
CARDS = {card.id: card for card in CARD_LIST}
TURN_CARDS = {cid for cid, card in CARDS.items() if kind_of(card).plays_on_turn}
RED_ALERTS = {cid for cid, card in CARDS.items() if card.kind == "red_alert"}


def config(teams: int = 2, **changes) -> GameConfig:
    return GameConfig(teams=tuple(f"Team {n}" for n in range(1, teams + 1)), **changes)


def act(game: Game, action: Action) -> None:
    refusal = game.act(action)
    assert refusal is None, f"{action} refused: {refusal}"


def choice_graded(card: Card, grade: Grade) -> int:
    return next(i for i in range(len(kind_of(card).answers(card))) if kind_of(card).grade(card, i) is grade)


def play_turn(game: Game, grade: Grade = S, seconds: int | None = None) -> Card:
    """Draw, choose the choice of `grade`, reveal; stays on the revealed card."""
    act(game, Action("draw", team=game.state.team))
    card = game.card
    act(game, Action("choose", team=game.state.team, answer=choice_graded(card, grade), seconds=seconds))
    act(game, Action("reveal"))
    return card


def save_roundtrip(game: Game) -> dict:
    return json.loads(json.dumps(game.to_json()))


# ----------------------------------------------------------------------------------------------
# Random games: every legal action is accepted, and the invariants hold after each one.

PROGRESS = {"draw", "choose", "reveal", "next"}
TOPIC_CHOICES = [(), ("grooming",), ("privacy", "scams"), ("cyberbullying", "grooming", "privacy"), ("online_friends",)]


@st.composite
def game_configs(draw) -> GameConfig:
    return config(
        teams=draw(st.integers(1, 6)),
        topics=draw(st.sampled_from(TOPIC_CHOICES)),
        turns_per_team=draw(st.integers(1, 4)),
        red_alert_every=draw(st.integers(0, 3)),
        seed=draw(st.integers(-(2 ** 63), 2 ** 64)),
    )


def check_invariants(game: Game, shown_alerts: list[str], skipped: set[str]) -> None:
    state, cfg = game.state, game.config
    assert all(total.points >= 0 for total in team_totals(state, len(cfg.teams)))
    result_ids = [r.card_id for r in state.results]
    assert len(result_ids) == len(set(result_ids)), "a card was scored twice"
    assert len(state.seen) == len(set(state.seen)), "a card was shown twice"
    assert len(shown_alerts) == len(set(shown_alerts)), "a red alert was shown twice"
    assert state.team == state.turn % len(cfg.teams)
    for result in state.results:
        card = CARDS[result.card_id]
        assert result.team == result.turn % len(cfg.teams)
        assert result.grade is kind_of(card).grade(card, result.answer) and result.points == POINTS[result.grade]
        assert not cfg.topics or result.topic in cfg.topics
    if state.phase is Phase.CARD:
        assert state.card_id not in skipped, "a skipped card came back"
        assert state.card_id in TURN_CARDS
    if state.phase is Phase.RED_ALERT:
        assert state.card_id in RED_ALERTS
        assert cfg.red_alert_every and state.turn % cfg.red_alert_every == 0


def check_replay_and_save(game: Game) -> None:
    replayed = Game.replay(game.config, game.cards, list(game.log))
    assert replayed.state == game.state
    save = save_roundtrip(game)
    restored = Game.from_json(save, game.cards)
    assert restored.state == game.state
    assert restored.log == game.log
    assert restored.config == game.config


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cfg=game_configs(), data=st.data())
def test_random_games_keep_the_rules(cfg, data):
    game = Game(cfg, CARDS)
    pool = make_pool(cfg, CARDS)
    free_steps = data.draw(st.integers(0, 60), label="random steps before playing for progress")
    bound = free_steps + 5 * cfg.total_turns + 5
    shown_alerts: list[str] = []
    skipped: set[str] = set()
    steps = 0
    while game.state.phase is not Phase.OVER:
        legal = game.legal_actions()
        assert legal and legal[-1] == Action("end")
        for action in legal:  # apply is pure: trying each one changes nothing
            outcome = apply(cfg, pool, CARDS, game.state, action)
            assert not isinstance(outcome, Refusal), f"legal {action} refused: {outcome}"
        candidates = [a for a in legal if a.type != "end"]
        if steps >= free_steps:  # playing for progress: no more changes of mind
            candidates = [a for a in candidates if a.type in PROGRESS
                          and not (a.type == "choose" and game.state.phase is Phase.CHOSEN)]
        action = candidates[data.draw(st.integers(0, len(candidates) - 1))]
        if action.type == "choose":
            action = replace(action, seconds=data.draw(st.integers(0, 600)))
        if action.type == "skip":
            skipped.add(game.state.card_id)
        act(game, action)
        if game.state.phase is Phase.RED_ALERT:
            shown_alerts.append(game.state.card_id)
        steps += 1
        check_invariants(game, shown_alerts, skipped)
        if steps <= 30 or steps % 7 == 0:
            check_replay_and_save(game)
        assert steps <= bound, "the game does not end"
    check_replay_and_save(game)
    # The game ends when the turns are played or the cards run out, not before.
    left = [cid for cid in pool.turn_cards if cid not in game.state.seen]
    assert game.state.turn == cfg.total_turns or (not left and not game.state.parked)
    assert game.legal_actions() == []
    assert apply(cfg, pool, CARDS, game.state, Action("draw")) is Refusal.GAME_OVER


@settings(max_examples=60, deadline=None)
@given(cfg=game_configs(), moves=st.lists(st.integers(0, 20), min_size=1, max_size=80), data=st.data())
def test_a_tampered_save_is_refused(cfg, moves, data):
    game = Game(cfg, CARDS)
    for move in moves:
        legal = [a for a in game.legal_actions() if a.type != "end"]
        if not legal:
            break
        act(game, legal[move % len(legal)])
    save = save_roundtrip(game)
    assert Game.from_json(copy.deepcopy(save), CARDS).state == game.state

    # Change any one value in the saved state: the save no longer fits its log.
    leaves = []

    def collect(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                collect(value, path + [key])
        elif isinstance(node, list):
            for index, value in enumerate(node):
                collect(value, path + [index])
            leaves.append(path)  # a list can also grow
        else:
            leaves.append(path)

    collect(save["state"], [])
    path = data.draw(st.sampled_from(leaves))
    tampered = copy.deepcopy(save)
    parent = tampered["state"]
    for key in path[:-1]:
        parent = parent[key]
    old = parent[path[-1]]
    if isinstance(old, list):
        old.append("sc-grooming-gifts")
    elif isinstance(old, bool) or old is None:
        parent[path[-1]] = 7
    elif isinstance(old, int):
        parent[path[-1]] = old + 1
    else:
        parent[path[-1]] = old + "x"
    with pytest.raises(SaveMismatch):
        Game.from_json(tampered, CARDS)

    # A card the game showed is no longer installed.
    if game.state.seen:
        gone = data.draw(st.sampled_from(game.state.seen))
        fewer = {cid: card for cid, card in CARDS.items() if cid != gone}
        with pytest.raises(SaveMismatch):
            Game.from_json(copy.deepcopy(save), fewer)


# ----------------------------------------------------------------------------------------------
# Saves that cannot be continued.

def finished_game(seed: int = 3, teams: int = 3) -> Game:
    game = Game(config(teams, seed=seed, turns_per_team=2), CARDS)
    while game.state.phase is not Phase.OVER:
        action = next(a for a in game.legal_actions() if a.type in PROGRESS)
        act(game, action)
    return game


def test_a_save_from_another_version_or_with_missing_parts_is_refused():
    save = save_roundtrip(finished_game())
    broken_saves = []
    for change in (
        lambda s: s.update(format=2),
        lambda s: s.pop("log"),
        lambda s: s.pop("config"),
        lambda s: s.update(log=s["log"][:-1]),
        lambda s: s.update(log=s["log"] + [{"type": "next"}]),
        lambda s: s["log"][0].update(colour="red"),
        lambda s: s["log"][1].update(reason="shouting"),
        lambda s: s["config"].update(teams=[]),
        lambda s: s["config"].update(seed=s["config"]["seed"] + 1),
        lambda s: s.update(log="draw"),
        lambda s: s.update(state=None),
    ):
        tampered = copy.deepcopy(save)
        change(tampered)
        broken_saves.append(tampered)
    broken_saves += [None, [], "a game", {}]
    for tampered in broken_saves:
        with pytest.raises(SaveMismatch):
            Game.from_json(tampered, CARDS)


def test_a_save_resumes_mid_turn():
    game = Game(config(2, seed=11), CARDS)
    play_turn(game)
    act(game, Action("next"))
    act(game, Action("draw", team=1))
    act(game, Action("start_discussion"))
    act(game, Action("pause"))
    restored = Game.from_json(save_roundtrip(game), CARDS)
    assert restored.state == game.state and restored.state.phase is Phase.PAUSED
    assert restored.card.id == game.card.id
    act(restored, Action("resume"))


# ----------------------------------------------------------------------------------------------
# What the rules refuse, and why.

def test_choosing_before_a_card_is_shown():
    game = Game(config(2), CARDS)
    assert game.act(Action("choose", team=0, answer=0)) is Refusal.NO_CARD_SHOWN
    assert game.log == [] and game.state.phase is Phase.READY


def test_a_second_choice_on_the_same_card():
    """An answer can be changed until it is revealed; the revealed one counts, and no other after."""
    game = Game(config(2), CARDS)
    act(game, Action("draw", team=0))
    act(game, Action("choose", team=0, answer=0))
    assert game.act(Action("choose", team=0, answer=0)) is Refusal.ALREADY_CHOSEN  # the same answer again
    act(game, Action("choose", team=0, answer=1))
    assert game.state.phase is Phase.CHOSEN and game.state.answer == 1
    act(game, Action("reveal"))
    assert game.state.results[-1].answer == 1
    assert game.act(Action("choose", team=0, answer=2)) is Refusal.ALREADY_CHOSEN
    assert game.state.answer == 1 and [r.answer for r in game.state.results] == [1]


def test_drawing_or_choosing_for_the_wrong_team():
    game = Game(config(3), CARDS)
    assert game.act(Action("draw", team=1)) is Refusal.WRONG_TEAM
    assert game.act(Action("draw", team=3)) is Refusal.NO_SUCH_TEAM
    act(game, Action("draw", team=0))
    assert game.act(Action("choose", team=2, answer=0)) is Refusal.WRONG_TEAM
    assert game.act(Action("choose", team=0, answer=99)) is Refusal.NO_SUCH_CHOICE
    act(game, Action("choose", team=0, answer=0))
    act(game, Action("reveal"))
    act(game, Action("next"))
    assert game.state.team == 1
    assert game.act(Action("draw", team=0)) is Refusal.WRONG_TEAM
    act(game, Action("draw", team=1))


def test_reveal_before_choosing():
    game = Game(config(2), CARDS)
    assert game.act(Action("reveal")) is Refusal.NOT_NOW
    act(game, Action("draw", team=0))
    assert game.act(Action("reveal")) is Refusal.NOT_CHOSEN
    act(game, Action("start_discussion"))
    assert game.act(Action("reveal")) is Refusal.NOT_CHOSEN
    assert game.state.results == ()


def test_bonus_before_reveal():
    game = Game(config(2), CARDS)
    for before in (lambda: None, lambda: act(game, Action("draw", team=0)),
                   lambda: act(game, Action("choose", team=0, answer=0))):
        before()
        assert game.act(Action("bonus", team=0, reason=BonusReason.NAMED_HELP)) is Refusal.NOT_REVEALED
    assert game.state.bonuses == ()


def test_the_same_bonus_twice():
    game = Game(config(2), CARDS)
    play_turn(game, R)
    act(game, Action("bonus", team=0, reason=BonusReason.NAMED_HELP))
    assert game.act(Action("bonus", team=0, reason=BonusReason.NAMED_HELP)) is Refusal.BONUS_ALREADY_GIVEN
    assert game.act(Action("bonus", team=0)) is Refusal.NOT_NOW  # a bonus needs a reason
    act(game, Action("bonus", team=0, reason=BonusReason.GOOD_DISCUSSION))
    act(game, Action("bonus", team=1, reason=BonusReason.NAMED_HELP))  # the other team named help too
    assert game.act(Action("bonus", team=1, reason=BonusReason.NAMED_HELP)) is Refusal.BONUS_ALREADY_GIVEN
    assert [t.points for t in team_totals(game.state, 2)] == [2, 1]
    act(game, Action("next"))
    play_turn(game, R)
    act(game, Action("bonus", team=0, reason=BonusReason.NAMED_HELP))  # a new turn, a new bonus
    assert [t.bonus for t in team_totals(game.state, 2)] == [3, 1]


def test_the_game_refuses_everything_once_over():
    game = Game(config(2), CARDS)
    act(game, Action("draw", team=0))
    act(game, Action("end"))
    assert game.state.phase is Phase.OVER and game.legal_actions() == []
    for action in (Action("draw", team=0), Action("next"), Action("end"), Action("choose", team=0, answer=0)):
        assert game.act(action) is Refusal.GAME_OVER


def test_a_config_that_cannot_be_played_is_refused():
    for bad in (dict(teams=()), dict(teams=tuple("ABCDEFG")), dict(teams=("Tigers", "  ")),
                dict(teams=("x" * 25,)), dict(teams=("A",), turns_per_team=0),
                dict(teams=("A",), red_alert_every=-1), dict(teams=("A",), discussion_seconds=-5)):
        with pytest.raises(ConfigError):
            GameConfig(**bad)


def test_no_cards_for_the_chosen_topics_means_no_game():
    game = Game(config(2, topics=("online_friends",)), CARDS)
    assert game.state.phase is Phase.OVER and game.legal_actions() == []


# ----------------------------------------------------------------------------------------------
# Turns and red alerts.

def phases_after_each_turn(cfg: GameConfig, cards=CARDS) -> dict[int, Phase]:
    game = Game(cfg, cards)
    after = {}
    while game.state.phase is not Phase.OVER:
        play_turn(game)
        act(game, Action("next"))
        after[game.state.turn] = game.state.phase
        if game.state.phase is Phase.RED_ALERT:
            assert game.card.kind == "red_alert"
            assert game.legal_actions() == [Action("next"), Action("end")]
            act(game, Action("next"))
    return after


def test_red_alerts_come_between_turns_at_the_configured_rhythm():
    after = phases_after_each_turn(config(2, turns_per_team=4, red_alert_every=2, seed=5))
    assert {turn for turn, phase in after.items() if phase is Phase.RED_ALERT} == {2, 4, 6}
    assert after[8] is Phase.OVER
    after = phases_after_each_turn(config(3, turns_per_team=3, red_alert_every=3, seed=6))
    assert {turn for turn, phase in after.items() if phase is Phase.RED_ALERT} == {3, 6}
    after = phases_after_each_turn(config(2, turns_per_team=4, red_alert_every=0, seed=7))
    assert Phase.RED_ALERT not in after.values()


def test_red_alerts_are_not_repeated_when_they_run_out():
    few_alerts = {cid: card for cid, card in CARDS.items() if cid not in {"ra-settings", "ra-helpline"}}
    after = phases_after_each_turn(config(3, turns_per_team=3, red_alert_every=1, seed=8), few_alerts)
    assert [turn for turn, phase in after.items() if phase is Phase.RED_ALERT] == [1, 2]


def test_teams_take_turns_in_order_and_the_red_alert_is_not_a_turn():
    game = Game(config(3, turns_per_team=2, red_alert_every=2, seed=9), CARDS)
    order = []
    while game.state.phase is not Phase.OVER:
        if game.state.phase is Phase.RED_ALERT:
            act(game, Action("next"))
            continue
        order.append(game.state.team)
        play_turn(game)
        act(game, Action("next"))
    assert order == [0, 1, 2, 0, 1, 2]
    assert [r.team for r in game.state.results] == order


# ----------------------------------------------------------------------------------------------
# Scoring: safe choices and help-seeking count, speed never does.

def test_points_for_each_grade_and_for_a_bonus():
    one_of_each = {cid: CARDS[cid] for cid in ("sc-grooming-gifts", "sc-privacy-location", "sc-scams-prize")}
    game = Game(config(1, turns_per_team=3, red_alert_every=0), one_of_each)
    expected = []
    for grade in (S, P, R):
        play_turn(game, grade)
        expected.append({S: 3, P: 1, R: 0}[grade])
        assert [r.points for r in game.state.results] == expected
        act(game, Action("next"))
    assert team_totals(game.state, 1)[0].points == 4
    assert (team_totals(game.state, 1)[0].safe, team_totals(game.state, 1)[0].partly_safe,
            team_totals(game.state, 1)[0].risky) == (1, 1, 1)

    game = Game(config(2, turns_per_team=1, red_alert_every=0), one_of_each)
    play_turn(game, R)
    act(game, Action("bonus", team=0, reason=BonusReason.NAMED_HELP))
    assert [t.points for t in team_totals(game.state, 2)] == [1, 0]


def test_myth_or_fact_scores_the_right_answer():
    for card_id in ("mf-grooming-fault", "mf-privacy-delete"):
        card = CARDS[card_id]
        right, wrong = (0, 1) if card.is_myth else (1, 0)
        for choice, points in ((right, 3), (wrong, 0)):
            game = Game(config(1, red_alert_every=0), {card_id: card})
            act(game, Action("draw", team=0))
            act(game, Action("choose", team=0, answer=choice))
            act(game, Action("reveal"))
            assert team_totals(game.state, 1)[0].points == points


@given(seed=st.integers(0, 10 ** 6), choices=st.lists(st.integers(0, 2), min_size=8, max_size=8),
       fast=st.lists(st.integers(0, 600), min_size=8, max_size=8),
       slow=st.lists(st.integers(0, 600), min_size=8, max_size=8))
@settings(max_examples=50, deadline=None)
def test_discussion_time_never_changes_a_score(seed, choices, fast, slow):
    def play(seconds):
        game = Game(config(2, seed=seed, turns_per_team=4), CARDS)
        number = 0
        while game.state.phase is not Phase.OVER:
            if game.state.phase is Phase.RED_ALERT:
                act(game, Action("next"))
                continue
            act(game, Action("draw", team=game.state.team))
            choice = choices[number] % len(kind_of(game.card).answers(game.card))
            act(game, Action("choose", team=game.state.team, answer=choice, seconds=seconds[number]))
            act(game, Action("reveal"))
            act(game, Action("next"))
            number += 1
        return game

    quick, long = play(fast), play(slow)
    assert team_totals(quick.state, 2) == team_totals(long.state, 2)
    assert ranking(quick.state, 2) == ranking(long.state, 2)
    assert safe_rate_by_topic(quick.state) == safe_rate_by_topic(long.state)
    assert [r.seconds for r in quick.state.results] == fast  # kept for the report, not scored


def test_teams_with_equal_points_share_a_place():
    scenarios = {cid: card for cid, card in CARDS.items() if card.kind == "scenario"}
    game = Game(config(3, turns_per_team=1, red_alert_every=0, seed=2), scenarios)
    for grade in (S, S, P):
        play_turn(game, grade)
        act(game, Action("next"))
    assert [(place, total.team) for place, total in ranking(game.state, 3)] == [(1, 0), (1, 1), (3, 2)]


# ----------------------------------------------------------------------------------------------
# Topics, skip and park.

def test_topics_in_the_config_limit_the_turn_cards():
    for topics in (("privacy",), ("grooming", "scams")):
        for seed in range(5):
            game = Game(config(2, topics=topics, turns_per_team=10, red_alert_every=1, seed=seed), CARDS)
            drawn, alerts = [], []
            while game.state.phase is not Phase.OVER:
                if game.state.phase is Phase.RED_ALERT:
                    alerts.append(game.card.id)
                    act(game, Action("next"))
                    continue
                drawn.append(play_turn(game).topic)
                act(game, Action("next"))
            wanted = sorted(cid for cid in TURN_CARDS if CARDS[cid].topic in topics)
            assert len(drawn) == len(wanted)  # every card of those topics, and no other
            assert set(drawn) == set(topics)
            assert alerts  # red alerts are general tips and come whatever the topics


def test_decks_in_the_config_limit_the_turn_cards():
    game = Game(config(1, deck_ids=("bullying",), turns_per_team=5), CARDS)
    assert play_turn(game).id == "sc-cyber-fake-profile"
    act(game, Action("next"))
    assert game.state.phase is Phase.OVER


def test_a_parked_card_can_be_drawn_back():
    game = Game(config(2, seed=4), CARDS)
    act(game, Action("draw", team=0))
    parked = game.card.id
    act(game, Action("park"))
    assert game.state.phase is Phase.READY and game.state.team == 0 and game.state.turn == 0
    assert game.state.parked == (parked,) and game.state.results == ()
    assert Action("draw", team=0, card_id=parked) in game.legal_actions()
    assert game.act(Action("draw", team=0, card_id="sc-scams-prize" if parked != "sc-scams-prize"
                           else "sc-privacy-photo")) is Refusal.NOT_PARKED
    act(game, Action("draw", team=0, card_id=parked))
    assert game.card.id == parked and game.state.parked == ()
    act(game, Action("choose", team=0, answer=0))
    act(game, Action("reveal"))
    assert [r.card_id for r in game.state.results] == [parked]


def test_a_parked_card_comes_back_when_nothing_else_is_left():
    two = {cid: CARDS[cid] for cid in ("sc-grooming-gifts", "mf-scams-free")}
    game = Game(config(1, turns_per_team=5, red_alert_every=0), two)
    act(game, Action("draw", team=0))
    first = game.card.id
    act(game, Action("park"))
    act(game, Action("draw", team=0))
    assert game.card.id != first
    act(game, Action("skip"))
    assert game.state.phase is Phase.READY  # the parked card is still to play
    act(game, Action("draw", team=0))
    assert game.card.id == first
    act(game, Action("skip"))
    assert game.state.phase is Phase.OVER


def test_the_oldest_parked_card_comes_back_first():
    three = {cid: CARDS[cid] for cid in ("sc-grooming-gifts", "mf-scams-free", "sc-privacy-photo")}
    game = Game(config(1, turns_per_team=5, red_alert_every=0, seed=12), three)
    parked = []
    for _ in range(2):
        act(game, Action("draw", team=0))
        parked.append(game.card.id)
        act(game, Action("park"))
    assert game.state.parked == tuple(parked)
    act(game, Action("draw", team=0))
    act(game, Action("skip"))
    act(game, Action("draw", team=0))
    assert game.card.id == parked[0]


@given(seed=st.integers(0, 10 ** 9))
@settings(max_examples=40, deadline=None)
def test_a_skipped_card_never_returns(seed):
    game = Game(config(2, turns_per_team=10, seed=seed), CARDS)
    act(game, Action("draw", team=0))
    skipped = game.card.id
    act(game, Action("skip"))
    assert game.state.turn == 0 and game.state.team == 0 and skipped not in game.state.parked
    drawn = []
    while game.state.phase is not Phase.OVER:
        if game.state.phase is Phase.RED_ALERT:
            act(game, Action("next"))
            continue
        act(game, Action("draw", team=game.state.team))
        drawn.append(game.card.id)
        act(game, Action("park") if len(drawn) % 3 == 0 and not game.state.parked else Action("skip"))
    assert skipped not in drawn
    assert set(drawn) == TURN_CARDS - {skipped}  # every other card still came up


# ----------------------------------------------------------------------------------------------
# Undo: a facilitator takes back the last scoring of the card on the table.

def test_undo_takes_back_the_newest_bonus_then_the_answer():
    game = Game(config(2), CARDS)
    card = play_turn(game, R, seconds=40)
    act(game, Action("bonus", team=0, reason=BonusReason.GOOD_DISCUSSION))
    act(game, Action("bonus", team=1, reason=BonusReason.NAMED_HELP))
    assert [t.points for t in team_totals(game.state, 2)] == [1, 1]
    act(game, Action("undo"))  # the newest bonus (team 2's) goes first
    assert [t.points for t in team_totals(game.state, 2)] == [1, 0]
    act(game, Action("undo"))
    assert [t.points for t in team_totals(game.state, 2)] == [0, 0] and game.state.phase is Phase.REVEALED
    act(game, Action("undo"))  # then the answer: the team chooses again, with the clock paused
    assert game.state.results == () and game.state.phase is Phase.PAUSED and game.card is card
    act(game, Action("choose", team=0, answer=choice_graded(card, S), seconds=70))
    act(game, Action("reveal"))
    assert [t.points for t in team_totals(game.state, 2)] == [POINTS[S], 0]
    assert game.state.results[0].seconds == 70
    check_replay_and_save(game)


def test_undo_takes_back_a_choice_not_yet_revealed_but_never_an_earlier_turn():
    game = Game(config(2), CARDS)
    play_turn(game, S)
    act(game, Action("next"))
    assert game.act(Action("undo")) is Refusal.NOTHING_TO_UNDO  # the first team's turn is closed
    act(game, Action("draw", team=1))
    assert game.act(Action("undo")) is Refusal.NOTHING_TO_UNDO
    act(game, Action("choose", team=1, answer=0))
    act(game, Action("undo"))
    assert game.state.phase is Phase.PAUSED and game.state.answer is None
    assert [t.points for t in team_totals(game.state, 2)] == [POINTS[S], 0]


def test_a_round_of_named_cards_draws_only_those():
    chosen = ("mf-grooming-fault", "sc-scams-prize", "mf-privacy-delete")
    game = Game(config(1, card_ids=chosen, turns_per_team=3, red_alert_every=0), CARDS)
    drawn = []
    while game.state.phase is not Phase.OVER:
        drawn.append(play_turn(game, S).id)
        act(game, Action("next"))
    assert sorted(drawn) == sorted(chosen)
