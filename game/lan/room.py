"""`PhoneRoom`: what the game holds to let phones vote. The game calls it from its main loop; the server runs on
a thread of its own. Every method is safe to call from any thread and returns at once (no frame waits for
the network). See docs/phones.md, "For developers".
"""
from __future__ import annotations

import asyncio
import secrets
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from aiohttp import web

from game.helplines import helpline_lines
from game.i18n import LANGUAGES, N_, Translator
from game.lan.addresses import ALL_ADDRESSES, bind_problem, candidate_addresses
from game.lan.page_strings import page_strings
from game.lan.server import Limits, PhoneServer
from game.lan.tally import CardSnapshot, Event, QuizStatement, Room, TeamTally

DEFAULT_PORT = 8765
PORTS_TO_TRY = 10  # if another program holds the port, the next ones are tried
START_SECONDS = 10.0


@dataclass
class PhoneRoomError(Exception):
    """Why the phone server could not start: an English msgid with {placeholders}, translated where shown."""
    template: str
    values: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**self.values)


@dataclass(frozen=True)
class PhoneInfo:
    """A phone as the facilitator sees it in the list: its number, its team, whether it is connected."""
    id: int
    team: int
    connected: bool


def _url(address: str, port: int, code: str) -> str:
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}:{port}/?code={code}"


