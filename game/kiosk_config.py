"""The kiosk's settings file, kiosk.ini, which event staff edit in Notepad.

Staff are not programmers and may save anything, so loading never raises: every setting that cannot
be used falls back to its default on its own, and each problem comes back as a message naming the
file, the line and what to do about it. The PIN is the exception: a PIN that cannot be used, or the
public default, stops the kiosk before it starts (kiosk_start_refusal), because falling back to the
default PIN printed in the setup guide would let any visitor out.
"""
from __future__ import annotations

import configparser
import difflib
import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from game.regular_file import FileTooLarge, NotARegularFile, read_regular_file
from game.storage import StorageError, atomic_write_bytes

CONFIG_FILE = "kiosk.ini"
DEFAULT_PIN = "2468"
SECTION = "kiosk"

PIN_LENGTH = (4, 8)
IDLE_SECONDS_RANGE = (10, 3600)
COUNTDOWN_SECONDS_RANGE = (5, 120)
CARDS_PER_ROUND_RANGE = (3, 10)
LANGUAGES = ("bn", "en")
# The exit code when the kiosk refuses to start (kiosk_start_refusal): EX_CONFIG, "configuration
# error", which the launchers in deploy/ take as "starting again will not help".
KIOSK_REFUSED_EXIT_CODE = 78
MAX_FILE_BYTES = 64 * 1024  # a settings file of a few lines; anything bigger is not one


@dataclass(frozen=True)
class KioskConfig:
    pin: str = DEFAULT_PIN  # 4-8 digits 0-9
    idle_seconds: int = 60  # quiet time before "still there?"
    countdown_seconds: int = 15  # length of the "still there?" countdown, then a full reset
    cards_per_round: int = 5  # one visitor's round
    language: str = "bn"  # the attract loop's first language
    # Where `pin` was set (0: not in the file), and why it could not be used. A PIN is never
    # replaced by the public default: the kiosk refuses to start instead (see kiosk_start_refusal).
    pin_line: int = field(default=0, compare=False)
    pin_problem: str | None = field(default=None, compare=False)


_DEFAULTS = KioskConfig()

# Written on the first run. Every key is present with a note above it, so staff can see what can
# be changed without reading any other document. Pure ASCII, so any editor on any PC shows it.
_DEFAULT_FILE_LINES = (
    "# Nirapod kiosk settings.",
    "# Edit this file in Notepad or any text editor and save it; changes apply the next time",
    "# the kiosk starts. Lines that start with # are notes and are ignored.",
    "# If something goes wrong, delete this file: the game writes a fresh one with the defaults.",
    "",
    f"[{SECTION}]",
    "",
    "# The PIN staff type after pressing Ctrl+Shift+Q to leave kiosk mode: 4 to 8 digits.",
    f"# CHANGE IT BEFORE THE EVENT: the default {DEFAULT_PIN} is printed in the setup guide.",
    f"pin = {_DEFAULTS.pin}",
    "",
    "# Seconds without a touch, click or key press before the game asks whether anyone is",
    f"# still there ({IDLE_SECONDS_RANGE[0]} to {IDLE_SECONDS_RANGE[1]}).",
    f"idle_seconds = {_DEFAULTS.idle_seconds}",
    "",
    "# Seconds the \"still there?\" countdown runs before the game starts over for the next",
    f"# visitor ({COUNTDOWN_SECONDS_RANGE[0]} to {COUNTDOWN_SECONDS_RANGE[1]}).",
    f"countdown_seconds = {_DEFAULTS.countdown_seconds}",
    "",
    f"# How many cards one visitor plays in a round ({CARDS_PER_ROUND_RANGE[0]} to {CARDS_PER_ROUND_RANGE[1]}).",
    f"cards_per_round = {_DEFAULTS.cards_per_round}",
    "",
    "# The language the welcome screen shows first: bn for Bangla, en for English.",
    f"language = {_DEFAULTS.language}",
)
# CRLF because the older Notepad on school PCs shows a file with bare LF as one long line.
DEFAULT_FILE_TEXT = "\r\n".join(_DEFAULT_FILE_LINES) + "\r\n"

