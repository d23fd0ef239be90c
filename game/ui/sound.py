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


def _tone(notes) -> bytes:
    samples = array("h")
    for frequency, seconds in notes:
        count = int(RATE * seconds)
        for i in range(count):
            fade = min(1.0, i / 300, (count - i) / 600)  # no clicks at the edges
            samples.append(int(6000 * fade * math.sin(2 * math.pi * frequency * i / RATE)))
    return samples.tobytes()


class Sounds:
    def __init__(self):
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.available = False  # no sound card, or it is busy: play on in silence
        if not sound_device_present():
            return
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            self.available = True
        except pygame.error as error:
            log.info("Sound is off: %s", error)

    def play(self, name: str) -> None:
        if not self.available or name not in TUNES:
            return
        if name not in self._sounds:
            self._sounds[name] = pygame.mixer.Sound(buffer=_tone(TUNES[name]))
        self._sounds[name].play()
