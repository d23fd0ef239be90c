"""A phone room listening on 127.0.0.1 only, with small limits so that the guards are reached quickly."""
from __future__ import annotations

import asyncio

import aiohttp
import pytest

from game.lan.bench import sample_card
from game.lan.room import PhoneRoom
from game.lan.server import Limits
from game.lan.simulated import PhoneClient
from game.resources import FONTS_DIR, LOCALES_DIR

LOOPBACK = "127.0.0.1"
TEAMS = ("Shapla", "Kadam")


@pytest.fixture
def limits() -> Limits:
    return Limits(max_phones=8, max_sockets=16, sockets_per_address=16)


@pytest.fixture
def room(limits):
    phone_room = PhoneRoom(LOCALES_DIR, FONTS_DIR, limits)
    phone_room.start(LOOPBACK, 0)
    phone_room.set_teams(TEAMS)
    yield phone_room
    phone_room.stop()


def card(number: int = 0):
    return sample_card(number)


def base_url(room: PhoneRoom) -> str:
    return f"http://{LOOPBACK}:{room.port}"


async def joined(session: aiohttp.ClientSession, room: PhoneRoom, token: str | None = None) -> PhoneClient:
    """A phone that has joined and shows its first state."""
    phone = PhoneClient(session, base_url(room), token)
    await phone.connect()
    first = await phone.hello(room.join_code)
    assert first is not None and first["type"] == "state", (first, phone.bye)
    return phone


def stage_is(stage: str):
    return lambda message: message["type"] == "state" and message["room"]["stage"] == stage


async def vote_seen(phone: PhoneClient, choice: int) -> None:
    """Vote and wait until the phone shows that vote as its own."""
    await phone.vote(choice)
    await phone.until(lambda m: m["type"] == "state" and m["you"]["vote"] == choice)


async def refusal(phone: PhoneClient) -> str:
    """The reason of the next refusal this phone receives."""
    return (await phone.until(lambda m: m["type"] == "refused"))["reason"]


async def voting_on_a_card(room: PhoneRoom, *phones: PhoneClient) -> None:
    """A card is on the table with voting open, and every phone shows it."""
    room.set_card(card())
    room.open_voting()
    for phone in phones:
        await phone.until(stage_is("voting"))


async def still_serves(room: PhoneRoom, session: aiohttp.ClientSession) -> None:
    """A new phone can join and sees the room as it is: the server kept serving."""
    phone = await joined(session, room)
    assert phone.state["room"]["step"] == room.step
    await phone.close()


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, timeout=60))
