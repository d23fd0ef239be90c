"""The shortcuts deck reading takes for speed give what the plain way gives."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from game.content.yamlsafe import Source, YamlProblem, compose
from game.engine.cards import Choice, Grade, Text, new_choice, new_text


def _same_instance(fast: object, slow: object) -> None:
    assert type(fast) is type(slow)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert list(vars(fast).items()) == list(vars(slow).items())  # the same fields, in the same order
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.source = "changed"


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
    assert root.key_node(wanted) is next((key for key, _ in root.pairs if key.value == wanted), None)
    assert set(root.keys()) == {key.value for key, _ in root.pairs}
