"""How the game meets the operating system before its window opens: the window's class and icon, and
sound only where there is something to play it on."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pygame

APP_ID = "nirapod"  # the window class a desktop groups the window by, and the name sound servers show
ICON_SIZE = 64
ICON_GREEN = (11, 110, 105)  # the calm theme's accent
ICON_WHITE = (255, 255, 255)

# On Linux, SDL otherwise copies the window's picture through OpenGL at every update; on a PC without a
# graphics driver that is Mesa's software renderer: 12 ms per frame at 1920x1080 instead of 0.4 ms, a whole
# frame's work even when one small rectangle changed, and 100 MB more memory (docs/bench.md). Windows
# already draws without it.
FRAMEBUFFER_HINT = "SDL_FRAMEBUFFER_ACCELERATION"

log = logging.getLogger(__name__)


def _no_sound_device() -> bool:
    """True on a Linux PC with no sound card and no sound server, where ALSA would print a screenful of
    errors at every start. Elsewhere SDL is left to find the device itself."""
    if not sys.platform.startswith("linux"):
        return False
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and any((Path(runtime) / name).exists() for name in ("pulse/native", "pipewire-0")):
        return False
    cards = Path("/proc/asound/cards")
    try:
        return not cards.exists() or "no soundcards" in cards.read_text(errors="replace")
    except OSError:
        return True


def _return_freed_pictures_to_the_system() -> None:
    """With glibc, memory blocks over 128 KB (a line of text's picture is one) come from the system and go
    back to it when freed. glibc raises that threshold as blocks are freed, after which freed pictures stay
    with the program in pieces too small to reuse: 6-10 MB more after a game at 1920x1080 (docs/bench.md)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt): nothing to do
        return
    m_mmap_threshold = -3
    mallopt(m_mmap_threshold, 128 * 1024)


def prepare_sdl() -> None:
    """Hints that SDL reads once, when pygame's display and sound start: call this first."""
    _return_freed_pictures_to_the_system()
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # pygame fills this in with the script's name ("__main__.py") when it is imported, so set it outright.
    os.environ["SDL_VIDEO_X11_WMCLASS"] = APP_ID
    os.environ.setdefault("SDL_APP_NAME", "Nirapod")
    os.environ.setdefault(FRAMEBUFFER_HINT, "0")
    if "SDL_AUDIODRIVER" not in os.environ and _no_sound_device():
        os.environ["SDL_AUDIODRIVER"] = "dummy"
        log.info("No sound card or sound server found: sound is off.")


def sound_device_present() -> bool:
    """False where prepare_sdl() (or the person starting the game) chose silence."""
    return os.environ.get("SDL_AUDIODRIVER", "") not in ("dummy", "disk")


def game_icon(size: int = ICON_SIZE) -> pygame.Surface:
    """The window's icon, drawn in code so that there is no file to lose: a shield with a tick. The Windows
    build draws it at several sizes for its .ico (packaging/windows/folder.py)."""
    icon = pygame.Surface((size, size), pygame.SRCALPHA)
    s = size / 64
    shield = [(32 * s, 3 * s), (57 * s, 12 * s), (55 * s, 36 * s), (32 * s, 61 * s), (9 * s, 36 * s), (7 * s, 12 * s)]
    pygame.draw.polygon(icon, ICON_GREEN, shield)
    pygame.draw.lines(icon, ICON_WHITE, False, [(19 * s, 33 * s), (28 * s, 42 * s), (46 * s, 22 * s)], max(3, int(7 * s)))
    return icon


def init_pygame(caption: str = "Nirapod") -> None:
    """pygame's window and fonts with the hints above, the game's title and icon."""
    prepare_sdl()
    # Only the window and the fonts, not pygame.init(): that would also open the sound device (slow to find
    # on a PC without one, and an open device has a thread that wakes every few milliseconds even in
    # silence, CPU an idle classroom PC should not spend). The first sound opens it (game/ui/sound.py);
    # with the Sound setting off it is never opened.
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_caption(caption)
    pygame.display.set_icon(game_icon())
