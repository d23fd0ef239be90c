"""The ranking card: a situation and four actions that all seem reasonable; the team puts them in order
from the safest to the riskiest, and scores by how close its order is ("diamond ranking")."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, permutations
from typing import Any

from game.engine.cards import Card, Grade, Text
from game.kinds.base import (ANSWER_AND_WHY, N_, NOTE_HELP, Answer, CardKind, DeckReader, Face, PaperBlock,
                             PaperCard, Reveal, SheetColumn, common_columns, source_column)
from game.kinds.scenario import MAX_CHOICES_CHARS, read_story_card, story_card_texts

ACTIONS = 4
ACTION_FIELDS = {"text": True, "rank": True, "reason": True}
# Every order of four actions, in one fixed order: the phones' votes are counted in it.
ORDERS: tuple[tuple[int, ...], ...] = tuple(permutations(range(ACTIONS)))
PAIRS = len(list(combinations(range(ACTIONS), 2)))  # 6: the pairs of actions whose order can be right
RIGHT_ORDER = N_("The safest order:")


@dataclass(frozen=True)
class RankedAction:
    text: Text
    rank: int  # 1 is the safest
    reason: Text  # why it stands at that place


@dataclass(frozen=True)
class Ranking:
    story: Text
    prompt: Text
    actions: tuple[RankedAction, ...]  # in the order they are shown (A-D); each rank once
    discussion: tuple[Text, ...]
    facilitator_note: Text
    tip: Text | None = None

    def texts(self) -> list[Text]:
        return story_card_texts(self, [text for action in self.actions for text in (action.text, action.reason)])

    @property
    def right_order(self) -> tuple[int, ...]:
        """The actions' places as shown, safest first."""
        return tuple(sorted(range(len(self.actions)), key=lambda i: self.actions[i].rank))


def pairs_in_order(order: tuple[int, ...], right: tuple[int, ...]) -> int:
    """How many of the six pairs of actions the order puts the same way round as the right order does."""
    place = {action: i for i, action in enumerate(order)}
    return sum(place[a] < place[b] for a, b in combinations(right, 2))


