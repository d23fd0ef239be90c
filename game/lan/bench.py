"""The phone bench: a whole game with N simulated phones on 127.0.0.1. This process is the game (a PhoneRoom
driven step by step as the facilitator would); the phones run in a child process, as phones are other
machines. The step time runs from the facilitator's step to the last phone showing it; both processes read
the same system-wide monotonic clock.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no peak memory figure
    resource = None

from game.lan.room import PhoneRoom
from game.lan.server import Limits
from game.lan.tally import CardSnapshot, CardTexts, QuizStatement

LOOPBACK = "127.0.0.1"
TEAMS = ("Shapla", "Kadam", "Shimul", "Palash")
CARDS = 10
STEP_PAUSE = 0.2            # seconds between the facilitator's steps, as a quick facilitator would
CHANGES_SETTLE = 0.8        # after the last phone's first vote, time for the changes of mind
WAIT_LIMIT = 30.0           # no single wait of the bench lasts longer


def sample_card(number: int) -> CardSnapshot:
    """A card the size of a real one, in both languages."""
    bn = CardTexts(
        story="রাফি, ১৪, প্রতি সন্ধ্যায় একটা গেম খেলে। অচেনা এক খেলোয়াড় তাকে উপহার পাঠায় আর বলে, "
              "তাদের কথাবার্তা যেন গোপন থাকে। রাফির অস্বস্তি লাগে, কিন্তু উপহারগুলো তার ভালো লাগে।",
        prompt="রাফির কী করা উচিত?",
        choices=("ভরসার বড় কাউকে বলা, স্ক্রিনশট রেখে দেওয়া।", "খেলোয়াড়কে ব্লক করা, কাউকে না বলা।",
                 "উপহার ভালো লাগে বলে কথা চালিয়ে যাওয়া।", "নিজের ছবি পাঠিয়ে দেওয়া।"))
    en = CardTexts(
        story="Rafi, 14, plays a game every evening. A player he does not know sends him gifts and asks him "
              "to keep their chats secret. Rafi feels unsure, but he likes the gifts.",
        prompt="What should Rafi do?",
        choices=("Tell a trusted adult and keep a screenshot.", "Block the player but tell no one.",
                 "Keep chatting because the gifts are nice.", "Send a picture of himself."))
    return CardSnapshot(f"bench-{number}", {"bn": bn, "en": en})


FEEDBACK = {
    "en": ("Telling an adult is the strongest step, and it is not his fault.",
           "Blocking helps, but an adult could help more.", "Gifts and secrets are how grooming often starts.",
           "Don't send pictures because someone asks. If one was sent, it is not his fault: "
           "a trusted adult can help."),
    "bn": ("ভরসার বড় কাউকে বলাই সবচেয়ে জোরালো পদক্ষেপ, আর এতে রাফির কোনো দোষ নেই।",
           "ব্লক করা ভালো, তবে ভরসার বড় কেউ আরও সাহায্য করতে পারে।",
           "উপহার আর গোপনীয়তা দিয়েই প্রায়ই গ্রুমিং শুরু হয়।",
           "কেউ চাইলেই ছবি পাঠানো ঠিক নয়। পাঠিয়ে ফেললেও এতে রাফির কোনো দোষ নেই; ভরসার বড় কেউ সাহায্য করতে পারে।"),
}


def quiz_statements() -> list[QuizStatement]:
    topics = ("grooming", "privacy", "sextortion", "cyberbullying", "recognising_abuse")
    return [QuizStatement(f"bench-quiz-{n}", topic, {"en": f"Statement {n + 1} about {topic}.",
                                                     "bn": f"{topic} নিয়ে {n + 1} নম্বর কথা।"}, n % 2 == 0)
            for n, topic in enumerate(topics)]


def _wait(condition, limit: float = WAIT_LIMIT) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def _peak_rss_mb() -> float | None:
    if resource is None:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else float("nan")


def run_phone_bench(phones: int, locales_dir: Path, fonts_dir: Path, cards: int = CARDS, seed: int = 1) -> dict:
    room = PhoneRoom(locales_dir, fonts_dir, Limits(max_phones=max(phones, 1), max_sockets=phones + 20,
                                                    sockets_per_address=phones + 20))
    room.start(LOOPBACK, 0)
    room.set_teams(TEAMS)
    steps: dict[int, float] = {}
    rounds: dict[int, list[list[int]]] = {}

    def step(action, *args):
        began = time.monotonic()
        outcome = action(*args)
        steps[room.step] = began
        return outcome

    child = subprocess.Popen(
        [sys.executable, "-m", "game.lan.simulated", "--url", f"http://{LOOPBACK}:{room.port}",
         "--code", room.join_code, "--phones", str(phones), "--seed", str(seed)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(child.stdout), daemon=True)
    reader.start()
    try:
        _wait(lambda: len(room.phones()) >= phones)
        cpu_began, wall_began = time.process_time(), time.monotonic()
        step(room.open_quiz, "before", quiz_statements())
        time.sleep(STEP_PAUSE * 3)
        step(room.close_quiz)
        for number in range(cards):
            time.sleep(STEP_PAUSE)
            step(room.set_card, sample_card(number))
            time.sleep(STEP_PAUSE)
            step(room.open_voting)
            _wait(lambda: sum(team.voters for team in room.tally()) >= len(room.phones()))
            time.sleep(CHANGES_SETTLE)
            step(room.close_voting)
            rounds[number + 1] = [list(team.votes) for team in room.tally()]
            time.sleep(STEP_PAUSE)
            step(room.reveal, 0, FEEDBACK)
            time.sleep(STEP_PAUSE)
            step(room.next)
        time.sleep(STEP_PAUSE)
        step(room.open_quiz, "after", quiz_statements())
        time.sleep(STEP_PAUSE * 3)
        step(room.close_quiz)
        time.sleep(STEP_PAUSE)
        step(room.finish)
        try:
            child.wait(timeout=WAIT_LIMIT * 2)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"the simulated phones did not reach the end of the game; "
                               f"{len(room.phones())} of {phones} had joined") from None
        cpu = time.process_time() - cpu_began
        wall = time.monotonic() - wall_began
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        room.stop()
    reader.join(timeout=5)
    summary = json.loads(next(line for line in reversed(output) if line.startswith("{")))
    step_times = []
    for number, began in steps.items():
        seen = summary["seen_steps"].get(str(number))
        if seen:
            step_times.append((max(seen) - began) * 1000)
    # Every phone's last vote on each card must be in the tally the game read when voting closed.
    expected: dict[int, list[list[int]]] = {r: [[0] * len(votes) for votes in tally] for r, tally in rounds.items()}
    for round_, team, choice in summary["last_votes"]:
        expected[round_][team][choice] += 1
    mismatched = sum(1 for r in rounds if rounds[r] != expected[r])
    quiz = room.quiz_results()
    return {
        "phones": phones,
        "joined": summary["joined"],
        "votes_sent": summary["votes_sent"],
        "votes_counted": room.votes_counted,
        "votes_refused": summary["refused"],
        "cards_with_tally_mismatch": mismatched,
        "steps_measured": len(step_times),
        "step_to_phone_p50_ms": round(_percentile(step_times, 0.5), 1),
        "step_to_phone_p99_ms": round(_percentile(step_times, 0.99), 1),
        "step_to_phone_max_ms": round(max(step_times, default=float("nan")), 1),
        "server_cpu_pct": round(cpu / wall * 100, 1),
        "server_rss_mb": _peak_rss_mb() and round(_peak_rss_mb(), 1),
        "quiz_answers_before": sum(answered for _, answered in quiz.get("before", {}).values()),
        "quiz_answers_after": sum(answered for _, answered in quiz.get("after", {}).values()),
        "phone_errors": summary["errors"],
    }
