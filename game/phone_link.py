"""The game's side of the phones: starts and stops the phone server (game/lan) and keeps it in step with
the engine. No pygame: the screens read what to show from here and ask it for the team's votes.

The engine stays the judge. The room only collects votes; the team's answer from its phones is the
engine's `choose` action carrying the spread of votes (game/engine/rules.py), refused unless the choice
is one with the most votes. The room follows the game: a new card, voting while the clock runs, votes
frozen while the team's answer waits, the reveal with every choice's feedback, the helplines at the end.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.cards import Card
from game.kinds import kind_of
from game.engine.game import Game
from game.engine.rules import Phase, make_pool
from game.i18n import LANGUAGES, N_, Translator
from game.words import choice_labels, label_text

if TYPE_CHECKING:
    from game.lan.room import PhoneInfo, PhoneRoom
    from game.lan.tally import CardSnapshot, QuizStatement, TeamTally

# What the room shows for each engine phase of a turn card.
_VOTING = frozenset({Phase.DISCUSSING, Phase.PAUSED})

CHECK_SIZE = 5  # myth-or-fact statements in the before-and-after check
CHECK_PHASES = ("before", "after")

# What to try when phones cannot open the page, shown beside the join code (docs/phones.md says more).
CONNECT_HELP = (
    N_("Switch mobile data off on the phone."),
    N_("Join the same Wi-Fi as this computer."),
    N_("Type the address with its digits, starting with http://"),
    N_("On this computer, allow Python through the firewall for private networks."),
)


@dataclass(frozen=True)
class JoinDetails:
    """What the projector shows to let phones join."""
    url: str            # the first join address, for the QR code
    address: str        # the address to type, without http:// and the code
    code: str
    phones: int
    locked: bool


class PhoneLink:
    """The phone room while the game runs; `wanted` is the facilitator's switch on the setup screen."""

    def __init__(self, locales_dir: Path, fonts_dir: Path, address: str | None = None, port: int = 8765):
        self._locales_dir, self._fonts_dir = locales_dir, fonts_dir
        self._address, self._port = address, port
        self.wanted = False
        self.check_wanted = False             # the before-and-after check (setup screen), off by default
        # The room Wi-Fi for its QR code on the join screen, as the facilitator typed it; never saved.
        self.wifi_name, self.wifi_password = "", ""
        self.check_open: str | None = None    # "before" or "after" while phones answer the check
        self._check: tuple[QuizStatement, ...] = ()
        self._check_counts: dict[str, dict[str, tuple[int, int]]] = {}  # this game's closed checks
        self.room: PhoneRoom | None = None
        self.locked = False
        self._card_key: tuple | None = None   # (turn, card id) of the card the phones show
        self._phase: Phase | None = None      # the engine phase the room last followed
        self._frozen = False                  # votes taken for the team's answer: voting stays closed
        self._finished = False

    # --- the facilitator's choices (setup and Wi-Fi screens) ---------------------------------------------
    def want_phones(self, on: bool) -> None:
        """Phones with the next game: the server starts with it (`start`)."""
        self.wanted = on

    def want_check(self, on: bool) -> None:
        """The before-and-after check on the phones."""
        self.check_wanted = on

    def set_wifi(self, name: str, password: str) -> None:
        """The room's Wi-Fi for the join screen's QR code; an empty name shows none."""
        self.wifi_name, self.wifi_password = name, password

    @functools.cached_property
    def _translators(self) -> dict[str, Translator]:
        """Both languages' catalogs, for the phones' texts: loaded when phones are first used, not at start-up."""
        return {language: Translator(self._locales_dir, language) for language in LANGUAGES}

    # --- starting and stopping ------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.room is not None and self.room.running

    def start(self, teams: tuple[str, ...], tr: Translator) -> str | None:
        """Start the phone server for a game with these teams; None, or why it could not start (in tr's
        language) so the facilitator reads it and the game goes on with answers on the shared screen."""
        self._check_counts, self.check_open = {}, None  # a new game: no check asked yet
        if self.running:
            self.room.set_teams(teams)
            return None
        # The server (aiohttp) is imported only when phones are switched on: it costs a quarter of a
        # second, which every start of the game on an old school PC would otherwise pay.
        from game.lan.room import PhoneRoom, PhoneRoomError

        room = self.room or PhoneRoom(self._locales_dir, self._fonts_dir)
        try:
            room.start(address=self._address, port=self._port)
        except PhoneRoomError as error:
            return tr.format(tr._("Phones cannot join: {problem}"),
                             problem=tr.format(tr._(error.template), **error.values)) + " " + \
                tr._("The game goes on with answers on the shared screen.")
        except OSError as error:
            return tr.format(tr._("Phones cannot join: {problem}"), problem=str(error)) + " " + \
                tr._("The game goes on with answers on the shared screen.")
        room.set_teams(teams)
        self.room = room
        # The room may still show the last game's card or its end: the first follow() clears it.
        self._card_key, self._phase, self._frozen, self._finished = ("restart",), None, False, False
        return None

    def stop(self) -> None:
        """Close every phone's connection; safe to call twice, and on the way out after a crash. The room
        is kept: started again, it has the same join code, and phones that joined come back by themselves."""
        if self.room is not None:
            self.room.stop()

    def join_details(self) -> JoinDetails | None:
        if not self.running:
            return None
        urls = self.room.join_urls()
        if not urls:
            return None
        address = urls[0].split("://", 1)[1].split("/?", 1)[0]
        return JoinDetails(urls[0], address, self.room.join_code, len(self.room.phones()), self.locked)

    # --- the facilitator's controls ---------------------------------------------------------------------
    def lock_joining(self, locked: bool) -> None:
        if self.running:
            self.locked = locked
            self.room.lock_joining(locked)

    def phones(self) -> list[PhoneInfo]:
        return self.room.phones() if self.running else []

    def remove_phone(self, phone_id: int) -> bool:
        return self.running and self.room.remove_phone(phone_id)

    # --- following the game ---------------------------------------------------------------------------
    def poll(self) -> bool:
        """Take the room's news (phones joining, counts of voters); True when the projector should redraw."""
        return bool(self.running and self.room.poll())

    def follow(self, game: Game | None) -> None:
        """Bring the room to where the game is: cheap when nothing changed, so it runs every frame."""
        if not self.running or game is None:
            return
        state = game.state
        if state.phase is self._phase and (state.turn, state.card_id) == self._card_key:
            return
        if self.check_open == "before":
            if game.card is None or state.phase is Phase.READY:
                return  # the phones answer the check until the facilitator draws the first card
            self.close_check()
        before, self._phase = self._phase, state.phase
        card = game.card
        if state.phase is Phase.OVER:
            if not self._finished:
                self.room.finish()
                self._finished = True
            return
        if card is None or not kind_of(card).plays_on_turn or state.phase is Phase.READY:
            if self._card_key is not None:
                self.room.next()
                self._card_key = None
            return
        key = (state.turn, state.card_id)
        if key != self._card_key or (before is Phase.REVEALED and state.phase is not Phase.REVEALED):
            # A new card, or the answer was undone: the card again, and voting starts over.
            self.room.set_card(self.snapshot(card), teams=game.config.teams)
            self._card_key, self._frozen = key, False
        if state.phase in _VOTING:
            if before is Phase.CHOSEN:
                self._frozen = False  # the answer was taken back: the phones may vote again
            if not self._frozen:
                self.room.open_voting()
        elif state.phase is Phase.CHOSEN:
            self.room.close_voting()
        elif state.phase is Phase.REVEALED:
            self.room.close_voting()
            self.room.reveal(game.answers().index(state.results[-1].answer), self.feedback(card))

    # --- the before-and-after check --------------------------------------------------------------------
    def open_check(self, game: Game, phase: str) -> bool:
        """Put the five myth-or-fact statements on every phone: "before" the first card, "after" the last.
        The same statements both times, from the decks in play; False when there is nothing to ask."""
        if not (self.running and self.check_wanted and phase in CHECK_PHASES):
            return False
        if phase == "before" or not self._check:
            self._check = self.check_statements(game)
        if not self._check or not self.room.open_quiz(phase, self._check):
            return False
        self.check_open = phase
        if phase == "after":
            self._finished = True  # the helplines follow when the check closes
        return True

    def close_check(self) -> None:
        """Count the open check (only counts are kept; who answered what is forgotten)."""
        if not self.running or self.check_open is None:
            return
        phase, self.check_open = self.check_open, None
        counts = self.room.close_quiz()
        self._check_counts[phase] = {topic: (right, answered) for topic, (right, answered) in counts.items()}
        if phase == "after":
            self.room.finish()

    def check_results(self) -> dict[str, dict[str, tuple[int, int]]]:
        """{"before"|"after": {topic: (right, answered)}} for this game's checks that closed."""
        return dict(self._check_counts)

    def check_statements(self, game: Game) -> tuple[QuizStatement, ...]:
        """Five myth-or-fact cards of the game's decks and topics, spread over the topics, chosen by the
        game's seed so a replay asks the same."""
        from game.lan.tally import QuizStatement

        pool = set(make_pool(game.config, game.cards).turn_cards)
        cards = sorted((c for c in game.cards.values() if kind_of(c).check_statement(c) and c.id in pool),
                       key=lambda c: c.id)
        by_topic: dict[str, list[Card]] = {}
        for card in cards:
            by_topic.setdefault(card.topic, []).append(card)
        picked: list[Card] = []
        offset = game.config.seed
        while len(picked) < CHECK_SIZE and any(by_topic.values()):
            for topic in sorted(by_topic):
                if by_topic[topic] and len(picked) < CHECK_SIZE:
                    picked.append(by_topic[topic].pop(offset % len(by_topic[topic])))
        statements = [(card, *kind_of(card).check_statement(card)) for card in picked]
        return tuple(QuizStatement(card.id, card.topic,
                                   {language: tr.text(statement) for language, tr in self._translators.items()},
                                   is_myth) for card, statement, is_myth in statements)

    def team_tally(self, team: int) -> TeamTally | None:
        if not self.running:
            return None
        tallies = self.room.tally()
        return tallies[team] if 0 <= team < len(tallies) else None

    def take_votes(self, team: int) -> TeamTally | None:
        """Freeze the votes for the team's answer and return the team's tally; None when no phone of the
        team voted (then the team answers on the shared screen as without phones)."""
        tally = self.team_tally(team)
        if tally is None or tally.voters == 0:
            return None
        self.room.close_voting()
        self._frozen = True
        return self.team_tally(team)

    @property
    def holding_votes(self) -> bool:
        """Voting is closed for the team's answer (taken, or tied and waiting for the facilitator)."""
        return self._frozen

    def release_votes(self) -> None:
        """An answer that was refused: the phones may vote on while the clock runs."""
        if self.running and self._frozen:
            self._frozen = False
            if self._phase in _VOTING:
                self.room.open_voting()

    def tie(self, team: int) -> tuple[int, ...]:
        """The tied choices while the team's votes are frozen on a tie (to decide aloud); else ()."""
        if not self._frozen:
            return ()
        tally = self.team_tally(team)
        return tally.leaders if tally is not None and tally.tied else ()

    # --- what phones are sent -------------------------------------------------------------------------
    def snapshot(self, card: Card) -> CardSnapshot:
        from game.lan.tally import CardSnapshot, CardTexts

        texts = {}
        face = kind_of(card).face(card)
        for language, tr in self._translators.items():
            # A card with a story sends it and its question; one without sends its statement and its heading.
            story, prompt = ((tr.text(face.story), tr.text(face.question)) if face.story is not None
                             else (tr.text(face.question), tr._(face.heading)))
            texts[language] = CardTexts(story, prompt, tuple(choice_labels(tr, card)))
        kind = kind_of(card)
        return CardSnapshot(card.id, texts, answers=kind.answers(card), orders=face.orders)

    def feedback(self, card: Card) -> dict[str, list[str]]:
        """Every choice's feedback per language, as the phones show it after the reveal."""
        found = {}
        kind = kind_of(card)
        answers = kind.answers(card)
        for language, tr in self._translators.items():
            if kind.face(card).orders:  # every order has the same reasons: the safest order, a line a step
                steps = kind.reveal(card, answers[0]).steps
                found[language] = ["\n".join(tr.format(tr._("{place}. {action}"), place=tr.number(place),
                                                        action=f"{label_text(tr, step)}: {label_text(tr, why)}")
                                             for place, (step, why) in enumerate(steps, start=1))]
                continue
            found[language] = [" ".join(label_text(tr, line) for line in kind.reveal(card, answer).why)
                               for answer in answers]
        return found
