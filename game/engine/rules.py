"""The game's rules: config, state, actions, and the pure function that applies an action.

State and actions are plain, JSON-serialisable data. `apply` returns the next state or a Refusal
saying why the action is not allowed now, so the screens can explain instead of crashing.
Replaying a game's action log from its config gives the same state, which is how saves resume.
"""
from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field, replace
from typing import Mapping

from game.engine import rng
from game.engine.cards import Card, Grade
from game.kinds import Answer, kind_of

MAX_TEAMS = 6
MAX_TEAM_NAME = 24
MAX_PLACE = 60  # a school and its district, e.g. "Mirpur Girls' High School, Dhaka"


def place_problem(place: str) -> str | None:
    """Why a workshop's place label cannot be used, or None. Tabs, line breaks and other control
    characters would break the report's one line per card; a label longer than MAX_PLACE is no place."""
    if len(place) > MAX_PLACE:
        return f"a place label has at most {MAX_PLACE} characters"
    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 or ch in "\u2028\u2029" for ch in place):
        return "a place label has no control characters or line breaks"
    return None


class Phase(str, enum.Enum):
    READY = "ready"  # the team is about to draw
    CARD = "card"  # the card is shown, discussion not started
    DISCUSSING = "discussing"
    PAUSED = "paused"
    CHOSEN = "chosen"  # the team has picked; the answer is not shown yet
    REVEALED = "revealed"
    RED_ALERT = "red_alert"  # a safety tip between turns
    OVER = "over"


# The phases in which the card of a turn is on the table and the team has not answered yet.
CARD_ON_TABLE = frozenset({Phase.CARD, Phase.DISCUSSING, Phase.PAUSED})
# The phases in which a team's answer may still be given or changed: until it is revealed.
ANSWER_OPEN = CARD_ON_TABLE | {Phase.CHOSEN}


class Role(str, enum.Enum):
    """Who takes an action or looks at the game: each sees and may do different things."""

    STUDENT = "student"  # the students' screen: in a classroom the teacher works it too
    FACILITATOR = "facilitator"  # runs a workshop; sees the notes and the safe answer
    VISITOR = "visitor"  # one person alone at a kiosk


class BonusReason(str, enum.Enum):
    GOOD_DISCUSSION = "good_discussion"
    NAMED_HELP = "named_help"  # the team named a way to get help


class Refusal(str, enum.Enum):
    """Why an action was refused; the screens turn each into a sentence in the player's language."""

    WRONG_TEAM = "wrong_team"
    NO_CARD_SHOWN = "no_card_shown"
    ALREADY_CHOSEN = "already_chosen"
    NOT_CHOSEN = "not_chosen"
    NOT_REVEALED = "not_revealed"
    NO_SUCH_CHOICE = "no_such_choice"
    NO_SUCH_TEAM = "no_such_team"
    NOT_PARKED = "not_parked"
    BONUS_ALREADY_GIVEN = "bonus_already_given"
    NOT_NOW = "not_now"
    NOTHING_TO_UNDO = "nothing_to_undo"
    GAME_OVER = "game_over"
    NOT_YOUR_MOVE = "not_your_move"  # this person may not take this action (see ROLE_MOVES)
    ANSWERS_NOT_OPEN = "answers_not_open"  # in a workshop, answers open when the clock starts
    NO_SUCH_BONUS = "no_such_bonus"  # taking back a bonus that was not given
    NOT_THE_PHONES_ANSWER = "not_the_phones_answer"  # with the phones' votes: only a choice with the most votes


BONUS_POINTS = 1


class ConfigError(ValueError):
    """A game config that cannot be played, with a message for the person who set it up."""


