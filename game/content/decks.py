"""The deck schema: turning a deck file into cards, or into problems an author can act on."""
from __future__ import annotations

import contextlib
import dataclasses
import gc
from dataclasses import dataclass
from pathlib import Path

from game.content.characters import (
    BIDI_CONTROLS,
    BIDI_PATTERN,
    bidi_offsets,
    character_name,
    describe,
)
from game.content.ids import CARD_ID_MAX, DECK_ID_MAX, is_card_id, is_deck_id
from game.content.yamlsafe import (
    MAX_FILE_BYTES,
    Node,
    Position,
    Source,
    YamlProblem,
    compose,
    decode,
    is_number,
)
from game.engine.cards import TOPICS, Card, Deck, Text, new_text
from game.kinds import KIND_WORDS, KINDS
from game.regular_file import FileTooLarge, NotARegularFile, read_regular_file

# Read this much at most: enough to say how big an oversized deck is, never a whole disk or device.
_READ_CAP = 16 * MAX_FILE_BYTES

# A deck file is named like this in any mix of capitals (Windows shows no difference).
DECK_SUFFIXES = (".yaml", ".yml")
# Notepad adds ".txt" when "Save as type" is left at "Text documents", and Windows hides it.
_SAVED_AS_TEXT = tuple(suffix + ".txt" for suffix in DECK_SUFFIXES)
# The first bytes of the hidden "._name" file a Mac writes beside every file it copies.
_APPLE_DOUBLE = b"\x00\x05\x16\x07"

# The longest text each field may hold. A card is read from the back of a classroom: at these limits
# the longest card, in Bangla (which runs about as long as English), still shows every part at 24 px on a
# 1024x600 screen, a part at a time (tests/ui/test_card_layout.py proves it), and prints on a poker-size
# card. The Bangla translations are held to the same limits (game/catalogs.py).
MAX_CHARS = {
    "title": 60,
    "description": 240,
    "story": 300,
    "prompt": 60,
    "text": 110,
    "feedback": 270,
    "discussion": 140,
    "facilitator_note": 1000,
    "tip": 140,
    "headline": 90,
    "why": 300,
    "statement": 140,
    "explanation": 240,
    "source": 200,
}
MAX_CHARS.update({field: limit for kind in KINDS.values() for field, limit in kind.limits.items()})
# Every field any kind has, for naming a misspelt one on a card whose kind is missing.
_ANY_CARD_FIELD = {name: False for kind in KINDS.values() for name in kind.fields}
DECK_FIELDS = {"id": True, "title": True, "description": True}


