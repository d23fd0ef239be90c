"""kiosk.ini: created with notes on the first run, and whatever staff save never stops the kiosk."""

from __future__ import annotations

import configparser
import errno
import os
import pathlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import kiosk_config
from game.kiosk_config import CONFIG_FILE, DEFAULT_PIN, KioskConfig, kiosk_start_refusal, load_kiosk_config
from game.storage import StorageError, StorageNotice, StorageProblem


DEFAULTS = KioskConfig()
KEYS = ("pin", "idle_seconds", "countdown_seconds", "cards_per_round", "language")


def write_config(root: pathlib.Path, text: str) -> pathlib.Path:
    path = root / CONFIG_FILE
    path.write_bytes(text.encode("utf-8"))
    return path


def load_text(root: pathlib.Path, text: str) -> tuple[KioskConfig, list[str], pathlib.Path]:
    path = write_config(root, text)
    config, messages = load_kiosk_config(root)
    return config, messages, path


def assert_usable(config: KioskConfig) -> None:
    """Whatever was in the file, the kiosk gets settings it can run with."""
    assert isinstance(config, KioskConfig)
    assert re.fullmatch(r"[0-9]{4,8}", config.pin)
    assert type(config.idle_seconds) is int and 10 <= config.idle_seconds <= 3600
    assert type(config.countdown_seconds) is int and 5 <= config.countdown_seconds <= 120
    assert type(config.cards_per_round) is int and 3 <= config.cards_per_round <= 10
    assert config.language in ("bn", "en")


# --- the first run ------------------------------------------------------------------------------


def test_first_run_writes_a_commented_file_that_loads_back_as_the_defaults(tmp_path):
    config, messages = load_kiosk_config(tmp_path)
    assert (config, messages) == (DEFAULTS, [])

    path = tmp_path / CONFIG_FILE
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "every line ends in CRLF for old Notepad"
    lines = raw.decode("ascii").splitlines()

    # Read independently of the code under test: every key, with its default, under [kiosk].
    independent = configparser.ConfigParser(interpolation=None)
    independent.read_string(raw.decode("ascii"))
    assert dict(independent["kiosk"]) == {key: str(getattr(DEFAULTS, key)) for key in KEYS}

    for key in KEYS:
        [index] = [i for i, line in enumerate(lines) if line.startswith(f"{key} =")]
        assert lines[index - 1].startswith("# "), f"{key} has no explanation right above it"
    pin_notes = " ".join(line for line in lines if line.startswith("#")).lower()
    assert "change it before the event" in pin_notes

    assert load_kiosk_config(tmp_path) == (DEFAULTS, [])
    assert path.read_bytes() == raw, "an existing file is never rewritten"


def test_first_run_creates_the_data_folder(tmp_path):
    root = tmp_path / "not" / "yet" / "there"
    assert load_kiosk_config(root) == (DEFAULTS, [])
    assert (root / CONFIG_FILE).is_file()


def test_deleting_the_file_brings_the_defaults_back(tmp_path):
    load_text(tmp_path, "[kiosk]\npin = 1357\n")
    (tmp_path / CONFIG_FILE).unlink()
    assert load_kiosk_config(tmp_path) == (DEFAULTS, [])
    assert (tmp_path / CONFIG_FILE).is_file()


# --- settings that apply ------------------------------------------------------------------------


def test_a_changed_pin_applies_and_the_rest_stay_default(tmp_path):
    load_kiosk_config(tmp_path)
    path = tmp_path / CONFIG_FILE
    path.write_bytes(path.read_bytes().replace(b"pin = 2468", b"pin = 97531"))
    assert load_kiosk_config(tmp_path) == (KioskConfig(pin="97531"), [])


