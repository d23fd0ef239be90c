"""Reading deck YAML safely: plain data only, every value with the line and column an editor shows."""
from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import NamedTuple, Union

import yaml

from game.content.characters import character_name, describe

MAX_FILE_BYTES = 256 * 1024

# libyaml is much faster; the pure-Python parser gives the same events where libyaml is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()

# The line breaks an editor (Notepad, VS Code) starts a new line at. YAML 1.1 also breaks lines
# at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, which editors show inside a line; so positions
# are worked out from the parser's character offset, never from its line count.
_EDITOR_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What str.splitlines() also breaks at, which an editor does not. Looked for one at a time with `in`:
# that is twenty times faster than one regular-expression search for all of them.
_OTHER_LINE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"

# The characters YAML refuses (PyYAML's own list; libyaml refuses the same ones).
_NOT_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


class YamlProblem(Exception):
    """The file cannot be read as plain YAML; says where and what to do."""

    def __init__(self, position: Position, message: str):
        super().__init__(message)
        self.position = position
        self.message = message


class Source:
    """A deck file's text, and where each line starts as an editor counts lines."""

    def __init__(self, text: str):
        self.text = text
        if not any(character in text for character in _OTHER_LINE_BREAKS):
            # As almost always: str.splitlines() breaks where an editor does.
            self._line_starts = [0, *itertools.accumulate(map(len, text.splitlines(keepends=True)))]
            if text and text[-1] not in "\r\n":
                self._line_starts.pop()  # the last line has no break, so no line starts after it
        else:
            self._line_starts = [0] + [match.end() for match in _EDITOR_LINE_BREAK.finditer(text)]
        self._content_end = len(text.rstrip())
        self.has_backslash = "\\" in text  # whether any value may hold an escape (\u202E, say)

    def position(self, offset: int) -> Position:
        line = self.line(offset)
        return Position(line, offset - self._line_starts[line - 1] + 1)

    def line(self, offset: int) -> int:
        """The line (1-based) of an offset: position() without the column, for the many texts that keep only it."""
        return bisect_right(self._line_starts, offset)

    def line_start(self, line: int) -> int:
        """The offset where a line (1-based, as an editor counts) starts."""
        return self._line_starts[line - 1]

    def line_text(self, line: int) -> str:
        """The text of a line (1-based), without its line break."""
        starts = self._line_starts
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[starts[line - 1]:end].rstrip("\r\n")

    def problem_position(self, offset: int) -> Position:
        """Like position(), but the end of the file is the end of its last written line: an
        editor has no line after the final line break to point at."""
        return self.position(min(offset, self._content_end))


Scalar = Union[str, int, float, bool, None]


class Node:
    """One value of the document and where it stands. ``value`` holds a scalar; ``items`` the Nodes
    of a sequence; ``pairs`` the (key Node, value Node) pairs of a mapping, in file order. What a
    kind does not hold reads as None or empty.

    Each kind is its own small class, so that a scalar (decks hold thousands) is made with three
    attributes, and a mapping finds a field by its key in constant time and makes a key's Node only
    when asked for it."""

    __slots__ = ("_source", "_start")  # _start: the character offset in the file where it starts
    kind = ""  # "scalar", "sequence", "mapping"
    value: Scalar = None
    items: Sequence[Node] = ()
    pairs: Sequence[tuple[Node, Node]] = ()

    @property
    def span(self) -> tuple[int, int]:
        """Character offsets in the file, end excluded; a collection's ends where it starts."""
        return self._start, self._start

    @property
    def position(self) -> Position:
        # Worked out when asked: a file of 60,000 values needs only the few positions it reports.
        return self._source.position(self._start)

    @property
    def line(self) -> int:
        return self._source.line(self._start)

    def get(self, key: str) -> Node | None:
        """The value of field `key` of a mapping; None for a missing field, or another kind."""
        return None

    def key_node(self, key: str) -> Node | None:
        return None

    def keys(self) -> Set[Scalar]:
        """The keys of a mapping (as set, to compare with the fields allowed); empty for another kind."""
        return frozenset()


class _Scalar(Node):
    __slots__ = ("_end", "value")
    kind = "scalar"

    def __init__(self, source: Source, start: int, end: int, value: Scalar):
        self._source = source
        self._start = start
        self._end = end
        self.value = value

    @property
    def span(self) -> tuple[int, int]:
        return self._start, self._end


class _Sequence(Node):
    __slots__ = ("items",)
    kind = "sequence"

    def __init__(self, source: Source, start: int):
        self._source = source
        self._start = start
        self.items: list[Node] = []


