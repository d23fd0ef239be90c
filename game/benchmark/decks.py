"""Deck loading and checking against the clock: 1,000 good cards, and the worst files that still fit the
size limit (each of those is all problems, and every problem is found and placed)."""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from game.content.decks import load_decks
from game.content.yamlsafe import MAX_FILE_BYTES


def generated_deck(index: int, cards: int) -> bytes:
    """A valid deck of `cards` scenario cards, the size of real ones."""
    lines = ["deck:", f"  id: bench_{index}", "  title: Bench deck",
             "  description: Generated cards for the loading benchmark.", "cards:"]
    for n in range(cards):
        lines += [
            f"  - id: bench-{index}-{n}", "    kind: scenario", "    topic: grooming",
            "    story: >-", "      Rafi, 14, plays a game every evening. A player he does not know sends him",
            "      gifts and asks him to keep their chats secret. He feels unsure.",
            "    prompt: What should Rafi do?", "    choices:",
            "      - text: Tell a trusted adult and keep a screenshot.", "        grade: safe",
            "        feedback: Telling an adult is the strongest step, and it is not his fault.",
            "      - text: Block the player but tell no one.", "        grade: partly_safe",
            "        feedback: Blocking helps, but an adult could help more.",
            "      - text: Keep chatting because the gifts are nice.", "        grade: risky",
            "        feedback: Gifts and secrets are how grooming often starts.",
            "    discussion:", "      - Why might someone ask for secrecy?",
            "    facilitator_note: Listen for ideas of whom to tell.",
            "    source: Benchmark",
        ]
    return ("\n".join(lines) + "\n").encode()


def _fill(head: bytes, unit: bytes, tail: bytes = b"") -> bytes:
    """`head`, then `unit` as many times as fit under the size limit, then `tail`."""
    count = (MAX_FILE_BYTES - len(head) - len(tail)) // len(unit)
    return head + unit * count + tail


def _many_keys() -> bytes:
    """One mapping of ~60,000 unknown keys: each a problem, each checked for being a duplicate."""
    keys, n = [], 0
    size = 2
    while size < MAX_FILE_BYTES - 16:
        key = f"k{n:x}"
        keys.append(key)
        size += len(key) + 1
        n += 1
    return ("{" + ",".join(keys[:-1]) + "}\n").encode()


def _broken_cards() -> bytes:
    """Card after card with a problem in every field: the most problems the checks can find per byte."""
    head = b"deck:\n  id: worst\n  title: Worst deck\n  description: Every card is wrong.\ncards:\n"
    unit = (b"  - id: Bad Id\n    kind: riddle\n    topic: weather\n    story: 12\n    prompt: [1]\n"
            b"    choices: {}\n    extra: yes\n")
    return _fill(head, unit)


def _invisible_characters() -> bytes:
    """A comment full of invisible direction marks, each one reported with its line and column."""
    head = b"deck:\n  id: marks\n  title: Marks\n  description: Invisible marks.\ncards: []\n# "
    return _fill(head, "\u202e".encode())


def _deep_nesting() -> bytes:
    """Lists inside lists as deep as the file allows."""
    half = MAX_FILE_BYTES // 2 - 1
    return b"[" * half + b"]" * half + b"\n"


def _long_lines() -> bytes:
    """Fields far over the length limit, in Bangla, on cards otherwise right."""
    story = "রাফি একটি খেলা খেলে। " * 400
    head = "deck:\n  id: long\n  title: Long\n  description: Long texts.\ncards:\n".encode()
    units = []
    n = 0
    while True:
        unit = (f"  - id: long-{n}\n    kind: myth_fact\n    topic: grooming\n    statement: {story}\n"
                f"    answer: myth\n    explanation: {story}\n").encode()
        if len(head) + sum(map(len, units)) + len(unit) > MAX_FILE_BYTES:
            break
        units.append(unit)
        n += 1
    return head + b"".join(units)


WORST_DECKS = {"many_keys": _many_keys, "broken_cards": _broken_cards, "invisible_characters": _invisible_characters,
               "deep_nesting": _deep_nesting, "long_lines": _long_lines}


def _timed_load(paths: list[Path]) -> tuple[float, object]:
    began = time.perf_counter()
    loaded = load_decks(paths)
    return (time.perf_counter() - began) * 1000, loaded


def deck_1000_ms(runs: int = 5) -> float:
    """Median milliseconds to load and check ten decks of 100 good cards each."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(10):
            path = Path(folder) / f"bench_{index}.yaml"
            path.write_bytes(generated_deck(index, 100))
            paths.append(path)
        times = []
        for _ in range(runs):
            elapsed, loaded = _timed_load(paths)
            if len(loaded.cards) != 1000 or loaded.problems:
                raise RuntimeError("the generated decks did not load as 1,000 good cards")
            times.append(elapsed)
    return statistics.median(times)


def worst_decks_ms(names=None) -> dict[str, float]:
    """Milliseconds to check each worst file (at most the size limit); every one must have problems."""
    result = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, make in WORST_DECKS.items():
            if names is not None and name not in names:
                continue
            data = make()
            if len(data) > MAX_FILE_BYTES:
                raise RuntimeError(f"the worst deck '{name}' is over the size limit")
            path = Path(folder) / f"{name}.yaml"
            path.write_bytes(data)
            elapsed, loaded = _timed_load([path])
            if not loaded.problems:
                raise RuntimeError(f"the worst deck '{name}' loaded without problems")
            result[name] = elapsed
    return result


def print_all() -> dict:
    """Loading the bundled decks, and writing every bundled card, the guide and the score sheet in
    both languages (`python -m game print` with no options), side by side."""
    from game.content.decks import bundled_deck_paths
    from game.print.choices import PrintChoices
    from game.print.job import default_workers, write_print_files
    from game.resources import DECKS_DIR, FONTS_DIR, LOCALES_DIR

    load_ms, loaded = _timed_load(bundled_deck_paths(DECKS_DIR))
    with tempfile.TemporaryDirectory() as folder:
        outcome = write_print_files(loaded, PrintChoices(), Path(folder), LOCALES_DIR, FONTS_DIR,
                                    workers=default_workers())
    return {"decks_load_ms": round(load_ms, 1), "print_all_s": round(outcome.seconds, 2),
            "print_cards": outcome.cards, "print_files": len(outcome.files)}
