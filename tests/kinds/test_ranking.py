"""Ranking cards: a team puts four actions in order, safest first, and scores by how close its order is."""
from __future__ import annotations

import json
from statistics import mean

import pygame
import pytest

from tests.ui.test_screens import key, make_app  # noqa: F401  (the real window and event loop, headless)

from game.content.decks import DeckError, load_deck_folder, parse_deck
from game.engine.game import Game
from game.engine.rules import Action, GameConfig, Phase
from game.kinds import kind_of
from game.kinds.ranking import ORDERS, pairs_in_order
from game.lan import protocol
from game.lan.tally import CardSnapshot, CardTexts, Room
from game.report import report_csv
from game.resources import DECKS_DIR

RANKING = [card for card in load_deck_folder(DECKS_DIR).cards.values() if card.kind == "ranking"]


def test_there_are_twelve_or_more_ranking_cards_over_the_topics():
    assert len(RANKING) >= 12
    assert len({card.topic for card in RANKING}) >= 8


def test_an_order_scores_by_how_many_pairs_it_puts_the_right_way_round():
    card = RANKING[0]
    kind, right = kind_of(card), card.body.right_order
    assert kind.points(card, right) == 3 and kind.grade(card, right).value == "safe"
    swapped = (right[1], right[0]) + right[2:]  # one neighbouring pair the wrong way round: 5 of 6
    assert pairs_in_order(swapped, right) == 5
    assert kind.points(card, swapped) == 2 and kind.grade(card, swapped).value == "partly_safe"
    backwards = tuple(reversed(right))
    assert kind.points(card, backwards) == 0 and kind.grade(card, backwards).value == "risky"
    assert sorted(kind.points(card, order) for order in ORDERS) == sorted(
        pairs_in_order(order, right) // 2 for order in ORDERS)


def test_the_safest_action_cannot_be_spotted_by_its_place_or_its_length():
    """Nobody wins a ranking card without reading it: rank 1 sits in every place, and is not the longest or
    the shortest action on most cards (in English and in the Bangla the game shows)."""
    from game.i18n import Translator
    from game.resources import LOCALES_DIR

    places = [card.body.right_order[0] for card in RANKING]
    assert max(places.count(p) for p in range(4)) <= len(RANKING) / 2
    for language in ("en", "bn"):
        tr = Translator(LOCALES_DIR, language)
        lengths = [[len(tr.text(a.text)) for a in card.body.actions] for card in RANKING]
        first = [length[card.body.right_order[0]] for card, length in zip(RANKING, lengths)]
        longest = sum(f == max(length) for f, length in zip(first, lengths))
        shortest = sum(f == min(length) for f, length in zip(first, lengths))
        assert longest <= len(RANKING) / 3 and shortest <= len(RANKING) / 3, (language, longest, shortest)
        assert mean(first) < 1.2 * mean(mean(length) for length in lengths)


BROKEN = b"""deck:
  id: broken_ranking
  title: Broken
  description: A ranking card with two actions at the same place.
cards:
  - id: rank-broken
    kind: ranking
    topic: privacy
    story: Mitu sees her photo shared.
    prompt: Put Mitu's steps in order, safest first.
    actions:
      - {text: Tell her aunt., rank: 1, reason: An adult can help.}
      - {text: Report the post., rank: 1, reason: The app can take it down.}
      - {text: Ask the friend to delete it., rank: 3, reason: Kind but alone.}
      - {text: Share it further., rank: 5, reason: It spreads.}
    discussion: [Why?]
    facilitator_note: Listen.
    source: test
"""


def problems_of(deck: bytes) -> list[str]:
    with pytest.raises(DeckError) as caught:
        parse_deck(deck, "broken.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_broken_ranking_card_is_named_where_it_is_wrong():
    assert problems_of(BROKEN) == ["broken.yaml:15:41: 'rank' must be a whole number from 1 (the safest) to 4."]
    twice = problems_of(BROKEN.replace(b"rank: 5", b"rank: 4"))
    assert twice == ["broken.yaml:12:7: each rank from 1 to 4 must be given to one action; these have 1, 1, 3, 4."]
    three = problems_of(BROKEN.replace(b"      - {text: Share it further., rank: 5, reason: It spreads.}\n", b""))
    assert len(three) == 1 and three[0].startswith("broken.yaml:12:7: a ranking card has 4 actions")


def test_a_ranking_answer_goes_through_a_save_and_the_report():
    card = RANKING[0]
    cards = {card.id: card}
    game = Game(GameConfig(teams=("A",), card_ids=(card.id,), turns_per_team=1, red_alert_every=0), cards)
    game.act(Action("draw", team=0))
    game.act(Action("start_discussion"))
    order = (card.body.right_order[1], card.body.right_order[0]) + card.body.right_order[2:]
    assert game.act(Action("choose", team=0, answer=order)) is None
    assert game.act(Action("reveal")) is None
    assert game.state.results[0].points == 2
    again = Game.from_json(json.loads(json.dumps(game.to_json())), cards)
    assert again.state.results[0].answer == order and again.state.phase is Phase.REVEALED
    from game.i18n import Translator
    from game.resources import LOCALES_DIR

    assert "-".join(str(i + 1) for i in order) in report_csv(game, Translator(LOCALES_DIR, "en"))


def test_phones_vote_for_orders_and_the_team_takes_the_one_most_phones_chose():
    card = RANKING[0]
    kind = kind_of(card)
    room = Room()
    room.set_teams(["A"])
    tokens = [f"{n:032x}" for n in range(5)]
    for token in tokens:
        assert room.join(token).team == 0
    snapshot = CardSnapshot(card.id, {"en": CardTexts("story", "prompt", ("a", "b", "c", "d"))},
                            answers=kind.answers(card), orders=True)
    room.set_card(snapshot)
    room.open_voting()
    right, other = card.body.right_order, tuple(reversed(card.body.right_order))
    for token, order in zip(tokens, (right, right, right, other, other)):
        message = protocol.parse(json.dumps({"type": "order", "round": room.round, "order": list(order)}))
        assert isinstance(message, dict)
        assert room.vote(token, message["round"], tuple(message["order"])) is None
    assert room.vote(tokens[0], room.round, 1) is not None  # a single choice is no answer on this card
    tally = room.tally()[0]
    assert kind.answers(card)[tally.majority] == right and sum(tally.votes) == 5


def test_a_class_orders_the_actions_with_the_number_keys_and_sees_the_safest_order(make_app):
    from game.ui.scenes.play import PlayScene

    app = make_app(size=(1024, 600), language="bn")
    card = RANKING[0]
    game = Game(GameConfig(teams=("A", "B"), card_ids=(card.id,), turns_per_team=1, red_alert_every=0,
                           discussion_first=True), app.session.decks.cards)
    app.session.begin(game)
    app.flow.reset_to(PlayScene(app))
    key(app, pygame.K_PAGEDOWN)  # draw
    key(app, pygame.K_PAGEDOWN)  # start the discussion: the actions open
    right = card.body.right_order
    key(app, pygame.K_1 + right[0])
    key(app, pygame.K_1 + right[1])
    placed = {b.name: b.selected for b in app.scene.buttons if b.name.startswith("choice-")}
    assert placed == {f"choice-{i}": i in right[:2] for i in range(4)}  # the placed two show it
    key(app, pygame.K_1 + right[1])  # pressed again: taken back
    assert app.game.state.answer is None and app.scene.button(f"choice-{right[1]}").selected is False
    for index in right[1:3]:  # the next two: the last action goes last by itself
        key(app, pygame.K_1 + index)
    assert app.game.state.phase is Phase.CHOSEN and app.game.state.answer == right
    key(app, pygame.K_PAGEDOWN)  # reveal
    assert app.game.state.results[-1].points == 3
    assert app.game.view(app.mode.room).answer.shown.steps