class _Mapping(Node):
    """compose() fills the two lists and the index, in file order."""

    __slots__ = ("_index", "_keys", "_values")
    kind = "mapping"

    def __init__(self, source: Source, start: int):
        self._source = source
        self._start = start
        # Each key's value and span: a Node for every key would be made for nothing, as the schema
        # looks fields up by name and needs a key's position only to report a problem.
        self._keys: list[tuple[Scalar, int, int]] = []
        self._values: list[Node] = []
        # Each key's value -> its place in the lists. compose() fills it as it refuses duplicate keys,
        # so finding a field costs the same for the tenth field of a card as for the first.
        self._index: dict[Scalar, int] = {}

    @property
    def pairs(self) -> list[tuple[Node, Node]]:
        return [(self.key_at(place), value) for place, value in enumerate(self._values)]

    def get(self, key: str) -> Node | None:
        place = self._index.get(key)
        return None if place is None else self._values[place]

    def key_node(self, key: str) -> Node | None:
        place = self._index.get(key)
        return None if place is None else self.key_at(place)

    def key_at(self, place: int) -> Node:
        """The key Node of the pair at `place` (0 for the first)."""
        value, start, end = self._keys[place]
        return _Scalar(self._source, start, end, value)

    def keys(self) -> Set[Scalar]:
        return self._index.keys()


_UTF16_HINT = "Save it as UTF-8 instead: in Notepad, File > Save as, then Encoding: UTF-8."