@dataclass(frozen=True, slots=True)
class DeckProblem:
    path: str
    line: int
    column: int
    message: str
    # The other file a clash is with, so `validate FILE` shows clashes either way round.
    related: str | None = None
    # True when the problem leaves out one card and the rest of the deck still plays.
    card_only: bool = False
    # The id of that card, where it has a readable one.
    card_id: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class DeckError(Exception):
    """A deck that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[DeckProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class _Reader:
    """Walks one file's node tree, collecting problems instead of stopping at the first."""

    def __init__(self, path: str, source: Source | None = None):
        self.path = path
        self.source = source
        self.problems: list[DeckProblem] = []

    def problem(self, position: Position, message: str) -> None:
        self.problems.append(DeckProblem(self.path, position.line, position.column, message))

    def check_keys(self, node: Node, allowed: dict[str, bool], what: str, report_missing: bool = True) -> None:
        names = node.keys()
        if not names <= allowed.keys():  # one set comparison for the usual block with no unknown field
            for key_node, _ in node.pairs:
                if key_node.value not in allowed:
                    known = ", ".join(allowed)
                    name = describe(str(key_node.value), ascii_expected=True)
                    self.problem(
                        key_node.position,
                        f"unknown field {name} in {what}. Check the spelling; the fields are: {known}.",
                    )
        if not report_missing:
            return
        for name, required in allowed.items():
            if required and name not in names:
                self.problem(node.position, f"{what} has no '{name}'. Add it.")

    def text(self, node: Node | None, field: str, context: str) -> Text | None:
        if node is None:
            return None
        value = node.value
        # Exactly str: a number (see is_number) is a str too; true, false, null and lists are not.
        if type(value) is not str:
            self.problem(node.position, f"'{field}' must be text. Put the text after the colon.")
            return None
        # Only a backslash escape can put a bidi control in a value that the file does not show: most files have none.
        if self.source.has_backslash:
            self.refuse_escaped_bidi(node, field)
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
        return new_text(context, value, node.line)

    def word(self, node: Node | None, field: str, allowed: tuple[str, ...]) -> str | None:
        if node is None:
            return None
        # Only a str can equal one of the words: a list, a mapping, true, false and null never do.
        if node.value not in allowed:
            shown = describe(str(node.value), ascii_expected=True) if node.kind == "scalar" else f"a {node.kind}"
            self.problem(
                node.position,
                f"'{field}' is {shown}; it must be one of: {', '.join(allowed)}.",
            )
            return None
        return node.value

    def refuse_escaped_bidi(self, node: Node, field: str) -> None:
        """A bidi control written as an escape ("\\u202E") is as hidden on screen as a typed one.
        Typed ones are found in the whole file at once (see parse_deck) and not reported twice."""
        if not BIDI_PATTERN.search(node.value):
            return
        start, end = node.span
        if BIDI_PATTERN.search(self.source.text, start, end):
            return
        character = BIDI_PATTERN.search(node.value).group()
        self.problem(
            node.position,
            f"'{field}' holds a {character_name(character)}, written as an escape. It makes text show in "
            "another order than it is stored; remove it.",
        )

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


def _read_card(reader: _Reader, node: Node, deck_id: str, number: int) -> Card | None:
    what = f"card {number}"
    if not reader.mapping(node, what):
        return None
    id_node = node.get("id")
    card_id = None
    if id_node is not None:
        if id_node.kind == "scalar" and is_card_id(id_node.value):
            card_id = id_node.value
            what = f"card '{card_id}'"
        else:
            reader.problem(id_node.position, _id_problem(
                id_node, "card", CARD_ID_MAX,
                "a card id uses only lower-case letters, digits, '-' and '_', e.g. grooming-secret-gifts",
                "-_"))
    kind_value = reader.word(node.get("kind"), "kind", KIND_WORDS)
    if kind_value is None:
        if node.get("kind") is None:
            reader.problem(node.position, f"{what} has no 'kind'. Add kind: {', '.join(KIND_WORDS)}.")
            # A misspelt 'kind' (with a look-alike letter, say) is worth naming too.
            reader.check_keys(node, _ANY_CARD_FIELD, what, report_missing=False)
        return None
    kind = KINDS[kind_value]
    reader.check_keys(node, kind.fields, what)
    topic = reader.word(node.get("topic"), "topic", TOPICS)
    source_node = node.get("source")
    source = reader.text(source_node, "source", "")
    body = kind.read(reader, node, card_id or f"card{number}")
    if card_id is None or topic is None or source is None or body is None:
        return None
    id_position = id_node.position
    return Card(id=card_id, kind=kind_value, topic=topic, deck_id=deck_id, source=source.source, body=body,
                id_line=id_position.line, id_column=id_position.column)


def _id_problem(node: Node, what: str, longest: int, rule: str, punctuation: str) -> str:
    """Why a card or deck id is refused, naming what is wrong in it."""
    value = node.value
    if node.kind != "scalar" or not isinstance(value, str) or is_number(value):
        return f"{rule}."
    if not value:
        return f"{rule}; this one is empty."
    if len(value) > longest:
        return f"the {what} id has {len(value)} characters; a {what} id may have at most {longest}. Shorten it."
    allowed = set("abcdefghijklmnopqrstuvwxyz0123456789" + punctuation)
    wrong = [c for c in dict.fromkeys(value) if c not in allowed]
    pieces = ["capital letters"] if any(c.isascii() and c.isupper() for c in wrong) else []
    for character in wrong:
        if character.isascii() and character.isupper():
            continue
        if character == " ":
            pieces.append("a space")
        elif character.isascii() and character.isprintable():
            pieces.append(f"'{character}'")
        else:
            pieces.append(f"a {character_name(character)}")
    if not pieces:
        return f"{rule}; it must start with a letter or a digit, not '{value[:1]}'."
    if len(pieces) > 4:
        pieces = [*pieces[:4], "more"]
    listed = pieces[0] if len(pieces) == 1 else ", ".join(pieces[:-1]) + " and " + pieces[-1]
    return f"{rule}; {describe(value, ascii_expected=True)} has {listed}."


