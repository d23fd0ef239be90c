"""Phones in the real game, headless: the facilitator switches them on, simulated phones (the page's own
protocol, game/lan/simulated.py) join over 127.0.0.1 and vote, the team's majority becomes its answer,
the projector shows counts and then the spread, and the report keeps the spread. Everything listens on
and talks to 127.0.0.1 only."""
from __future__ import annotations

import asyncio
import csv
import socket
import threading
import time
from datetime import datetime

import aiohttp
import pygame
import pytest

from game.__main__ import _parser
from game.kinds import kind_of
from game.engine.rules import Phase
from game.lan.simulated import PhoneClient
from game.phone_link import PhoneLink
from game.resources import FONTS_DIR, LOCALES_DIR
from game.ui import app as app_module
from game.ui.modes import CLASSROOM, FACILITATOR
from game.ui.report_page import draw_report_page
from tests.ui.test_modes import answer, click, key, make_app, texts_on_screen  # noqa: F401 (a fixture)

WAIT_S = 5.0


class Phones:
    """Simulated phones on an asyncio loop of their own, driven step by step from the test."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.session: aiohttp.ClientSession | None = None
        self.clients: list[PhoneClient] = []

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=WAIT_S * 2)

    def join(self, url: str, code: str, count: int) -> None:
        async def joining():
            self.session = aiohttp.ClientSession()
            for _ in range(count):
                client = PhoneClient(self.session, url)
                await client.connect()
                assert await client.hello(code) is not None
                self.clients.append(client)
        self.run(joining())

    def team_of(self, client: PhoneClient) -> int:
        return client.state["you"]["team"]

    def vote(self, card_id: str, choices: dict[int, int]) -> None:
        """Phone index -> choice, once each phone shows that voting on this card is open."""
        def open_on_card(message):
            room = message.get("room") or {}
            return room.get("stage") == "voting" and (room.get("card") or {}).get("id") == card_id

        async def voting():
            for index, choice in choices.items():
                client = self.clients[index]
                await client.until(open_on_card, WAIT_S)
                await client.vote(choice)
        self.run(voting())

    def wait_for(self, index: int, stage: str) -> dict:
        return self.run(self.clients[index].until(
            lambda m: m["type"] == "state" and m["room"]["stage"] == stage, WAIT_S))

    def close(self) -> None:
        async def closing():
            for client in self.clients:
                await client.close()
            if self.session is not None:
                await self.session.close()
        self.run(closing())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=WAIT_S)


@pytest.fixture
def phones():
    made = Phones()
    yield made
    made.close()


def loopback_link() -> PhoneLink:
    return PhoneLink(LOCALES_DIR, FONTS_DIR, address="127.0.0.1", port=0)


def frames_until(app, done, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not done():
        assert time.monotonic() < deadline, f"waited {WAIT_S} s for {what}"
        app.frame(0.02)
        time.sleep(0.01)


def workshop_with_phones(make_app, phones: Phones, count: int):
    """A workshop with phones switched on and `count` phones joined, back at the game from the join screen."""
    app = make_app(mode=FACILITATOR)
    app.phones = loopback_link()
    start_with_phones(app)
    details = app.phones.join_details()
    phones.join(details.url.split("/?")[0], details.code, count)
    frames_until(app, lambda: app.phones.join_details().phones == count, f"{count} phones")
    key(app, pygame.K_ESCAPE)
    return app


def start_with_phones(app, length: str = "length-0") -> None:
    click(app, "play")
    assert "Students answer on phones: off" in texts_on_screen(app)
    click(app, "phones")
    assert "Students answer on phones: on" in texts_on_screen(app)
    click(app, length)
    key(app, pygame.K_PAGEDOWN)  # setup
    key(app, pygame.K_PAGEDOWN)  # content note


def test_a_whole_workshop_where_phones_vote_and_the_report_keeps_the_spread(make_app, phones, tmp_path):
    app = make_app(mode=FACILITATOR)
    app.phones = loopback_link()
    start_with_phones(app)
    # The join screen is on the projector: the address in digits and the join code.
    assert app.scene.name == "phones_join"
    details = app.phones.join_details()
    shown = texts_on_screen(app)
    assert f"http://{details.address}" in shown and f"Join code: {details.code}" in shown
    assert "Switch mobile data off on the phone." in shown
    phones.join(details.url.split("/?")[0], details.code, 3)
    frames_until(app, lambda: app.phones.join_details().phones == 3, "three phones")
    assert "3 phones joined: Team 1 2, Team 2 1" in texts_on_screen(app)
    key(app, pygame.K_PAGEDOWN)  # back to the game
    assert app.scene.name == "play"
    by_team = {0: [i for i, c in enumerate(phones.clients) if phones.team_of(c) == 0],
               1: [i for i, c in enumerate(phones.clients) if phones.team_of(c) == 1]}
    assert len(by_team[0]) == 2 and len(by_team[1]) == 1

    spreads = []
    for _ in range(40):
        if app.scene.name == "results":
            break
        if app.game.state.phase is Phase.RED_ALERT or app.scene.name != "play":
            key(app, pygame.K_PAGEDOWN)
            continue
        key(app, pygame.K_PAGEDOWN)  # draw
        if app.game.view(app.mode.room).card.face.orders:
            key(app, pygame.K_s)  # a card put in order: its phones send orders (tests/kinds/test_ranking.py)
            continue
        key(app, pygame.K_PAGEDOWN)  # the clock starts: phones may vote
        team = app.game.state.team
        voters = by_team[team]
        wanted = 1 if team == 0 else 0
        phones.vote(app.game.card.id, {index: wanted for index in voters})
        frames_until(app, lambda team=team, voters=voters: app.phones.team_tally(team).voters == len(voters),
                     "the votes")
        # The projector shows how many voted, never what.
        shown = texts_on_screen(app)
        assert f"{len(voters)} of {len(voters)} phones voted" in shown and "Phones voted:" not in shown
        key(app, pygame.K_v)  # the facilitator takes the phones' answer
        assert app.game.state.phase is Phase.CHOSEN and app.game.state.answer == wanted
        assert app.game.log[-1].votes[wanted] == len(voters)
        key(app, pygame.K_PAGEDOWN)  # reveal
        revealed = phones.wait_for(voters[0], "revealed")
        assert revealed["room"]["reveal"]["chosen"] == wanted
        shown = texts_on_screen(app)
        assert "Phones voted:" in shown
        assert f"{wanted + 1}: {len(voters)} vote" in shown
        spreads.append(app.game.state.results[-1].votes)
        key(app, pygame.K_PAGEDOWN)  # next team
    assert app.scene.name == "results" and spreads
    assert phones.wait_for(0, "end")["room"]["helplines"]
    # The report: one row per card, with the phones' votes per choice.
    report = next((tmp_path / "reports").glob("session-*.csv"))
    rows = list(csv.DictReader(report.read_text(encoding="utf-8-sig").splitlines()))
    answered = [row for row in rows if row["Status"] == "Answered"]
    assert len(answered) == len(spreads)
    for row, spread in zip(answered, spreads, strict=True):
        assert [row[f"Phone votes for choice {n}"] for n in range(1, 3)] == [str(n) for n in spread[:2]]
    # The one-page picture has a column of the phones' votes, drawn only when phones voted.
    drawn = []
    line, block = app.text.render_line, app.text.render_block
    app.text.render_line = lambda text, *a, **k: drawn.append(text) or line(text, *a, **k)
    app.text.render_block = lambda text, *a, **k: drawn.append(text) or block(text, *a, **k)
    draw_report_page(app.game, app.tr, app.text, when=datetime(2026, 1, 5, 10, 0))
    app.text.render_line, app.text.render_block = line, block
    assert "Phone votes" in drawn and " · ".join(str(n) for n in spreads[0]) in drawn
    click(app, "title")
    assert not app.phones.running  # the server stops with the game


def test_a_tie_is_decided_aloud_and_only_a_tied_choice_is_taken(make_app, phones):
    app = workshop_with_phones(make_app, phones, 3)
    team0 = [i for i, c in enumerate(phones.clients) if phones.team_of(c) == 0]
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    phones.vote(app.game.card.id, {team0[0]: 0, team0[1]: 1})
    frames_until(app, lambda: app.phones.team_tally(0).voters == 2, "the votes")
    key(app, pygame.K_PAGEDOWN)  # the main step asks the phones: a tie
    assert app.game.state.phase is Phase.DISCUSSING
    assert any("A tie between 1, 2" in text for text in app.notices.texts())
    assert "The phones are tied between 1, 2: decide together" in texts_on_screen(app)  # the room sees it
    if len(kind_of(app.game.card).answers(app.game.card)) > 2:
        key(app, pygame.K_3)  # not one of the tied choices: the rules refuse it
        assert app.game.state.phase is Phase.DISCUSSING
        assert any("The phones voted for another answer" in text for text in app.notices.texts())
    key(app, pygame.K_2)  # the room decided aloud for the second choice
    assert app.game.state.phase is Phase.CHOSEN and app.game.state.answer == 1
    assert app.game.log[-1].votes[:2] == (1, 1)
    assert "The phones are tied" not in texts_on_screen(app)


def test_when_phones_cannot_start_the_game_goes_on_on_the_shared_screen(make_app):
    app = make_app(mode=CLASSROOM)
    app.phones = PhoneLink(LOCALES_DIR, FONTS_DIR, address="8.8.8.8")  # refused before anything listens
    start_with_phones(app)
    assert app.scene.name == "play" and not app.phones.running
    assert any(text.startswith("Phones cannot join:") and "shared screen" in text for text in app.notices.texts())
    key(app, pygame.K_RETURN)  # draw
    key(app, pygame.K_PAGEDOWN)  # the clock
    answer(app, 1)
    key(app, pygame.K_RETURN)
    assert app.game.state.phase is Phase.REVEALED and app.game.state.results[-1].votes is None


def test_the_facilitator_locks_joining_and_removes_a_phone_by_its_number(make_app, phones):
    app = make_app(mode=FACILITATOR)
    app.phones = loopback_link()
    start_with_phones(app)
    details = app.phones.join_details()
    base = details.url.split("/?")[0]
    phones.join(base, details.code, 2)
    frames_until(app, lambda: app.phones.join_details().phones == 2, "two phones")
    click(app, "phones-lock")
    assert "Joining is locked" in texts_on_screen(app)

    async def late_phone():
        client = PhoneClient(phones.session, base)
        await client.connect()
        return await client.hello(details.code), client
    answer, late = phones.run(late_phone())
    assert answer["type"] == "bye" and late.bye == "joining_locked"
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_x)  # the facilitator's list of phones
    assert app.scene.name == "phones_manage"
    assert "Phones in the game" in texts_on_screen(app)
    number = phones.clients[1].state["you"]["phone"]
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=str(number)))
    key(app, pygame.K_RETURN)
    assert f"Phone {number} is out of the game." in texts_on_screen(app)
    assert [p.id for p in app.phones.phones()] == [phones.clients[0].state["you"]["phone"]]
    phones.run(phones.clients[1].until(lambda m: m["type"] == "bye", WAIT_S))
    assert phones.clients[1].bye == "removed"
    click(app, "phones-manage-back")
    assert app.scene.name == "play"


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["bn", "en"])
def test_the_phone_screens_fit_the_window(make_app, size, language):
    app = make_app(mode=FACILITATOR, size=size, language=language)
    app.phones = loopback_link()
    app.phones.want_phones(True)
    click(app, "play")
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_ESCAPE)  # from the join screen to the game: draw, and start the clock
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    assert app.game.state.phase is Phase.DISCUSSING
    key(app, pygame.K_j)
    window = pygame.Rect((0, 0), size)
    for opened in ("phones_join", "host_notes", "phones_manage"):
        if opened == "host_notes":
            key(app, pygame.K_i)
            key(app, pygame.K_i)  # one screen: the second I shows the notes to the class
        elif opened == "phones_manage":
            key(app, pygame.K_x)
        assert app.scene.name == opened
        app.layout()
        app.draw()
        rects = [(b.name, b.rect) for b in app.scene.buttons]
        for name, rect in rects:
            assert window.contains(rect), (opened, name, rect)
        for i, (first, a) in enumerate(rects):
            assert not any(a.colliderect(b) for _, b in rects[i + 1:]), (opened, first)
        if opened == "host_notes":  # the clock runs: the next step and V take the phones' answer
            assert app.scene.button("host-phones_answer").enabled and app.scene.button("host-step").enabled
        key(app, pygame.K_ESCAPE)


def test_a_crash_in_the_middle_of_a_workshop_stops_the_phone_server(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NIRAPOD_DATA_DIR", str(tmp_path))
    seen = {}

    def crashing_run(self, driver=None):
        self.phones = loopback_link()
        assert self.phones.start(("Team 1", "Team 2"), self.tr) is None
        seen["link"], seen["port"] = self.phones, self.phones.room.port
        raise RuntimeError("a bug in the middle of a workshop")

    monkeypatch.setattr(app_module.App, "run", crashing_run)
    assert app_module.run_game(_parser().parse_args([])) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert not seen["link"].running
    with pytest.raises(OSError):  # nothing listens any more
        socket.create_connection(("127.0.0.1", seen["port"]), timeout=1).close()


def test_a_second_game_uses_the_same_join_code_and_the_phones_come_back(make_app, phones):
    app = make_app(mode=FACILITATOR)
    app.phones = loopback_link()
    start_with_phones(app)
    code = app.phones.join_details().code
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)  # "leave this game?"
    assert app.phones.running  # nothing stops while the question is open
    key(app, pygame.K_RETURN)  # to the title: the server stops
    assert app.scene.name == "title" and not app.phones.running
    click(app, "play")
    key(app, pygame.K_RETURN)  # the new game takes the saved one's place
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    assert app.phones.running and app.phones.join_details().code == code


def test_autoplay_never_switches_phones_on(make_app):
    app = make_app(mode=FACILITATOR)
    click(app, "play")
    assert app.scene.button("phones") is not None
    assert "phones" not in {b.name for b in app.scene.autoplay_buttons()}


def test_a_refused_key_does_not_end_the_phones_vote(make_app, phones):
    app = workshop_with_phones(make_app, phones, 2)
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    team0 = [i for i, c in enumerate(phones.clients) if phones.team_of(c) == 0]
    phones.vote(app.game.card.id, {team0[0]: 0})
    frames_until(app, lambda: app.phones.team_tally(0).voters == 1, "the vote")
    key(app, pygame.K_2)  # a student's key for another answer: refused, and the phones vote on
    assert app.game.state.phase is Phase.DISCUSSING
    assert phones.run(phones.clients[team0[0]].until(
        lambda m: m["type"] == "state" and m["room"]["stage"] == "voting" and m["room"]["step"] > 0, WAIT_S))
    phones.run(phones.clients[team0[0]].vote(1))  # the student changes their mind
    frames_until(app, lambda: app.phones.team_tally(0).votes[1] == 1, "the changed vote")
    key(app, pygame.K_v)
    assert app.game.state.phase is Phase.CHOSEN and app.game.state.answer == 1
