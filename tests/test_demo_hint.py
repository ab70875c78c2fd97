"""The demo's closing hint names a command the officer's shell can run from the drill folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from broadcaster.cli.views.launching import _this_command


def test_a_program_off_the_path_is_named_by_its_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `make demo` runs .venv/bin/broadcaster without activating the venv.
    program = tmp_path / ".venv" / "bin" / "broadcaster"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "argv", [str(program)])
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert _this_command() == str(program.resolve())


def test_the_program_on_the_path_is_named_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "bin" / "broadcaster"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(program)])
    monkeypatch.setenv("PATH", str(program.parent))
    assert _this_command() == "broadcaster"


def test_python_dash_m_is_named_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/somewhere/broadcaster/__main__.py"])
    assert _this_command().endswith(" -m broadcaster")
