"""Short, gentle sounds made in code (no files to lose); silent where there is no audio device."""
from __future__ import annotations

import logging
import math
from array import array

import pygame

from game.ui.system import sound_device_present

log = logging.getLogger(__name__)

RATE = 22050
# (frequencies in Hz, seconds each): a rising pair for a safe answer, one soft note otherwise.
TUNES = {"safe": ((523.0, 0.12), (784.0, 0.2)), "reveal": ((440.0, 0.22),), "end": ((523.0, 0.12), (659.0, 0.12), (784.0, 0.25))}
# (frequency in Hz, start in seconds): bell-like notes that ring out softly. "time_up" is two falling
# notes, quieter than the tunes, that say "time to decide" without sounding like an alarm.
CHIMES = {"time_up": ((659.0, 0.0), (523.0, 0.32))}
CHIME_SECONDS = 1.4


def _tone(notes) -> bytes:
    samples = array("h")
    for frequency, seconds in notes:
        count = int(RATE * seconds)
        for i in range(count):
            fade = min(1.0, i / 300, (count - i) / 600)  # no clicks at the edges
            samples.append(int(6000 * fade * math.sin(2 * math.pi * frequency * i / RATE)))
    return samples.tobytes()


def _chime(notes, seconds: float = CHIME_SECONDS) -> bytes:
    total = int(RATE * seconds)
    mix = [0.0] * total
    for frequency, start in notes:
        first = int(RATE * start)
        for i in range(total - first):
            t = i / RATE
            # A soft strike and a slow fade, with a quiet octave for a bell's shimmer.
            envelope = min(1.0, i / 400) * math.exp(-3.2 * t)
            wave = math.sin(2 * math.pi * frequency * t) + 0.25 * math.sin(4 * math.pi * frequency * t) * math.exp(-4 * t)
            mix[first + i] += envelope * wave
    for i in range(min(total, 2000)):  # the last samples fade to silence: no click at the end
        mix[total - 1 - i] *= i / 2000
    return array("h", (int(3500 * value) for value in mix)).tobytes()


def sound_bytes(name: str) -> bytes | None:
    """The samples (16-bit mono at RATE) of a named sound, or None for a name the game does not know."""
    if name in TUNES:
        return _tone(TUNES[name])
    if name in CHIMES:
        return _chime(CHIMES[name])
    return None


class Sounds:
    def __init__(self):
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.available = False  # no sound card, or it is busy: play on in silence
        if not sound_device_present():
            return
        try:
            # Opened here, at the first sound, in our format. Opened by anyone else first (pygame.init() opens it
            # as 44.1 kHz stereo) our mono samples would play at four times the speed and twice the pitch, and
            # init() does nothing once it is open: so reopen it in our format; SDL converts for the sound card.
            if pygame.mixer.get_init() != (RATE, -16, 1):
                pygame.mixer.quit()
                pygame.mixer.init(frequency=RATE, size=-16, channels=1, allowedchanges=0)
            self.available = True
        except pygame.error as error:
            log.info("Sound is off: %s", error)

    def play(self, name: str) -> None:
        if not self.available or (name not in TUNES and name not in CHIMES):
            return
        if name not in self._sounds:
            self._sounds[name] = pygame.mixer.Sound(buffer=sound_bytes(name))
        self._sounds[name].play()
