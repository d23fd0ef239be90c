"""The web server phones talk to: the game's own page and one WebSocket per phone, with the room's guards
(join code, schema, size cap, rate limit, phone cap, one origin). Runs on the room's own event loop thread.

Why a WebSocket and not Server-Sent Events + POST: one connection carries both directions, so a vote needs no
new request and no token on every message; the server knows at once when a phone drops (the "left" event);
aiohttp caps the frame size and pings dead Wi-Fi links itself. Every phone browser since Android 4.4 has it.
"""
from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import threading
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from aiohttp import WSMsgType, web

from game.lan import protocol
from game.lan.tally import Refusal, Room

PAGE_DIR = Path(__file__).resolve().parent / "page"
log = logging.getLogger(__name__)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; connect-src 'self' ws:; img-src 'self' data:; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
}


@dataclass(frozen=True)
class Limits:
    """How much a phone, an address and the whole room may ask of the server."""
    max_phones: int = 80            # phones that may join (a class of 60 and some spare)
    max_sockets: int = 120          # open connections, joined or not
    sockets_per_address: int = 6    # a phone reloading opens a new one before the old one is seen to close
    messages_per_second: float = 8.0
    message_burst: int = 16
    flood_refusals: int = 40        # refusals for speed in a row before the connection is closed
    wrong_codes_per_minute: int = 20
    hello_seconds: float = 10.0     # a connection that does not say hello in time is closed
    max_frame_bytes: int = 8192     # larger frames close the connection at once (aiohttp's own check)


class _Bucket:
    """A token bucket: `rate` messages a second on average, `burst` at once."""

    def __init__(self, rate: float, burst: int, now: float):
        self.rate, self.burst, self.level, self.last = rate, burst, float(burst), now

    def take(self, now: float) -> bool:
        self.level = min(self.burst, self.level + (now - self.last) * self.rate)
        self.last = now
        if self.level >= 1:
            self.level -= 1
            return True
        return False


