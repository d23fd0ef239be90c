"""The staff PIN check of a kiosk: right or wrong, and a wait that grows with every wrong try.

A visitor who found Ctrl+Shift+Q must not be able to try PINs one after another all day, so after a
few free tries each wrong PIN doubles the wait before the next try counts. Closing the pad does not
reset it; only the right PIN does. Leaving the pad (Esc, Cancel) is not a try.
"""
from __future__ import annotations

import hmac
import time
from collections.abc import Callable

FREE_TRIES = 3  # wrong PINs allowed before any wait: a person who mistyped is not punished
FIRST_WAIT_SECONDS = 10.0
LONGEST_WAIT_SECONDS = 15 * 60.0


class PinLock:
    def __init__(self, pin: str, clock: Callable[[], float] = time.monotonic):
        self._pin = pin.encode("utf-8")
        self._clock = clock
        self.wrong_tries = 0
        self._locked_until = 0.0

    def wait_left(self) -> float:
        """Seconds before another try counts; 0 when the pad may be used."""
        return max(0.0, self._locked_until - self._clock())

    def try_pin(self, entered: str) -> bool:
        """Whether `entered` is the PIN. While a wait runs nothing is checked and False comes back."""
        if self.wait_left() > 0:
            return False
        # compare_digest takes as long for a nearly right PIN as for a wrong one; bytes, because
        # for text it accepts ASCII only and a PIN typed on any keyboard must not stop the game.
        if hmac.compare_digest(entered.encode("utf-8"), self._pin):
            self.wrong_tries = 0
            return True
        self.wrong_tries += 1
        if self.wrong_tries >= FREE_TRIES:
            doublings = self.wrong_tries - FREE_TRIES
            wait = LONGEST_WAIT_SECONDS if doublings > 20 else FIRST_WAIT_SECONDS * 2 ** doublings
            self._locked_until = self._clock() + min(LONGEST_WAIT_SECONDS, wait)
        return False
