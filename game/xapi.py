"""A workshop read back from its report (game/report_files.py) as xAPI statements (IEEE 9274.1.1), the records a
Learning Record Store keeps. No I/O: game/sync.py sends them.

What goes out is in docs/results.md. In short: a workshop is a registration; each card a team answered is one
statement with its grade; the before-and-after check is one statement per phase and topic with its counts; the
place label and the language are in the context. Actors are anonymous accounts whose names are uuid5 names of
the workshop id (itself a hash of a whole game, seed included): never a team's name, a typed name, or an
address. Every statement id is derived the same way, so sending a workshop twice stores nothing twice.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from game.engine.cards import Grade
from game.kinds.base import POINTS
from game.report_files import Workshop

XAPI_VERSION = "1.0.3"
# Our activities, extensions and the accounts' home page: under a name reserved never to resolve (RFC 2606), so
# no statement points at anyone's server.
BASE = "https://nirapod.invalid/xapi/"
HOME_PAGE = BASE + "anonymous"
VERB_ATTENDED = {"id": "http://adlnet.gov/expapi/verbs/attended", "display": {"en-US": "attended"}}
VERB_ANSWERED = {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}}
VERB_COMPLETED = {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}}
MEETING = "http://adlnet.gov/expapi/activities/meeting"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
EXT = {name: BASE + "extensions/" + name for name in
       ("place", "mode", "topic", "kind", "grade", "phase", "answered", "right", "teams")}
BEST_POINTS = max(POINTS.values())
_XAPI_LANGUAGES = {"bn": "bn-BD", "en": "en"}


def _id(workshop: Workshop, what: str) -> str:
    return str(uuid.uuid5(uuid.UUID(workshop.workshop_id), what))


def _actor(workshop: Workshop, who: str) -> dict:
    """An anonymous account: a name only this workshop's statements share, nothing that says who."""
    return {"objectType": "Agent", "account": {"homePage": HOME_PAGE, "name": _id(workshop, "actor/" + who)}}


def _timestamp(workshop: Workshop) -> str:
    """When the workshop started, with this PC's offset from UTC (the report keeps local time)."""
    try:
        started = datetime.strptime(f"{workshop.date} {workshop.start_time}", "%Y-%m-%d %H:%M")
    except ValueError:
        started = datetime(2000, 1, 1)
    return started.astimezone().isoformat(timespec="seconds")


def _context(workshop: Workshop, extensions: dict) -> dict:
    context = {"registration": workshop.workshop_id, "language": _XAPI_LANGUAGES.get(workshop.language, "und"),
               "extensions": {EXT["place"]: workshop.place, EXT["mode"]: workshop.mode or "unknown", **extensions}}
    return context


def _activity(path: str, kind: str) -> dict:
    return {"objectType": "Activity", "id": BASE + path, "definition": {"type": kind}}


def workshop_statements(workshop: Workshop) -> list[dict]:
    """The workshop's statements, in a fixed order, each with its derived id."""
    when = _timestamp(workshop)
    statements = [{
        "id": _id(workshop, "workshop"), "actor": _actor(workshop, "room"), "verb": VERB_ATTENDED,
        "object": _activity("workshop", MEETING), "timestamp": when,
        "context": _context(workshop, {EXT["teams"]: len(workshop.teams)}),
    }]
    for number, (team, card) in enumerate(workshop.cards):
        best = card.best_points or BEST_POINTS  # its kind's best; a card whose best earns nothing is scored of 3
        result: dict = {"response": card.answer,
                        "score": {"raw": card.points, "min": 0, "max": best, "scaled": round(card.points / best, 4)}}
        if card.grade is not None:
            result["success"] = card.grade is Grade.SAFE
            result["extensions"] = {EXT["grade"]: card.grade.value}
        context = _context(workshop, {EXT["topic"]: card.topic, EXT["kind"]: card.kind})
        context["contextActivities"] = {"parent": [_activity("workshop", MEETING)]}
        statements.append({
            "id": _id(workshop, f"card/{number}"), "actor": _actor(workshop, f"team/{team}"), "verb": VERB_ANSWERED,
            "object": _activity("cards/" + card.card_id, INTERACTION), "result": result, "timestamp": when,
            "context": context,
        })
    for phase in ("before", "after"):
        for topic, (right, answered) in sorted(workshop.check.get(phase, {}).items()):
            if answered <= 0:
                continue  # nobody answered this topic's statement: no score to give
            context = _context(workshop, {EXT["topic"]: topic, EXT["phase"]: phase})
            context["contextActivities"] = {"parent": [_activity("workshop", MEETING)]}
            statements.append({
                "id": _id(workshop, f"check/{phase}/{topic}"), "actor": _actor(workshop, "room"),
                "verb": VERB_COMPLETED, "object": _activity(f"check/{phase}/{topic}", ASSESSMENT),
                "result": {"score": {"raw": right, "min": 0, "max": answered, "scaled": round(right / answered, 4)},
                           "extensions": {EXT["answered"]: answered, EXT["right"]: right}},
                "timestamp": when, "context": context,
            })
    return statements