def test_every_setting_applies(tmp_path):
    config, messages, _ = load_text(tmp_path, (
        "[kiosk]\npin = 12345678\nidle_seconds = 3600\ncountdown_seconds = 5\n"
        "cards_per_round = 10\nlanguage = en\n"
    ))
    assert messages == []
    assert config == KioskConfig("12345678", 3600, 5, 10, "en")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[kiosk]\r\nPIN = 1357\r\n", KioskConfig(pin="1357")),  # Notepad line ends, capitals
        ("[kiosk]\npin: 1357\n", KioskConfig(pin="1357")),  # the other separator configparser allows
        ("[kiosk]\n  pin   =   1357   \n", KioskConfig(pin="1357")),
        ("[kiosk]\npin = 1357  # our new PIN\n", KioskConfig(pin="1357")),  # a note after the value
        ("[kiosk]\npin = 0007\n", KioskConfig(pin="0007")),  # leading zeros are part of a PIN
        ("[kiosk]\npin = ১৩৫৭\nidle_seconds = ৯০\n", KioskConfig(pin="1357", idle_seconds=90)),  # Bangla digits
        ("[kiosk]\nlanguage = EN\n", KioskConfig(language="en")),
        ("[kiosk]\nidle_seconds = 0090\n", KioskConfig(idle_seconds=90)),
        ("[kiosk]\npin = 1357\n# 100% sure, %(not)s a template\n", KioskConfig(pin="1357")),
        ("[kiosk]\n", DEFAULTS),  # missing settings quietly keep their defaults
        ("# only notes\n\n[kiosk]\n; another note\n", DEFAULTS),
    ],
)
def test_valid_spellings(tmp_path, text, expected):
    config, messages, _ = load_text(tmp_path, text)
    assert messages == []
    assert config == expected


def test_byte_order_marks_and_notepad_unicode_are_read(tmp_path):
    text = "[kiosk]\r\npin = 1357\r\n"
    for raw in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("utf-16"), text.encode("utf-16-be")):
        if raw.startswith(b"\x00"):
            raw = b"\xfe\xff" + raw  # Notepad's "Unicode big endian" starts with a BOM
        (tmp_path / CONFIG_FILE).write_bytes(raw)
        assert load_kiosk_config(tmp_path) == (KioskConfig(pin="1357"), [])


# --- problems: reported by line, that setting alone falls back ----------------------------------


def test_the_message_names_file_line_value_and_fallback(tmp_path):
    config, messages, path = load_text(
        tmp_path, "# Our stand\n[kiosk]\nidle_seconds = 30\npin = 12a\nlanguage = en\n"
    )
    assert messages == [
        f'{path}:4: pin must be 4 to 8 digits (found "12a"); the kiosk does not start until you fix it.'
    ]
    assert config == KioskConfig(idle_seconds=30, language="en")
    # Never the public default in its place: the kiosk stops with the same file:line message.
    assert kiosk_start_refusal(config, tmp_path) == messages[0]
    assert kiosk_start_refusal(config, tmp_path, allow_default_pin=True) == messages[0]


GOOD_LINES = ["pin = 1357", "idle_seconds = 30", "countdown_seconds = 10", "cards_per_round = 7", "language = en"]
GOOD = KioskConfig("1357", 30, 10, 7, "en")


@pytest.mark.parametrize(
    "key, bad_value, words",
    [
        ("pin", "123", "pin must be 4 to 8 digits"),
        ("pin", "123456789", "pin must be 4 to 8 digits"),
        ("pin", "12 34", "pin must be 4 to 8 digits"),
        ("pin", '"1357"', "pin must be 4 to 8 digits"),
        ("pin", "", "pin must be 4 to 8 digits"),
        ("pin", "-1357", "pin must be 4 to 8 digits"),
        ("pin", "13%(x)s", "pin must be 4 to 8 digits"),  # no template expansion, no crash
        ("idle_seconds", "9", "idle_seconds must be a whole number of seconds from 10 to 3600"),
        ("idle_seconds", "3601", "idle_seconds must be a whole number of seconds from 10 to 3600"),
        ("idle_seconds", "1_000", "from 10 to 3600"),  # int() would accept this
        ("idle_seconds", "+60", "from 10 to 3600"),
        ("idle_seconds", "60.5", "from 10 to 3600"),
        ("idle_seconds", "one minute", "from 10 to 3600"),
        pytest.param("idle_seconds", "9" * 5000, "from 10 to 3600", id="beyond int()'s digit limit"),
        ("countdown_seconds", "4", "countdown_seconds must be a whole number of seconds from 5 to 120"),
        ("countdown_seconds", "121", "from 5 to 120"),
        ("cards_per_round", "2", "cards_per_round must be a whole number from 3 to 10"),
        ("cards_per_round", "11", "from 3 to 10"),
        ("language", "fr", "language must be bn (Bangla) or en (English)"),
        ("language", "bangla", "language must be bn (Bangla) or en (English)"),
    ],
)
def test_a_bad_value_is_reported_on_its_line_and_only_it_falls_back(tmp_path, key, bad_value, words):
    lines = ["[kiosk]"] + [f"{key} = {bad_value}" if line.startswith(key + " ") else line for line in GOOD_LINES]
    config, messages, path = load_text(tmp_path, "\n".join(lines) + "\n")

    bad_line = 1 + next(i for i, line in enumerate(lines) if line.startswith(key + " "))
    [message] = messages
    assert message.startswith(f"{path}:{bad_line}: {key} must be ")
    assert words in message
    assert "(found " in message
    if key == "pin":
        assert message.endswith("the kiosk does not start until you fix it.")
        assert kiosk_start_refusal(config, tmp_path) == message
    else:
        assert message.endswith(f"the default {getattr(DEFAULTS, key)} is used until you fix it.")
        assert kiosk_start_refusal(config, tmp_path) is None
    expected = {**GOOD.__dict__, key: getattr(DEFAULTS, key)}
    assert config == KioskConfig(**{k: v for k, v in expected.items() if not k.startswith("pin_")})


