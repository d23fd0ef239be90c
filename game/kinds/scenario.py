"""The scenario card: a story, a question and two to four choices, each graded safe, partly safe or risky."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.cards import Card, Choice, Grade, Text, new_choice
from game.kinds.base import (ANSWER_AND_WHY, GRADE_COLORS, N_, NOTE_HELP, Answer, CardKind, DeckReader, Face,
                             PaperBlock, PaperCard, Reveal, SheetColumn, common_columns, numbered, source_column)

CHOICE_FIELDS = {"text": True, "grade": True, "feedback": True}
_GRADE_OF_WORD = {grade.value: grade for grade in Grade}
GRADE_WORDS = tuple(_GRADE_OF_WORD)
GRADE_WORDS_SHOWN = {Grade.SAFE: N_("Safe"), Grade.PARTLY_SAFE: N_("Partly safe"), Grade.RISKY: N_("Risky")}
# The choices of one scenario together: four tiles must fit beside the question and the clock.
MAX_CHOICES_CHARS = 300


@dataclass(frozen=True)
class Scenario:
    story: Text
    prompt: Text
    choices: tuple[Choice, ...]
    discussion: tuple[Text, ...]
    facilitator_note: Text
    tip: Text | None = None

    def texts(self) -> list[Text]:
        return story_card_texts(self, [text for choice in self.choices for text in (choice.text, choice.feedback)])


def story_card_texts(body: Any, option_texts: list[Text]) -> list[Text]:
    """Every text of a card told as a story (a scenario, a ranking card), in reading order."""
    found = [body.story, body.prompt, *option_texts, *body.discussion, body.facilitator_note]
    return found + ([body.tip] if body.tip is not None else [])


def read_story_card(reader: DeckReader, node: Any, key: str, what: str, read_options) -> tuple | None:
    """What every card told as a story has: (story, prompt, its options as `read_options` reads them, the
    questions to talk about, the facilitator's note, the tip); None when a part it needs is missing."""
    def text(field: str) -> Text | None:
        return reader.text(node.get(field), field, f"{key}:{field}")

    story, prompt = text("story"), text("prompt")
    options = read_options(reader, node, key)
    discussion = read_discussion(reader, node, key, what)
    note, tip = text("facilitator_note"), text("tip")
    if not (story and prompt and options and discussion and note):
        return None
    return story, prompt, options, discussion, note, tip


def read_discussion(reader: DeckReader, node: Any, key: str, what: str) -> tuple[Text, ...]:
    """The questions to talk about: one to three (scenario and ranking cards alike)."""
    discussion_node = node.get("discussion")
    questions = reader.sequence(discussion_node, "'discussion'")
    if discussion_node is not None and discussion_node.kind == "sequence" and not 1 <= len(questions) <= 3:
        reader.problem(discussion_node.position, f"a {what} has 1 to 3 discussion questions; this one has "
                                                 f"{len(questions)}.")
    return tuple(t for i, q in enumerate(questions, start=1)
                 if (t := reader.text(q, "discussion", f"{key}:discussion[{i}]")) is not None)


class ScenarioKind(CardKind):
    word = "scenario"
    label = N_("What would you do?")
    fields = {"id": True, "kind": True, "topic": True, "story": True, "prompt": True, "choices": True,
              "discussion": True, "facilitator_note": True, "tip": False, "source": True}

    def read(self, reader: DeckReader, node: Any, key: str) -> Scenario | None:
        parts = read_story_card(reader, node, key, "scenario", self._read_choices)
        return Scenario(*parts) if parts is not None else None

    @staticmethod
    def _read_choices(reader: DeckReader, card_node: Any, card_id: str) -> tuple[Choice, ...]:
        choices_node = card_node.get("choices")
        items = reader.sequence(choices_node, "'choices'")
        if choices_node is None or choices_node.kind != "sequence":
            return ()
        if not 2 <= len(items) <= 4:
            reader.problem(choices_node.position, f"a scenario has 2 to 4 choices; this one has {len(items)}.")
        choices = []
        any_safe = False
        for number, item in enumerate(items, start=1):
            what = f"choice {number}"
            if not reader.mapping(item, what):
                continue
            reader.check_keys(item, CHOICE_FIELDS, what)
            prefix = f"{card_id}:choices[{number}]"
            text = reader.text(item.get("text"), "text", f"{prefix}.text")
            grade_node = item.get("grade")
            grade = reader.word(grade_node, "grade", GRADE_WORDS)
            feedback = reader.text(item.get("feedback"), "feedback", f"{prefix}.feedback")
            if grade_node is not None and grade_node.value == "safe":
                any_safe = True
            if text and grade and feedback:
                choices.append(new_choice(text, _GRADE_OF_WORD[grade], feedback))
        together = sum(len(choice.text.source) for choice in choices)
        if together > MAX_CHOICES_CHARS:
            reader.problem(choices_node.position,
                           f"the choices have {together} characters together; keep them under {MAX_CHOICES_CHARS} "
                           "so that all of them fit on a small screen beside the question.")
        if items and not any_safe:
            reader.problem(card_node.key_node("choices").position,
                           "no choice is graded 'safe'. Every scenario needs at least one safe choice.")
        return tuple(choices)

    def answers(self, card: Card) -> tuple[Answer, ...]:
        return tuple(range(len(card.body.choices)))

    def grade(self, card: Card, answer: Answer) -> Grade:
        return card.body.choices[answer].grade

    def face(self, card: Card) -> Face:
        body = card.body
        return Face(heading=self.label, story=body.story, question=body.prompt,
                    options=tuple(choice.text for choice in body.choices), discussion=body.discussion,
                    story_first=True)

    def paper(self, card: Card, tr, helplines: tuple[str, ...]) -> PaperCard:
        body = card.body
        front = [PaperBlock(tr.text(body.story)), PaperBlock(tr.text(body.prompt), bold=True)]
        front += [PaperBlock(numbered(tr, i, tr.text(choice.text))) for i, choice in enumerate(body.choices, start=1)]
        back = [PaperBlock(numbered(tr, i, tr._(GRADE_WORDS_SHOWN[choice.grade])), bold=True,
                           color=GRADE_COLORS[choice.grade]) for i, choice in enumerate(body.choices, start=1)]
        # The first safe choice's feedback says why; more would not fit a card at the loader's limits.
        safe = next(choice for choice in body.choices if choice.grade is Grade.SAFE)
        back.append(PaperBlock(tr.text(safe.feedback)))
        if body.tip is not None:
            back.append(PaperBlock(tr.format(tr._(N_("Tip: {tip}")), tip=tr.text(body.tip)), bold=True))
        return PaperCard(tuple(front), tuple(back), ANSWER_AND_WHY)

    def reveal(self, card: Card, answer: Answer) -> Reveal:
        choices = card.body.choices
        chosen = choices[answer]
        safe = [c for c in choices if c.grade is Grade.SAFE]
        safer = safe[0].text if safe and chosen.grade is not Grade.SAFE else None
        return Reveal(answer_lines=(chosen.text,), why=(chosen.feedback,), safer=safer, tip=card.body.tip)

    sheet_title = N_("Scenarios")

    def sheet_columns(self) -> tuple[SheetColumn, ...]:
        columns = [*common_columns(),
                   SheetColumn("story", N_("Story"), N_("2 to 4 short sentences about a named young person "
                                                        "(at most 300 characters)."), width=60),
                   SheetColumn("prompt", N_("Question"), N_("The question, e.g. What should Rafi do? "
                                                            "(at most 60 characters)"), width=30)]
        for number in range(1, 5):
            needed = number <= 2  # two to four choices
            columns += [
                SheetColumn(f"choices[{number}].text", N_("Choice {number}"),
                            N_("What the young person could do (at most 110 characters; all the choices together "
                               "at most 300). Two to four choices."), required=needed, width=40, number=number),
                SheetColumn(f"choices[{number}].grade", N_("Choice {number}: grade"),
                            N_("safe, partly_safe or risky. At least one choice is safe."), allowed=GRADE_WORDS,
                            translated=False, required=needed, width=14, number=number),
                SheetColumn(f"choices[{number}].feedback", N_("Choice {number}: feedback"),
                            N_("Why, without blaming the young person, and what would be safer "
                               "(at most 270 characters)."), required=needed, width=50, number=number)]
        columns += [SheetColumn(f"discussion[{number}]", N_("Discussion question {number}"),
                                N_("A question for the room to talk about (at most 140 characters); one to three."),
                                required=number == 1, width=40, number=number) for number in range(1, 4)]
        columns += [SheetColumn("facilitator_note", N_("Facilitator note"), NOTE_HELP, width=60),
                    SheetColumn("tip", N_("Tip"), N_("Optional: one short safety tip shown with the answer "
                                                     "(at most 140 characters)."), required=False, width=40),
                    source_column()]
        return tuple(columns)
