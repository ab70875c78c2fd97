"""Helpers for benchmark scripts: print a figure as one JSON line."""

from __future__ import annotations

import json
from typing import Any


def figure(
    benchmark: str,
    name: str,
    value: float,
    unit: str,
    *,
    target: str = "",
    ok: bool | None = None,
    baseline: str = "",
    **extra: Any,
) -> None:
    row = {
        "benchmark": benchmark,
        "figure": name,
        "value": round(value, 4) if isinstance(value, float) else value,
        "unit": unit,
        "target": target,
        "ok": ok,
        "baseline": baseline,
        **extra,
    }
    print(json.dumps(row), flush=True)
