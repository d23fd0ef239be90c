"""docs/card-kinds.md, the guide to adding a kind of card, says what the code does: every name it gives
exists where it says, and every kind the game has is one module listed in the registry."""
from __future__ import annotations

import re
from pathlib import Path

from game.engine.cards import BODY_FIELDS
from game.kinds import KINDS
from game.kinds.base import CardKind, Face, Reveal

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "card-kinds.md").read_text(encoding="utf-8")


def test_every_method_and_field_the_guide_names_is_on_the_interface():
    named = set(re.findall(r"`([a-z_]+)(?:\(|`)", GUIDE))
    interface = set(dir(CardKind)) | set(Face.__dataclass_fields__) | set(Reveal.__dataclass_fields__)
    words_of_the_guide = {"word", "label", "fields", "read", "answers", "grade", "points", "face", "reveal", "paper",
                          "guide_lines", "summary", "check_statement", "host_explanation", "plays_on_turn", "quick",
                          "icon", "colour", "right_or_wrong"}
    assert words_of_the_guide <= named, words_of_the_guide - named
    assert words_of_the_guide <= interface, words_of_the_guide - interface


def test_every_kind_is_one_module_in_the_registry_and_the_guide_names_where():
    modules = {path.stem for path in (ROOT / "game" / "kinds").glob("*.py")} - {"__init__", "base"}
    assert modules == set(KINDS), "each kind of card is one module of game/kinds/ named by its word"
    for word, kind in KINDS.items():
        assert type(kind).__module__ == f"game.kinds.{word}"
        assert kind.label and kind.fields.get("id") and kind.fields.get("kind") and kind.fields.get("topic")
    for place in ("game/kinds/base.py", "game/kinds/__init__.py", "game/engine/cards.py", "BODY_FIELDS", "KINDS",
                  "tests/kinds/test_registry.py", "tests/engine/test_boundaries.py"):
        assert place in GUIDE, place
    assert "actions" in BODY_FIELDS