def test_indented_lines_stand_on_their_own(tmp_path):
    # To configparser an indented line continues the value above; staff just indent by accident.
    config, messages, path = load_text(tmp_path, "  [kiosk]\n\tpin = 1357\n    language = en\n  idle_seconds = 30\n")
    assert (config, messages) == (KioskConfig(pin="1357", language="en", idle_seconds=30), [])

    config, messages, path = load_text(tmp_path, "[kiosk]\npin = 12\n  34\n")
    assert config == DEFAULTS
    assert [m.split(": ", 1)[0] for m in messages] == [f"{path}:2", f"{path}:3"]
    assert 'found "12"' in messages[0] and "is not a setting" in messages[1]


def test_a_long_value_is_shown_short(tmp_path):
    _, [message], _ = load_text(tmp_path, "[kiosk]\nlanguage = " + "x" * 500 + "\n")
    assert 'found "' + "x" * 40 + '..."' in message and len(message) < 300


def test_a_repeated_setting_is_reported_where_it_repeats_and_falls_back(tmp_path):
    config, messages, path = load_text(
        tmp_path, "[kiosk]\npin = 1357\nlanguage = en\npin = 9999\nidle_seconds = 30\npin = 1111\n"
    )
    assert messages == [
        f"{path}:4: pin is set more than once (lines 2, 4 and 6); keep only one of them; the kiosk does "
        "not start until you fix it."
    ]
    assert config == KioskConfig(language="en", idle_seconds=30)
    assert kiosk_start_refusal(config, tmp_path) == messages[0]


def test_the_default_pin_stops_the_kiosk_with_the_line_to_change(tmp_path):
    config, messages = load_kiosk_config(tmp_path)  # the first start writes the file with 2468
    refusal = kiosk_start_refusal(config, tmp_path)
    assert refusal.startswith(f"{tmp_path / 'kiosk.ini'}:10: the PIN is still the default 2468")
    assert 'change the line "pin = 2468"' in refusal
    assert (tmp_path / "kiosk.ini").read_text().splitlines()[9] == "pin = 2468"
    assert kiosk_start_refusal(config, tmp_path, allow_default_pin=True) is None  # --autoplay and tests
    config, _, _ = load_text(tmp_path, "[kiosk]\npin = 7391\n")
    assert kiosk_start_refusal(config, tmp_path) is None


def test_a_setting_repeated_in_a_second_kiosk_section_counts_as_repeated(tmp_path):
    config, messages, path = load_text(tmp_path, "[kiosk]\nlanguage = en\n[kiosk]\nlanguage = bn\n")
    assert [m.split(": ", 1)[0] for m in messages] == [f"{path}:4"]
    assert "language is set more than once" in messages[0]
    assert config == DEFAULTS


def test_an_unknown_setting_is_reported_with_a_suggestion_and_ignored(tmp_path):
    config, messages, path = load_text(tmp_path, "[kiosk]\npin = 1357\nidle_second = 30\nvolume = 11\n")
    assert config == KioskConfig(pin="1357")
    assert messages[0].startswith(f'{path}:3: unknown setting "idle_second" is ignored (did you mean idle_seconds?)')
    assert messages[1].startswith(f'{path}:4: unknown setting "volume" is ignored; the settings are pin, ')


