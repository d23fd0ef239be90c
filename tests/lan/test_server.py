"""The protocol through the real server on 127.0.0.1: joining, votes, reloads and drops, and everything a
broken or hostile client might send. After each abuse the server must still serve the other phones."""
from __future__ import annotations

import asyncio
import json
import socket

import aiohttp
import pytest

from game.lan.bench import FEEDBACK, quiz_statements
from game.lan.room import PhoneRoom, PhoneRoomError
from game.lan.server import Limits
from game.lan.simulated import PhoneClient
from game.lan.tally import Stage
from game.resources import FONTS_DIR, LOCALES_DIR
from tests.lan.conftest import (LOOPBACK, base_url, card, joined, refusal, run, stage_is, still_serves, vote_seen,
                                voting_on_a_card)


def test_phones_vote_change_their_vote_and_see_the_reveal(room):
    async def play():
        async with aiohttp.ClientSession() as session:
            first, second, third = [await joined(session, room) for _ in range(3)]
            assert [p.state["you"]["team"] for p in (first, second, third)] == [0, 1, 0]  # teams filled evenly
            room.set_card(card())
            await first.until(stage_is("card"))
            await first.vote(1)
            assert await first.until(lambda m: m["type"] == "refused") == {"type": "refused", "reason": "not_voting"}
            room.open_voting()
            for phone in (first, second, third):
                await phone.until(stage_is("voting"))
            await vote_seen(first, 2)
            await vote_seen(first, 0)  # a change of mind
            await vote_seen(second, 3)
            await vote_seen(third, 0)
            shapla, kadam = room.tally()
            assert (shapla.voters, shapla.votes, shapla.majority, shapla.votes_shown) == (2, (2, 0, 0, 0), 0, None)
            assert (kadam.voters, kadam.votes, kadam.majority) == (1, (0, 0, 0, 1), 3)
            assert "votes" not in json.dumps(first.state["room"])  # nobody's votes reach a phone before the reveal
            room.reveal(0, FEEDBACK)
            shown = await second.until(stage_is("revealed"))
            assert shown["room"]["reveal"]["chosen"] == 0
            assert shown["room"]["reveal"]["votes"] == [[2, 0, 0, 0], [0, 0, 0, 1]]
            assert shown["room"]["reveal"]["feedback"]["bn"][0] == FEEDBACK["bn"][0]
            assert room.tally()[0].votes_shown == (2, 0, 0, 0)
            await second.vote(0)  # too late: the answer is out
            assert await refusal(second) == "not_voting"
            assert room.tally()[1].votes == (0, 0, 0, 1)
            for phone in (first, second, third):
                await phone.close()

    run(play())
    kinds = [event.kind for event in room.poll()]
    assert kinds.count("joined") == 3 and "voters" in kinds


def test_no_timing_is_kept_or_shown_with_a_vote(room):
    async def play():
        async with aiohttp.ClientSession() as session:
            phone = await joined(session, room)
            await voting_on_a_card(room, phone)
            await phone.vote(1)
            message = await phone.until(lambda m: m["type"] == "state" and m["you"]["vote"] == 1)
            assert set(message["you"]) == {"phone", "team", "vote"}
    run(play())
    assert all(event.kind != "voters" or set(vars(event)) == {"kind", "phone", "team", "voters"}
               for event in room.poll())


def test_a_dropped_phone_rejoins_with_its_token_in_the_same_team_with_its_vote(room):
    async def play():
        async with aiohttp.ClientSession() as session:
            others = [await joined(session, room) for _ in range(2)]
            phone = await joined(session, room)
            team = phone.state["you"]["team"]
            await voting_on_a_card(room, phone)
            await vote_seen(phone, 2)
            await phone.socket.close()  # Wi-Fi drops
            for _ in range(50):
                if [e for e in room.poll() if e.kind == "left"]:
                    break
                await asyncio.sleep(0.02)
            else:
                pytest.fail("the room did not notice the phone leaving")
            again = await joined(session, room, token=phone.token)  # the page reloads: same token
            assert (again.state["you"]["phone"], again.state["you"]["team"], again.state["you"]["vote"]) == \
                (phone.state["you"]["phone"], team, 2)
            assert again.state["room"]["stage"] == "voting"
            # A reload that opens the new connection before the old one is closed: the new one takes over.
            third = await joined(session, room, token=phone.token)  # a second tab
            assert (await again.until(lambda m: m["type"] == "bye"))["reason"] == "replaced"
            assert await again.receive() is None  # the first tab stops rather than take the phone back
            await vote_seen(third, 1)
            assert sum(t.voters for t in room.tally()) == 1
            assert len(room.phones()) == 3
            await still_serves(room, session)
            for other in others:
                await other.close()
    run(play())


