"""The setup probe, run as the person setting up a terminal would run it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
import tty
from pathlib import Path

from hardware.framers import rdm6300_frame
from hardware.registry import ReaderSpec, parse_reader_spec

ROOT = Path(__file__).resolve().parents[1]


def probe(
    *args: str, stdin: str | None = None, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hardware.probe", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_list_explains_what_to_do_when_no_reader_is_visible() -> None:
    result = probe("list")
    assert result.returncode == 0, result.stderr
    assert "Keyboard-wedge readers" in result.stdout and "Serial ports" in result.stdout
    assert "70-pos-card-reader.rules" in result.stdout or "setting: evdev:" in result.stdout


def test_watch_prints_each_card_read_from_a_serial_reader(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    tty.setraw(slave)
    try:
        worker = subprocess.Popen(
            [
                sys.executable, "-m", "hardware.probe", "watch",
                f"serial:{os.ttyname(slave)}?framer=rdm6300", "--count", "1", "--seconds", "20",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        assert worker.stdout is not None
        assert worker.stdout.readline().startswith("watching serial:")
        assert "connected" in worker.stdout.readline()
        time.sleep(0.1)
        os.write(master, rdm6300_frame("010063E9AE"))
        out, err = worker.communicate(timeout=20)
    finally:
        os.close(master)
        os.close(slave)
    assert worker.returncode == 0, err
    assert "code 0006547886" in out
    assert "hex 0063E9AE, W26 099,59822" in out


def test_watch_stdin_for_a_wedge_reader_typing_into_the_console() -> None:
    result = probe("watch", "stdin", stdin="0063e9ae\n%%%\n")
    assert "code 0063E9AE" in result.stdout
    assert "not a card code" in result.stdout


def test_a_bad_setting_is_refused_with_a_message() -> None:
    result = probe("watch", "usb:whatever")
    assert result.returncode == 2 and "the kind must be one of" in result.stderr


def test_reader_settings() -> None:
    assert parse_reader_spec("serial:/dev/ttyUSB0?framer=line&baud=19200") == ReaderSpec(
        "serial", "/dev/ttyUSB0", {"framer": "line", "baud": "19200"}
    )
    assert parse_reader_spec("evdev:ffff:0035").by_vid_pid
    assert parse_reader_spec("fake") == ReaderSpec("fake", "demo", {})
    for bad, message in [
        ("evdev:", "give a device path"),
        ("evdev:keyboard", "neither a path nor a VID:PID"),
        ("serial:/dev/ttyUSB0?speed=9600", "unknown option"),
    ]:
        try:
            parse_reader_spec(bad)
        except ValueError as error:
            assert message in str(error)
        else:
            raise AssertionError(f"{bad!r} was accepted")
