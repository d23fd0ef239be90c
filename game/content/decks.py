"""The deck schema: turning a deck file into cards, or into problems an author can act on."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from game.content.yamlsafe import Node, Position, YamlProblem, compose, decode, is_number
from game.engine.cards import TOPICS, Card, Choice, Deck, Grade, Kind, Text

CARD_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DECK_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")

# The longest text each field may hold, so that a card still fits a 1024x600 screen in Bangla,
# which runs longer than English, and a printed poker-size card (a scenario's story, question and
# four choices all go on its front: at these limits it still prints at 6 pt).
MAX_CHARS = {
    "title": 60,
    "description": 240,
    "story": 360,
    "prompt": 80,
    "text": 140,
    "feedback": 420,
    "discussion": 220,
    "facilitator_note": 1000,
    "tip": 200,
    "headline": 90,
    "why": 360,
    "statement": 200,
    "explanation": 420,
    "source": 200,
}

# Which fields each kind has: name -> required?
CARD_FIELDS: dict[Kind, dict[str, bool]] = {
    Kind.SCENARIO: {
        "id": True, "kind": True, "topic": True, "story": True, "prompt": True, "choices": True,
        "discussion": True, "facilitator_note": True, "tip": False, "source": True,
    },
    Kind.RED_ALERT: {
        "id": True, "kind": True, "topic": True, "headline": True, "why": True, "source": True,
    },
    Kind.MYTH_FACT: {
        "id": True, "kind": True, "topic": True, "statement": True, "answer": True,
        "explanation": True, "facilitator_note": False, "source": True,
    },
}
CHOICE_FIELDS = {"text": True, "grade": True, "feedback": True}
DECK_FIELDS = {"id": True, "title": True, "description": True}


@dataclass(frozen=True)
class DeckProblem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class DeckError(Exception):
    """A deck that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[DeckProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class _Reader:
    """Walks one file's node tree, collecting problems instead of stopping at the first."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[DeckProblem] = []

    def problem(self, position: Position, message: str) -> None:
        self.problems.append(DeckProblem(self.path, position.line, position.column, message))

    def check_keys(self, node: Node, allowed: dict[str, bool], what: str) -> None:
        for key_node, _ in node.pairs:
            if key_node.value not in allowed:
                known = ", ".join(allowed)
                self.problem(
                    key_node.position,
                    f"unknown field '{key_node.value}' in {what}. Check the spelling; "
                    f"the fields are: {known}.",
                )
        for name, required in allowed.items():
            if required and node.get(name) is None:
                self.problem(node.position, f"{what} has no '{name}'. Add it.")

    def text(self, node: Node | None, field: str, context: str) -> Text | None:
        if node is None:
            return None
        value = node.value
        if node.kind != "scalar" or not isinstance(value, str) or is_number(value):
            self.problem(node.position, f"'{field}' must be text. Put the text after the colon.")
            return None
        value = value.strip()
        if not value:
            self.problem(node.position, f"'{field}' is empty. Write the text, or remove the field if it is optional.")
            return None
        limit = MAX_CHARS.get(field)
        if limit and len(value) > limit:
            self.problem(
                node.position,
                f"'{field}' has {len(value)} characters; keep it under {limit} so the card fits on a small screen.",
            )
        return Text(context, value, node.position.line)

    def word(self, node: Node | None, field: str, allowed: tuple[str, ...]) -> str | None:
        if node is None:
            return None
        if node.kind != "scalar" or not isinstance(node.value, str) or node.value not in allowed:
            shown = node.value if node.kind == "scalar" else node.kind
            self.problem(
                node.position,
                f"'{field}' is '{shown}'; it must be one of: {', '.join(allowed)}.",
            )
            return None
        return node.value

    def mapping(self, node: Node | None, what: str) -> bool:
        if node is None:
            return False
        if node.kind != "mapping":
            self.problem(node.position, f"{what} must be a block of 'field: value' lines.")
            return False
        return True

    def sequence(self, node: Node | None, what: str) -> list[Node]:
        if node is None:
            return []
        if node.kind != "sequence":
            self.problem(node.position, f"{what} must be a list, one item per line starting with '- '.")
            return []
        return node.items


def _read_choices(reader: _Reader, card_node: Node, card_id: str) -> tuple[Choice, ...]:
    choices_node = card_node.get("choices")
    items = reader.sequence(choices_node, "'choices'")
    if choices_node is None or choices_node.kind != "sequence":
        return ()
    if not 2 <= len(items) <= 4:
        reader.problem(choices_node.position, f"a scenario has 2 to 4 choices; this one has {len(items)}.")
    choices = []
    for number, item in enumerate(items, start=1):
        if not reader.mapping(item, f"choice {number}"):
            continue
        reader.check_keys(item, CHOICE_FIELDS, f"choice {number}")
        prefix = f"{card_id}:choices[{number}]"
        text = reader.text(item.get("text"), "text", f"{prefix}.text")
        grade = reader.word(item.get("grade"), "grade", tuple(g.value for g in Grade))
        feedback = reader.text(item.get("feedback"), "feedback", f"{prefix}.feedback")
        if text and grade and feedback:
            choices.append(Choice(text, Grade(grade), feedback))
    if items and not any(
        item.kind == "mapping" and item.get("grade") is not None and item.get("grade").value == "safe"
        for item in items
    ):
        reader.problem(
            card_node.key_node("choices").position,
            "no choice is graded 'safe'. Every scenario needs at least one safe choice.",
        )
    return tuple(choices)


def _read_card(reader: _Reader, node: Node, deck_id: str, number: int) -> Card | None:
    what = f"card {number}"
    if not reader.mapping(node, what):
        return None
    id_node = node.get("id")
    card_id = None
    if id_node is not None:
        if id_node.kind == "scalar" and isinstance(id_node.value, str) and CARD_ID.match(id_node.value):
            card_id = id_node.value
            what = f"card '{card_id}'"
        else:
            reader.problem(
                id_node.position,
                "a card id uses only lower-case letters, digits, '-' and '_', e.g. grooming-secret-gifts.",
            )
    kind_value = reader.word(node.get("kind"), "kind", tuple(k.value for k in Kind))
    if kind_value is None:
        if node.get("kind") is None:
            reader.problem(node.position, f"{what} has no 'kind'. Add kind: scenario, red_alert or myth_fact.")
        return None
    kind = Kind(kind_value)
    reader.check_keys(node, CARD_FIELDS[kind], what)
    topic = reader.word(node.get("topic"), "topic", TOPICS)
    source_node = node.get("source")
    source = reader.text(source_node, "source", "")
    key = card_id or f"card{number}"

    def text(field: str) -> Text | None:
        return reader.text(node.get(field), field, f"{key}:{field}")

    fields: dict = {}
    if kind is Kind.SCENARIO:
        fields["story"] = text("story")
        fields["prompt"] = text("prompt")
        fields["choices"] = _read_choices(reader, node, key)
        discussion_node = node.get("discussion")
        questions = reader.sequence(discussion_node, "'discussion'")
        if discussion_node is not None and discussion_node.kind == "sequence" and not 1 <= len(questions) <= 3:
            reader.problem(discussion_node.position, f"a scenario has 1 to 3 discussion questions; this one has {len(questions)}.")
        fields["discussion"] = tuple(
            t for i, q in enumerate(questions, start=1)
            if (t := reader.text(q, "discussion", f"{key}:discussion[{i}]")) is not None
        )
        fields["facilitator_note"] = text("facilitator_note")
        fields["tip"] = text("tip")
    elif kind is Kind.RED_ALERT:
        fields["headline"] = text("headline")
        fields["why"] = text("why")
    else:
        fields["statement"] = text("statement")
        answer = reader.word(node.get("answer"), "answer", ("myth", "fact"))
        fields["is_myth"] = answer == "myth"
        fields["explanation"] = text("explanation")
        fields["facilitator_note"] = text("facilitator_note")
    if card_id is None or topic is None or source is None:
        return None
    required_missing = [
        name for name, required in CARD_FIELDS[kind].items()
        if required and name in fields and not fields[name]
    ]
    if required_missing or (kind is Kind.MYTH_FACT and node.get("answer") is None):
        return None
    return Card(
        id=card_id, kind=kind, topic=topic, deck_id=deck_id, source=source.source,
        id_line=id_node.position.line, id_column=id_node.position.column, **fields,
    )


def parse_deck(data: bytes, path: str) -> Deck:
    """The deck in `data`, or DeckError listing every problem with its line and column."""
    reader = _Reader(path)
    try:
        root = compose(decode(data))
    except YamlProblem as problem:
        reader.problem(problem.position, problem.message)
        raise DeckError(reader.problems) from None
    if root is None:
        reader.problem(Position(1, 1), "the file is empty. Start it with 'deck:' and 'cards:' (see decks/README.md).")
        raise DeckError(reader.problems)
    if not reader.mapping(root, "a deck file"):
        raise DeckError(reader.problems)
    reader.check_keys(root, {"deck": True, "cards": True}, "the deck file")
    deck_node = root.get("deck")
    deck_id, title, description = None, None, None
    if reader.mapping(deck_node, "'deck'"):
        reader.check_keys(deck_node, DECK_FIELDS, "'deck'")
        id_node = deck_node.get("id")
        if id_node is not None:
            if id_node.kind == "scalar" and isinstance(id_node.value, str) and DECK_ID.match(id_node.value):
                deck_id = id_node.value
            else:
                reader.problem(id_node.position, "a deck id uses only lower-case letters, digits and '_', e.g. grooming.")
        key = deck_id or "deck"
        title = reader.text(deck_node.get("title"), "title", f"deck:{key}:title")
        description = reader.text(deck_node.get("description"), "description", f"deck:{key}:description")
    cards: list[Card] = []
    first_line: dict[str, int] = {}
    for number, card_node in enumerate(reader.sequence(root.get("cards"), "'cards'"), start=1):
        card = _read_card(reader, card_node, deck_id or "", number)
        if card is None:
            continue
        if card.id in first_line:
            reader.problem(
                Position(card.id_line, card.id_column),
                f"the card id '{card.id}' is used twice in this deck (first at line {first_line[card.id]}). "
                "Give this card another id.",
            )
            continue
        first_line[card.id] = card.id_line
        cards.append(card)
    if reader.problems:
        raise DeckError(reader.problems)
    return Deck(id=deck_id, title=title, description=description, path=path, cards=tuple(cards))


@dataclass
class DeckSet:
    """The decks that loaded, and every problem found in those that did not (or across decks)."""

    decks: list[Deck]
    problems: list[DeckProblem]

    @property
    def cards(self) -> dict[str, Card]:
        return {card.id: card for deck in self.decks for card in deck.cards}

    def broken_files(self) -> list[str]:
        return sorted({p.path for p in self.problems})


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_decks(paths: list[Path]) -> DeckSet:
    """Load every deck; a broken one is left out and its problems reported, the others still load."""
    decks: list[Deck] = []
    problems: list[DeckProblem] = []
    card_home: dict[str, tuple[str, int]] = {}
    deck_home: dict[str, str] = {}
    for path in paths:
        shown = _display_path(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.append(DeckProblem(shown, 1, 1, f"cannot read the file ({error.strerror or error}). "
                                                     "Check that it exists and that you may open it."))
            continue
        try:
            deck = parse_deck(data, shown)
        except DeckError as error:
            problems += error.problems
            continue
        clashes = []
        if deck.id in deck_home:
            clashes.append(DeckProblem(shown, 1, 1, f"the deck id '{deck.id}' is already used by {deck_home[deck.id]}. "
                                                    "Give this deck another id."))
        for card in deck.cards:
            if card.id in card_home:
                other_path, other_line = card_home[card.id]
                clashes.append(DeckProblem(
                    shown, card.id_line, card.id_column,
                    f"the card id '{card.id}' is already used in {other_path}:{other_line}. Give this card another id.",
                ))
        if clashes:
            problems += clashes
            continue
        deck_home[deck.id] = shown
        for card in deck.cards:
            card_home[card.id] = (shown, card.id_line)
        decks.append(deck)
    return DeckSet(decks, problems)


def bundled_deck_paths(decks_dir: Path) -> list[Path]:
    return sorted(decks_dir.glob("*.yaml"))
