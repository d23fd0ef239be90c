"""The phone page in a real browser: headless Chromium opens the join address on 127.0.0.1, joins, votes,
changes its vote, reloads, sees the reveal in Bangla and in English, and the helplines at the end.

Chromium is driven over the Chrome DevTools Protocol with aiohttp's WebSocket client (nothing to download).
Every host name is mapped to nowhere, so the browser reaches 127.0.0.1 and nothing else. Where Chromium is
missing, CI installs it (as root with CI=true: `apt-get install -y chromium`); elsewhere the test is skipped
and says how to install it.
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import aiohttp
import pytest

from game.lan.bench import FEEDBACK
from tests.lan.conftest import base_url, card, run

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-default-browser-check",
    "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=412,915",
)


def stage_is(stage: str) -> str:
    """JavaScript: true once the page shows this stage (and false while it is still loading)."""
    return f"(document.getElementById('screen') || {{dataset: {{}}}}).dataset.stage === '{stage}'"


def _find_chromium() -> str | None:
    return next((found for name in BROWSER_NAMES if (found := shutil.which(name))), None)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _find_chromium()
    if found is None and os.environ.get("CI") == "true" and hasattr(os, "geteuid") and os.geteuid() == 0:
        for command in (["apt-get", "install", "-y", "-q", "chromium"], ["apt-get", "update", "-q"],
                        ["apt-get", "install", "-y", "-q", "chromium"]):  # a fresh runner may need its lists
            subprocess.run(command, capture_output=True, timeout=900)
            found = _find_chromium()
            if found:
                break
    if found is None:
        pytest.skip("Chromium is not installed; on Debian or Ubuntu: apt-get install -y chromium chromium-driver")
    return found


class Page:
    """One browser tab over the DevTools Protocol: navigate, evaluate JavaScript, wait for a condition."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse):
        self.socket, self.next_id = socket, 0

    async def call(self, method: str, **params) -> dict:
        self.next_id += 1
        await self.socket.send_str(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads((await self.socket.receive(timeout=20)).data)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message["result"]

    async def js(self, expression: str):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = await self.js(expression)
            if value:
                return value
            await asyncio.sleep(0.05)
        text = await self.js("document.body.innerText")
        raise AssertionError(f"the page never showed {expression!r}; it shows: {text!r}")

    async def text(self) -> str:
        return await self.js("document.getElementById('screen').innerText")


async def _open_browser(chromium: str, profile: Path):
    process = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    port_file = profile / "DevToolsActivePort"
    for _ in range(300):  # up to 30 seconds for a cold start on a busy machine
        if port_file.is_file() and port_file.read_text().strip():
            break
        await asyncio.sleep(0.1)
    else:
        process.kill()
        raise AssertionError("Chromium did not open its DevTools port")
    return process, int(port_file.read_text().split()[0])


def _stop_browser(process: subprocess.Popen) -> None:
    """Stop the browser this test started, and its helper processes (its own process group), by id."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # the helpers are gone already


def in_browser(chromium: str, steps) -> None:
    """Run `steps(page)` in one tab of a new headless Chromium, and close the browser after."""
    async def play():
        # Chromium's helper processes may still be writing their profile as it closes.
        with tempfile.TemporaryDirectory(prefix="nirapod-chromium-", ignore_cleanup_errors=True) as profile:
            process, port = await _open_browser(chromium, Path(profile))
            try:
                async with aiohttp.ClientSession() as session:
                    targets = await (await session.get(f"http://127.0.0.1:{port}/json/list")).json()
                    tab = next(t for t in targets if t["type"] == "page")
                    async with session.ws_connect(tab["webSocketDebuggerUrl"], max_msg_size=0) as socket:
                        await steps(Page(socket))
            finally:
                _stop_browser(process)

    run(play())


def test_a_phone_joins_votes_changes_reloads_and_sees_the_reveal(room, chromium):
    in_browser(chromium, lambda page: _play(page, room))


async def _play(page: Page, room) -> None:
    await page.call("Page.navigate", url=f"{base_url(room)}/?code={room.join_code}")
    await page.wait_for(stage_is("waiting"))
    assert len(room.phones()) == 1
    # The page opens in Bangla, with Bangla digits; the join code has left the address bar.
    assert "এটা ১ নম্বর ফোন।" in await page.text()
    assert await page.js("location.search") == ""
    token = await page.js("localStorage.getItem('nirapod.token')")
    assert token and len(token) == 32 and set(token) <= set("0123456789abcdef")
    assert await page.js("document.fonts.load('20px \"Nirapod Bengali\"', 'রাফি').then(f => f.length)") == 1

    room.set_card(card())
    await page.wait_for(stage_is("card"))
    assert "রাফির কী করা উচিত?" in await page.text()
    assert await page.js("document.querySelectorAll('[data-choice]').length") == 0  # no voting before the clock

    room.open_voting()
    await page.wait_for("document.querySelectorAll('[data-choice]').length === 4")
    await page.js("document.querySelector('[data-choice=\"2\"]').click()")
    await page.wait_for("document.querySelector('[data-choice=\"2\"]').getAttribute('aria-pressed') === 'true'")
    assert [t.votes for t in room.tally()][0] == (0, 0, 1, 0)
    await page.js("document.querySelector('[data-choice=\"0\"]').click()")  # a change of mind
    await page.wait_for("document.querySelector('[data-choice=\"0\"]').getAttribute('aria-pressed') === 'true'")
    assert await page.js("document.querySelector('[data-choice=\"2\"]').getAttribute('aria-pressed')") == "false"
    assert room.tally()[0].votes == (1, 0, 0, 0) and room.tally()[0].voters == 1

    await page.call("Page.reload")  # the student reloads: same token, same phone, the vote kept
    await page.wait_for("document.querySelector('[data-choice=\"0\"]') && "
                        "document.querySelector('[data-choice=\"0\"]').getAttribute('aria-pressed') === 'true'")
    assert len(room.phones()) == 1 and await page.js("localStorage.getItem('nirapod.token')") == token

    port = room.port
    room.stop()  # the laptop's Wi-Fi blinks: the page says so and comes back by itself
    await page.wait_for("document.getElementById('screen').innerText.indexOf('সংযোগ কেটে গেছে') >= 0")
    room.start("127.0.0.1", port)
    assert room.port == port
    await page.wait_for("document.querySelector('[data-choice=\"0\"]') && "
                        "document.querySelector('[data-choice=\"0\"]').getAttribute('aria-pressed') === 'true'")
    assert len(room.phones()) == 1

    room.close_voting()
    await page.wait_for(stage_is("closed"))
    room.reveal(0, FEEDBACK)
    await page.wait_for(stage_is("revealed"))
    shown = await page.text()
    assert "দলের উত্তর: ভরসার বড় কাউকে বলা" in shown
    assert FEEDBACK["bn"][0] in shown
    assert "১টি ভোট" in shown  # the spread, in Bangla digits

    await page.js("document.querySelector('[data-lang=\"en\"]').click()")
    await page.wait_for("document.documentElement.lang === 'en'")
    shown = await page.text()
    assert "The team's answer: Tell a trusted adult and keep a screenshot." in shown and "1 votes" in shown

    room.finish()
    await page.wait_for(stage_is("end"))
    shown = await page.text()
    assert "Child Helpline: 1098" in shown and "01320000888" in shown
    screenshot = os.environ.get("NIRAPOD_PHONE_SCREENSHOT")
    if screenshot:  # for a person to look at; never committed
        await page.js("document.querySelector('[data-lang=\"bn\"]').click()")
        data = await page.call("Page.captureScreenshot", format="png")
        Path(screenshot).write_bytes(base64.b64decode(data["data"]))


def test_a_phone_puts_the_actions_of_a_ranking_card_in_order(room, chromium):
    """On a card put in order, a student taps the actions safest first; the phone sends the whole order."""
    from itertools import permutations

    from game.lan.tally import CardSnapshot, CardTexts

    orders = tuple(permutations(range(4)))
    texts = {"bn": CardTexts("গল্প", "চারটি ধাপ সাজাও, সবচেয়ে নিরাপদটি আগে।", ("ক কাজ", "খ কাজ", "গ কাজ", "ঘ কাজ")),
             "en": CardTexts("A story.", "Put the four steps in order, safest first.", ("Step A", "Step B", "Step C",
                                                                                         "Step D"))}
    steps = {"bn": ["১. খ কাজ: কারণ এক\n২. ক কাজ: কারণ দুই\n৩. ঘ কাজ: কারণ তিন\n৪. গ কাজ: কারণ চার"],
             "en": ["1. Step B: reason one\n2. Step A: reason two\n3. Step D: reason three\n4. Step C: reason four"]}

    async def order(page: Page) -> None:
        await page.call("Page.navigate", url=f"{base_url(room)}/?code={room.join_code}")
        await page.wait_for(stage_is("waiting"))
        room.set_card(CardSnapshot("rank-test", texts, answers=orders, orders=True))
        room.open_voting()
        await page.wait_for("document.querySelectorAll('[data-choice]').length === 4")
        for index in (2, 0):
            await page.js(f"document.querySelector('[data-choice=\"{index}\"]').click()")
        await page.wait_for("document.querySelector('[data-choice=\"0\"]').textContent.indexOf('২.') === 0")
        assert room.tally()[0].voters == 0  # a half-made order is not a vote
        await page.js("document.querySelector('[data-choice=\"0\"]').click()")  # taken back
        await page.wait_for("document.querySelector('[data-choice=\"0\"]').getAttribute('aria-pressed') === 'false'")
        for index in (1, 3):  # then B and D: A is left, and goes last by itself
            await page.js(f"document.querySelector('[data-choice=\"{index}\"]').click()")
        await page.wait_for("document.getElementById('my-vote') && "
                            "document.getElementById('my-vote').innerText.indexOf('৩ · ২ · ৪ · ১') >= 0")
        tally = room.tally()[0]
        assert tally.voters == 1 and orders[tally.votes.index(1)] == (2, 1, 3, 0)
        room.close_voting()
        room.reveal(orders.index((1, 0, 3, 2)), steps)
        await page.wait_for(stage_is("revealed"))
        shown = await page.text()
        assert "দলের ক্রম: ২ · ১ · ৪ · ৩" in shown and "তুমি এই ক্রমে সাজিয়েছ: ৩ · ২ · ৪ · ১" in shown
        assert "১. খ কাজ: কারণ এক" in shown and "৪. গ কাজ: কারণ চার" in shown

    in_browser(chromium, order)