def _other_encoding(data: bytes) -> str | None:
    """The name of a Unicode encoding other than UTF-8 the file is plainly written in, if any."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    # Without a byte-order mark, UTF-16 text in a Latin script has a zero byte beside every letter;
    # read as UTF-8 that would be a control character on every other column.
    sample = data[:512]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        return "UTF-32" if sample.count(b"\x00\x00\x00") * 4 >= len(sample) // 2 else "UTF-16"
    return None


def decks_needed(size: int) -> int:
    """How many decks a file of `size` bytes must be split into so that each fits the limit."""
    return max(2, -(-size // MAX_FILE_BYTES))


def decode(data: bytes) -> Source:
    """UTF-8 text (a byte-order mark is allowed); YamlProblem where it is not.

    Values are NFC-normalised later, as they are read."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(
            Position(1, 1),
            f"the file is {-(-len(data) // 1024)} KB; a deck may be at most {MAX_FILE_BYTES // 1024} KB. "
            f"Split it into {decks_needed(len(data))} decks.",
        )
    encoding = _other_encoding(data)
    if encoding is not None:
        notepad = " (Notepad calls it 'Unicode')" if encoding == "UTF-16" else ""
        raise YamlProblem(Position(1, 1), f"this file is saved as {encoding}{notepad}, not UTF-8. {_UTF16_HINT}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # utf-8-sig counts the bad byte from after a byte-order mark; the slice must include it.
        start = error.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        before = data[:start].decode("utf-8-sig", errors="replace")
        raise YamlProblem(
            Source(before).position(len(before)),
            "the character here is not UTF-8 text (the file was perhaps saved as 'ANSI' or in another "
            f"encoding). {_UTF16_HINT}",
        ) from None
    return Source(text)


# Plain text YAML might read as something else (null, true, 12, .5, ~) starts with one of these.
# A letter among them starts only one of the words below; the rest start numbers and ~ (null).
_MAY_NOT_BE_TEXT = frozenset("0123456789+-.~nNtTfFyYoO")
# The words of letters only that PyYAML's resolver reads as true, false or null.
_YAML_WORDS = frozenset(spelled for word in ("yes", "no", "true", "false", "on", "off", "null")
                        for spelled in (word, word.capitalize(), word.upper()))


def _plain_value(text: str) -> Scalar:
    """What YAML reads a plain (unquoted) scalar as, for one that may not be text (see compose)."""
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return text.lower() in ("yes", "true", "on")
    if tag.endswith(":int") or tag.endswith(":float"):
        # Kept as text: the schema only needs to know it is not a sentence.
        return _Number(text)
    return unicodedata.normalize("NFC", text)


class _Number(str):
    """A plain scalar YAML would read as a number; the schema reports it where text is due."""


def compose(source: Source) -> Node | None:
    """Build the node tree from parser events, refusing tags, anchors, aliases and duplicate keys.

    Decks hold tens of thousands of values, so the loop does each scalar's work itself, without a
    call per step, and keeps the innermost open collection in local names (`items` of a sequence;
    the lists and key index of a mapping, and whether a key waits for its value) and the ones
    around it on a stack, rather than looked up for every value."""
    root: Node | None = None
    outer: list[tuple] = []  # the collections around the innermost one, as the names below
    items: list[Node] | None = None  # the innermost collection is a sequence: its items
    mapping: _Mapping | None = None  # ...or a mapping,
    values: list[Node] | None = None  # its values,
    keys: list[tuple[Scalar, int, int]] | None = None  # its keys,
    # each key's place (a duplicate is found in constant time, so a file of 60,000 keys is read in
    # linear time), and whether the last key still waits for its value
    index: dict[Scalar, int] | None = None
    waiting = False
    last_scalar: yaml.ScalarEvent | None = None
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    normalize = unicodedata.normalize

    def at(mark) -> Position:
        return source.position(mark.index)

    # The parser's events one at a time: yaml.parse() wraps each in a generator step and a second call.
    loader = None
    try:
        loader = _Loader(source.text)  # the pure-Python reader already refuses control characters here
        next_event = loader.get_event
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    _refuse_anchor_or_tag(event, at)
                last_scalar = event
                value = event.value
                # No null, true, false or number has a space in it, and the only ones that start with a
                # letter are YAML's words: sentences and keys (text, facilitator_note) need no look at
                # YAML's rules.
                if event.implicit[0] and not (value and (value[0] not in _MAY_NOT_BE_TEXT or " " in value
                                                         or (value[0].isalpha() and value not in _YAML_WORDS))):
                    value = _plain_value(value)
                else:
                    value = normalize("NFC", value)
                if values is not None and not waiting:  # a key
                    if value in index:
                        raise _duplicate_key(mapping.key_at(index[value]), value, at(event.start_mark))
                    index[value] = len(keys)
                    keys.append((value, event.start_mark.index, event.end_mark.index))
                    waiting = True
                    continue
                node = _Scalar(source, event.start_mark.index, event.end_mark.index, value)
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    _refuse_anchor_or_tag(event, at)
                node = (_Mapping if kind is mapping_start else _Sequence)(source, event.start_mark.index)
                if values is not None and not waiting:
                    raise YamlProblem(node.position, "a key must be a plain word, not a list or a mapping.")
            elif kind in collection_end:
                items, mapping, values, keys, index, waiting = outer.pop()
                continue
            elif kind is yaml.AliasEvent:
                raise YamlProblem(
                    at(event.start_mark),
                    "aliases (*name) are not allowed in decks. Write the text out in full.",
                )
            else:
                if kind is yaml.DocumentStartEvent and root is not None:
                    raise YamlProblem(
                        at(event.start_mark),
                        "a deck file holds one document; remove the second '---' and what follows it.",
                    )
                continue
            # The new value goes into the innermost collection.
            if values is not None:
                values.append(node)
                waiting = False
            elif items is not None:
                items.append(node)
            else:
                root = node
            if kind is not scalar_event:  # and is the innermost collection now
                outer.append((items, mapping, values, keys, index, waiting))
                if kind is mapping_start:
                    items, mapping, values, keys, index = None, node, node._values, node._keys, node._index
                else:
                    items, mapping, values, keys, index = node.items, None, None, None, None
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(source, error, last_scalar) from None
    except yaml.reader.ReaderError:
        # The two parsers count the position differently (characters or bytes), so find the
        # offending character ourselves.
        match = _NOT_PRINTABLE.search(source.text)
        offset = match.start() if match else 0
        what = character_name(source.text[offset]) if match else "a character that cannot appear in text"
        raise YamlProblem(
            source.position(offset),
            f"the file holds a {what} here, a control character that cannot appear in text. "
            "Delete it (most editors do not show it).",
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(Position(1, 1), f"{_plain_words(str(error))}.") from None
    finally:
        if loader is not None:
            loader.dispose()
    return root


def _duplicate_key(earlier: Node, key: Scalar, at: Position) -> YamlProblem:
    """The key `key` at `at` is written as `earlier` before it."""
    first = earlier.position
    where = f"line {first.line}" + (f", column {first.column}" if first.line == at.line else "")
    return YamlProblem(
        at,
        f"the key {describe(str(key))} is written twice in the same block "
        f"(first at {where}). Keep one of them.",
    )


def _refuse_anchor_or_tag(event: yaml.NodeEvent, at) -> None:
    if event.anchor is not None:
        raise YamlProblem(at(event.start_mark), "anchors (&name) are not allowed in decks. Write the text out in full.")
    raise YamlProblem(at(event.start_mark),
                      f"the tag '{event.tag}' is not allowed in decks. Remove it; plain text is enough.")


# What the parser says, and what an author can do about it. libyaml and PyYAML word their
# messages differently; each pattern matches both.
_SYNTAX_ADVICE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), advice) for pattern, advice in (
        (r"tab character|'\\t'",
         ("a tab is used here. Deck files are indented with spaces only: replace the tab with spaces.")),
        (r"mapping values are not allowed",
         ("a ':' followed by a space cannot start a field here. If the text itself holds ': ', put the "
         "whole text in double quotes; otherwise check that this line is indented like the lines above.")),
        (r"could not find expected ':'",
         ("a 'field: value' line is expected here, but the ':' is missing (or a text runs on from the "
         "line above without being indented further). Add the ':' or indent the text.")),
        (r"block sequence entries are not allowed",
         ("a list item ('- ') cannot start here. Start the list on a new line below its field, indented "
         "two spaces more than the field.")),
        (r"did not find expected '-' indicator|did not find expected key|expected <block end>",
         ("this line's indentation does not line up with the lines above it. Indent it with exactly as "
         "many spaces as the other fields of the same card or choice.")),
        (r"unknown escape character",
         ("inside double quotes, '\\' starts an escape and this one is unknown. Write '\\\\' for a "
         "backslash, or put the text in single quotes.")),
        (r"hexdecimal|hexadecimal|Unicode character escape",
         ("an escape such as '\\u' inside double quotes is incomplete. Type the character itself instead.")),
        (r"expected node content|expected the node content",
         ("a value is missing here, or it starts with a character that needs quotes. Write the value, "
         "in double quotes if it starts with punctuation.")),
        (r"comment or (a )?line break",
         ("something follows the end of a quoted text or list on this line. Put the whole text inside "
         "the quotes.")),
        (r"alphabetic or numeric character",
         ("'&', '*' and '!' have a special meaning at the start of a value. Put the text in double quotes.")),
        (r"document|directive|tag handle|tag URI",
         ("a line starting with '---', '...', '%' or '!' has a special meaning in YAML. Remove it, or put "
         "the text in double quotes.")),
    )
)


