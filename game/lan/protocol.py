"""The messages between a phone and the room: every message a phone may send, checked against its schema and
a size cap, and the views the room sends back. JSON text over one WebSocket per phone.

Phone -> room (one JSON object per message, at most MAX_MESSAGE_BYTES):
  {"type": "hello", "code": "4821", "token": "<32 hex digits>"}   first message; joins or rejoins
  {"type": "team", "team": 1}                                      pick a team (not while voting)
  {"type": "vote", "round": 3, "choice": 2}                        vote or change the vote on this card
  {"type": "order", "round": 3, "order": [1, 0, 3, 2]}             on a card put in order: the order, safest first
  {"type": "quiz", "phase": "before", "answers": [0, 1, null, 0, 1]}  0 myth, 1 fact, null not answered
Room -> phone:
  {"type": "state", "you": {...}, "room": {...}}   everything the phone shows, after every change
  {"type": "refused", "reason": "not_voting"}      a message was refused; the connection stays open
  {"type": "bye", "reason": "removed"}             the room closes this connection
"""
from __future__ import annotations

import json
import re
from typing import Mapping, Sequence

from game.lan.tally import Phone, Refusal, Room, Stage

MAX_MESSAGE_BYTES = 512   # the largest real message (a quiz of ten answers) is under 120 bytes
MAX_QUIZ_STATEMENTS = 10
TOKEN = re.compile(r"[0-9a-f]{32}")
CODE = re.compile(r"[0-9]{4,8}")
_SMALL = 1_000_000


def _small_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < _SMALL


def _quiz_answers(value) -> bool:
    return (isinstance(value, list) and len(value) <= MAX_QUIZ_STATEMENTS
            and all(answer is None or (_small_int(answer) and answer in (0, 1)) for answer in value))


def _order(value) -> bool:
    return isinstance(value, list) and 2 <= len(value) <= 4 and all(_small_int(i) for i in value)


# Each message type: its fields and a check per field. No other field is allowed.
SCHEMAS = {
    "hello": {"code": lambda v: isinstance(v, str) and CODE.fullmatch(v) is not None,
              "token": lambda v: isinstance(v, str) and TOKEN.fullmatch(v) is not None},
    "team": {"team": _small_int},
    "vote": {"round": _small_int, "choice": _small_int},
    "order": {"round": _small_int, "order": _order},
    "quiz": {"phase": lambda v: v in ("before", "after"), "answers": _quiz_answers},
}


def parse(raw: str | bytes) -> dict | Refusal:
    """A phone's message as a checked dict, or the reason it is refused. Never raises."""
    if len(raw) > MAX_MESSAGE_BYTES:
        return Refusal.TOO_BIG
    try:
        message = json.loads(raw)
    except (ValueError, RecursionError):
        return Refusal.BAD_MESSAGE
    if not isinstance(message, dict):
        return Refusal.BAD_MESSAGE
    schema = SCHEMAS.get(message.get("type")) if isinstance(message.get("type"), str) else None
    if schema is None or set(message) != {"type", *schema}:
        return Refusal.BAD_MESSAGE
    if not all(check(message[name]) for name, check in schema.items()):
        return Refusal.BAD_MESSAGE
    return message


def refused(reason: Refusal) -> str:
    return json.dumps({"type": "refused", "reason": reason.value})


def bye(reason: Refusal) -> str:
    return json.dumps({"type": "bye", "reason": reason.value})


def room_view(room: Room, helplines: Mapping[str, Sequence[str]]) -> str:
    """What every phone shows alike, as JSON: built once per change and shared by all phones."""
    view: dict = {"step": room.step, "stage": room.stage.value, "round": room.round, "teams": list(room.teams)}
    if room.card is not None:
        view["card"] = {"id": room.card.id, "texts": {
            language: {"story": t.story, "prompt": t.prompt, "choices": list(t.choices)}
            for language, t in room.card.texts.items()}}
        if room.card.orders:
            view["card"]["orders"] = True
    if room.stage is Stage.REVEALED:
        view["reveal"] = {"chosen": room.chosen,
                          "order": _as_order(room, room.chosen),
                          "feedback": {language: list(texts) for language, texts in room.feedback.items()},
                          "votes": [list(team.votes) for team in room.tally()]}
    if room.stage is Stage.QUIZ:
        view["quiz"] = {"phase": room.quiz_phase,
                        "statements": [{"id": s.id, "texts": dict(s.texts)} for s in room.quiz]}
    if room.stage is Stage.END:
        view["helplines"] = {language: list(lines) for language, lines in helplines.items()}
    return json.dumps(view, ensure_ascii=False)


def _as_order(room: Room, index: int | None) -> list[int] | None:
    """An answer's place among the card's answers as the order it is, on a card put in order; else None."""
    if room.card is None or not room.card.orders or index is None:
        return None
    return list(room.card.answer_list[index])


def phone_view(room: Room, phone: Phone, shared: str) -> str:
    """The message one phone receives: its own part (number, team, its vote) around the shared view."""
    vote = room.votes.get(phone.id)
    you = {"phone": phone.id, "team": phone.team, "vote": vote}
    if room.card is not None and room.card.orders:
        you["order"] = _as_order(room, vote)
    if room.stage is Stage.QUIZ:
        answers = room.quiz_answers.get(phone.id)
        you["quiz"] = list(answers) if answers is not None else None
    return '{"type":"state","you":' + json.dumps(you) + ',"room":' + shared + "}"
