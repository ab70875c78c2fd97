"""A reply's verdict: its label, its reasons, and the flood and cluster it belongs to."""

from __future__ import annotations

from typing import NamedTuple


class Verdict(NamedTuple):
    """A reply's label, the cues that led to it, their summed weight, the flood it
    belongs to (a stable key shared by near-duplicates; None when it is not in a flood),
    and its template cluster (floods.py; None for a reply judged alone)."""

    label: str
    reasons: tuple[str, ...]
    score: float
    flood_key: str | None = None
    cluster: str | None = None
