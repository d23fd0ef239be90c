"""Simulated phones: the page's protocol spoken by a program, for the bench and the tests. A simulated phone
says hello with a token, shows (records) every state the room sends, votes and changes its vote while voting
is open, answers the myth-or-fact check, and stops at the end. Run as a module, it drives many phones in one
process and prints one JSON summary (the bench runs it so that phones and server do not share a process).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import secrets
import sys
import time

import aiohttp

GAME_SECONDS_LIMIT = 300.0  # a simulated game that has not ended by then is stopped


class PhoneClient:
    """One phone's connection, the same messages as game/lan/page/phone.js sends and receives."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, token: str | None = None):
        self.session, self.base_url = session, base_url.rstrip("/")
        self.token = token or secrets.token_hex(16)
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self.state: dict | None = None
        self.refusals: list[str] = []
        self.bye: str | None = None
        self.seen_steps: dict[int, float] = {}   # step -> time.monotonic() when this phone first showed it

    async def connect(self) -> None:
        host = self.base_url.split("://", 1)[1]
        self.socket = await self.session.ws_connect(f"ws://{host}/ws", origin=f"http://{host}", heartbeat=None,
                                                    autoping=True)

    async def hello(self, code: str) -> dict | None:
        """Join (or rejoin) with the join code; the first state, or None when refused."""
        await self.send({"type": "hello", "code": code, "token": self.token})
        return await self.receive()

    async def send(self, message: dict | str | bytes) -> None:
        if isinstance(message, dict):
            await self.socket.send_str(json.dumps(message))
        elif isinstance(message, bytes):
            await self.socket.send_bytes(message)
        else:
            await self.socket.send_str(message)

    async def receive(self, timeout: float = 5.0) -> dict | None:
        """The next message from the room, recorded as the page would show it; None when the room closed."""
        frame = await self.socket.receive(timeout=timeout)
        if frame.type is not aiohttp.WSMsgType.TEXT:
            return None
        message = json.loads(frame.data)
        if message["type"] == "state":
            self.state = message
            self.seen_steps.setdefault(message["room"]["step"], time.monotonic())
        elif message["type"] == "refused":
            self.refusals.append(message["reason"])
        elif message["type"] == "bye":
            self.bye = message["reason"]
        return message

    async def until(self, wanted, timeout: float = 5.0) -> dict:
        """Read messages until one satisfies `wanted` (a test of the message); TimeoutError after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise asyncio.TimeoutError
            message = await self.receive(timeout=left)
            if message is None:
                raise ConnectionError(f"the room closed the connection (bye: {self.bye})")
            if wanted(message):
                return message

    async def vote(self, choice: int, round_: int | None = None) -> None:
        await self.send({"type": "vote", "round": self.state["room"]["round"] if round_ is None else round_,
                         "choice": choice})

    async def vote_order(self, order: list[int], round_: int | None = None) -> None:
        """On a card whose actions are put in order: the order, safest first."""
        await self.send({"type": "order", "round": self.state["room"]["round"] if round_ is None else round_,
                         "order": order})

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


async def _play(client: PhoneClient, code: str, rng: random.Random, joined: asyncio.Event,
                record: dict) -> None:
    """One simulated student: votes once while voting is open, sometimes changes the vote, answers the check."""
    await client.connect()
    if await client.hello(code) is None or client.state is None:
        return
    record["joined"] = True
    joined.set()
    pending: asyncio.Task | None = None
    voted_round = None

    async def vote_later(round_: int, choices: int, orders: bool) -> None:
        await asyncio.sleep(rng.uniform(0.0, 0.3))
        if orders:  # a card put in order: one order, never counted as a choice here
            await client.vote_order(rng.sample(range(choices), choices), round_)
            record["votes_sent"] += 1
            return
        first = rng.randrange(choices)
        await client.vote(first, round_)
        record["votes_sent"] += 1
        record["last"][round_] = (client.state["you"]["team"], first)
        if rng.random() < 0.35:  # a student who changes their mind after the discussion
            await asyncio.sleep(rng.uniform(0.0, 0.3))
            second = rng.randrange(choices)
            await client.vote(second, round_)
            record["votes_sent"] += 1
            record["last"][round_] = (client.state["you"]["team"], second)

    while True:
        message = await client.receive(timeout=GAME_SECONDS_LIMIT)
        if message is None:
            return
        if message["type"] == "refused":
            record["refused"] += 1
            continue
        if message["type"] != "state":
            continue
        room = message["room"]
        if room["stage"] == "voting" and voted_round != room["round"]:
            voted_round = room["round"]
            choices = len(room["card"]["texts"]["en"]["choices"])
            pending = asyncio.create_task(vote_later(room["round"], choices, bool(room["card"].get("orders"))))
        elif room["stage"] == "quiz" and record.get("quiz") != room["quiz"]["phase"]:
            record["quiz"] = room["quiz"]["phase"]
            answers = [rng.randrange(2) for _ in room["quiz"]["statements"]]
            await client.send({"type": "quiz", "phase": room["quiz"]["phase"], "answers": answers})
        elif room["stage"] == "end":
            if pending is not None:
                await pending
            await client.close()
            return


async def drive_phones(base_url: str, code: str, phones: int, seed: int) -> dict:
    """Run `phones` simulated students to the end of the game; what they sent and when they saw each step."""
    rng = random.Random(seed)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)
    # One connection per phone: aiohttp's default pool of 100 would leave phone 101 waiting for ever.
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
        clients = [PhoneClient(session, base_url) for _ in range(phones)]
        records = [{"joined": False, "votes_sent": 0, "refused": 0, "last": {}} for _ in clients]
        joined = asyncio.Event()
        tasks = [asyncio.create_task(_play(client, code, random.Random(rng.random()), joined, record))
                 for client, record in zip(clients, records, strict=True)]
        done, pending = await asyncio.wait(tasks, timeout=GAME_SECONDS_LIMIT)
        for task in pending:
            task.cancel()
        errors = [repr(task.exception()) for task in done if task.exception() is not None]
    steps: dict[int, list[float]] = {}
    for client in clients:
        for step, seen in client.seen_steps.items():
            steps.setdefault(step, []).append(seen)
    return {
        "joined": sum(record["joined"] for record in records),
        "votes_sent": sum(record["votes_sent"] for record in records),
        "refused": sum(record["refused"] for record in records),
        "last_votes": [[round_, team, choice] for record in records
                       for round_, (team, choice) in record["last"].items()],
        "seen_steps": {str(step): times for step, times in steps.items()},
        "errors": errors[:5],
        "unfinished": len(pending),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="simulated phones for the phone bench")
    parser.add_argument("--url", required=True)
    parser.add_argument("--code", required=True)
    parser.add_argument("--phones", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(drive_phones(args.url, args.code, args.phones, args.seed))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
