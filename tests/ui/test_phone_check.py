"""The before-and-after check in the real game, headless: 30 simulated phones on 127.0.0.1 answer five
myth-or-fact statements before the first card and after the last; the game keeps only counts per topic,
shows the shares on the results screen and writes them beside the session report."""
from __future__ import annotations

import csv

import pygame
import pytest

from game.engine.rules import Phase
from game.lan import qr
from game.lan.room import PhoneRoom
from game.lan.server import Limits
from game.lan.tally import QUIZ_FACT, QUIZ_MYTH
from game.resources import FONTS_DIR, LOCALES_DIR
from game.ui.layout import TEXT_SCALES
from game.ui.modes import FACILITATOR
from tests.ui.test_modes import answer as answer_on_screen, click, key, make_app, texts_on_screen  # noqa: F401
from tests.ui.test_phones import WAIT_S, frames_until, loopback_link, phones  # noqa: F401 (a fixture)

PHONES = 30


def answers_for(statements: list[dict], truth: dict[str, bool], phone: int, phase: str) -> list[int | None]:
    """Phone `phone`'s answers: some right, some wrong, one left out by a few phones; more right after."""
    found = []
    for index, statement in enumerate(statements):
        if index == 0 and phone < 4:
            found.append(None)  # not answered: counts for nothing
            continue
        right = (phone + index) % (3 if phase == "before" else 5) != 0
        is_myth = truth[statement["id"]]
        found.append(QUIZ_MYTH if is_myth == right else QUIZ_FACT)
    return found


def expected(statements: list[dict], topics: dict[str, str], truth: dict[str, bool], phase: str):
    counts: dict[str, list[int]] = {}
    for phone in range(PHONES):
        for statement, answer in zip(statements, answers_for(statements, truth, phone, phase), strict=True):
            if answer is None:
                continue
            topic = counts.setdefault(topics[statement["id"]], [0, 0])
            topic[0] += int((answer == QUIZ_MYTH) == truth[statement["id"]])
            topic[1] += 1
    return {topic: tuple(pair) for topic, pair in counts.items()}


def answer_check(phones, phase: str, truth: dict[str, bool]) -> list[dict]:
    """Every phone waits for the check, answers it, and waits until the room has its answers."""
    async def answering():
        shown = None
        def asking(m):
            return m["type"] == "state" and m["room"]["stage"] == "quiz" and m["room"]["quiz"]["phase"] == phase

        for number, client in enumerate(phones.clients):
            # The check may already be on the phone from the moment it joined.
            message = client.state if asking(client.state) else await client.until(asking, WAIT_S)
            shown = message["room"]["quiz"]["statements"]
            await client.send({"type": "quiz", "phase": phase,
                               "answers": answers_for(shown, truth, number, phase)})
            await client.until(lambda m: m["type"] == "state" and (m["you"] or {}).get("quiz") is not None, WAIT_S)
        return shown
    return phones.run(answering())