@dataclass(frozen=True)
class GameConfig:
    teams: tuple[str, ...]
    topics: tuple[str, ...] = ()  # empty: every topic
    deck_ids: tuple[str, ...] = ()  # empty: every deck
    card_ids: tuple[str, ...] = ()  # empty: every card the topics and decks allow; else only these (a kiosk round)
    turns_per_team: int = 4
    discussion_seconds: int = 120
    red_alert_every: int = 2  # a red-alert card after every this many turns; 0 for none
    seed: int = 0
    hosted: bool = False  # a facilitator runs the game: only the facilitator moves it on
    # The room talks before answers open: the choices open when the discussion clock starts. Every game with a
    # clock since this was written down; a workshop always (its saves from before said only `hosted`).
    discussion_first: bool = False
    # Where the workshop was held (a school, a district), typed by the facilitator; never a student's name.
    # Saves from before it existed load with "".
    place: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "teams", tuple(self.teams))
        object.__setattr__(self, "topics", tuple(self.topics))
        object.__setattr__(self, "deck_ids", tuple(self.deck_ids))
        object.__setattr__(self, "card_ids", tuple(self.card_ids))
        if not 1 <= len(self.teams) <= MAX_TEAMS:
            raise ConfigError(f"a game has 1 to {MAX_TEAMS} teams, not {len(self.teams)}")
        if any(not name.strip() or len(name) > MAX_TEAM_NAME for name in self.teams):
            raise ConfigError(f"every team needs a name of 1 to {MAX_TEAM_NAME} characters")
        if self.turns_per_team < 1 or self.discussion_seconds < 0 or self.red_alert_every < 0:
            raise ConfigError("turns, discussion time and the red-alert rhythm cannot be negative")
        if place_problem(self.place):
            raise ConfigError(place_problem(self.place))

    @property
    def total_turns(self) -> int:
        return self.turns_per_team * len(self.teams)

    @property
    def answers_wait_for_the_clock(self) -> bool:
        return self.hosted or self.discussion_first

    def to_json(self) -> dict:
        return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()}

    @classmethod
    def from_json(cls, data: dict) -> "GameConfig":
        return cls(**data)


@dataclass(frozen=True)
class Action:
    type: str
    team: int | None = None
    answer: Answer | None = None  # choose: the team's answer, a value its card's kind defines
    card_id: str | None = None  # draw: bring back a parked card
    reason: BonusReason | None = None  # bonus
    seconds: int | None = None  # choose: how long the room discussed (for the report; never scored)
    by: Role | None = None  # who acted; None in saves from before roles, and for the simulator
    votes: tuple[int, ...] | None = None  # choose: the phones' votes per answer of the card, in its kind's order

    def __post_init__(self) -> None:
        if self.votes is not None:
            object.__setattr__(self, "votes", tuple(self.votes))
        if isinstance(self.answer, list):  # an order, as JSON has it: a tuple, so it can be compared and counted
            object.__setattr__(self, "answer", tuple(self.answer))

    def to_json(self) -> dict:
        data = {key: value for key, value in asdict(self).items() if value is not None}
        if self.votes is not None:
            data["votes"] = list(self.votes)
        if isinstance(self.answer, tuple):
            data["answer"] = list(self.answer)
        if self.reason is not None:
            data["reason"] = self.reason.value
        if self.by is not None:
            data["by"] = self.by.value
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Action":
        data = dict(data)
        if "choice" in data:  # saves from before answers were values of their kind: a choice's index
            data["answer"] = data.pop("choice")
        if "reason" in data:
            data["reason"] = BonusReason(data["reason"])
        if "by" in data:
            data["by"] = Role(data["by"])
        return cls(**data)


ACTION_TYPES = ("draw", "start_discussion", "pause", "resume", "choose", "reveal", "bonus",
                "take_back_bonus", "skip", "park", "next", "undo", "end")

# What each person may do. In a classroom the teacher and the class share one screen, so the
# students' screen may do everything; in a workshop the facilitator moves the game on and the
# students only answer; a kiosk visitor plays alone, with no clock, bonus, skip or undo.
_EVERYTHING = frozenset(ACTION_TYPES)
ROLE_MOVES: dict[tuple[Role, bool], frozenset[str]] = {
    (Role.STUDENT, False): _EVERYTHING,
    (Role.STUDENT, True): frozenset({"choose"}),
    (Role.FACILITATOR, False): _EVERYTHING,
    (Role.FACILITATOR, True): _EVERYTHING,
    (Role.VISITOR, False): frozenset({"draw", "choose", "reveal", "next"}),
    (Role.VISITOR, True): frozenset({"draw", "choose", "reveal", "next"}),
}


