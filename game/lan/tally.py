"""What the room knows about its phones: who joined which team, the votes on the card, the before-and-after
check, and the tally the game reads. Pure data and rules; no sockets, no threads, no clock.

A phone is known by a secret token (kept in its browser) and shown by a small public number. Votes hold no
time: nothing here can reward speed. The quiz keeps each phone's answers only until the check closes, then
only counts per topic remain.
"""
from __future__ import annotations

import enum
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Mapping, Sequence


class Stage(str, enum.Enum):
    WAITING = "waiting"    # no card on the table
    CARD = "card"          # the card is shown, the discussion has not started
    VOTING = "voting"      # the clock runs; every phone votes and may change its vote
    CLOSED = "closed"      # voting stopped; the team's answer is being settled aloud
    REVEALED = "revealed"  # the answer, its feedback and the spread of votes are shown
    QUIZ = "quiz"          # the myth-or-fact check, before or after the game
    END = "end"            # the game is over: thanks and the helplines


class Refusal(str, enum.Enum):
    """Why the room refused a phone's message; the page shows each reason in the player's language."""
    BAD_MESSAGE = "bad_message"
    TOO_BIG = "too_big"
    TOO_FAST = "too_fast"
    WRONG_CODE = "wrong_code"
    ROOM_FULL = "room_full"
    JOINING_LOCKED = "joining_locked"
    REMOVED = "removed"
    NOT_JOINED = "not_joined"
    NOT_VOTING = "not_voting"
    STALE = "stale"
    NO_SUCH_CHOICE = "no_such_choice"
    NO_SUCH_TEAM = "no_such_team"
    TEAM_LOCKED = "team_locked"
    NO_QUIZ = "no_quiz"
    REPLACED = "replaced"  # the same phone opened the page again (a second tab): this one stops


@dataclass(frozen=True)
class CardTexts:
    """A card's text in one language, as the phone shows it."""
    story: str
    prompt: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class CardSnapshot:
    """A card as phones see it: its id and its texts per language ("bn", "en"), all with the same choices.

    `answers` are the answers its kind takes, in its order (votes are counted in it): a choice's number from 0,
    or, on a card whose choices are put in order (`orders`), every order as a tuple of choice numbers."""
    id: str
    texts: Mapping[str, CardTexts]
    answers: tuple = ()  # empty: one answer per choice, 0 to choice_count - 1
    orders: bool = False

    @property
    def choice_count(self) -> int:
        return len(next(iter(self.texts.values())).choices)

    @property
    def answer_list(self) -> tuple:
        return self.answers or tuple(range(self.choice_count))


@dataclass(frozen=True)
class QuizStatement:
    """One myth-or-fact statement of the before-and-after check."""
    id: str
    topic: str
    texts: Mapping[str, str]  # language -> the statement
    is_myth: bool


QUIZ_MYTH, QUIZ_FACT = 0, 1  # a phone's quiz answer per statement
MAX_EVENTS = 1000


@dataclass(frozen=True)
class TeamTally:
    """One team's phones and votes on the card. `votes` (per choice) is for the game's decision; what the
    projector may show before the reveal is `voters` alone, and `votes_shown` is None until then."""
    team: int
    name: str
    phones: int
    voters: int
    votes: tuple[int, ...]
    revealed: bool

    @property
    def votes_shown(self) -> tuple[int, ...] | None:
        return self.votes if self.revealed else None

    @property
    def leaders(self) -> tuple[int, ...]:
        """The choices with the most votes (none when nobody voted)."""
        top = max(self.votes, default=0)
        return tuple(i for i, n in enumerate(self.votes) if n == top) if top else ()

    @property
    def majority(self) -> int | None:
        """The team's answer when one choice has the most votes; None on a tie or with no votes."""
        return self.leaders[0] if len(self.leaders) == 1 else None

    @property
    def tied(self) -> bool:
        """A tie is decided aloud and confirmed by the facilitator."""
        return len(self.leaders) > 1


@dataclass
class Phone:
    id: int
    token: str
    team: int
    connected: bool = True


@dataclass(frozen=True)
class Event:
    """Something the game may want to show: a phone joined, rejoined, left or was removed, or a team's
    count of voters changed. Never which choice anyone voted for."""
    kind: str   # "joined", "rejoined", "left", "removed", "voters"
    phone: int | None = None
    team: int | None = None
    voters: int | None = None