def test_broken_lines_are_reported_and_the_rest_still_applies(tmp_path):
    config, messages, path = load_text(
        tmp_path, "[kiosk]\npin 1357\nlanguage = en\n[kiosk\nidle_seconds = 30\n= 5\n"
    )
    assert config == KioskConfig(language="en", idle_seconds=30)
    assert [m.split(": ", 1)[0] for m in messages] == [f"{path}:2", f"{path}:4", f"{path}:6"]
    assert all('is not a setting ("name = value")' in m and 'missing "="' in m for m in messages)


def test_settings_above_the_kiosk_line_are_reported_and_ignored(tmp_path):
    config, messages, path = load_text(tmp_path, "pin = 1357\n\n[kiosk]\nlanguage = en\n")
    assert config == KioskConfig(language="en")
    assert messages == [f'{path}:1: "pin" is above the [kiosk] line, so it is ignored; move it below [kiosk].']


def test_other_sections_are_reported_and_do_not_leak_into_kiosk(tmp_path):
    config, messages, path = load_text(
        tmp_path, "[DEFAULT]\npin = 1111\n[kiosk]\nlanguage = en\n[Kiosk]\npin = 2222\n"
    )
    assert config == KioskConfig(language="en")
    assert [m.split(": ", 1)[0] for m in messages] == [f"{path}:1", f"{path}:5"]
    assert "unknown section [DEFAULT]" in messages[0]
    assert "unknown section [Kiosk] (write it as [kiosk] in small letters)" in messages[1]


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing here\n", "pin = 1357\n", "[other]\n"])
def test_a_file_without_a_kiosk_section_says_so(tmp_path, text):
    config, messages, path = load_text(tmp_path, text)
    assert config == DEFAULTS
    assert f"{path}: there is no [kiosk] line" in "\n".join(messages)


def test_bytes_that_are_not_utf8_are_reported_on_their_line(tmp_path):
    path = tmp_path / CONFIG_FILE
    path.write_bytes(b"[kiosk]\r\nlanguage = en\r\n# caf\xe9 notes\r\npin = 1357\r\n")  # Windows-1252 e-acute
    config, messages = load_kiosk_config(tmp_path)
    assert config == KioskConfig(pin="1357", language="en")
    assert messages == [
        f"{path}:3: this line has characters that are not UTF-8, so they cannot be read; "
        "in Notepad use File > Save as and choose Encoding: UTF-8."
    ]


def test_line_numbers_count_line_breaks_the_way_notepad_does(tmp_path):
    for newline in ("\n", "\r\n", "\r"):
        _, messages, path = load_text(tmp_path, newline.join(["[kiosk]", "", "# note", "pin = x"]) + newline)
        assert [m.split(": ", 1)[0] for m in messages] == [f"{path}:4"], repr(newline)


def test_messages_come_in_line_order(tmp_path):
    _, messages, path = load_text(
        tmp_path, "[kiosk]\nlanguage = fr\npin = 1\nbroken\nvolume = 3\ncards_per_round = 99\n"
    )
    numbers = [int(re.match(r":(\d+): ", m[len(str(path)):]).group(1)) for m in messages]
    assert numbers == sorted(numbers) == [2, 3, 4, 5, 6]


# --- files and folders that cannot be used -----------------------------------------------------


@pytest.mark.unprivileged
def test_a_read_only_folder_gives_the_defaults_and_a_message(tmp_path):
    tmp_path.chmod(0o555)
    try:
        config, messages = load_kiosk_config(tmp_path)
    finally:
        tmp_path.chmod(0o755)
    assert config == DEFAULTS
    [message] = messages
    assert message.startswith(f"{tmp_path / CONFIG_FILE}: cannot be created (")
    assert DEFAULT_PIN in message
    assert not (tmp_path / CONFIG_FILE).exists()


def test_a_failed_write_gives_the_defaults_and_a_message(tmp_path, monkeypatch):
    # The same path as a read-only folder, reachable when the tests run as root.
    def refuse(path, data):
        cause = OSError(errno.EROFS, "Read-only file system", f"{path}.tmp-1")
        raise StorageError(StorageNotice(StorageProblem.UNWRITABLE, pathlib.Path(path), str(cause))) from cause

    monkeypatch.setattr(kiosk_config, "atomic_write_bytes", refuse)
    config, messages = load_kiosk_config(tmp_path)
    assert config == DEFAULTS
    assert messages == [
        f"{tmp_path / CONFIG_FILE}: cannot be created (Read-only file system); all settings use their "
        f"defaults (PIN {DEFAULT_PIN}). Check that this folder can be written to."
    ]


