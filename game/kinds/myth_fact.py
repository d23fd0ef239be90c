"""The myth-or-fact card: a statement the team calls a myth or a fact, and the truth explained."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.cards import Card, Grade, Text
from game.kinds.base import (ANSWER_AND_WHY, N_, NOTE_HELP, Answer, CardKind, DeckReader, Face, PaperBlock, PaperCard,
                             Reveal, SheetColumn, common_columns, source_column)

MYTH, FACT = 0, 1  # the answers, in the order the tiles show them
OPTIONS = (N_("Myth"), N_("Fact"))
TRUTH = (N_("It is a myth."), N_("It is a fact."))


@dataclass(frozen=True)
class MythFact:
    statement: Text
    is_myth: bool
    explanation: Text
    facilitator_note: Text | None = None

    def texts(self) -> list[Text]:
        found = [self.statement, self.explanation]
        return found + ([self.facilitator_note] if self.facilitator_note is not None else [])


class MythFactKind(CardKind):
    word = "myth_fact"
    label = N_("Myth or fact?")
    icon = "myth_fact"
    colour = (96, 58, 140)
    right_or_wrong = True
    quick = True
    fields = {"id": True, "kind": True, "topic": True, "statement": True, "answer": True,
              "explanation": True, "facilitator_note": False, "source": True}

    def read(self, reader: DeckReader, node: Any, key: str) -> MythFact | None:
        def text(field: str) -> Text | None:
            return reader.text(node.get(field), field, f"{key}:{field}")

        statement = text("statement")
        answer = reader.word(node.get("answer"), "answer", ("myth", "fact"))
        explanation, note = text("explanation"), text("facilitator_note")
        if not (statement and answer and explanation):
            return None
        return MythFact(statement, answer == "myth", explanation, note)

    def answers(self, card: Card) -> tuple[Answer, ...]:
        return (MYTH, FACT)

    def right_answer(self, card: Card) -> int:
        return MYTH if card.body.is_myth else FACT

    def grade(self, card: Card, answer: Answer) -> Grade:
        return Grade.SAFE if answer == self.right_answer(card) else Grade.RISKY

    def face(self, card: Card) -> Face:
        return Face(heading=self.label, story=None, question=card.body.statement, options=OPTIONS)

    def truth(self, card: Card) -> str:
        """"It is a myth." or "It is a fact.", a msgid."""
        return TRUTH[self.right_answer(card)]

    def paper(self, card: Card, tr, helplines: tuple[str, ...]) -> PaperCard:
        front = (PaperBlock(tr.text(card.body.statement), bold=True, scale=1.15),)
        back = (PaperBlock(tr._(OPTIONS[self.right_answer(card)]), bold=True, scale=1.3, color=self.colour),
                PaperBlock(tr.text(card.body.explanation)))
        return PaperCard(front, back, ANSWER_AND_WHY)

    def guide_lines(self, card: Card, tr) -> list[str]:
        return super().guide_lines(card, tr) + [tr.text(card.body.explanation)]

    def reveal(self, card: Card, answer: Answer) -> Reveal:
        return Reveal(answer_lines=(OPTIONS[answer],), why=(self.truth(card), card.body.explanation), safer=None,
                      tip=None)

    def check_statement(self, card: Card) -> tuple[Text, bool] | None:
        return card.body.statement, card.body.is_myth

    def host_explanation(self, card: Card) -> Text | None:
        return card.body.explanation

    sheet_title = N_("Myth or fact")

    def sheet_columns(self) -> tuple[SheetColumn, ...]:
        return (*common_columns(),
                SheetColumn("statement", N_("Statement"), N_("A sentence the team calls a myth or a fact "
                                                             "(at most 140 characters)."), width=50),
                SheetColumn("answer", N_("Answer"), N_("myth or fact."), allowed=("myth", "fact"), translated=False,
                            width=12),
                SheetColumn("explanation", N_("Explanation"), N_("The truth, explained (at most 240 characters)."),
                            width=60),
                SheetColumn("facilitator_note", N_("Facilitator note"), NOTE_HELP, required=False, width=50),
                source_column())
