"""The inbox figure: what an officer sees when a labelled thread is drowned in a flood.

Rows are labelled replies as JSON objects: `text`, `label`, `has_media`, and optionally
`author` (a handle), `author_age_days`, `minute` (after the appeal). A thread and a flood
are merged by minute (ties: the thread first), triaged in that order as tracking would,
settled as `triage FILE` settles, then counted: the precision of the tips inbox, the recall
of the real tips, and how much of the flood got its own label (spam, or abuse for a
brigade of insults) and stayed out of the inbox.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from broadcaster.responses.triage.classify import Triager, Verdict, scores_of
from broadcaster.responses.triage.relevance import CaseProfile, month_of
from broadcaster.responses.triage.second_opinion import SecondOpinion

if TYPE_CHECKING:
    from broadcaster.responses.triage.learned import LearnedModel

START = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


def read_rows(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _label(triager: Triager, row: dict[str, Any]) -> Verdict:
    minute = row.get("minute")
    created = START + timedelta(minutes=float(minute)) if minute is not None else None
    age = row.get("author_age_days")
    born = created - timedelta(days=float(age)) if created is not None and age is not None else None
    return triager.label(
        row["text"],
        has_media=bool(row.get("has_media")),
        author_id=row.get("author"),
        author_created_at=born,
        created_at=created,
        author_handle=row.get("author"),
    )


def triaged(
    rows: Iterable[dict[str, Any]],
    case: CaseProfile | None = None,
    model: LearnedModel | None = None,
    opinion: SecondOpinion | bool = True,
) -> list[tuple[dict[str, Any], Verdict]]:
    """Each row with its settled verdict. `opinion`: True for the learned second opinion
    the Triager gives (second_opinion.py), False for the cues (and `model`) alone, or a
    SecondOpinion of the caller's (the benchmark's leave-one-thread-out models)."""
    triager = Triager(case=case, model=model)
    if opinion is False:
        triager.model = SecondOpinion.off(model)
    elif isinstance(opinion, SecondOpinion):
        triager.model = opinion
    return list(triager.settled(rows, lambda row: _label(triager, row), text=itemgetter("text")))


def merged(
    thread: Sequence[dict[str, Any]], flood: Sequence[dict[str, Any]]
) -> tuple[list[dict[str, Any]], set[int]]:
    """`thread` with `flood` merged into it by minute (ties: the thread first), and the ids
    of the flood's rows."""
    tagged = [(r.get("minute", 0), 0, i, r, False) for i, r in enumerate(thread)]
    tagged += [(r.get("minute", 0), 1, i, r, True) for i, r in enumerate(flood)]
    tagged.sort(key=lambda t: (t[0], t[1], t[2]))
    return [t[3] for t in tagged], {id(t[3]) for t in tagged if t[4]}


def inbox_figures(
    thread: Sequence[dict[str, Any]],
    results: Sequence[tuple[dict[str, Any], Verdict]],
    flooded: set[int],
) -> dict[str, Any]:
    """The inbox figures of a drowned thread's verdicts (`flooded`: ids of the flood's rows)."""
    inbox = [(row, v) for row, v in results if v.label == "tip"]
    real = sum(1 for row, _ in inbox if row["label"] == "tip" and id(row) not in flooded)
    tips = sum(1 for r in thread if r["label"] == "tip")
    flood_rows = [(row, v) for row, v in results if id(row) in flooded]
    own = sum(1 for row, v in flood_rows if v.label == row["label"])
    out_of_inbox = sum(1 for _, v in flood_rows if v.label != "tip")
    return {
        "inbox": len(inbox),
        "inbox_precision": real / len(inbox) if inbox else 1.0,
        "tip_recall": real / tips if tips else 1.0,
        "flood": len(flood_rows),
        "flood_recognised": own / len(flood_rows) if flood_rows else 1.0,
        "flood_out_of_inbox": out_of_inbox / len(flood_rows) if flood_rows else 1.0,
    }


def drowned(
    thread: Sequence[dict[str, Any]],
    flood: Sequence[dict[str, Any]],
    case: CaseProfile | None = None,
    model: LearnedModel | None = None,
    opinion: SecondOpinion | bool = True,
) -> dict[str, Any]:
    """The inbox figures of `thread` with `flood` merged into it by minute."""
    rows, flooded = merged(thread, flood)
    return inbox_figures(thread, triaged(rows, case, model, opinion), flooded)


def label_figures(results: Iterable[tuple[dict[str, Any], Verdict]]) -> dict[str, Any]:
    """Per-label scores of labelled rows' verdicts."""
    confusion: dict[tuple[str, str], int] = {}
    right = total = 0
    for row, verdict in results:
        key = (row["label"], verdict.label)
        confusion[key] = confusion.get(key, 0) + 1
        right += key[0] == key[1]
        total += 1
    return scores_of(confusion, total, right)


def alone(
    thread: Sequence[dict[str, Any]],
    case: CaseProfile | None = None,
    model: LearnedModel | None = None,
    opinion: SecondOpinion | bool = True,
) -> dict[str, Any]:
    """Per-label scores of a thread without a flood (in minute order)."""
    ordered = sorted(thread, key=lambda r: r.get("minute", 0))
    return label_figures(triaged(ordered, case, model, opinion))


def misses(
    thread: Sequence[dict[str, Any]],
    flood: Sequence[dict[str, Any]] = (),
    case: CaseProfile | None = None,
) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """What went wrong (expected, got, text, reasons): for tuning on the tuning sets only."""
    rows = sorted([*thread, *flood], key=lambda r: r.get("minute", 0))
    return [
        (row["label"], v.label, row["text"], v.reasons)
        for row, v in triaged(rows, case, opinion=False)
        if v.label != row["label"] and "tip" in (v.label, row["label"])
    ]


def case_of(entry: dict[str, Any]) -> CaseProfile:
    """A CaseProfile from an evaluation case (cases.json: description, clothing, vehicle,
    offence, last_seen place, places_nearby, agencies' cities and languages)."""
    last_seen = entry.get("last_seen") or {}
    if isinstance(last_seen, str):
        last_seen = {"place": last_seen}
    agencies = entry.get("agencies") or []
    cities = [a.get("city") for a in agencies if isinstance(a, dict)]
    places = [last_seen.get("place"), entry.get("places_nearby"), *cities]
    texts = [
        entry.get("description"),
        entry.get("clothing"),
        entry.get("vehicle"),
        entry.get("offence"),
        entry.get("name"),
        *places,
    ]
    languages = [a.get("lang", "en") for a in agencies if isinstance(a, dict)]
    lead = languages[0] if languages else (entry.get("languages") or ["en"])[0]
    details = [
        entry.get("description"),
        entry.get("clothing"),
        entry.get("vehicle"),
        last_seen.get("place"),
        entry.get("places_nearby"),
    ]
    return CaseProfile.from_texts(
        texts,
        places=places,
        language=lead,
        languages=languages,
        details=details,
        framing=[entry.get("offence"), *cities],
        describing=[
            entry.get("description"),
            entry.get("clothing"),
            entry.get("vehicle"),
            entry.get("name"),
        ],
        month=month_of(last_seen.get("time")) or month_of(entry.get("posted")),
    )
