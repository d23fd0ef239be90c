"""The phones' votes in the rules: the team's answer taken from its phones is an action the engine judges,
logged with the spread of votes, replayed from a save; saves from before phones load as they did."""
from __future__ import annotations

import json

from game.kinds import kind_of
from game.engine.game import Game
from game.engine.rules import Action, Phase, Refusal
from tests.engine.test_rules import CARDS, act, config, play_turn, save_roundtrip


def drawn(seed: int = 5) -> Game:
    game = Game(config(seed=seed), CARDS)
    act(game, Action("draw", team=0))
    return game


def spread_for(game: Game, winner: int, second: int | None = None) -> tuple[int, ...]:
    votes = [1] * len(kind_of(game.card).answers(game.card))
    votes[winner] = 4
    if second is not None:
        votes[second] = 4
    return tuple(votes)


def test_the_majority_becomes_the_answer_and_its_spread_is_kept_in_the_result_and_the_save():
    game = drawn()
    votes = spread_for(game, 1)
    act(game, Action("choose", team=0, answer=1, votes=votes))
    assert game.state.pending_votes == votes
    act(game, Action("reveal"))
    assert game.state.results[-1].votes == votes and game.state.results[-1].answer == 1
    data = save_roundtrip(game)
    assert data["log"][1]["votes"] == list(votes)
    again = Game.from_json(data, CARDS)
    assert again.state == game.state and again.state.results[-1].votes == votes


def test_a_choice_the_phones_did_not_favour_is_refused_and_a_tie_may_pick_either_leader():
    game = drawn()
    votes = spread_for(game, 0)
    assert game.act(Action("choose", team=0, answer=1, votes=votes)) is Refusal.NOT_THE_PHONES_ANSWER
    assert game.state.phase is Phase.CARD and game.state.answer is None
    assert game.act(Action("choose", team=0, answer=0, votes=(0,) * len(kind_of(game.card).answers(game.card)))) \
        is Refusal.NOT_THE_PHONES_ANSWER  # no votes: no phones' answer
    assert game.act(Action("choose", team=0, answer=0, votes=(3, 1))) is Refusal.NOT_THE_PHONES_ANSWER
    tied = spread_for(game, 0, second=1)
    act(game, Action("choose", team=0, answer=1, votes=tied))
    assert game.state.answer == 1


def test_undo_forgets_the_votes_with_the_answer():
    game = drawn()
    act(game, Action("choose", team=0, answer=2, votes=spread_for(game, 2)))
    act(game, Action("reveal"))
    act(game, Action("undo"))
    assert game.state.pending_votes is None and not game.state.results
    act(game, Action("choose", team=0, answer=0))  # answered on the shared screen after all
    act(game, Action("reveal"))
    assert game.state.results[-1].votes is None


def test_a_save_from_before_phones_loads_and_saves_exactly_as_before():
    game = Game(config(seed=9), CARDS)
    play_turn(game, seconds=40)
    act(game, Action("next"))
    act(game, Action("draw", team=game.state.team))
    act(game, Action("choose", team=game.state.team, answer=0))
    old = save_roundtrip(game)
    # Written by the version before phones: no votes anywhere in it.
    assert "votes" not in json.dumps(old) and "pending_votes" not in old["state"]
    again = Game.from_json(old, CARDS)
    assert again.to_json() == old