def test_a_data_folder_that_is_a_file_gives_the_defaults_and_a_message(tmp_path):
    root = tmp_path / "data"
    root.write_text("not a folder")
    config, messages = load_kiosk_config(root)
    assert config == DEFAULTS
    assert len(messages) == 1 and messages[0].startswith(str(root / CONFIG_FILE))


def test_a_folder_named_kiosk_ini_gives_the_defaults_and_a_message(tmp_path):
    (tmp_path / CONFIG_FILE).mkdir()
    config, messages = load_kiosk_config(tmp_path)
    assert config == DEFAULTS
    assert len(messages) == 1 and messages[0].startswith(f"{tmp_path / CONFIG_FILE}: is not an ordinary file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
def test_a_pipe_or_a_link_to_an_endless_device_is_not_read(tmp_path):
    os.mkfifo(tmp_path / CONFIG_FILE)  # reading a pipe nobody writes to would wait for ever
    config, messages = load_kiosk_config(tmp_path)
    assert config == DEFAULTS and "is not an ordinary file" in messages[0]
    os.unlink(tmp_path / CONFIG_FILE)
    os.symlink("/dev/zero", tmp_path / CONFIG_FILE)  # reading it whole would fill the memory
    config, messages = load_kiosk_config(tmp_path)
    assert config == DEFAULTS and "is not an ordinary file" in messages[0]


# --- anything at all ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> pathlib.Path:
    # One folder for all examples (each overwrites the file); hypothesis reruns the test body
    # many times per call, which a per-test tmp_path would not reset between.
    return tmp_path_factory.mktemp("kiosk-fuzz")


def check_never_raises(root: pathlib.Path, raw: bytes) -> None:
    path = root / CONFIG_FILE
    path.write_bytes(raw)
    config, messages = load_kiosk_config(root)
    assert_usable(config)
    assert isinstance(messages, list)
    line_count = max(1, raw.count(b"\n") + raw.count(b"\r") + 1)
    for message in messages:
        assert message.startswith(str(path) + ":"), message
        assert "\n" not in message and "\r" not in message
        line = re.match(r":(\d+): ", message[len(str(path)):])
        if line:
            assert 1 <= int(line.group(1)) <= line_count


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_never_raise(fuzz_root, raw):
    check_never_raises(fuzz_root, raw)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([b"", b"\xef\xbb\xbf"]))
def test_any_text_never_raises(fuzz_root, text, bom):
    check_never_raises(fuzz_root, bom + text.encode("utf-8", errors="surrogatepass"))


INI_PIECES = st.one_of(
    st.sampled_from(
        ["[kiosk]", "[Kiosk]", "[DEFAULT]", "[kiosk", "", "  ", "# note", "; note", "=", ":", "%(x)s"]
    ),
    st.builds(
        lambda indent, key, sep, value: f"{indent}{key}{sep}{value}",
        st.sampled_from(["", " ", "\t"]),
        st.sampled_from(list(KEYS) + ["PIN", "pin ", "volume", ""]),
        st.sampled_from(["=", " = ", ":", " "]),
        st.one_of(st.text(max_size=12), st.integers(-10, 10_000).map(str), st.sampled_from(["bn", "en", "১২৩৪"])),
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(INI_PIECES, max_size=15), st.sampled_from(["\n", "\r\n", "\r"]))
def test_ini_like_lines_never_raise(fuzz_root, lines, newline):
    check_never_raises(fuzz_root, newline.join(lines).encode("utf-8", errors="surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "pin": st.from_regex(r"[0-9]{4,8}", fullmatch=True),
            "idle_seconds": st.integers(10, 3600),
            "countdown_seconds": st.integers(5, 120),
            "cards_per_round": st.integers(3, 10),
            "language": st.sampled_from(["bn", "en"]),
        },
    ),
    st.randoms(use_true_random=False),
    st.sampled_from(["\n", "\r\n"]),
)
def test_any_valid_file_applies_exactly_with_no_messages(fuzz_root, chosen, rng, newline):
    lines = [f"{key} = {value}" for key, value in chosen.items()]
    rng.shuffle(lines)
    lines = ["# settings", "[kiosk]"] + [line for pair in zip(["# note"] * len(lines), lines) for line in pair]
    (fuzz_root / CONFIG_FILE).write_bytes(newline.join(lines).encode("utf-8"))
    assert load_kiosk_config(fuzz_root) == (KioskConfig(**chosen), [])