def _bidi_problems(reader: _Reader, source: Source) -> None:
    # Looking for each control with `in` first is twenty times faster than the search that finds
    # them all, and almost every file has none.
    if not any(control in source.text for control in BIDI_CONTROLS):
        return
    for offset in bidi_offsets(source.text):
        reader.problem(
            source.position(offset),
            f"a {character_name(source.text[offset])} is here. It is invisible and makes text show in "
            "another order than it is stored: delete it (in Notepad, move the cursor here and press Delete).",
        )


def parse_deck(data: bytes, path: str) -> Deck:
    """The deck in `data`, or DeckError listing every problem with its line and column."""
    return _parse_deck(data, path)[0]


@contextlib.contextmanager
def _no_cycle_collection():
    """Reading a deck makes one object per value and no reference cycles; Python's cycle collector
    would still walk them all again and again as they pile up, which doubles the time a large file
    takes. It runs as usual once the deck is read."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse_deck(data: bytes, path: str, keep_good_cards: bool = False) -> tuple[Deck, Position, list[DeckProblem]]:
    """The deck, where its id stands, and the problems of cards left out of it; or DeckError listing every
    problem in reading order. Without keep_good_cards any problem at all is a DeckError."""
    with _no_cycle_collection():
        return _read_deck(data, path, keep_good_cards)


def _read_deck(data: bytes, path: str, keep_good_cards: bool) -> tuple[Deck, Position, list[DeckProblem]]:
    reader = _Reader(path)
    try:
        source = decode(data)
    except YamlProblem as problem:
        reader.problem(problem.position, problem.message)
        raise DeckError(reader.problems) from None
    reader.source = source
    _bidi_problems(reader, source)
    try:
        root = compose(source)
    except YamlProblem as problem:
        reader.problem(problem.position, problem.message)
        raise DeckError(_in_reading_order(reader.problems)) from None
    if root is None:
        reader.problem(Position(1, 1), "the file is empty. Start it with 'deck:' and 'cards:' (see decks/README.md).")
        raise DeckError(reader.problems)
    if not reader.mapping(root, "a deck file"):
        raise DeckError(_in_reading_order(reader.problems))
    reader.check_keys(root, {"deck": True, "cards": True}, "the deck file")
    deck_node = root.get("deck")
    deck_id, title, description = None, None, None
    deck_id_position = Position(1, 1)
    if reader.mapping(deck_node, "'deck'"):
        reader.check_keys(deck_node, DECK_FIELDS, "'deck'")
        id_node = deck_node.get("id")
        if id_node is not None:
            deck_id_position = id_node.position
            if id_node.kind == "scalar" and is_deck_id(id_node.value):
                deck_id = id_node.value
            else:
                reader.problem(id_node.position, _id_problem(
                    id_node, "deck", DECK_ID_MAX,
                    "a deck id uses only lower-case letters, digits and '_', e.g. grooming", "_"))
        key = deck_id or "deck"
        title = reader.text(deck_node.get("title"), "title", f"deck:{key}:title")
        description = reader.text(deck_node.get("description"), "description", f"deck:{key}:description")
    cards: list[Card] = []
    first_line: dict[str, int] = {}
    # Problems inside one card leave out that card only: a teacher's typo in one card must not take the
    # whole deck out of play. Problems of the file or the deck itself still leave out the deck.
    card_problems: list[DeckProblem] = []
    for number, card_node in enumerate(reader.sequence(root.get("cards"), "'cards'"), start=1):
        before = len(reader.problems)
        card = _read_card(reader, card_node, deck_id or "", number)
        if len(reader.problems) > before:
            id_node = card_node.get("id") if card_node.kind == "mapping" else None
            named = id_node.value if id_node is not None and is_card_id(id_node.value) else None
            reader.problems[before:] = [dataclasses.replace(problem, card_id=named)
                                        for problem in reader.problems[before:]]
            card_problems += reader.problems[before:]
            continue
        if card is None:
            continue
        if card.id in first_line:
            reader.problem(
                Position(card.id_line, card.id_column),
                f"the card id '{card.id}' is used twice in this deck (first at line {first_line[card.id]}). "
                "Give this card another id.",
            )
            card_problems.append(reader.problems[-1])
            continue
        first_line[card.id] = card.id_line
        cards.append(card)
    # By identity: comparing each problem with every card problem took 2 s for a file of 9,000 problems.
    in_cards = {id(problem) for problem in card_problems}
    deck_problems = [problem for problem in reader.problems if id(problem) not in in_cards]
    if deck_problems or (reader.problems and not keep_good_cards):
        raise DeckError(_in_reading_order(reader.problems))
    deck = Deck(id=deck_id, title=title, description=description, path=path, cards=tuple(cards))
    left_out = [dataclasses.replace(problem, card_only=True) for problem in card_problems]
    return deck, deck_id_position, left_out


def _in_reading_order(problems: list[DeckProblem]) -> list[DeckProblem]:
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


@dataclass
class DeckSet:
    """The decks that loaded, and every problem found in those that did not (or across decks)."""

    decks: list[Deck]
    problems: list[DeckProblem]

    @property
    def cards(self) -> dict[str, Card]:
        return {card.id: card for deck in self.decks for card in deck.cards}

    def broken_files(self) -> list[str]:
        """Every file with a problem, whether it was left out or only lost a card."""
        return sorted({p.path for p in self.problems})

    def left_out_files(self) -> list[str]:
        """The files none of whose cards are in play."""
        return sorted({p.path for p in self.problems if not p.card_only})


def shown_path(path: Path) -> str:
    """How a file is named in problems: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _name_order(path: Path) -> tuple[str, str]:
    return path.name.casefold(), path.name