def may_take(config: "GameConfig", role: Role | None, kind: str) -> bool:
    """Whether `role` may take actions of this type in this game at all (None: anyone, as in old saves)."""
    return role is None or kind in ROLE_MOVES[(role, config.hosted)]


@dataclass(frozen=True)
class TurnResult:
    turn: int
    team: int
    card_id: str
    topic: str
    answer: Answer
    grade: Grade
    points: int
    seconds: int | None = None
    votes: tuple[int, ...] | None = None  # the phones' votes per choice, when the team answered on phones

    def __post_init__(self) -> None:
        if isinstance(self.answer, list):
            object.__setattr__(self, "answer", tuple(self.answer))

    def to_json(self) -> dict:
        # Written only when there were votes, so a game without phones saves exactly as before.
        data = {**asdict(self), "grade": self.grade.value}
        if isinstance(self.answer, tuple):
            data["answer"] = list(self.answer)
        if self.votes is None:
            del data["votes"]
        else:
            data["votes"] = list(self.votes)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "TurnResult":
        data = {**data, "grade": Grade(data["grade"])}
        if "choice" in data:  # saves from before answers were values of their kind
            data["answer"] = data.pop("choice")
        if data.get("votes") is not None:
            data["votes"] = tuple(data["votes"])
        return cls(**data)


@dataclass(frozen=True)
class Bonus:
    turn: int
    team: int
    reason: BonusReason
    points: int = BONUS_POINTS


@dataclass(frozen=True)
class Pool:
    """The cards a game with this config can draw, in a fixed order so draws replay exactly."""

    turn_cards: tuple[str, ...]
    red_alerts: tuple[str, ...]


def make_pool(config: GameConfig, cards: Mapping[str, Card]) -> Pool:
    def wanted(card: Card) -> bool:
        return ((not config.deck_ids or card.deck_id in config.deck_ids)
                and (not config.topics or card.topic in config.topics)
                and (not config.card_ids or card.id in config.card_ids))

    turn_cards = sorted(cid for cid, card in cards.items() if kind_of(card).plays_on_turn and wanted(card))
    # The cards between turns (red alerts) are general safety tips: every game gets them, whichever topics.
    red_alerts = sorted(cid for cid, card in cards.items() if not kind_of(card).plays_on_turn)
    return Pool(tuple(turn_cards), tuple(red_alerts))


@dataclass(frozen=True)
class GameState:
    rng: int
    phase: Phase = Phase.READY
    turn: int = 0  # how many turns have been completed
    team: int = 0  # whose turn it is
    card_id: str | None = None  # the card on the table
    answer: Answer | None = None  # the team's answer, not revealed yet
    seen: tuple[str, ...] = ()  # every card drawn this game, so none repeats
    parked: tuple[str, ...] = ()  # cards put aside to come back to later
    results: tuple[TurnResult, ...] = ()
    bonuses: tuple[Bonus, ...] = ()
    pending_seconds: int | None = field(default=None)
    pending_votes: tuple[int, ...] | None = None  # the phones' votes behind the answer not yet revealed

    def to_json(self) -> dict:
        data = asdict(self)
        data["phase"] = self.phase.value
        if isinstance(self.answer, tuple):
            data["answer"] = list(self.answer)
        if self.pending_votes is None:
            del data["pending_votes"]  # saves without phones stay as they were
        else:
            data["pending_votes"] = list(self.pending_votes)
        data["results"] = [r.to_json() for r in self.results]
        data["bonuses"] = [{**asdict(b), "reason": b.reason.value} for b in self.bonuses]
        data["seen"] = list(self.seen)
        data["parked"] = list(self.parked)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "GameState":
        data = dict(data)
        data["phase"] = Phase(data["phase"])
        if "choice" in data:  # saves from before answers were values of their kind
            data["answer"] = data.pop("choice")
        if isinstance(data.get("answer"), list):
            data["answer"] = tuple(data["answer"])
        data["seen"] = tuple(data["seen"])
        data["parked"] = tuple(data["parked"])
        data["results"] = tuple(TurnResult.from_json(r) for r in data["results"])
        if data.get("pending_votes") is not None:
            data["pending_votes"] = tuple(data["pending_votes"])
        data["bonuses"] = tuple(Bonus(**{**b, "reason": BonusReason(b["reason"])}) for b in data["bonuses"])
        return cls(**data)


