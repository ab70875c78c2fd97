"""The flood evaluation sets (tests/data/floods) as tests read them: rows, cases, a thread with
its case. Shared by the tuning floors and the held-out floors, which live in separate files so
that whoever tunes the classifier can run the first without ever running the second."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from broadcaster.responses.triage.inbox import case_of, read_rows
from broadcaster.responses.triage.relevance import CaseProfile

FLOODS = Path(__file__).parent / "data" / "floods"


@cache
def cases() -> dict[str, CaseProfile]:
    entries = json.loads((FLOODS / "cases.json").read_text(encoding="utf-8"))
    return {c["id"]: case_of(c) for c in entries}


@cache
def rows(split: str, name: str) -> list[dict[str, Any]]:
    return read_rows(FLOODS / split / f"{name}.jsonl")


def thread_case(split: str, thread: str) -> tuple[list[dict[str, Any]], CaseProfile]:
    lines = rows(split, thread)
    return lines, cases()[lines[0]["case"]]


TUNING_THREADS = ["thread_hfpd-2026-0314", "thread_sasm-2026-0209"]
TUNING_FAMILIES = [
    "flood_kpop_fancam",
    "flood_joke_sightings",
    "flood_political_hijack",
    "flood_media_only",
    "flood_quote_brigade",
]