# What a freshly written file holds, with the line staff must change.
_AS_FIRST_WRITTEN = KioskConfig(pin_line=_DEFAULT_FILE_LINES.index(f"pin = {DEFAULT_PIN}") + 1)

# configparser cannot parse text that comes before the first [section]. A header of our own on
# "line 0" catches such lines so they can be reported by line instead of ending the parse.
_PREAMBLE_SECTION = "nirapod: lines above the first section"

# Staff typing on a Bangla keyboard get Bangla digits; they mean the same numbers.
_BANGLA_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_ASCII_DIGITS = re.compile("[0-9]+")
# More digits than any allowed value has; checked before int() so absurd input stays cheap.
_MAX_NUMBER_DIGITS = 6


def load_kiosk_config(root: Path) -> tuple[KioskConfig, list[str]]:
    """The settings in `root`/kiosk.ini, and a message for each problem; never raises.

    When the file does not exist it is created with the defaults and notes for staff.
    """
    path = Path(root) / CONFIG_FILE
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        problems = _create_default_file(path)
        return (_DEFAULTS if problems else _AS_FIRST_WRITTEN), problems
    except NotARegularFile:
        return _DEFAULTS, [
            f"{path}: is not an ordinary file (a folder, a pipe or a device), so it is not read; all "
            f"settings use their defaults. Delete it: the next start writes a fresh one."
        ]
    except FileTooLarge:
        return _DEFAULTS, [
            f"{path}: is far too big to be the settings file ({MAX_FILE_BYTES // 1024} KB at most), so it is "
            f"not read; all settings use their defaults. Delete it: the next start writes a fresh one."
        ]
    except OSError as exc:  # no permission, I/O error
        return _DEFAULTS, [
            f"{path}: cannot be read ({_os_reason(exc)}); all settings use their defaults "
            f"(PIN {DEFAULT_PIN}) until it can."
        ]
    return _parse(path, raw)


def _create_default_file(path: Path) -> list[str]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, DEFAULT_FILE_TEXT.encode("ascii"))
    except StorageError as exc:
        # The OS's own words ("Permission denied"), without the temporary file's name.
        cause = exc.__cause__
        reason = _os_reason(cause) if isinstance(cause, OSError) else exc.notice.detail
    except OSError as exc:
        reason = _os_reason(exc)
    else:
        return []
    return [
        f"{path}: cannot be created ({reason}); all settings use their defaults "
        f"(PIN {DEFAULT_PIN}). Check that this folder can be written to."
    ]


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


class _LineReader:
    """Feeds lines to configparser and knows which line it is handling at any moment.

    configparser does not say on which line a setting was found; it stores each setting while
    its line is being read, so the line number at that moment is the setting's line.
    """

    def __init__(self, lines: list[str]):
        self._lines = lines
        self.line = 0
        self.reading = True
        self.sections: list[tuple[str, int, _RecordingDict]] = []  # name, header line, contents

    def __iter__(self):
        yield f"[{_PREAMBLE_SECTION}]\n"
        for number, text in enumerate(self._lines, start=1):
            self.line = number  # configparser reads lazily: the line it is on is the one last handed out
            yield text + "\n"
        # configparser rewrites every value once more after the last line (joining multi-line
        # values); those writes must not count as settings found again.
        self.reading = False


class _RecordingDict(dict):
    """configparser's storage for sections and settings, noting the line of every key stored."""

    def __init__(self, reader: _LineReader):
        super().__init__()
        self._reader = reader
        self.lines: dict[str, list[int]] = {}

    def __setitem__(self, key, value):
        reader = self._reader
        if reader.reading:
            self.lines.setdefault(key, []).append(reader.line)
            if isinstance(value, _RecordingDict):  # a new section
                reader.sections.append((key, reader.line, value))
        super().__setitem__(key, value)