def new_state(config: GameConfig, pool: Pool) -> GameState:
    state = GameState(rng=rng.seed_state(config.seed))
    return state if pool.turn_cards else replace(state, phase=Phase.OVER)


def _available(pool: Pool, state: GameState) -> list[str]:
    seen = set(state.seen)
    return [cid for cid in pool.turn_cards if cid not in seen]


def _after_turn_card(pool: Pool, state: GameState) -> GameState:
    """Back to READY for the same team, or OVER if nothing is left to draw."""
    state = replace(state, card_id=None, answer=None, pending_seconds=None, pending_votes=None)
    if not _available(pool, state) and not state.parked:
        return replace(state, phase=Phase.OVER)
    return replace(state, phase=Phase.READY)


def _next_turn(config: GameConfig, pool: Pool, state: GameState) -> GameState:
    turn = state.turn + 1
    state = replace(state, turn=turn, team=turn % len(config.teams), card_id=None, answer=None,
                    pending_seconds=None, pending_votes=None)
    if turn >= config.total_turns:
        return replace(state, phase=Phase.OVER)
    alerts_left = [cid for cid in pool.red_alerts if cid not in set(state.seen)]
    if config.red_alert_every and turn % config.red_alert_every == 0 and alerts_left:
        index, next_rng = rng.next_below(state.rng, len(alerts_left))
        alert = alerts_left[index]
        return replace(state, rng=next_rng, phase=Phase.RED_ALERT, card_id=alert, seen=state.seen + (alert,))
    return _after_turn_card(pool, state)


def _undo(state: GameState) -> GameState | Refusal:
    """Take back the last scoring of this turn: its newest bonus first, then the revealed answer.

    A facilitator who pressed the wrong key fixes it here; the team chooses again, with the
    discussion paused. A choice not yet revealed can be taken back too. Earlier turns stay as scored.
    """
    if state.phase is Phase.REVEALED:
        this_turn = [i for i, b in enumerate(state.bonuses) if b.turn == state.turn]
        if this_turn:
            newest = this_turn[-1]
            return replace(state, bonuses=state.bonuses[:newest] + state.bonuses[newest + 1:])
        return replace(state, phase=Phase.PAUSED, answer=None, pending_seconds=None, pending_votes=None,
                       results=state.results[:-1])
    if state.phase is Phase.CHOSEN:
        return replace(state, phase=Phase.PAUSED, answer=None, pending_votes=None)
    return Refusal.NOTHING_TO_UNDO


# The discussion clock as data: each move and the phase it goes from and to.
CLOCK_MOVES = {
    "start_discussion": (Phase.CARD, Phase.DISCUSSING),
    "pause": (Phase.DISCUSSING, Phase.PAUSED),
    "resume": (Phase.PAUSED, Phase.DISCUSSING),
}


def _draw(config, pool, cards, state: GameState, action: Action) -> GameState | Refusal:
    if state.phase is not Phase.READY:
        return Refusal.NOT_NOW
    if action.team is not None and action.team != state.team:
        return Refusal.WRONG_TEAM
    if action.card_id is not None:
        if action.card_id not in state.parked:
            return Refusal.NOT_PARKED
        card_id, next_rng = action.card_id, state.rng
    else:
        available = _available(pool, state)
        if available:
            index, next_rng = rng.next_below(state.rng, len(available))
            card_id = available[index]
        else:  # only parked cards are left: the oldest comes back
            card_id, next_rng = state.parked[0], state.rng
    parked = tuple(cid for cid in state.parked if cid != card_id)
    seen = state.seen if card_id in state.seen else state.seen + (card_id,)
    return replace(state, rng=next_rng, phase=Phase.CARD, card_id=card_id, parked=parked, seen=seen)


def _clock(config, pool, cards, state: GameState, action: Action) -> GameState | Refusal:
    before, after = CLOCK_MOVES[action.type]
    return replace(state, phase=after) if state.phase is before else Refusal.NOT_NOW