def test_duplicate_and_stale_votes(room):
    async def play():
        async with aiohttp.ClientSession() as session:
            phone = await joined(session, room)
            room.set_card(card(1))
            room.open_voting()
            await phone.until(stage_is("voting"))
            old_round = phone.state["room"]["round"]
            for _ in range(3):  # the same vote sent again (a double tap) changes nothing
                await vote_seen(phone, 1)
            assert room.tally()[phone.state["you"]["team"]].votes == (0, 1, 0, 0)
            room.next()
            room.set_card(card(2))
            room.open_voting()
            await phone.until(lambda m: m["type"] == "state" and m["room"]["round"] == old_round + 1
                              and m["room"]["stage"] == "voting")
            await phone.vote(2, round_=old_round)  # a vote for the previous card arrives late
            assert await refusal(phone) == "stale"
            await phone.vote(9)  # no such choice
            assert await refusal(phone) == "no_such_choice"
            assert sum(t.voters for t in room.tally()) == 0
    run(play())


@pytest.mark.parametrize("garbage, reason", [
    ("this is not json", "bad_message"),
    ("[1, 2, 3]", "bad_message"),
    ('{"type": "vote", "round": "1", "choice": 0}', "bad_message"),
    ('{"type": "vote", "round": 1, "choice": true}', "bad_message"),
    ('{"type": "vote", "round": 1, "choice": -1}', "bad_message"),
    ('{"type": "vote", "round": 1, "choice": 0, "extra": 1}', "bad_message"),
    ('{"type": "launch"}', "bad_message"),
    ('{"type": "quiz", "phase": "during", "answers": []}', "bad_message"),
    ('{"type": "hello", "code": "0000", "token": "' + "a" * 32 + '"}', "bad_message"),
    ('{"type": "vote", "round": 1, "choice": 0, "pad": "' + "x" * 1000 + '"}', "too_big"),
    ("[" * 250 + "]" * 250, "bad_message"),
    (b"\x00\x01binary", "bad_message"),
])
def test_garbage_is_refused_and_the_phone_and_room_go_on(room, garbage, reason):
    async def play():
        async with aiohttp.ClientSession() as session:
            phone = await joined(session, room)
            await voting_on_a_card(room, phone)
            await phone.send(garbage)
            assert await refusal(phone) == reason
            await vote_seen(phone, 1)  # the same connection still works
            await still_serves(room, session)
    run(play())


def test_a_huge_frame_closes_only_that_connection(room):
    async def play():
        async with aiohttp.ClientSession() as session:
            other = await joined(session, room)
            hostile = await joined(session, room)
            await hostile.send("x" * 100_000)
            assert await hostile.receive() is None  # closed: message too big
            room.set_card(card())
            await other.until(stage_is("card"))
            await still_serves(room, session)
    run(play())


def test_a_garbage_first_message_and_a_silent_socket_are_closed(limits):
    room = PhoneRoom(LOCALES_DIR, FONTS_DIR, Limits(**{**vars(limits), "hello_seconds": 0.5}))
    room.start(LOOPBACK, 0)
    try:
        async def play():
            async with aiohttp.ClientSession() as session:
                rude = await session.ws_connect(f"ws://{LOOPBACK}:{room.port}/ws")
                await rude.send_str("{not json")
                bye = await rude.receive(timeout=2)
                assert json.loads(bye.data) == {"type": "bye", "reason": "bad_message"}
                silent = await session.ws_connect(f"ws://{LOOPBACK}:{room.port}/ws")
                closed = await silent.receive(timeout=3)  # says nothing: closed after hello_seconds
                assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
                await still_serves(room, session)
        run(play())
    finally:
        room.stop()


def test_a_wrong_join_code_is_refused_and_guessing_is_limited(limits):
    room = PhoneRoom(LOCALES_DIR, FONTS_DIR, Limits(**{**vars(limits), "wrong_codes_per_minute": 3}))
    room.start(LOOPBACK, 0)
    try:
        async def play():
            async with aiohttp.ClientSession() as session:
                for attempt in range(5):
                    guess = f"{(int(room.join_code) + 1 + attempt) % 10_000:04d}"
                    phone = PhoneClient(session, base_url(room))
                    await phone.connect()
                    assert await phone.hello(guess) == {"type": "bye", "reason": "wrong_code"}
                phone = PhoneClient(session, base_url(room))
                await phone.connect()
                # After three wrong codes in a minute even the right one waits: guessing is slowed down.
                assert await phone.hello(room.join_code) == {"type": "bye", "reason": "wrong_code"}
                assert room.phones() == []
        run(play())
    finally:
        room.stop()


def test_the_room_is_full_and_joining_can_be_locked_but_members_rejoin(room, limits):
    async def play():
        async with aiohttp.ClientSession() as session:
            members = [await joined(session, room) for _ in range(limits.max_phones)]
            late = PhoneClient(session, base_url(room))
            await late.connect()
            assert await late.hello(room.join_code) == {"type": "bye", "reason": "room_full"}
            await members[0].close()
            room.remove_phone(members[1].state["you"]["phone"])
            assert (await members[1].until(lambda m: m["type"] == "bye"))["reason"] == "removed"
            room.lock_joining(True)
            newcomer = PhoneClient(session, base_url(room))
            await newcomer.connect()
            assert await newcomer.hello(room.join_code) == {"type": "bye", "reason": "joining_locked"}
            back = await joined(session, room, token=members[0].token)  # a member's dropped phone comes back
            assert back.state["you"]["phone"] == members[0].state["you"]["phone"]
            removed = PhoneClient(session, base_url(room), token=members[1].token)
            await removed.connect()
            assert await removed.hello(room.join_code) == {"type": "bye", "reason": "removed"}
            room.lock_joining(False)
            await still_serves(room, session)
    run(play())


