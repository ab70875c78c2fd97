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


def approve_as_drill_officer(engine: Any, prepared: Any, officer_id: str = "lee") -> None:
    """Approve as one of the drill officers the drill workspace writes (keys/ID beside
    agencies.toml): a signed approval, as in the product."""
    from broadcaster.authoring.approval import approve, officers_for
    from broadcaster.authoring.officers import signer_for

    officers = officers_for(prepared)
    key = prepared.registry.path.parent / "keys" / officer_id
    approve(engine, prepared, signer_for(officers, key, "approver"), officers)