def _parse(path: Path, raw: bytes) -> tuple[KioskConfig, list[str]]:
    problems: list[tuple[int, str]] = []  # (line, text); line 0 for the whole file

    text, bad_line = _decode(raw)
    if bad_line is not None:
        problems.append((bad_line, (
            "this line has characters that are not UTF-8, so they cannot be read; in Notepad use "
            "File > Save as and choose Encoding: UTF-8"
        )))
    # Line breaks as Notepad counts them, so line numbers match what staff see. Indentation is
    # dropped: to configparser an indented line continues the value above it, which no setting
    # here needs and which would silently swallow a setting that staff happened to indent.
    lines = [line.lstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]

    reader = _LineReader(lines)
    parser = configparser.ConfigParser(
        dict_type=functools.partial(_RecordingDict, reader),
        # Not strict: a repeated key must not stop the whole file; repeats are reported below.
        strict=False,
        interpolation=None,  # a % in a value is just a character
        inline_comment_prefixes=("#", ";"),  # "pin = 1357  # new PIN" is natural to write
        empty_lines_in_values=False,
        # A header can never contain a line break, so no section of the file becomes the
        # special DEFAULT section whose keys leak into [kiosk].
        default_section="\n",
    )
    try:
        parser.read_file(reader, source=str(path))
    except configparser.ParsingError as exc:  # every broken line, after the rest was read
        for number, _line in exc.errors:
            problems.append((number - 1, (  # minus our own header line
                'this line is not a setting ("name = value"), a [section] or a # note, so it is '
                'ignored; check for a missing "="'
            )))
    except configparser.Error as exc:  # not expected with these options; never fatal
        problems.append((0, f"cannot be read as settings ({type(exc).__name__}); all settings use their defaults"))
        return _DEFAULTS, _format(path, problems)

    values: dict[str, object] = {}
    kiosk_found = False
    for name, header_line, section in reader.sections:
        if header_line == 0:
            for key, found_on in _named(section):
                problems.extend((number, (
                    f"{_shown(key)} is above the [{SECTION}] line, so it is ignored; "
                    f"move it below [{SECTION}]"
                )) for number in found_on)
        elif name == SECTION:
            kiosk_found = True
            values = _apply_section(section, problems, path)
        else:
            problems.append((header_line, _unknown_section(name)))
    if not kiosk_found:
        problems.append((0, (
            f"there is no [{SECTION}] line, so all settings use their defaults; put [{SECTION}] on "
            f"a line of its own above the settings"
        )))
    return KioskConfig(**values), _format(path, problems)


def _decode(raw: bytes) -> tuple[str, int | None]:
    """The text of the file, and the line of its first byte that is not UTF-8 (or None)."""
    # Notepad's "Unicode" encodings start with a byte-order mark.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8")
        bad_line = before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        return raw.decode("utf-8", errors="replace"), bad_line


def _named(section: _RecordingDict):
    """The keys of a section with the lines they were set on."""
    # configparser reports "= 5" as a broken line but stores it under an empty name as well;
    # it has been reported once already.
    return ((key, found_on) for key, found_on in section.lines.items() if key)


_PIN_STOPS = "the kiosk does not start until you fix it"


def _apply_section(section: _RecordingDict, problems: list[tuple[int, str]], path: Path) -> dict[str, object]:
    """The usable settings of the [kiosk] section; each unusable one adds a problem."""
    values: dict[str, object] = {}

    def complain(line: int, key: str, text: str) -> None:
        if key == "pin":
            text = f"{text}; {_PIN_STOPS}"
            values["pin_problem"] = f"{path}:{line}: {text}."
        else:
            text = f"{text}; the default {getattr(_DEFAULTS, key)} is used until you fix it"
        problems.append((line, text))

    for key, found_on in _named(section):
        first = found_on[0]
        checker = _CHECKS.get(key)
        if checker is None:
            problems.append((first, _unknown_key(key)))
            continue
        if len(found_on) > 1:
            listed = ", ".join(str(number) for number in found_on[:-1]) + f" and {found_on[-1]}"
            complain(found_on[1], key, f"{key} is set more than once (lines {listed}); keep only one of them")
            continue
        value = section.get(key)
        if isinstance(value, list):  # only if configparser stopped before joining lines
            value = "\n".join(value)
        result, complaint = checker(value if isinstance(value, str) else "")
        if complaint is None:
            values[key] = result
            if key == "pin":
                values["pin_line"] = first
        else:
            complain(first, key, complaint)
    return values


