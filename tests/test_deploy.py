"""The restart-after-crash launchers in deploy/ are well formed and agree on what exit code 0 means."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
UNIT = REPO_ROOT / "deploy" / "nirapod-kiosk.service"
LAUNCHER = REPO_ROOT / "deploy" / "nirapod-kiosk.cmd"


def parse_unit(text: str) -> dict[str, dict[str, list[str]]]:
    """A systemd unit as {section: {key: [values]}}.

    Not configparser: systemd keys are case-sensitive and may be repeated (Environment=).
    """
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        header = re.fullmatch(r"\[([A-Za-z]+)\]", stripped)
        if header:
            current = sections.setdefault(header.group(1), {})
            continue
        setting = re.fullmatch(r"([A-Za-z][A-Za-z0-9]*)=(.*)", stripped)
        assert setting and current is not None, f"line {number} is not Key=value in a section: {line!r}"
        current.setdefault(setting.group(1), []).append(setting.group(2).strip())
    return sections


def single(unit, section: str, key: str) -> str:
    values = unit.get(section, {}).get(key)
    assert values, f"[{section}] has no {key}="
    assert len(values) == 1, f"[{section}] sets {key}= {len(values)} times"
    return values[0]


def test_the_unit_has_the_sections_and_keys_a_kiosk_needs():
    raw = UNIT.read_bytes()
    assert b"\r" not in raw, "systemd unit files use LF line endings"
    unit = parse_unit(raw.decode("utf-8"))
    assert set(unit) == {"Unit", "Service", "Install"}

    assert single(unit, "Unit", "After") == "graphical-session.target"
    assert single(unit, "Unit", "PartOf") == "graphical-session.target"
    assert single(unit, "Unit", "StartLimitIntervalSec") == "0"  # never give up on crashes
    assert single(unit, "Install", "WantedBy") == "graphical-session.target"

    exec_start = single(unit, "Service", "ExecStart")
    assert exec_start.split()[0].startswith(("/", "%h/")), "older systemd needs an absolute path"
    assert exec_start.split()[1:] == ["-m", "game", "--kiosk"]
    assert single(unit, "Service", "WorkingDirectory").startswith("%h/")
    assert single(unit, "Service", "RestartSec") == "3"


def test_the_unit_does_not_restart_after_staff_leave_with_the_pin():
    # The game exits with 0 only when staff leave; Restart=always would bring it straight back.
    unit = parse_unit(UNIT.read_text(encoding="utf-8"))
    assert single(unit, "Service", "Restart") == "on-failure"
    assert "SuccessExitStatus" not in unit["Service"] and "RestartForceExitStatus" not in unit["Service"]


def test_systemd_accepts_the_unit():
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    with tempfile.TemporaryDirectory() as runtime:
        os.chmod(runtime, 0o700)
        copy = pathlib.Path(runtime) / UNIT.name
        copy.write_bytes(UNIT.read_bytes())
        result = subprocess.run(
            [analyze, "--user", "verify", str(copy)],
            capture_output=True, text=True, timeout=60,
            env={**os.environ, "XDG_RUNTIME_DIR": runtime},
        )
    if "Failed to initialize manager" in result.stderr:
        pytest.skip(f"systemd-analyze cannot run here: {result.stderr.strip()}")
    # Only complaints about lines of the file count; a missing /usr/bin/python3 on this machine
    # says nothing about the unit.
    complaints = [line for line in result.stderr.splitlines() if re.search(rf"{re.escape(UNIT.name)}:\d+:", line)]
    assert complaints == []


def test_the_windows_launcher_is_a_crlf_batch_file_that_starts_kiosk_mode():
    raw = LAUNCHER.read_bytes()
    # cmd.exe misreads labels and goto in a batch file with bare LF line endings.
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") == raw.count(b"\r")
    # cmd.exe reads batch files in the console's code page; ASCII reads the same in all of them.
    assert raw.isascii()

    text = raw.decode("ascii")
    lines = [line.strip() for line in text.split("\r\n")]
    code = [line for line in lines if line and not line.lower().startswith(("rem", "::", "@echo"))]
    assert any(line.lower() == 'cd /d "%~dp0.."' for line in code), "must start from the game's folder"
    starts = [line for line in code if line.endswith("-m game --kiosk")]
    assert starts == ["%PYTHON% -m game --kiosk"]
    assert 'set "PYTHON=python"' in code and 'set "PYTHON=py -3"' in code
    assert "shell:startup" in text


def test_the_windows_launcher_stops_on_0_and_restarts_after_3_seconds_otherwise():
    code = [
        line.strip()
        for line in LAUNCHER.read_bytes().decode("ascii").split("\r\n")
        if line.strip() and not line.strip().lower().startswith("rem")
    ]
    run = code.index(":run")
    loop = code[run : code.index("goto run", run) + 1]
    assert loop[1] == "%PYTHON% -m game --kiosk"
    assert loop[2] == 'set "CODE=%ERRORLEVEL%"'  # read before any other command changes it
    assert 'if "%CODE%"=="0" goto done' in loop
    assert any(line.startswith("timeout /t 3 ") for line in loop)
    done = code[code.index(":done") :]
    assert "exit /b 0" in done and "goto run" not in done


def test_the_unit_runs_the_virtual_environment_and_stops_retrying_a_broken_install():
    unit = parse_unit(UNIT.read_text(encoding="utf-8"))
    python = "%h/nirapod/.venv/bin/python"
    assert single(unit, "Service", "ExecStart").split()[0] == python
    assert single(unit, "Unit", "ConditionPathExists") == python
    # 78: kiosk.ini must be changed first; 75: another Nirapod already holds the data folder.
    assert single(unit, "Service", "RestartPreventExitStatus").split() == ["78", "75"]


def _run_start_check(home: pathlib.Path) -> subprocess.CompletedProcess:
    """The unit's ExecStartPre line as systemd would run it, with %h standing for `home`."""
    unit = parse_unit(UNIT.read_text(encoding="utf-8"))
    command = single(unit, "Service", "ExecStartPre").replace("%h", str(home))
    shell, flag, script = command.split(" ", 2)
    assert (shell, flag) == ("/bin/sh", "-c") and script[0] == script[-1] == "'"
    return subprocess.run([shell, flag, script[1:-1]], capture_output=True, text=True, timeout=120,
                          cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})


def test_the_start_check_passes_a_working_install_and_refuses_one_without_pygame(tmp_path):
    import sys
    import venv

    working = tmp_path / "working"
    (working / "nirapod" / ".venv" / "bin").mkdir(parents=True)
    wrapper = working / "nirapod" / ".venv" / "bin" / "python"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    wrapper.chmod(0o755)
    assert _run_start_check(working).returncode == 0

    broken = tmp_path / "broken"
    venv.EnvBuilder(with_pip=False).create(broken / "nirapod" / ".venv")  # a new environment: no pygame
    assert _run_start_check(broken).returncode == 78
