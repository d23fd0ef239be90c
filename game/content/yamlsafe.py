"""Reading deck YAML safely: plain data only, every value with the line and column it came from."""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Union

import yaml

MAX_FILE_BYTES = 256 * 1024

# libyaml is much faster; the pure-Python parser gives the same events where libyaml is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


class YamlProblem(Exception):
    """The file cannot be read as plain YAML; says where and what to do."""

    def __init__(self, position: Position, message: str):
        super().__init__(message)
        self.position = position
        self.message = message


Scalar = Union[str, int, float, bool, None]


@dataclass
class Node:
    """One value of the document with its position. ``value`` is a scalar, a list of Nodes, or a
    list of (key Node, value Node) pairs for a mapping (so duplicates can be reported)."""

    kind: str  # "scalar", "sequence", "mapping"
    position: Position
    value: object = None
    pairs: list[tuple["Node", "Node"]] = field(default_factory=list)
    items: list["Node"] = field(default_factory=list)

    def get(self, key: str) -> "Node | None":
        for key_node, value_node in self.pairs:
            if key_node.value == key:
                return value_node
        return None

    def key_node(self, key: str) -> "Node | None":
        for key_node, _ in self.pairs:
            if key_node.value == key:
                return key_node
        return None


def _position(mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _position_of_offset(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(line, offset - line_start + 1)


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed); YamlProblem where it is not. Values are NFC-normalised later, as they are read."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(
            Position(1, 1),
            f"the file is {-(-len(data) // 1024)} KB; a deck may be at most {MAX_FILE_BYTES // 1024} KB. "
            "Split it into two decks.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # utf-8-sig counts the bad byte from after a byte-order mark; the slice must include it.
        start = error.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        before = data[:start].decode("utf-8-sig", errors="replace")
        raise YamlProblem(
            _position_of_offset(before, len(before)),
            "this is not UTF-8 text. Save the file as UTF-8 in your editor.",
        ) from None
    return text


def _scalar_value(event: yaml.ScalarEvent) -> Scalar:
    plain = event.implicit[0]
    if not plain:
        return unicodedata.normalize("NFC", event.value)
    tag = _resolver.resolve(yaml.ScalarNode, event.value, (True, False))
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return event.value.lower() in ("yes", "true", "on")
    if tag.endswith(":int") or tag.endswith(":float"):
        # Kept as text: the schema only needs to know it is not a sentence.
        return _Number(event.value)
    return unicodedata.normalize("NFC", event.value)


class _Number(str):
    """A plain scalar YAML would read as a number; the schema reports it where text is due."""


def compose(text: str) -> Node | None:
    """Build the node tree from parser events, refusing tags, anchors, aliases and duplicate keys."""
    stack: list[Node] = []
    pending_key: list[Node | None] = []
    root: Node | None = None

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if parent.kind == "sequence":
            parent.items.append(node)
        elif pending_key[-1] is None:
            if node.kind != "scalar":
                raise YamlProblem(node.position, "a key must be a plain word, not a list or a mapping.")
            for earlier, _ in parent.pairs:
                if earlier.value == node.value:
                    raise YamlProblem(
                        node.position,
                        f"the key '{node.value}' is written twice in the same block "
                        f"(first at line {earlier.position.line}). Keep one of them.",
                    )
            pending_key[-1] = node
        else:
            parent.pairs.append((pending_key[-1], node))
            pending_key[-1] = None

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(
                    _position(event.start_mark),
                    "aliases (*name) are not allowed in decks. Write the text out in full.",
                )
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if event.anchor is not None:
                    raise YamlProblem(
                        _position(event.start_mark),
                        "anchors (&name) are not allowed in decks. Write the text out in full.",
                    )
                if event.tag is not None:
                    raise YamlProblem(
                        _position(event.start_mark),
                        f"the tag '{event.tag}' is not allowed in decks. Remove it; plain text is enough.",
                    )
            if isinstance(event, yaml.ScalarEvent):
                attach(Node("scalar", _position(event.start_mark), _scalar_value(event)))
            elif isinstance(event, yaml.SequenceStartEvent):
                node = Node("sequence", _position(event.start_mark))
                attach(node)
                stack.append(node)
                pending_key.append(None)
            elif isinstance(event, yaml.MappingStartEvent):
                node = Node("mapping", _position(event.start_mark))
                attach(node)
                stack.append(node)
                pending_key.append(None)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
                pending_key.pop()
            elif isinstance(event, yaml.DocumentStartEvent) and root is not None:
                raise YamlProblem(
                    _position(event.start_mark),
                    "a deck file holds one document; remove the second '---' and what follows it.",
                )
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = _position(mark) if mark is not None else Position(1, 1)
        if error.context_mark is not None and "end of stream" in (error.problem or ""):
            # An unclosed quote or bracket: point at where it opens, not at the end of the file.
            raise YamlProblem(_position(error.context_mark),
                              "a quote or bracket that opens here is never closed. Add the closing one.") from None
        what = _plain_words(error.problem or error.context or "the YAML is malformed")
        raise YamlProblem(where, f"{what}. Check the indentation and quotes on this line.") from None
    except yaml.reader.ReaderError:
        # The two parsers count the position differently (characters or bytes), so find the
        # offending character ourselves.
        match = yaml.reader.Reader.NON_PRINTABLE.search(text)
        offset = match.start() if match else 0
        raise YamlProblem(
            _position_of_offset(text, offset),
            "the file holds a character that cannot appear in text (a control character). Delete it.",
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(Position(1, 1), f"{_plain_words(str(error))}.") from None
    return root


def _plain_words(message: str) -> str:
    message = re.sub(r"\s+", " ", message).strip().rstrip(".")
    return message[:1].lower() + message[1:] if message else "the YAML is malformed"


def is_number(value: object) -> bool:
    return isinstance(value, _Number)