def _choose(config, pool, cards, state: GameState, action: Action) -> GameState | Refusal:
    phase = state.phase
    if phase is Phase.REVEALED:
        return Refusal.ALREADY_CHOSEN
    if phase not in ANSWER_OPEN:
        return Refusal.NO_CARD_SHOWN
    if config.answers_wait_for_the_clock and phase is Phase.CARD:
        return Refusal.ANSWERS_NOT_OPEN
    if action.team is not None and action.team != state.team:
        return Refusal.WRONG_TEAM
    card = cards[state.card_id]
    answers = kind_of(card).answers(card)
    if action.answer is None or action.answer not in answers:
        return Refusal.NO_SUCH_CHOICE
    if action.votes is not None and not _phones_agree(action.votes, answers.index(action.answer), len(answers)):
        return Refusal.NOT_THE_PHONES_ANSWER
    if phase is Phase.CHOSEN:  # the team changes its mind: an answer counts once revealed
        if action.answer == state.answer:
            return Refusal.ALREADY_CHOSEN
        seconds = state.pending_seconds if action.seconds is None else action.seconds
        return replace(state, answer=action.answer, pending_seconds=seconds, pending_votes=action.votes)
    return replace(state, phase=Phase.CHOSEN, answer=action.answer, pending_seconds=action.seconds,
                   pending_votes=action.votes)


def _phones_agree(votes: tuple[int, ...], index: int, count: int) -> bool:
    """An answer given with the phones' votes must be one of the answers with the most votes (a tie is
    decided aloud among those); the votes are counts, one per answer of the card in its kind's order."""
    if len(votes) != count or any(not isinstance(n, int) or n < 0 for n in votes) or not any(votes):
        return False
    return votes[index] == max(votes)


def _reveal(config, pool, cards, state: GameState, action: Action) -> GameState | Refusal:
    if state.phase is not Phase.CHOSEN:
        return Refusal.NOT_CHOSEN if state.phase in CARD_ON_TABLE else Refusal.NOT_NOW
    card = cards[state.card_id]
    kind = kind_of(card)
    result = TurnResult(turn=state.turn, team=state.team, card_id=card.id, topic=card.topic,
                        answer=state.answer, grade=kind.grade(card, state.answer),
                        points=kind.points(card, state.answer),
                        seconds=state.pending_seconds, votes=state.pending_votes)
    return replace(state, phase=Phase.REVEALED, results=state.results + (result,))


def _bonus(config, pool, cards, state: GameState, action: Action) -> GameState | Refusal:
    if state.phase is not Phase.REVEALED:
        return Refusal.NOT_REVEALED
    team = state.team if action.team is None else action.team
    if action.reason is None:
        return Refusal.NOT_NOW
    if any(b.turn == state.turn and b.team == team and b.reason is action.reason for b in state.bonuses):
        return Refusal.BONUS_ALREADY_GIVEN
    return replace(state, bonuses=state.bonuses + (Bonus(state.turn, team, action.reason),))


def _take_back_bonus(config, pool, cards, state: GameState, action: Action) -> GameState | Refusal:
    if state.phase is not Phase.REVEALED:
        return Refusal.NOT_REVEALED
    team = state.team if action.team is None else action.team
    given = [i for i, b in enumerate(state.bonuses)
             if b.turn == state.turn and b.team == team and b.reason is action.reason]
    if not given:
        return Refusal.NO_SUCH_BONUS
    return replace(state, bonuses=state.bonuses[:given[0]] + state.bonuses[given[0] + 1:])


def _set_aside(config, pool, cards, state: GameState, action: Action) -> GameState | Refusal:
    """Skip the card, or park it to come back to later."""
    if state.phase not in CARD_ON_TABLE:
        return Refusal.NOT_NOW
    parked = state.parked + (state.card_id,) if action.type == "park" else state.parked
    return _after_turn_card(pool, replace(state, parked=parked))


def _next(config, pool, cards, state: GameState, action: Action) -> GameState | Refusal:
    if state.phase is Phase.RED_ALERT:
        return _after_turn_card(pool, state)
    if state.phase is not Phase.REVEALED:
        return Refusal.NOT_REVEALED
    return _next_turn(config, pool, state)