def test_thirty_phones_answer_the_check_before_and_after_and_only_counts_are_kept(make_app, phones, tmp_path):
    app = make_app(mode=FACILITATOR)
    app.phones = loopback_link()
    # 30 phones from one address: the test's own room lets that many connect from 127.0.0.1.
    app.phones.room = PhoneRoom(LOCALES_DIR, FONTS_DIR, Limits(sockets_per_address=PHONES + 5))
    click(app, "play")
    click(app, "phones")
    assert "Myth-or-fact check before and after: off" in texts_on_screen(app)
    click(app, "phones-check")
    assert "Myth-or-fact check before and after: on" in texts_on_screen(app)
    click(app, "length-0")
    key(app, pygame.K_PAGEDOWN)  # setup
    key(app, pygame.K_PAGEDOWN)  # content note: the game starts, the join screen and the check open
    assert app.scene.name == "phones_join" and app.phones.check_open == "before"
    details = app.phones.join_details()
    phones.join(details.url.split("/?")[0], details.code, PHONES)
    frames_until(app, lambda: app.phones.join_details().phones == PHONES, f"{PHONES} phones")

    cards = app.session.decks.cards
    truth = {card_id: card.is_myth for card_id, card in cards.items()}
    topics = {card_id: card.topic for card_id, card in cards.items()}
    statements = answer_check(phones, "before", truth)
    assert len(statements) == 5 and all(cards[s["id"]].kind == "myth_fact" for s in statements)
    assert {cards[s["id"]].deck_id for s in statements} <= set(app.game.config.deck_ids or {c.deck_id for c in cards.values()})
    key(app, pygame.K_ESCAPE)  # back to the game
    assert app.phones.check_open == "before"  # open until the first card
    key(app, pygame.K_PAGEDOWN)  # the main step draws the first card: the check closes
    assert app.phones.check_open is None
    before = expected(statements, topics, truth, "before")
    assert app.phones.check_results()["before"] == before
    assert sum(answered for _, answered in before.values()) == PHONES * 5 - 4

    for _ in range(200):
        if app.scene.name == "results":
            break
        if app.scene.name == "play" and app.game.state.phase is Phase.DISCUSSING:
            answer_on_screen(app)  # no phone voted on cards: the team answers on the shared screen
        else:
            key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "results" and app.game.state.phase is Phase.OVER
    assert app.phones.check_open == "after"
    assert "The phones are answering the five statements again." in texts_on_screen(app)
    asked_again = answer_check(phones, "after", truth)
    assert [s["id"] for s in asked_again] == [s["id"] for s in statements]  # the same five statements
    report = next((tmp_path / "reports").glob("session-*[0-9].csv"))
    report_before = report.read_bytes()
    click(app, "check-close")
    assert app.phones.check_open is None and app.scene.button("check-close") is None
    after = expected(statements, topics, truth, "after")
    assert app.phones.check_results() == {"before": before, "after": after}
    assert phones.wait_for(0, "end")["room"]["helplines"]  # the phones show the helplines again

    # The screen: per topic, the share of right answers before and after.
    shown = texts_on_screen(app)
    assert "Myth or fact: right answers before and after" in shown
    for topic in before:
        share = f"{round(100 * before[topic][0] / before[topic][1])}% to " \
                f"{round(100 * after[topic][0] / after[topic][1])}%"
        assert share in shown
    # The counts beside the report, plain digits; the report itself was not touched.
    assert report.read_bytes() == report_before
    check_file = report.with_name(report.stem + "-check.csv")
    rows = list(csv.reader(check_file.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["topic", "answered before", "right before", "answered after", "right after"]
    assert {row[0]: tuple(int(n) for n in row[1:]) for row in rows[1:]} == {
        topic: (before[topic][1], before[topic][0], after[topic][1], after[topic][0]) for topic in before}
    # Nothing identifies a phone: no token and no address in any file written; the check file holds
    # only topics and counts.
    written = b"".join(path.read_bytes() for path in (tmp_path / "reports").iterdir())
    for client in phones.clients:
        assert client.token.encode() not in written
    assert b"127.0.0.1" not in written and details.code.encode() not in check_file.read_bytes()
    assert all(len(row) == 5 and all(cell.isdigit() for cell in row[1:]) for row in rows[1:])
    # The next game starts with no check counted: its results screen shows none of this game's.
    click(app, "new_game")
    assert app.phones.check_results() == {"before": before, "after": after}  # kept until the next game starts
    click(app, "phones-check")  # off for the next game
    click(app, "length-0")
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    assert app.phones.running and app.phones.check_open is None and app.phones.check_results() == {}


def type_text(app, text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.frame(0.1)


@pytest.mark.parametrize("language", ["en", "bn"])
def test_the_join_screen_shows_a_wifi_code_the_facilitator_typed_and_nothing_is_saved(make_app, language, tmp_path):
    app = make_app(mode=FACILITATOR, language=language)
    app.phones = loopback_link()
    app.phones.want_phones(True)
    click(app, "play")
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "phones_join"
    game_code = [list(row) for row in app.scene._rows]
    click(app, "phones-wifi")
    assert app.scene.name == "phones_wifi"
    type_text(app, "Room 7;A")
    key(app, pygame.K_BACKSPACE)  # a typing mistake
    key(app, pygame.K_RETURN)  # on to the password
    type_text(app, "secret12")
    key(app, pygame.K_RETURN)  # done
    assert app.scene.name == "phones_join"
    assert (app.phones.wifi_name, app.phones.wifi_password) == ("Room 7;", "secret12")
    assert qr.wifi_data("Room 7;", "secret12") == "WIFI:T:WPA;S:Room 7\\;;P:secret12;;"
    assert app.scene._wifi_rows == qr.modules(qr.wifi_qr("Room 7;", "secret12"))
    assert app.scene._rows == game_code  # the game's own code is still there, beside it
    shown = texts_on_screen(app)
    caption = "1. Join the Wi-Fi:" if language == "en" else "১. ওয়াই-ফাইতে যুক্ত হও:"
    assert caption in shown and "Room 7;" in shown
    window = pygame.Rect((0, 0), app.screen.get_size())
    rects = [b.rect for b in app.scene.buttons]
    assert all(window.contains(r) for r in rects)
    assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    # Nothing of it on disk.
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"secret12" not in path.read_bytes(), path
    # An open network: no password.
    click(app, "phones-wifi")
    click(app, "wifi-password")
    for _ in range(len("secret12")):
        key(app, pygame.K_BACKSPACE)
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "phones_join" and app.phones.wifi_password == ""
    assert app.scene._wifi_rows == qr.modules(qr.wifi_qr("Room 7;", None))


@pytest.mark.parametrize("language", ["en", "bn"])
@pytest.mark.parametrize("text_size", range(len(TEXT_SCALES)))
def test_the_setup_with_six_teams_and_both_phone_switches_fits_the_smallest_screen(make_app, language, text_size):
    app = make_app(mode=FACILITATOR, language=language)
    app.set_setting("text_size", text_size)
    click(app, "play")
    while app.scene.button("teams-plus").enabled:
        click(app, "teams-plus")
    click(app, "phones")
    click(app, "phones-check")
    app.frame(0.016)
    window = app.screen.get_rect()
    outside = [b.name for b in app.scene.buttons if not window.contains(b.rect)]
    assert outside == [], f"off the 1024x600 window: {outside}"
