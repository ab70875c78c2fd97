"""`triage FILE`: every member of one flood gives the flood's one, final size."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from broadcaster.cli import cli
from broadcaster.responses.triage.classify import LOOKAHEAD


def copies(count: int, start: int = 0) -> list[dict[str, object]]:
    # One template, its slots refilled (a count, a handle), a copy every ten seconds.
    return [
        {
            "id": f"s{start + n}",
            "text": f"lol @fan{n} I saw him at Tim Hortons buying {n + 2} donuts 😂 #donutgate",
            "created_at": f"2026-11-23T14:{(n // 6) % 60:02d}:{(n % 6) * 10:02d}Z",
        }
        for n in range(count)
    ]


def flood_reasons(out: str) -> dict[str, list[str]]:
    rows = [json.loads(line) for line in out.splitlines()]
    return {
        row["id"]: [r for r in row["reasons"] if r.startswith("coordinated flood")]
        for row in rows
        if row["flood_key"]
    }


def write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return path


def test_every_copy_of_a_flood_gives_its_final_size(tmp_path: Path) -> None:
    rows = [{"id": "a", "text": "Shared!"}, *copies(10, start=11), {"id": "z", "text": "Any news?"}]
    path = write(tmp_path / "replies.jsonl", rows)
    result = CliRunner().invoke(cli, ["triage", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    reasons = flood_reasons(result.stdout)
    assert sorted(reasons) == sorted(f"s{n}" for n in range(11, 21))
    assert {tuple(r) for r in reasons.values()} == {
        ("coordinated flood: 10 replies from one template in 2 minutes",)
    }


def test_a_flood_longer_than_the_wait_for_a_verdict_gives_one_size_too(tmp_path: Path) -> None:
    count = LOOKAHEAD + 200
    path = write(tmp_path / "replies.jsonl", copies(count))
    result = CliRunner().invoke(cli, ["triage", "-", "--format", "jsonl"], input=path.read_text())
    assert result.exit_code == 0, result.stderr
    reasons = flood_reasons(result.stdout)
    assert len(reasons) == count
    sizes = {r[0].partition(" replies")[0] for r in reasons.values()}
    assert sizes == {f"coordinated flood: {count:,}"}
