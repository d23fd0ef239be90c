"""The player's settings (language, text size, contrast, sound, the team names typed last time): their
defaults and the check of settings.json.

settings.json is ours, but a teacher, a cleaning tool or a broken disk may change it, so every
value is checked on loading: a value of the wrong kind or out of range gives way to its default,
and the teacher is told which setting, instead of the game stopping at every start.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from game.engine.rules import MAX_TEAM_NAME, MAX_TEAMS, place_problem
from game.i18n import LANGUAGES
from game.storage import Storage, StorageNotice
from game.team_names import is_clean_team_name

TEXT_SIZES = 3  # normal, large, larger: one per scale in game/ui/layout.py's TEXT_SCALES
# team_names: the setup's teams as last started, "" where a team kept its default name ("Team 2"), which
# follows the language; an empty list is two teams with default names.
# place: the workshop's place label (school, district) as typed last time, for the next workshop there.
# xapi_url, xapi_user, xapi_key: the learning record store that `python -m game sync` sends results to
# ("" when none); kept here so a facilitator types them once.
# game_minutes, discussion_seconds: the setup's length and discussion time as last started (the setup offers
# the option nearest to them).
DEFAULT_SETTINGS = {"language": "bn", "text_size": 0, "high_contrast": False, "sound": True, "team_names": [],
                    "place": "", "xapi_url": "", "xapi_user": "", "xapi_key": "",
                    "game_minutes": 30, "discussion_seconds": 120}
MAX_XAPI_TEXT = 500


@dataclass(frozen=True)
class SettingProblem:
    """One setting in settings.json that could not be used; its default is used instead."""

    key: str
    found: str  # the value as it stood in the file, shortened, for the notice


def _usable(key: str, value: object) -> bool:
    if key == "language":
        return value in LANGUAGES
    if key == "text_size":
        return type(value) is int and 0 <= value < TEXT_SIZES
    if key == "team_names":
        return (type(value) is list and len(value) <= MAX_TEAMS
                and all(is_clean_team_name(name) and len(name) <= MAX_TEAM_NAME for name in value))
    if key == "place":
        return type(value) is str and place_problem(value) is None
    if key in ("xapi_url", "xapi_user", "xapi_key"):
        return type(value) is str and len(value) <= MAX_XAPI_TEXT and value.isprintable()
    if key == "game_minutes":
        return type(value) is int and 1 <= value <= 240
    if key == "discussion_seconds":
        return type(value) is int and 10 <= value <= 1800
    return type(value) is bool  # high_contrast, sound


def clean_settings(raw: dict) -> tuple[dict, list[SettingProblem]]:
    """The usable settings in `raw` over the defaults, and a problem for each one that is not.

    Keys the game does not know are dropped without a word: a newer version may have written them.
    """
    settings = dict(DEFAULT_SETTINGS)
    problems = []
    for key in DEFAULT_SETTINGS:
        if key not in raw:
            continue
        value = raw[key]
        if _usable(key, value):
            settings[key] = value
        else:
            found = json.dumps(value, ensure_ascii=False, default=str)
            problems.append(SettingProblem(key, found if len(found) <= 40 else found[:40] + "..."))
    return settings, problems


def read_settings(storage: Storage) -> tuple[dict, StorageNotice | None, list[SettingProblem]]:
    """The settings to start with: never raises, whatever settings.json holds."""
    raw, notice = storage.load_settings()
    settings, problems = clean_settings(raw)
    return settings, notice, problems