def test_a_flood_is_rate_limited_then_cut_off_while_others_vote(room, limits):
    async def play():
        async with aiohttp.ClientSession() as session:
            calm = await joined(session, room)
            flood = await joined(session, room)
            await voting_on_a_card(room, calm, flood)
            for n in range(500):  # a bounded flood
                try:
                    await flood.vote(n % 4)
                except (ConnectionError, RuntimeError):
                    break
            reasons = []
            while (message := await flood.receive(timeout=5)) is not None:
                reasons.append(message.get("reason"))
            assert "too_fast" in reasons and flood.bye == "too_fast"
            assert room.votes_counted <= limits.message_burst + 2  # the rest were never counted
            await vote_seen(calm, 3)
            await still_serves(room, session)
    run(play())


def test_only_the_games_own_pages_by_numeric_address(room):
    async def play():
        async with aiohttp.ClientSession() as session:
            page = await session.get(base_url(room) + "/")
            assert page.status == 200 and "phone.js" in await page.text()
            assert page.headers["X-Content-Type-Options"] == "nosniff"
            assert "default-src 'self'" in page.headers["Content-Security-Policy"]
            strings = await (await session.get(base_url(room) + "/strings.json")).json()
            assert strings["bn"]["join"] != strings["en"]["join"] == "Join"
            font = await session.get(base_url(room) + "/font/bengali.ttf")
            assert font.status == 200 and len(await font.read()) > 100_000
            for path in ("/../pyproject.toml", "/page/phone.js", "/game/lan/room.py", "/admin", "/%2e%2e/setup.py"):
                response = await session.get(base_url(room) + path)
                assert response.status == 404, path
            plain = await session.get(base_url(room) + "/ws")  # not a WebSocket: a refusal, not an error
            assert plain.status == 400
            posted = await session.post(base_url(room) + "/", data="x" * 5000)
            assert posted.status in (405, 413)
            named = await session.get(base_url(room) + "/", headers={"Host": "evil.example:8765"})
            assert named.status == 421  # a DNS-rebinding page cannot read the game
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await session.ws_connect(f"ws://{LOOPBACK}:{room.port}/ws", origin="http://evil.example")
    run(play())


def test_the_server_refuses_internet_addresses_and_finds_a_free_port():
    room = PhoneRoom(LOCALES_DIR, FONTS_DIR)
    with pytest.raises(PhoneRoomError, match="internet address"):
        room.start("8.8.8.8", 0)  # refused before any socket is opened
    assert not room.running
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        busy = taken.getsockname()[1]
        urls = room.start(LOOPBACK, busy)
        try:
            assert room.port != busy and busy < room.port < busy + 10
            assert urls == [f"http://{LOOPBACK}:{room.port}/?code={room.join_code}"]
        finally:
            room.stop()


def test_the_before_and_after_check_keeps_counts_only(room):
    statements = quiz_statements()
    right = [0 if s.is_myth else 1 for s in statements]

    async def play():
        async with aiohttp.ClientSession() as session:
            phones = [await joined(session, room) for _ in range(3)]
            room.open_quiz("before", statements)
            for phone in phones:
                await phone.until(stage_is("quiz"))
            wrong = [1 - a for a in right]
            await phones[0].send({"type": "quiz", "phase": "before", "answers": right})
            await phones[1].send({"type": "quiz", "phase": "before", "answers": wrong})
            await phones[1].send({"type": "quiz", "phase": "before", "answers": right[:2] + wrong[2:]})  # changed
            await phones[2].send({"type": "quiz", "phase": "before", "answers": [right[0], None, None, None, None]})
            for phone in phones:
                await phone.until(lambda m: m["type"] == "state" and m["you"].get("quiz") is not None)
            room.close_quiz()
            await phones[0].send({"type": "quiz", "phase": "before", "answers": right})  # too late
            assert await refusal(phones[0]) == "no_quiz"
    run(play())
    before = room.quiz_results()["before"]
    topics = [s.topic for s in statements]
    assert before[topics[0]] == (3, 3) and before[topics[1]] == (2, 2) and before[topics[4]] == (1, 2)
    assert "after" not in room.quiz_results()
    assert not any(len(str(key)) == 32 for key in json.dumps(room.quiz_results()))


def test_the_end_shows_the_helplines_in_both_languages(room):
    async def play():
        async with aiohttp.ClientSession() as session:
            phone = await joined(session, room)
            room.finish()
            end = await phone.until(stage_is("end"))
            assert any("1098" in line for line in end["room"]["helplines"]["en"])
            assert any("১০৯৮" in line for line in end["room"]["helplines"]["bn"])
            assert any("01320000888" in line for line in end["room"]["helplines"]["en"])
    run(play())
    assert room.tally()[0].votes == ()
    assert Stage.END.value == "end"