class PhoneRoom:
    def __init__(self, locales_dir: Path, fonts_dir: Path, limits: Limits | None = None):
        self._locales_dir, self._font = locales_dir, fonts_dir / "NotoSansBengali-Regular.ttf"
        self._limits = limits or Limits()
        self._lock = threading.Lock()
        self._room = Room(max_phones=self._limits.max_phones)
        self._server: PhoneServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self.join_code = f"{secrets.randbelow(10_000):04d}"
        self.addresses: list[str] = []
        self.port: int | None = None

    # --- starting and stopping ----------------------------------------------------------------------------
    def start(self, address: str | Sequence[str] | None = None, port: int = DEFAULT_PORT) -> list[str]:
        """Listen on `address` (one, several, or None for this machine's local-network addresses; "0.0.0.0"
        only by explicit choice) and return the join addresses to show, best first."""
        if self._thread is not None:
            return self.join_urls()
        if address is None:
            addresses = candidate_addresses()
            if not addresses:
                raise PhoneRoomError(N_("No local network was found. Switch on the hotspot or join the "
                                        "Wi-Fi, then try again."))
        else:
            addresses = [address] if isinstance(address, str) else list(address)
        for one in addresses:
            problem = bind_problem(one)
            if problem:
                raise PhoneRoomError(problem, {"address": one})
        translators = {language: Translator(self._locales_dir, language) for language in LANGUAGES}
        self._server = PhoneServer(
            self._room, self._lock, self.join_code, self._limits,
            page_strings={language: page_strings(tr) for language, tr in translators.items()},
            helplines={language: helpline_lines(tr) for language, tr in translators.items()},
            font_path=self._font)
        started: Future = Future()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, args=(addresses, port, started),
                                        name="phone-server", daemon=True)
        self._thread.start()
        try:
            self.port = started.result(timeout=START_SECONDS)
        except Exception:
            self._thread.join(timeout=START_SECONDS)
            self._thread = self._loop = self._server = None
            raise
        self.addresses = addresses
        return self.join_urls()

    def _run(self, addresses: list[str], port: int, started: Future) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            port_used = self._loop.run_until_complete(self._listen(addresses, port))
        except Exception as error:  # handed to the caller of start()
            started.set_exception(error)
            self._loop.close()
            return
        started.set_result(port_used)
        try:
            self._loop.run_forever()
        finally:
            self._loop.run_until_complete(self._shutdown())
            self._loop.close()

    async def _listen(self, addresses: list[str], port: int) -> int:
        self._runner = web.AppRunner(self._server.application(), access_log=None, handle_signals=False)
        await self._runner.setup()
        ports = [port] if port == 0 else range(port, port + PORTS_TO_TRY)
        last_error: OSError | None = None
        for candidate in ports:
            sites = [web.TCPSite(self._runner, host, candidate, backlog=256) for host in addresses]
            try:
                for site in sites:
                    await site.start()
            except OSError as error:
                last_error = error
                for site in sites:
                    await site.stop()
                continue
            return sites[0]._server.sockets[0].getsockname()[1] if candidate == 0 else candidate
        await self._runner.cleanup()
        raise PhoneRoomError(N_("The phone server could not listen on {address}: {problem}"),
                             {"address": ", ".join(addresses), "problem": str(last_error)})

    async def _shutdown(self) -> None:
        await self._server.close_all()
        await self._runner.cleanup()

    def stop(self) -> None:
        """Close every phone's connection and stop listening. The room's state is kept for a restart."""
        if self._thread is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=START_SECONDS)
        self._thread = self._loop = self._server = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def join_urls(self) -> list[str]:
        if self.port is None:
            return []
        return [_url(address, self.port, self.join_code) for address in self.addresses
                if address not in ALL_ADDRESSES] or \
            [_url(address, self.port, self.join_code) for address in candidate_addresses()]

    # --- the facilitator's steps --------------------------------------------------------------------------
    def _change(self, change, *args):
        """Apply a change under the lock, then have the server send every phone the new state."""
        with self._lock:
            outcome = change(*args)
        if self._loop is not None and self._server is not None:
            self._loop.call_soon_threadsafe(self._server.schedule_broadcast)
        return outcome

    def set_teams(self, teams: Sequence[str]) -> None:
        self._change(self._room.set_teams, teams)

    def set_card(self, card: CardSnapshot, teams: Sequence[str] | None = None) -> None:
        """Show a new card on every phone (the discussion; voting opens with open_voting). Votes start over."""
        with self._lock:
            if teams is not None and tuple(teams) != self._room.teams:
                self._room.set_teams(teams)
        self._change(self._room.set_card, card)

    def open_voting(self) -> bool:
        return self._change(self._room.open_voting)

    def close_voting(self) -> bool:
        return self._change(self._room.close_voting)

    def reveal(self, chosen: int, feedback: Mapping[str, Sequence[str]]) -> bool:
        """Show the answer the game settled on (a choice index) and every choice's feedback per language."""
        return self._change(self._room.reveal, chosen, feedback)

    def next(self) -> None:
        self._change(self._room.next)

    def finish(self) -> None:
        """The game is over: phones thank the students and show the helplines."""
        self._change(self._room.finish)

    def open_quiz(self, phase: str, statements: Sequence[QuizStatement]) -> bool:
        return self._change(self._room.open_quiz, phase, statements)

    def close_quiz(self) -> dict[str, list[int]]:
        return self._change(self._room.close_quiz)

    def quiz_results(self) -> dict[str, dict[str, tuple[int, int]]]:
        """Per phase ("before", "after"), per topic: (right answers, answers). Counts only, no phone."""
        with self._lock:
            return {phase: {topic: (right, answered) for topic, (right, answered) in counts.items()}
                    for phase, counts in self._room.quiz_counts.items()}

    def lock_joining(self, locked: bool) -> None:
        self._change(self._room.lock_joining, locked)

    def remove_phone(self, phone_id: int) -> bool:
        token = self._change(self._room.remove, phone_id)
        if token is not None and self._loop is not None:
            asyncio.run_coroutine_threadsafe(self._server.disconnect(token), self._loop)
        return token is not None

    # --- what the game reads ------------------------------------------------------------------------------
    def poll(self) -> list[Event]:
        with self._lock:
            return self._room.take_events()

    def tally(self) -> tuple[TeamTally, ...]:
        with self._lock:
            return self._room.tally()

    def phones(self) -> list[PhoneInfo]:
        with self._lock:
            return sorted((PhoneInfo(p.id, p.team, p.connected) for p in self._room.phones.values()),
                          key=lambda p: p.id)

    @property
    def votes_counted(self) -> int:
        with self._lock:
            return self._room.votes_counted

    @property
    def step(self) -> int:
        with self._lock:
            return self._room.step
