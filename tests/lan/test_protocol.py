"""Every message a phone can send is checked against its schema; nothing a phone sends can raise."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from game.lan.protocol import MAX_MESSAGE_BYTES, parse
from game.lan.tally import Refusal

TOKEN = "0123456789abcdef" * 2


def test_the_real_messages_pass():
    for message in ({"type": "hello", "code": "0421", "token": TOKEN}, {"type": "team", "team": 1},
                    {"type": "vote", "round": 3, "choice": 2},
                    {"type": "quiz", "phase": "after", "answers": [0, 1, None, 1, 0]}):
        assert parse(json.dumps(message)) == message


def test_wrong_shapes_are_refused():
    for raw in ('{"type": "hello", "code": "12", "token": "' + TOKEN + '"}',
                '{"type": "hello", "code": "1234", "token": "' + TOKEN.upper() + '"}',
                '{"type": "vote", "round": 1.0, "choice": 1}', '{"type": "vote", "round": 1}',
                '{"type": "quiz", "phase": "after", "answers": [2]}',
                '{"type": "quiz", "phase": "after", "answers": [0,0,0,0,0,0,0,0,0,0,0]}',
                '{"type": ["vote"]}', '"vote"', "null", "NaN", "\udcff"):
        assert parse(raw) is Refusal.BAD_MESSAGE, raw
    assert parse("x" * (MAX_MESSAGE_BYTES + 1)) is Refusal.TOO_BIG


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=4), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=600), st.binary(max_size=600), json_values.map(json.dumps),
                 st.dictionaries(st.sampled_from(["type", "round", "choice", "code", "token", "team", "answers",
                                                  "phase"]), json_values).map(json.dumps)))
def test_nothing_a_phone_sends_raises(raw):
    outcome = parse(raw)
    assert isinstance(outcome, (dict, Refusal))
