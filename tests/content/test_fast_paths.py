"""The shortcuts deck reading takes for speed give what the plain way gives."""
from __future__ import annotations

import dataclasses

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from game.content.yamlsafe import Source, YamlProblem, _plain_value, compose
from game.engine.cards import Choice, Grade, Text, new_choice, new_text


def _same_instance(fast: object, slow: object) -> None:
    assert type(fast) is type(slow)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert list(vars(fast).items()) == list(vars(slow).items())  # the same fields, in the same order
    for name in (dataclasses.fields(fast)[0].name, "another"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(fast, name, "changed")


@given(st.text(), st.text(), st.integers(min_value=0))
def test_new_text_makes_the_text_the_constructor_makes(context, source, line):
    _same_instance(new_text(context, source, line), Text(context, source, line))
    _same_instance(new_text(context, source), Text(context, source))


@given(st.sampled_from(Grade), st.text(), st.text())
def test_new_choice_makes_the_choice_the_constructor_makes(grade, text, feedback):
    _same_instance(new_choice(new_text("a", text), grade, new_text("b", feedback)),
                   Choice(Text("a", text), grade, Text("b", feedback)))


def test_the_fast_constructors_know_every_field():
    assert [field.name for field in dataclasses.fields(Text)] == ["context", "source", "line"]
    assert [field.name for field in dataclasses.fields(Choice)] == ["text", "grade", "feedback"]


# Plain scalars made of the pieces of YAML's numbers, booleans and nulls, and of words around them.
_PLAIN = st.lists(st.sampled_from(["0", "1", "7", "_", ".", "-", "+", "e", "x", "0x1F", "0b1", "0o7", "1_000", ":30",
                                   "inf", ".nan", "~", "true", "No", "off", "NULL", "yes", "f", "note", "_note", " ",
                                   "Y", "n", "é", "<<", "="]),
                  min_size=1, max_size=4).map("".join)


@given(_PLAIN)
def test_a_plain_scalar_reads_as_yaml_reads_it(written):
    """compose() reads most plain scalars as text without asking YAML's resolver: never wrongly."""
    try:
        root = compose(Source(f"field: {written}\n"))
    except YamlProblem:
        assume(False)
    assume(root is not None and root.kind == "mapping" and len(root.pairs) == 1)
    node = root.get("field")
    assume(node is not None and node.kind == "scalar")
    event = [event for event in yaml.parse(f"field: {written}\n") if isinstance(event, yaml.ScalarEvent)][1]
    assume(event.implicit[0])  # plain, not quoted
    expected = _plain_value(event.value)  # asks the resolver, always
    assert node.value == expected and type(node.value) is type(expected)


@given(st.lists(st.sampled_from(["id", "kind", "text", "grade", "1", "'1'", "true", "null", "~", "x_y", "é"]),
                unique=True, max_size=8),
       st.sampled_from(["id", "kind", "1", "x_y", "missing", "é"]))
def test_a_mapping_finds_a_field_as_a_walk_through_its_pairs_does(keys, wanted):
    text = "".join(f"{key}: v{number}\n" for number, key in enumerate(keys)) or "{}\n"
    try:
        root = compose(Source(text))
    except YamlProblem:  # keys YAML reads as one ('1' and 1, say): refused as written twice
        assume(False)
    walked = next((value for key, value in root.pairs if key.value == wanted), None)
    assert root.get(wanted) is walked
    found, walked_key = root.key_node(wanted), next((key for key, _ in root.pairs if key.value == wanted), None)
    assert (found and (found.value, found.span)) == (walked_key and (walked_key.value, walked_key.span))
    assert set(root.keys()) == {key.value for key, _ in root.pairs}