def _end(config, pool, cards, state: GameState, action: Action) -> GameState | Refusal:
    return replace(state, phase=Phase.OVER, card_id=None, answer=None)


# Each action type and the rule that applies it.
_MOVES = {
    "draw": _draw, "start_discussion": _clock, "pause": _clock, "resume": _clock, "choose": _choose,
    "reveal": _reveal, "bonus": _bonus, "take_back_bonus": _take_back_bonus, "skip": _set_aside,
    "park": _set_aside, "next": _next, "undo": lambda config, pool, cards, state, action: _undo(state),
    "end": _end,
}


def apply(config: GameConfig, pool: Pool, cards: Mapping[str, Card], state: GameState,
          action: Action) -> GameState | Refusal:
    """The state after `action`, or the reason it is refused. Never raises for a well-formed action."""
    if state.phase is Phase.OVER:
        return Refusal.GAME_OVER
    move = _MOVES.get(action.type)
    if move is None:
        return Refusal.NOT_NOW
    if not may_take(config, action.by, action.type):
        return Refusal.NOT_YOUR_MOVE
    if action.type != "end" and action.team is not None and not 0 <= action.team < len(config.teams):
        return Refusal.NO_SUCH_TEAM
    return move(config, pool, cards, state, action)


def _candidates(config: GameConfig, cards: Mapping[str, Card], state: GameState) -> list[Action]:
    """The actions worth offering in this phase, before asking the rules which are accepted."""
    phase = state.phase
    found: list[Action] = []
    if phase is Phase.OVER:
        return found
    if phase is Phase.READY:
        found.append(Action("draw", team=state.team))
        found += [Action("draw", team=state.team, card_id=cid) for cid in state.parked]
    elif phase in ANSWER_OPEN:
        if phase is Phase.CHOSEN:  # the reveal first: a player taking the first step moves on
            found.append(Action("reveal"))
        card = cards[state.card_id]
        found += [Action("choose", team=state.team, answer=answer)
                  for answer in kind_of(card).answers(card) if answer != state.answer]
        if phase is Phase.CHOSEN:
            found.append(Action("undo"))
        else:
            found += [Action("skip"), Action("park")]
            found.append({Phase.CARD: Action("start_discussion"), Phase.DISCUSSING: Action("pause"),
                          Phase.PAUSED: Action("resume")}[phase])
    elif phase is Phase.REVEALED:
        found += [Action("next"), Action("undo")]
        for team in range(len(config.teams)):
            for reason in BonusReason:
                given = any(b.turn == state.turn and b.team == team and b.reason is reason for b in state.bonuses)
                found.append(Action("take_back_bonus" if given else "bonus", team=team, reason=reason))
    elif phase is Phase.RED_ALERT:
        found.append(Action("next"))
    found.append(Action("end"))
    return found


def legal_actions(config: GameConfig, pool: Pool, cards: Mapping[str, Card], state: GameState,
                  role: Role | None = None) -> list[Action]:
    """Every action the rules accept now from `role` (None: from anyone), with `end` last.

    The screens draw their buttons and accept keys from this list; the simulator and the tests
    play from it. Each action carries `by=role`, so the log says who acted.
    """
    found = []
    for action in _candidates(config, cards, state):
        action = replace(action, by=role)
        if not isinstance(apply(config, pool, cards, state, action), Refusal):
            found.append(action)
    return found


# The step a clicker's "next" (Page Down) or Enter takes in each phase, when the person may take it.
MAIN_STEP = {
    Phase.READY: "draw",
    Phase.CARD: "start_discussion",
    Phase.PAUSED: "resume",
    Phase.CHOSEN: "reveal",
    Phase.REVEALED: "next",
    Phase.RED_ALERT: "next",
}


def main_step(config: GameConfig, pool: Pool, cards: Mapping[str, Card], state: GameState,
              role: Role | None = None) -> Action | None:
    """The next sensible step for `role`: draw, start the discussion, reveal, next team; None when
    the game waits for the team to answer (or this person may not move it on)."""
    wanted = MAIN_STEP.get(state.phase)
    return next((a for a in legal_actions(config, pool, cards, state, role)
                 if a.type == wanted and a.card_id is None), None)