def kiosk_start_refusal(config: KioskConfig, root: Path, allow_default_pin: bool = False) -> str | None:
    """Why the kiosk must not start with this config, for staff (with file:line); None when it may.

    The default PIN is printed in the setup guide, so a kiosk that still has it (or has a PIN that
    cannot be used) could be left by any visitor who read it. `allow_default_pin` is for the
    game's own tests and --autoplay, which run a kiosk nobody can touch.
    """
    if config.pin_problem is not None:
        return config.pin_problem
    if config.pin == DEFAULT_PIN and not allow_default_pin:
        path = Path(root) / CONFIG_FILE
        if not os.path.lexists(path):
            # It could not be written: telling staff to edit it would send them after a file that is not there.
            folder = _nearest_existing(Path(root))
            return (f"{path} does not exist and could not be created: the folder {folder} cannot be written to. "
                    f"The kiosk needs a PIN of its own in that file. Allow writing to {folder} (or set "
                    f"NIRAPOD_DATA_DIR to a folder that can be written), start the kiosk once to create the file, "
                    f"then change the PIN in it.")
        where = f"{path}:{config.pin_line}" if config.pin_line else f"{path}"
        return (f"{where}: the PIN is still the default {DEFAULT_PIN}, which is printed in the setup guide, so "
                f"any visitor could leave the kiosk with it. Open {path} in Notepad, change the line "
                f"\"pin = {DEFAULT_PIN}\" to a PIN of your own (4 to 8 digits), save it and start the kiosk again.")
    return None


def _nearest_existing(folder: Path) -> Path:
    """`folder`, or its nearest parent that exists: the one whose permissions stopped the file."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return folder


def _check_pin(value: str) -> tuple[str | None, str | None]:
    digits = value.translate(_BANGLA_DIGITS)
    shortest, longest = PIN_LENGTH
    if _ASCII_DIGITS.fullmatch(digits) and shortest <= len(digits) <= longest:
        return digits, None
    return None, f"pin must be {shortest} to {longest} digits (found {_shown(value)})"


def _whole_number(key: str, bounds: tuple[int, int], unit: str):
    low, high = bounds
    what = f"{key} must be a whole number{unit} from {low} to {high}"

    def check(value: str) -> tuple[int | None, str | None]:
        digits = value.translate(_BANGLA_DIGITS)
        if _ASCII_DIGITS.fullmatch(digits) and len(digits.lstrip("0")) <= _MAX_NUMBER_DIGITS:
            number = int(digits)
            if low <= number <= high:
                return number, None
        return None, f"{what} (found {_shown(value)})"

    return check


def _check_language(value: str) -> tuple[str | None, str | None]:
    language = value.strip().lower()
    if language in LANGUAGES:
        return language, None
    return None, f"language must be bn (Bangla) or en (English) (found {_shown(value)})"


_CHECKS = {
    "pin": _check_pin,
    "idle_seconds": _whole_number("idle_seconds", IDLE_SECONDS_RANGE, " of seconds"),
    "countdown_seconds": _whole_number("countdown_seconds", COUNTDOWN_SECONDS_RANGE, " of seconds"),
    "cards_per_round": _whole_number("cards_per_round", CARDS_PER_ROUND_RANGE, ""),
    "language": _check_language,
}


def _unknown_key(key: str) -> str:
    names = list(_CHECKS)
    guess = difflib.get_close_matches(key, names, n=1)
    hint = f" (did you mean {guess[0]}?)" if guess else ""
    return (
        f"unknown setting {_shown(key)} is ignored{hint}; the settings are "
        f"{', '.join(names[:-1])} and {names[-1]}"
    )


def _unknown_section(name: str) -> str:
    hint = f" (write it as [{SECTION}] in small letters)" if name.strip().lower() == SECTION else ""
    return f"unknown section [{name}]{hint}, so the lines under it are ignored; only [{SECTION}] is read"


def _shown(value: str) -> str:
    """A value quoted for a one-line message, with line breaks and control characters visible."""
    if len(value) > 40:
        value = value[:40] + "..."
    return json.dumps(value, ensure_ascii=False)


def _format(path: Path, problems: list[tuple[int, str]]) -> list[str]:
    messages = []
    for line, text in sorted(problems, key=lambda problem: problem[0]):
        where = f"{path}:{line}" if line else f"{path}"
        messages.append(f"{where}: {text}.")
    return messages