@dataclass(frozen=True)
class _Failure:
    """What the parser gave up on, and where (a character offset into the file)."""

    source: Source
    problem: str
    context: str
    offset: int
    problem_mark: object  # yaml.Mark
    opening_mark: object  # yaml.Mark or None: where the construct the parser was reading began
    last_scalar: yaml.ScalarEvent | None

    def at(self) -> Position:
        return self.source.problem_position(self.offset)


def _syntax_problem(source: Source, error: yaml.MarkedYAMLError,
                    last_scalar: yaml.ScalarEvent | None) -> YamlProblem:
    """The parser's complaint as a problem an author can act on, at the place the mistake is."""
    problem_mark = error.problem_mark or error.context_mark
    offset = problem_mark.index if problem_mark is not None else 0
    problem = error.problem or ""
    if "escape" in problem and offset > 0 and source.text[offset - 1] == "\\":
        offset -= 1  # libyaml points at the backslash, PyYAML at the letter after it: use the backslash
    failure = _Failure(source, problem, error.context or "", offset, problem_mark, error.context_mark, last_scalar)
    for explain in _EXPLAINERS:
        found = explain(failure)
        if found is not None:
            return found
    for pattern, advice in _SYNTAX_ADVICE:
        if pattern.search(problem or failure.context):
            return YamlProblem(failure.at(), advice)
    what = _plain_words(problem or failure.context or "the YAML is malformed")
    return YamlProblem(failure.at(), f"{what}. Check the indentation and quotes on this line.")


_YAML_ONLY_LINE_BREAK = re.compile("[\x85\u2028\u2029]")


def _hidden_line_break(failure: _Failure) -> YamlProblem | None:
    """A NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR on the failing line or the one before: pasted
    from a web page or a PDF, it is the likely cause."""
    source = failure.source
    start = source.line_start(max(failure.at().line - 1, 1))
    match = _YAML_ONLY_LINE_BREAK.search(source.text, start, failure.offset + 1)
    if match is None:
        return None
    return YamlProblem(
        source.position(match.start()),
        f"a {character_name(match.group())} is here: YAML reads it as a line break, though an editor "
        "shows none, so the rest of the line is read as a new line. Replace it with a space.",
    )


