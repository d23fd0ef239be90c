"""The topic icons (assets/icons, Tabler Icons under MIT): which file shows which topic, and its SVG in a
chosen colour, for the screen (game/ui/art.py) and the printed cards (game/print/emblems.py) alike."""
from __future__ import annotations

import logging
from pathlib import Path

from game.kinds import kind_of
from game.resources import ICONS_DIR

log = logging.getLogger(__name__)

# Icons that kinds of card show instead of their topic's (game/kinds/: a kind's `icon`).
MYTH_FACT = "myth_fact"
RED_ALERT = "red_alert"

# One neutral sign per topic: what a young person can do or notice, never the harm itself.
ICON_FILES: dict[str, str] = {
    "recognising_abuse": "zoom-exclamation.svg",  # spotting the warning signs
    "grooming": "gift-off.svg",  # gifts and attention that come with strings
    "cyberbullying": "message-circle-x.svg",  # hurtful messages
    "made_to_order": "camera-off.svg",  # no pictures on request
    "sextortion": "hand-stop.svg",  # stop: don't pay, don't send more
    "privacy": "lock.svg",
    "online_friends": "user-question.svg",  # is your online friend who you think?
    "games_and_ai": "device-gamepad-2.svg",
    "helping_a_friend": "heart-handshake.svg",
    "scams": "fish-hook.svg",  # phishing
    "wellbeing": "plant-2.svg",
    "getting_help": "lifebuoy.svg",
    MYTH_FACT: "bulb.svg",
    RED_ALERT: "shield-exclamation.svg",
}

_MAX_SVG_BYTES = 256 * 1024  # Tabler icons are under 2 KB; anything huge is not one of ours
# fpdf2 recognises SVG data by its first bytes, and Tabler files start with "<svg" and a line break.
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def icon_name_for(card) -> str:
    """The icon an engine Card shows: its kind's own (red alerts, myth or fact), else its topic's."""
    return kind_of(card).icon or card.topic


def icon_svg(name: str, rgb: tuple[int, int, int], icons_dir: Path | None = None) -> bytes | None:
    """The icon's SVG with its lines in `rgb`; None (and a quiet log line) when there is no usable file."""
    file_name = ICON_FILES.get(name)
    if file_name is None:
        log.info("No picture for %r; a plain mark stands in.", name)
        return None
    path = Path(icons_dir or ICONS_DIR) / file_name
    try:
        data = path.read_bytes()
        if len(data) > _MAX_SVG_BYTES:
            raise ValueError("the file is too big for an icon")
        text = data.decode("utf-8")
    except (OSError, ValueError) as error:
        log.info("The picture %s could not be read (%s); a plain mark stands in.", path.name, error)
        return None
    if not text.startswith("<?xml"):
        text = _XML_DECLARATION + text
    return text.replace("currentColor", "#%02x%02x%02x" % tuple(rgb)).encode("utf-8")