def _host_is_an_address(host: str | None) -> bool:
    """Phones reach the game by its numeric address; a name in Host means DNS rebinding or a stray proxy."""
    if not host:
        return False
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") else host
    name = name.strip("[]")
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class PhoneServer:
    """The aiohttp application and the open connections. `lock` guards `room`, which the game's thread also
    changes; sockets are touched only on the loop thread."""

    def __init__(self, room: Room, lock: threading.Lock, join_code: str, limits: Limits,
                 page_strings: Mapping[str, Mapping[str, str]], helplines: Mapping[str, Sequence[str]],
                 font_path: Path):
        self.room, self.lock, self.join_code, self.limits = room, lock, join_code, limits
        self.helplines = helplines
        self.sockets: dict[str, web.WebSocketResponse] = {}     # token -> the phone's current connection
        self.open_per_address: dict[str, int] = defaultdict(int)
        self.wrong_codes: dict[str, deque] = defaultdict(deque)
        self.open_sockets = 0
        self._broadcast_pending = False
        self._files = {
            "/": (PAGE_DIR / "index.html", "text/html; charset=utf-8", "no-store"),
            "/phone.js": (PAGE_DIR / "phone.js", "application/javascript; charset=utf-8", "no-store"),
            "/phone.css": (PAGE_DIR / "phone.css", "text/css; charset=utf-8", "no-store"),
            "/font/bengali.ttf": (font_path, "font/ttf", "max-age=86400"),
        }
        self._bodies = {route: path.read_bytes() for route, (path, _, _) in self._files.items()}
        self._bodies["/strings.json"] = json.dumps(page_strings, ensure_ascii=False).encode()
        self._files["/strings.json"] = (None, "application/json; charset=utf-8", "no-store")

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=1024)
        for route in self._files:
            app.router.add_get(route, self._file)
        app.router.add_get("/ws", self._phone_socket)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler):
        if not _host_is_an_address(request.headers.get("Host")):
            response = web.Response(status=421, text="Open the game by its numeric address.")
        else:
            try:
                response = await handler(request)
            except web.HTTPException as refusal:  # e.g. 404 for anything that is not the game's own page
                refusal.headers.update(SECURITY_HEADERS)
                raise
            except Exception:  # a bug must not stop the class: the phone gets a refusal, the room goes on
                log.exception("phone request failed")
                response = web.Response(status=500, text="The game could not answer; try again.")
        if not response.prepared:  # a phone's WebSocket has sent its headers long ago
            response.headers.update(SECURITY_HEADERS)
        return response

    async def _file(self, request: web.Request) -> web.Response:
        _, content_type, cache = self._files[request.path]
        return web.Response(body=self._bodies[request.path], content_type=content_type.split(";")[0],
                            charset="utf-8" if "charset" in content_type else None,
                            headers={"Cache-Control": cache})

    # --- one phone's connection ---------------------------------------------------------------------------
    async def _phone_socket(self, request: web.Request) -> web.StreamResponse:
        address = request.remote or "?"
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{request.headers.get('Host')}":
            return web.Response(status=403, text="Phones join from the game's own page.")
        if self.open_sockets >= self.limits.max_sockets or \
                self.open_per_address[address] >= self.limits.sockets_per_address:
            return web.Response(status=503, text="Too many connections; try again in a moment.")
        socket = web.WebSocketResponse(heartbeat=20.0, max_msg_size=self.limits.max_frame_bytes)
        self.open_sockets += 1
        self.open_per_address[address] += 1
        token = None
        try:
            await socket.prepare(request)
            token = await self._hello(socket, address)
            if token is not None:
                await self._serve_phone(socket, token)
        except (ConnectionError, RuntimeError, asyncio.TimeoutError):
            pass  # the phone went away mid-message (Wi-Fi, a closed tab): it may rejoin with its token
        finally:
            self.open_sockets -= 1
            self.open_per_address[address] -= 1
            if self.open_per_address[address] <= 0:
                del self.open_per_address[address]
            if token is not None and self.sockets.get(token) is socket:
                del self.sockets[token]
                with self.lock:
                    self.room.leave(token)
            if socket.prepared and not socket.closed:
                await socket.close()
        return socket

    async def _hello(self, socket: web.WebSocketResponse, address: str) -> str | None:
        """Wait for a valid hello with the current join code; the phone's token, or None after a refusal."""
        loop = asyncio.get_running_loop()
        try:
            first = await socket.receive(timeout=self.limits.hello_seconds)
        except asyncio.TimeoutError:
            return None
        if first.type is not WSMsgType.TEXT:
            await self._refuse_and_close(socket, Refusal.BAD_MESSAGE)
            return None
        message = protocol.parse(first.data)
        if isinstance(message, Refusal) or message["type"] != "hello":
            await self._refuse_and_close(socket, message if isinstance(message, Refusal) else Refusal.NOT_JOINED)
            return None
        tries = self.wrong_codes[address]
        while tries and loop.time() - tries[0] > 60:
            tries.popleft()
        if len(tries) >= self.limits.wrong_codes_per_minute or message["code"] != self.join_code:
            tries.append(loop.time())
            await self._refuse_and_close(socket, Refusal.WRONG_CODE)
            return None
        token = message["token"]
        with self.lock:
            joined = self.room.join(token)
        if isinstance(joined, Refusal):
            await self._refuse_and_close(socket, joined)
            return None
        previous = self.sockets.get(token)
        self.sockets[token] = socket
        if previous is not None and not previous.closed:
            # The same phone reloaded, or opened a second tab: the new page takes over and the old one,
            # if it is still there, stops instead of taking it back.
            await self._refuse_and_close(previous, Refusal.REPLACED)
        await socket.send_str(self._view_for(token))
        return token

    async def _serve_phone(self, socket: web.WebSocketResponse, token: str) -> None:
        loop = asyncio.get_running_loop()
        bucket = _Bucket(self.limits.messages_per_second, self.limits.message_burst, loop.time())
        refused_in_a_row = 0
        async for frame in socket:
            if frame.type is not WSMsgType.TEXT:
                await socket.send_str(protocol.refused(Refusal.BAD_MESSAGE))
                continue
            if not bucket.take(loop.time()):
                refused_in_a_row += 1
                if refused_in_a_row >= self.limits.flood_refusals:
                    await self._refuse_and_close(socket, Refusal.TOO_FAST)
                    return
                await socket.send_str(protocol.refused(Refusal.TOO_FAST))
                continue
            refused_in_a_row = 0
            message = protocol.parse(frame.data)
            outcome = message if isinstance(message, Refusal) else self._apply(token, message)
            if outcome is not None:
                await socket.send_str(protocol.refused(outcome))
            else:  # nothing a phone shows depends on other phones, so only this one hears of the change
                await socket.send_str(self._view_for(token))

    def _apply(self, token: str, message: dict) -> Refusal | None:
        with self.lock:
            if message["type"] == "vote":
                return self.room.vote(token, message["round"], message["choice"])
            if message["type"] == "order":
                return self.room.vote(token, message["round"], tuple(message["order"]))
            if message["type"] == "team":
                return self.room.pick_team(token, message["team"])
            if message["type"] == "quiz":
                return self.room.answer_quiz(token, message["phase"], message["answers"])
            return Refusal.BAD_MESSAGE  # a second hello

    async def _refuse_and_close(self, socket: web.WebSocketResponse, reason: Refusal) -> None:
        try:
            if not socket.closed:
                await socket.send_str(protocol.bye(reason))
        except (ConnectionError, RuntimeError):
            pass  # it is gone already
        await socket.close()

    # --- views ------------------------------------------------------------------------------------------
    def _view_for(self, token: str) -> str:
        with self.lock:
            phone = self.room.phones.get(token)
            shared = protocol.room_view(self.room, self.helplines)
            return protocol.phone_view(self.room, phone, shared) if phone else protocol.bye(Refusal.REMOVED)

    def schedule_broadcast(self) -> None:
        """Send every phone the room as it is now. Called on the loop thread; many changes in a row are
        sent once, as they stand when the send starts."""
        if not self._broadcast_pending:
            self._broadcast_pending = True
            asyncio.get_running_loop().create_task(self._broadcast())

    async def _broadcast(self) -> None:
        self._broadcast_pending = False
        with self.lock:
            shared = protocol.room_view(self.room, self.helplines)
            messages = [(socket, protocol.phone_view(self.room, self.room.phones[token], shared))
                        for token, socket in self.sockets.items() if token in self.room.phones]
        await asyncio.gather(*(self._send(socket, text) for socket, text in messages))

    @staticmethod
    async def _send(socket: web.WebSocketResponse, text: str) -> None:
        try:
            await socket.send_str(text)
        except (ConnectionError, RuntimeError):
            pass  # the phone dropped; its handler notices and marks it gone

    async def disconnect(self, token: str) -> None:
        """The facilitator removed this phone: tell its page why and close its connection."""
        socket = self.sockets.pop(token, None)
        if socket is not None and not socket.closed:
            await self._refuse_and_close(socket, Refusal.REMOVED)

    async def close_all(self) -> None:
        await asyncio.gather(*(socket.close() for socket in list(self.sockets.values())), return_exceptions=True)