def _unclosed_quote(failure: _Failure) -> YamlProblem | None:
    if failure.opening_mark is None or "end of stream" not in failure.problem:
        return None
    # Point at where the quote opens, not at the end of the file.
    return YamlProblem(failure.source.position(failure.opening_mark.index),
                       "a quote that opens here is never closed. Add the closing quote.")


def _unclosed_bracket(failure: _Failure) -> YamlProblem | None:
    opening = failure.opening_mark
    if opening is None or "flow" not in failure.context or opening.line >= failure.problem_mark.line:
        return None
    # A '[' or '{' still open on a later line: decks never spread one across lines, so the mistake
    # is the bracket, not the line where the parser gave up.
    bracket = failure.source.text[opening.index:opening.index + 1]
    closing = {"[": "]", "{": "}"}.get(bracket, "the closing bracket")
    return YamlProblem(
        failure.source.position(opening.index),
        f"a '{bracket}' that opens here is never closed. Add '{closing}' on this line, or put the whole "
        f"text in double quotes if it should start with '{bracket}'.",
    )


def _quote_trouble(failure: _Failure) -> YamlProblem | None:
    scalar = failure.last_scalar
    if scalar is None or scalar.style not in ('"', "'") or scalar.end_mark.line != failure.problem_mark.line:
        return None
    quote = scalar.style
    if scalar.start_mark.line < scalar.end_mark.line:
        # A quote left open runs on to the next quote further down and swallows the lines between.
        ends = failure.source.position(scalar.end_mark.index)
        return YamlProblem(
            failure.source.position(scalar.start_mark.index),
            f"the quote ({quote}) that opens here is not closed on its line, so the text runs on to the "
            f"next {quote} at line {ends.line}. Add the closing quote at the end of this line.",
        )
    if failure.source.text[scalar.end_mark.index:failure.offset].strip():
        return None
    inside = ("write an apostrophe inside single quotes as two ('')" if quote == "'"
              else "write a double quote inside double quotes as \\\"")
    return YamlProblem(failure.at(), f"the text goes on after its closing quote ({quote}). Put the whole text "
                                     f"inside the quotes, and {inside}, or use the other kind of quote.")


_NO_SPACE_AFTER_DASH = re.compile(r"\s*-(?=[^\s-])")
_NO_SPACE_AFTER_COLON = re.compile(r"\s*(?:- )?([A-Za-z_][\w-]*):(?=[^\s:/])")


def _missing_space(failure: _Failure) -> YamlProblem | None:
    """'kind:scenario' and '-id: x' look right to a reader; YAML needs a space after ':' and '-'.
    The parser often notices only on the next line, so the line before is looked at first."""
    failing = failure.at().line
    for line in (failing - 1, failing) if failing > 1 else (failing,):
        text = failure.source.line_text(line)
        start = failure.source.line_start(line)
        if _NO_SPACE_AFTER_DASH.match(text):
            return YamlProblem(failure.source.position(start + text.index("-")),
                               "a list item needs a space after its '-'. Write '- ' here.")
        colon = _NO_SPACE_AFTER_COLON.match(text)
        if colon:
            field = colon.group(1)
            return YamlProblem(failure.source.position(start + colon.end(1) + 1),
                               f"a space is missing after '{field}:'. Write '{field}: ' and then the value.")
    return None


def _text_after_block_indicator(failure: _Failure) -> YamlProblem | None:
    if "block scalar" not in failure.context:
        return None
    return YamlProblem(failure.at(), "after '|' or '>' nothing may follow on the same line. Start the text on "
                                     "the next line, indented two spaces more than the field.")


def _cannot_start(failure: _Failure) -> YamlProblem | None:
    if "cannot start any token" not in failure.problem or "'\\t'" in failure.problem:
        return None
    character = failure.source.text[failure.offset:failure.offset + 1]
    what = f"'{character}'" if character.isprintable() and not character.isspace() else (
        character_name(character) if character else "this character")
    return YamlProblem(failure.at(), f"a value cannot start with {what}. Put the text in double quotes.")


# Tried in this order; the first that recognises the failure explains it.
_EXPLAINERS = (_hidden_line_break, _unclosed_quote, _unclosed_bracket, _quote_trouble, _missing_space,
               _text_after_block_indicator, _cannot_start)


def _plain_words(message: str) -> str:
    message = re.sub(r"\s+", " ", message).strip().rstrip(".")
    message = re.sub(r"'?<([a-z ]+)>'?", r"\1", message)  # the parser's token names, e.g. '<block end>'
    return message[:1].lower() + message[1:] if message else "the YAML is malformed"


def is_number(value: object) -> bool:
    return isinstance(value, _Number)