@dataclass
class Room:
    """The state of the room. Methods that a phone triggers return None or a `Refusal`."""
    max_phones: int = 80
    teams: tuple[str, ...] = ()
    stage: Stage = Stage.WAITING
    step: int = 0      # grows with every change phones must show; a phone echoes nothing, it just shows it
    round: int = 0     # grows with every card; a vote names its round so that a late one is refused
    card: CardSnapshot | None = None
    joining_locked: bool = False
    phones: dict[str, Phone] = field(default_factory=dict)    # token -> phone
    removed: set[str] = field(default_factory=set)            # tokens the facilitator removed
    votes: dict[int, int] = field(default_factory=dict)       # phone id -> choice, this round only
    votes_counted: int = 0                                    # accepted vote messages, changes included
    chosen: int | None = None
    feedback: Mapping[str, Sequence[str]] = field(default_factory=dict)
    quiz: tuple[QuizStatement, ...] = ()
    quiz_phase: str | None = None                             # "before" or "after" while the check is open
    quiz_answers: dict[int, tuple[int | None, ...]] = field(default_factory=dict)
    quiz_counts: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # phase -> topic -> [right, answered]
    # Bounded, so a game that never polls cannot fill the memory.
    events: deque = field(default_factory=lambda: deque(maxlen=MAX_EVENTS))
    _next_phone: int = 1

    # --- phones -----------------------------------------------------------------------------------------
    def join(self, token: str) -> Phone | Refusal:
        """A phone says hello with its token: a known token rejoins as the same phone, same team, vote kept."""
        if token in self.removed:
            return Refusal.REMOVED
        phone = self.phones.get(token)
        if phone is not None:
            phone.connected = True
            self.events.append(Event("rejoined", phone.id, phone.team))
            return phone
        if self.joining_locked:
            return Refusal.JOINING_LOCKED
        if len(self.phones) >= self.max_phones:
            return Refusal.ROOM_FULL
        phone = Phone(self._next_phone, token, self._smallest_team())
        self._next_phone += 1
        self.phones[token] = phone
        self.events.append(Event("joined", phone.id, phone.team))
        return phone

    def leave(self, token: str) -> None:
        """The phone's connection dropped; it stays a member and may rejoin."""
        phone = self.phones.get(token)
        if phone is not None and phone.connected:
            phone.connected = False
            self.events.append(Event("left", phone.id, phone.team))

    def remove(self, phone_id: int) -> str | None:
        """The facilitator removes a phone: its vote goes and its token may not rejoin. Returns the token."""
        for token, phone in list(self.phones.items()):
            if phone.id == phone_id:
                del self.phones[token]
                self.removed.add(token)
                had_vote = self.votes.pop(phone.id, None) is not None
                self.quiz_answers.pop(phone.id, None)
                self.events.append(Event("removed", phone.id, phone.team))
                if had_vote:
                    self._voters_changed(phone.team)
                self.step += 1
                return token
        return None

    def pick_team(self, token: str, team: int) -> Refusal | None:
        phone = self.phones.get(token)
        if phone is None:
            return Refusal.NOT_JOINED
        if not 0 <= team < len(self.teams):
            return Refusal.NO_SUCH_TEAM
        if self.stage in (Stage.VOTING, Stage.CLOSED):
            return Refusal.TEAM_LOCKED  # moving a vote between teams mid-vote would change both tallies
        phone.team = team
        self.step += 1
        return None

    def _smallest_team(self) -> int:
        if not self.teams:
            return 0
        sizes = Counter(p.team for p in self.phones.values())
        return min(range(len(self.teams)), key=lambda t: (sizes[t], t))

    # --- votes ------------------------------------------------------------------------------------------
    def vote(self, token: str, round_: int, choice) -> Refusal | None:
        """A phone's vote: a choice's number, or on a card put in order, an order (a tuple of choice numbers)."""
        phone = self.phones.get(token)
        if phone is None:
            return Refusal.NOT_JOINED
        if round_ != self.round:
            return Refusal.STALE
        if self.stage is not Stage.VOTING:
            return Refusal.NOT_VOTING
        if self.card is None or isinstance(choice, tuple) is not self.card.orders:
            return Refusal.NO_SUCH_CHOICE
        answers = self.card.answer_list
        if choice not in answers:
            return Refusal.NO_SUCH_CHOICE
        first = phone.id not in self.votes
        self.votes[phone.id] = answers.index(choice)  # counted by the answer's place among the card's answers
        self.votes_counted += 1
        if first:
            self._voters_changed(phone.team)
        return None

    def _voters_changed(self, team: int) -> None:
        self.events.append(Event("voters", team=team, voters=self._voters(team)))

    def _voters(self, team: int) -> int:
        ids = {p.id for p in self.phones.values() if p.team == team}
        return sum(1 for phone_id in self.votes if phone_id in ids)

    # --- the facilitator's steps ------------------------------------------------------------------------
    def set_teams(self, teams: Sequence[str]) -> None:
        self.teams = tuple(teams)
        for phone in self.phones.values():
            if not 0 <= phone.team < len(self.teams):
                phone.team = 0
        self.step += 1

    def set_card(self, card: CardSnapshot) -> None:
        self.card, self.stage = card, Stage.CARD
        self.round += 1
        self.votes.clear()
        self.chosen, self.feedback = None, {}
        self.step += 1

    def open_voting(self) -> bool:
        if self.card is None or self.stage not in (Stage.CARD, Stage.CLOSED):
            return False
        self.stage = Stage.VOTING
        self.step += 1
        return True

    def close_voting(self) -> bool:
        if self.stage is not Stage.VOTING:
            return False
        self.stage = Stage.CLOSED
        self.step += 1
        return True

    def reveal(self, chosen: int, feedback: Mapping[str, Sequence[str]]) -> bool:
        if self.card is None or self.stage not in (Stage.CARD, Stage.VOTING, Stage.CLOSED):
            return False
        if not 0 <= chosen < len(self.card.answer_list):
            return False
        self.stage, self.chosen, self.feedback = Stage.REVEALED, chosen, dict(feedback)
        self.step += 1
        return True

    def next(self) -> None:
        self.card, self.stage = None, Stage.WAITING
        self.votes.clear()
        self.chosen, self.feedback = None, {}
        self.step += 1

    def finish(self) -> None:
        self.next()
        self.stage = Stage.END

    def lock_joining(self, locked: bool) -> None:
        self.joining_locked = locked
        self.step += 1

    # --- the tally --------------------------------------------------------------------------------------
    def tally(self) -> tuple[TeamTally, ...]:
        count = len(self.card.answer_list) if self.card else 0
        revealed = self.stage is Stage.REVEALED
        found = []
        for team, name in enumerate(self.teams):
            members = [p for p in self.phones.values() if p.team == team]
            votes = [0] * count
            voters = 0
            for phone in members:
                if phone.id in self.votes:
                    votes[self.votes[phone.id]] += 1
                    voters += 1
            found.append(TeamTally(team, name, len(members), voters, tuple(votes), revealed))
        return tuple(found)

    # --- the before-and-after check ---------------------------------------------------------------------
    def open_quiz(self, phase: str, statements: Sequence[QuizStatement]) -> bool:
        if phase not in ("before", "after") or not statements:
            return False
        self.card, self.stage = None, Stage.QUIZ
        self.quiz, self.quiz_phase = tuple(statements), phase
        self.quiz_answers.clear()
        self.step += 1
        return True

    def answer_quiz(self, token: str, phase: str, answers: Sequence[int | None]) -> Refusal | None:
        phone = self.phones.get(token)
        if phone is None:
            return Refusal.NOT_JOINED
        if self.stage is not Stage.QUIZ or phase != self.quiz_phase:
            return Refusal.NO_QUIZ
        if len(answers) != len(self.quiz):
            return Refusal.BAD_MESSAGE
        self.quiz_answers[phone.id] = tuple(answers)
        return None

    def close_quiz(self) -> dict[str, list[int]]:
        """Count the open check per topic ([right, answered]) and forget who answered what."""
        if self.stage is not Stage.QUIZ or self.quiz_phase is None:
            return {}
        counts: dict[str, list[int]] = {}
        for answers in self.quiz_answers.values():
            for statement, answer in zip(self.quiz, answers, strict=True):
                if answer is None:
                    continue
                right = (answer == QUIZ_MYTH) == statement.is_myth
                topic = counts.setdefault(statement.topic, [0, 0])
                topic[0] += int(right)
                topic[1] += 1
        self.quiz_counts[self.quiz_phase] = counts
        self.quiz_answers.clear()
        self.quiz_phase = None
        self.stage = Stage.WAITING
        self.step += 1
        return counts

    def take_events(self) -> list[Event]:
        taken = list(self.events)
        self.events.clear()
        return taken
