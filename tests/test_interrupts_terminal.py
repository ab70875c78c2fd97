"""Ctrl-C typed on a real terminal (a pseudo-terminal the command owns): the terminal's
SIGINT reaches the launch question and the passphrase prompt, which end with exit 130 and
"Interrupted", nothing sent or approved."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures_launch import approved_campaign, posts_by_author
from fixtures_sandbox import Drill
from test_interrupts_prompts import locked_officer, stored

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")

# The child becomes a session leader (start_new_session) and opens the terminal by name,
# which makes it its controlling terminal: Ctrl-C typed there then signals it, as in a shell.
BOOT = (
    "import os, runpy, sys; os.close(os.open(sys.argv[1], os.O_RDWR)); "
    "sys.argv = ['broadcaster', *sys.argv[2:]]; runpy.run_module('broadcaster', "
    "run_name='__main__')"
)


def _read(master: int, limit: float, until: str | None, seen: bytearray) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the command closed the terminal (it ended)
            return
        if not chunk:
            return
        seen.extend(chunk)
        if until is not None and until.encode() in seen:
            return


def _wait_until_reading(pid: int, limit: float = 60.0) -> None:
    """Until the command sleeps (in its read of the answer): a Ctrl-C typed between the
    prompt's write and the read only sets Python's flag, seen at the next key, as in any
    Python program. Linux's /proc says when; elsewhere a pause has to do."""
    stat_file = Path(f"/proc/{pid}/stat")
    if not stat_file.exists():
        time.sleep(2.0)
        return
    deadline, asleep = time.monotonic() + limit, 0
    while time.monotonic() < deadline and asleep < 3:
        state = stat_file.read_text().rsplit(")", 1)[1].split()[0]
        asleep = asleep + 1 if state == "S" else 0
        time.sleep(0.1)


def ctrl_c_at(drill: Drill, prompt: str, *args: str) -> tuple[int, str]:
    """Run `broadcaster ARGS` on a terminal, type Ctrl-C once `prompt` shows; (exit, text)."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BROADCASTER_")}
    process = subprocess.Popen(
        [sys.executable, "-c", BOOT, os.ttyname(slave), *drill.cli_args(), *args],
        cwd=drill.folder,
        env=env,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    seen = bytearray()
    try:
        _read(master, 90.0, prompt, seen)
        assert prompt.encode() in seen, seen.decode(errors="replace")
        _wait_until_reading(process.pid)
        os.write(master, b"\x03")
        _read(master, 120.0, None, seen)
        code = process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return code, " ".join(seen.decode(errors="replace").split())


def test_ctrl_c_at_the_launch_question_on_a_terminal(drill: Drill) -> None:
    path = approved_campaign(drill)
    code, text = ctrl_c_at(drill, "[y/N]", "launch", str(path))
    assert code == 130, text
    assert "Error: Interrupted; drill-1 was not launched and nothing was sent." in text
    assert "no answer came" not in text and "Traceback" not in text
    assert posts_by_author(drill) == {}
    assert stored(drill)[2] == 0


def test_ctrl_c_at_the_passphrase_on_a_terminal(drill: Drill) -> None:
    path: Path = approved_campaign(drill, approvers=())
    locked = locked_officer(drill)
    code, text = ctrl_c_at(drill, "Passphrase for", "approve", str(path), "--key", str(locked))
    assert code == 130, text
    assert "Error: Interrupted at the passphrase; nothing was changed." in text
    assert "type it when asked" not in text and "Traceback" not in text
    assert stored(drill)[0] == 0
