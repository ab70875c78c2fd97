"""The README's five-minute drill works as pasted (SPEC): its ```sh block, run by bash in a
fresh copy of the repository's files, with the sandbox on a free port named by
BROADCASTER_SANDBOX_URL (as the README says to do when 8686 is taken)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHIPPED = ["agencies.toml", "campaigns", "templates", ".env.example"]


def drill_block() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A five-minute drill", 1)[1]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    assert match, "README: no ```sh block under 'A five-minute drill'"
    return match.group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_the_readme_drill_runs_as_pasted(tmp_path: Path) -> None:
    for name in SHIPPED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy2(source, tmp_path / name)
    # The drill's first line activates the repository's virtual environment.
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    script = tmp_path / "drill.sh"
    script.write_text("set -e\n" + drill_block(), encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("BROADCASTER_") and key != "VIRTUAL_ENV"
    }
    env["BROADCASTER_SANDBOX_URL"] = f"http://127.0.0.1:{free_port()}"
    log = tmp_path / "drill.log"
    with log.open("w") as sink:
        # A file, not a pipe: a sandbox left running by a failed step must not hold it open.
        process = subprocess.Popen(
            ["bash", str(script)],
            cwd=tmp_path,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            process.wait(timeout=240)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # the sandbox too, if a step failed
            process.wait()
    output = log.read_text(encoding="utf-8", errors="replace")
    assert process.returncode == 0, output[-4000:]
    assert "intact" in output, output[-2000:]
    assert (tmp_path / "report.html").is_file()
