"""Scores and safe-choice rates, derived from a game's results: safe choices and help-seeking count,
speed never does."""
from __future__ import annotations

from dataclasses import dataclass

from game.engine.cards import TOPICS, Grade
from game.engine.rules import GameState


@dataclass(frozen=True)
class TeamTotal:
    team: int
    points: int
    bonus: int
    safe: int
    partly_safe: int
    risky: int

    @property
    def played(self) -> int:
        return self.safe + self.partly_safe + self.risky

    @property
    def safe_rate(self) -> float | None:
        """Share of this team's answers that were safe; None before it has answered."""
        return self.safe / self.played if self.played else None


def team_totals(state: GameState, team_count: int) -> list[TeamTotal]:
    totals = []
    for team in range(team_count):
        results = [r for r in state.results if r.team == team]
        bonus = sum(b.points for b in state.bonuses if b.team == team)
        totals.append(TeamTotal(
            team=team,
            points=sum(r.points for r in results) + bonus,
            bonus=bonus,
            safe=sum(r.grade is Grade.SAFE for r in results),
            partly_safe=sum(r.grade is Grade.PARTLY_SAFE for r in results),
            risky=sum(r.grade is Grade.RISKY for r in results),
        ))
    return totals


def ranking(state: GameState, team_count: int) -> list[tuple[int, TeamTotal]]:
    """(place, total) best first; teams with equal points share a place."""
    ordered = sorted(team_totals(state, team_count), key=lambda t: (-t.points, t.team))
    places, place = [], 0
    for index, total in enumerate(ordered):
        if index == 0 or total.points != ordered[index - 1].points:
            place = index + 1
        places.append((place, total))
    return places


def safe_rate_by_topic(state: GameState) -> dict[str, float]:
    """For each topic played, the share of answers that were safe, in the topics' usual order."""
    rates = {}
    for topic in TOPICS:
        results = [r for r in state.results if r.topic == topic]
        if results:
            rates[topic] = sum(r.grade is Grade.SAFE for r in results) / len(results)
    return rates