def is_deck_file_name(path: Path) -> bool:
    return path.suffix.lower() in DECK_SUFFIXES


def bundled_deck_paths(decks_dir: Path) -> list[Path]:
    """Every deck file in a folder, named .yaml or .yml in any mix of capitals, in name order."""
    try:
        entries = list(decks_dir.iterdir())
    except OSError:
        return []
    return sorted((path for path in entries if is_deck_file_name(path) and path.is_file()), key=_name_order)


def deck_like_paths(folder: Path) -> list[Path]:
    """The deck files of a folder and the files that were meant to be decks but are named so the
    game would not read them (`mine.yaml.txt`): those are named in a problem, never skipped quietly."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    misnamed = [path for path in entries if path.name.lower().endswith(_SAVED_AS_TEXT) and path.is_file()]
    return sorted(bundled_deck_paths(folder) + misnamed, key=_name_order)


def load_deck_folder(folder: Path) -> DeckSet:
    """Every deck in a folder; a file that cannot be used is named in a problem."""
    return load_decks(deck_like_paths(folder))


@dataclass
class _ReadDeck:
    deck: Deck
    id_position: Position
    rank: tuple[int, int, int]
    left_out: bool = False


def _is_mac_shadow(path: Path, data: bytes) -> bool:
    """The hidden "._name" file a Mac writes beside every file it copies to a USB stick."""
    return path.name.startswith("._") and data.startswith(_APPLE_DOUBLE)


def _name_problem(path: Path, shown: str) -> DeckProblem | None:
    """Why the game would not read this file by its name, or None when it would."""
    if is_deck_file_name(path):
        return None
    suggestion = path.name[:-len(".txt")] if path.name.lower().endswith(_SAVED_AS_TEXT) else path.stem + ".yaml"
    return DeckProblem(
        shown, 1, 1,
        f"the game only reads deck files whose name ends in .yaml or .yml, so it leaves out '{path.name}'. "
        f"Rename it to '{suggestion}' (in Windows Explorer, tick View > File name extensions to see the whole name).",
    )


def load_decks(paths: list[Path], newcomers: list[Path] | tuple[Path, ...] = ()) -> DeckSet:
    """Load every deck; a broken file is left out and its problems reported, the others still load.

    Card ids and deck ids are unique across files. When two files use one card id, only that card
    is left out, and only from the newer file: a file among `newcomers` (a file being checked
    before it is installed), else the file changed last. A card copied into a new deck therefore
    never takes the card it was copied from out of play.
    """
    problems: dict[str, list[DeckProblem]] = {}
    read: list[_ReadDeck] = []
    all_paths = [*paths, *newcomers]
    for index, path in enumerate(all_paths):
        shown = shown_path(path)
        found = problems.setdefault(shown, [])
        try:
            data = read_regular_file(path, _READ_CAP)
            changed = path.stat().st_mtime_ns
        except NotARegularFile as error:  # a pipe would hang the game, a link to /dev/zero fill the memory
            found.append(DeckProblem(shown, 1, 1, f"this is {error.kind}, not a deck file. "
                                                  "Put an ordinary .yaml file here."))
            continue
        except FileTooLarge:
            found.append(DeckProblem(shown, 1, 1, f"the file is larger than {_READ_CAP // 1024 // 1024} MB; a deck "
                                                  f"may be at most {MAX_FILE_BYTES // 1024} KB. Split it into decks."))
            continue
        except OSError as error:
            found.append(DeckProblem(shown, 1, 1, f"cannot read the file ({error.strerror or error}). "
                                                  "Check that it exists and that you may open it."))
            continue
        if _is_mac_shadow(path, data):
            found.append(DeckProblem(shown, 1, 1, f"this is a hidden file a Mac writes beside '{path.name[2:]}' "
                                                  "when copying; it is not a deck. Delete it."))
            continue
        name_problem = _name_problem(path, shown)
        if name_problem is not None:
            found.append(name_problem)
        try:
            deck, id_position, card_problems = _parse_deck(data, shown, keep_good_cards=True)
        except DeckError as error:
            found += error.problems
            continue
        found += card_problems
        if name_problem is None:
            read.append(_ReadDeck(deck, id_position, (int(index >= len(paths)), changed, index)))

    deck_home: dict[str, tuple[str, Position]] = {}
    card_home: dict[str, tuple[str, Card]] = {}
    for entry in sorted(read, key=lambda entry: entry.rank):
        deck = entry.deck
        if deck.id in deck_home:
            other, where = deck_home[deck.id]
            problems[deck.path].append(DeckProblem(
                deck.path, entry.id_position.line, entry.id_position.column,
                f"the deck id '{deck.id}' is already used by {other}:{where.line}:{where.column}. "
                "Give this deck another id; until then its cards are left out.",
                related=other,
            ))
            entry.left_out = True
            continue
        deck_home[deck.id] = (deck.path, entry.id_position)
        kept = []
        for card in deck.cards:
            if card.id not in card_home:
                card_home[card.id] = (deck.path, card)
                kept.append(card)
                continue
            other, other_card = card_home[card.id]
            problems[deck.path].append(DeckProblem(
                deck.path, card.id_line, card.id_column,
                f"the card id '{card.id}' is also used in {other}:{other_card.id_line}:{other_card.id_column}. "
                "This card is left out (the other one plays) until one of them gets another id.",
                related=other, card_only=True,
            ))
        entry.deck = dataclasses.replace(deck, cards=tuple(kept))
        entry.left_out = not kept
    decks = [entry.deck for entry in read if not entry.left_out]
    ordered = [problem for path_problems in problems.values() for problem in _in_reading_order(path_problems)]
    return DeckSet(decks, ordered)
