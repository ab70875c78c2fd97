"""Triage on the held-out set: replies written after the classifier, never used to tune it.

These are regression floors under the figures measured when the set landed (macro F1 0.755,
tip recall 0.97): what matters most is that genuine tips are not lost.
"""

from __future__ import annotations

import json
from pathlib import Path

from broadcaster.responses.triage.classify import evaluate

HELDOUT = Path(__file__).parent / "data" / "replies_heldout.jsonl"


def scores() -> dict:  # type: ignore[type-arg]
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()]
    return evaluate((r["text"], r["label"], bool(r.get("has_media"))) for r in rows if r)


def test_tips_survive_on_replies_never_seen() -> None:
    assert scores()["labels"]["tip"]["recall"] >= 0.9


def test_overall_quality_on_replies_never_seen() -> None:
    assert scores()["macro_f1"] >= 0.70