class RankingKind(CardKind):
    word = "ranking"
    label = N_("Put in order")
    colour = (150, 88, 0)
    fields = {"id": True, "kind": True, "topic": True, "story": True, "prompt": True, "actions": True,
              "discussion": True, "facilitator_note": True, "tip": False, "source": True}
    limits = {"reason": 200}

    def read(self, reader: DeckReader, node: Any, key: str) -> Ranking | None:
        parts = read_story_card(reader, node, key, "ranking card", self._read_actions)
        return Ranking(*parts) if parts is not None else None

    @staticmethod
    def _read_actions(reader: DeckReader, card_node: Any, key: str) -> tuple[RankedAction, ...]:
        actions_node = card_node.get("actions")
        items = reader.sequence(actions_node, "'actions'")
        if actions_node is None or actions_node.kind != "sequence":
            return ()
        if len(items) != ACTIONS:
            reader.problem(actions_node.position, f"a ranking card has {ACTIONS} actions to put in order; this one "
                                                  f"has {len(items)}.")
        actions = []
        for number, item in enumerate(items, start=1):
            what = f"action {number}"
            if not reader.mapping(item, what):
                continue
            reader.check_keys(item, ACTION_FIELDS, what)
            text = reader.text(item.get("text"), "text", f"{key}:actions[{number}].text")
            reason = reader.text(item.get("reason"), "reason", f"{key}:actions[{number}].reason")
            rank_node = item.get("rank")
            # The deck reader keeps a number as its digits (a str): 1 to 4, as typed.
            value = rank_node.value if rank_node is not None else None
            rank = int(value) if isinstance(value, str) and value in {str(n) for n in range(1, ACTIONS + 1)} else None
            if rank_node is not None and rank is None:
                reader.problem(rank_node.position, f"'rank' must be a whole number from 1 (the safest) to {ACTIONS}.")
                rank = None
            if text and reason and rank:
                actions.append(RankedAction(text, rank, reason))
        ranks = sorted(action.rank for action in actions)
        if len(actions) == ACTIONS and ranks != list(range(1, ACTIONS + 1)):
            reader.problem(actions_node.position, f"each rank from 1 to {ACTIONS} must be given to one action; "
                                                  f"these have {', '.join(map(str, ranks))}.")
            return ()
        together = sum(len(action.text.source) for action in actions)
        if together > MAX_CHOICES_CHARS:
            reader.problem(actions_node.position, f"the actions have {together} characters together; keep them under "
                                                  f"{MAX_CHOICES_CHARS} so that all of them fit on a small screen.")
        return tuple(actions) if len(actions) == ACTIONS else ()

    # --- answers: an order of the actions' places as shown, safest first ----------------------------
    def answers(self, card: Card) -> tuple[Answer, ...]:
        return ORDERS

    def grade(self, card: Card, answer: Answer) -> Grade:
        right = pairs_in_order(answer, card.body.right_order)
        if right == PAIRS:
            return Grade.SAFE
        return Grade.PARTLY_SAFE if right >= PAIRS // 2 else Grade.RISKY

    def points(self, card: Card, answer: Answer) -> int:
        """Partial credit by how close the order is: 3 for the right order, then one for each two pairs
        the right way round (never for speed)."""
        return pairs_in_order(answer, card.body.right_order) // 2

    def best_answers(self, card: Card) -> tuple[Answer, ...]:
        return (card.body.right_order,)

    def answer_code(self, answer: Answer) -> str:
        return "-".join(str(i + 1) for i in answer)

    # --- what people see -----------------------------------------------------------------------
    def face(self, card: Card) -> Face:
        body = card.body
        return Face(heading=self.label, story=body.story, question=body.prompt,
                    options=tuple(action.text for action in body.actions), discussion=body.discussion,
                    story_first=True, orders=True)

    def reveal(self, card: Card, answer: Answer) -> Reveal:
        body = card.body
        steps = tuple((body.actions[i].text, body.actions[i].reason) for i in body.right_order)
        return Reveal(answer_lines=tuple(body.actions[i].text for i in answer),
                      why=tuple(reason for _, reason in steps), safer=None, tip=body.tip, steps=steps)

    def paper(self, card: Card, tr, helplines: tuple[str, ...]) -> PaperCard:
        body = card.body
        front = [PaperBlock(tr.text(body.story)), PaperBlock(tr.text(body.prompt), bold=True)]
        front += [PaperBlock(f"{letter(i)}. {tr.text(action.text)}  [   ]") for i, action in enumerate(body.actions)]
        back = [PaperBlock(tr._(RIGHT_ORDER), bold=True, color=self.colour)]
        back += [PaperBlock(f"{tr.number(place)}. {letter(i)}: {tr.text(body.actions[i].reason)}")
                 for place, i in enumerate(body.right_order, start=1)]
        return PaperCard(tuple(front), tuple(back), ANSWER_AND_WHY)

    def guide_lines(self, card: Card, tr) -> list[str]:
        body = card.body
        order = ", ".join(f"{letter(i)} {tr.text(body.actions[i].text)}" for i in body.right_order)
        return [tr.format(tr._(RIGHT_ORDER) + " {order}", order=order)]

    sheet_title = N_("Put in order")

    def sheet_columns(self) -> tuple[SheetColumn, ...]:
        columns = [*common_columns(),
                   SheetColumn("story", N_("Story"), N_("2 to 4 short sentences about a named young person "
                                                        "(at most 300 characters)."), width=60),
                   SheetColumn("prompt", N_("Question"), N_("The question, e.g. What should Rafi do? "
                                                            "(at most 60 characters)"), width=30)]
        for number in range(1, ACTIONS + 1):
            columns += [
                SheetColumn(f"actions[{number}].text", N_("Action {number}"),
                            N_("An action that seems reasonable (all four together at most 300 characters)."),
                            width=40, number=number),
                SheetColumn(f"actions[{number}].rank", N_("Action {number}: place"),
                            N_("Its place from 1 (the safest) to 4; each place once."),
                            allowed=tuple(str(n) for n in range(1, ACTIONS + 1)), translated=False, width=12,
                            number=number),
                SheetColumn(f"actions[{number}].reason", N_("Action {number}: why"),
                            N_("Why it stands at that place, without blaming the young person (at most 200 "
                               "characters)."), width=50, number=number)]
        columns += [SheetColumn(f"discussion[{number}]", N_("Discussion question {number}"),
                                N_("A question for the room to talk about (at most 140 characters); one to three."),
                                required=number == 1, width=40, number=number) for number in range(1, 4)]
        columns += [SheetColumn("facilitator_note", N_("Facilitator note"), NOTE_HELP, width=60),
                    SheetColumn("tip", N_("Tip"), N_("Optional: one short safety tip shown with the answer "
                                                     "(at most 140 characters)."), required=False, width=40),
                    source_column()]
        return tuple(columns)


def letter(index: int) -> str:
    """The letter an action is printed with: A to D (the keys A-D pick it on screen too)."""
    return "ABCD"[index]
