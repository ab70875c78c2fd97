"""Run every benchmark script and print one table (`make bench`)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).parent


def main(selected: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if selected:
        scripts = [s for s in scripts if any(name in s.stem for name in selected)]
    rows: list[dict[str, object]] = []
    console = Console()
    for script in scripts:
        console.print(f"[dim]running {script.name}…[/dim]")
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, cwd=HERE.parent
        )
        elapsed = time.perf_counter() - started
        parsed = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        if result.returncode != 0 or not parsed:
            parsed.append(
                {
                    "benchmark": script.stem.removeprefix("bench_"),
                    "figure": "script failed",
                    "value": result.returncode,
                    "unit": "exit",
                    "target": "0",
                    "ok": False,
                    "baseline": result.stderr.strip().splitlines()[-1:] or "",
                }
            )
        for row in parsed:
            row.setdefault("seconds", round(elapsed, 1))
        rows.extend(parsed)

    table = Table(title="broadcaster benchmarks")
    for column in ("benchmark", "figure", "value", "target", "baseline", "ok"):
        table.add_column(column)
    for row in rows:
        value = f"{row.get('value')} {row.get('unit', '')}".strip()
        ok = row.get("ok")
        mark = "[green]yes[/green]" if ok else ("[red]NO[/red]" if ok is False else "-")
        table.add_row(
            str(row.get("benchmark")),
            str(row.get("figure")),
            value,
            str(row.get("target", "")),
            str(row.get("baseline", "")),
            mark,
        )
    console.print(table)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(rows, indent=2))
    return 0 if all(row.get("ok") is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
