"""The tips inbox under floods (tests/data/floods, written blind by another author).

Regression floors under the figures measured when the rules of #13 landed, so that a later
change cannot quietly make the inbox worse. The tuning sets guided those rules; the held-out
thread and family never did (their floors sit under the figures of the one run made after
tuning stopped; see README "Measured promises").
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from broadcaster.responses.triage.inbox import alone, case_of, drowned, read_rows
from broadcaster.responses.triage.relevance import CaseProfile

FLOODS = Path(__file__).parent / "data" / "floods"

pytestmark = pytest.mark.skipif(
    not (FLOODS / "cases.json").exists(), reason="tests/data/floods is not there"
)


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


@pytest.mark.parametrize("thread", TUNING_THREADS)
def test_tuning_threads_alone(thread: str) -> None:
    # Measured: hfpd tip 1.00/1.00, macro F1 0.89; sasm tip 0.947/0.947, macro F1 0.83
    # (sasm tip precision 1.00, macro F1 0.84 after the third round of relevance rules).
    lines, case = thread_case("tuning", thread)
    scores = alone(lines, case)
    assert scores["labels"]["tip"]["precision"] >= 0.95, scores
    assert scores["labels"]["tip"]["recall"] >= 0.90, scores
    assert scores["macro_f1"] >= 0.78, scores


@pytest.mark.parametrize("family", TUNING_FAMILIES)
@pytest.mark.parametrize("thread", TUNING_THREADS)
def test_tuning_threads_under_each_tuning_flood(thread: str, family: str) -> None:
    # Measured: inbox precision 0.90-1.00, tip recall 0.947-1.00, flood recognised
    # 0.953-0.997 (political slogans 0.953: "bande de moutons" reads as abuse). Third round
    # (clusters matched through their variants, relevance): inbox precision 0.947-1.00,
    # flood recognised 0.967-1.00.
    lines, case = thread_case("tuning", thread)
    got = drowned(lines, rows("tuning", family), case)
    assert got["inbox_precision"] >= 0.93, got
    assert got["tip_recall"] >= 0.90, got
    assert got["flood_recognised"] >= 0.96, got
    assert got["flood_out_of_inbox"] >= 0.99, got


# Written by the helper who changed the rules, after reading them (README: not blind).
NOT_BLIND_THREAD = "thread_lcso-2026-0822"


def test_the_not_blind_tuning_thread_alone() -> None:
    # Measured: tip precision 0.639 before the second relevance round, 0.885 after; tip
    # recall 1.00; macro F1 0.775 -> 0.866. Fourth round (cartoon places, a likeness to the
    # writer's own family's car, "we'll be waiting for her", generic case words): tip
    # precision 1.00, macro F1 0.899.
    lines, case = thread_case("tuning", NOT_BLIND_THREAD)
    scores = alone(lines, case)
    assert scores["labels"]["tip"]["precision"] >= 0.95, scores
    assert scores["labels"]["tip"]["recall"] >= 0.95, scores
    assert scores["macro_f1"] >= 0.87, scores


@pytest.mark.parametrize("family", TUNING_FAMILIES)
def test_the_not_blind_tuning_thread_under_each_tuning_flood(family: str) -> None:
    # Measured: inbox precision 0.62-0.64 before, 0.85-0.885 after; tip recall 1.00.
    # Fourth round: inbox precision 1.00 under every family.
    lines, case = thread_case("tuning", NOT_BLIND_THREAD)
    got = drowned(lines, rows("tuning", family), case)
    assert got["inbox_precision"] >= 0.95, got
    assert got["tip_recall"] >= 0.95, got
    assert got["flood_recognised"] >= 0.93, got
    assert got["flood_out_of_inbox"] >= 0.99, got


@pytest.mark.parametrize("thread", [*TUNING_THREADS, NOT_BLIND_THREAD])
def test_the_rumour_chain_under_each_tuning_thread(thread: str) -> None:
    # A family that reads like tips one reply at a time (README: not blind). Measured:
    # flood recognised 0.507 -> 0.670 (templates matched through their variants, bursts of
    # fresh accounts' sightings), inbox precision 0.11-0.14 -> 0.16-0.19: still far below
    # the target, the copies from ordinary accounts each worded apart read as hearsay tips.
    # Fourth round (hearsay, hearsay with a chain letter's call, chains of second-hand
    # sightings and their look-alike trickle, hearsay joined to floods loosely): flood
    # recognised 1.00, inbox precision 1.00, tip recall unchanged (1.00, 0.947, 1.00). Rules
    # written knowing this family: the held-out families say more about them.
    lines, case = thread_case("tuning", thread)
    got = drowned(lines, rows("tuning", "flood_rumour_chain"), case)
    assert got["flood_recognised"] >= 0.97, got
    assert got["inbox_precision"] >= 0.93, got
    assert got["tip_recall"] >= 0.90, got
    assert got["flood_out_of_inbox"] >= 0.99, got


HELDOUT_THREAD = "thread_gbel-2026-0505"
HELDOUT_FAMILY = "flood_giveaway_crypto"


def test_the_heldout_thread_alone() -> None:
    # Measured once, after tuning stopped: tip precision 0.889, recall 1.00, macro F1 0.812.
    # Third round (#13), once after it stopped: 0.882, 0.938 (one tip lost), 0.802.
    lines, case = thread_case("heldout", HELDOUT_THREAD)
    scores = alone(lines, case)
    assert scores["labels"]["tip"]["precision"] >= 0.85, scores
    assert scores["labels"]["tip"]["recall"] >= 0.90, scores
    assert scores["macro_f1"] >= 0.78, scores


@pytest.mark.parametrize("family", TUNING_FAMILIES)
def test_the_heldout_thread_under_each_tuning_flood(family: str) -> None:
    # Measured: inbox precision 0.84-0.89, tip recall 1.00, flood recognised 0.95-0.997
    # (unchanged by the second round of rules chosen on the tuning sets). Third round, once:
    # inbox precision 0.833-0.882, tip recall 0.938, flood recognised 0.967-1.00.
    lines, case = thread_case("heldout", HELDOUT_THREAD)
    got = drowned(lines, rows("tuning", family), case)
    assert got["inbox_precision"] >= 0.80, got
    assert got["tip_recall"] >= 0.90, got
    assert got["flood_recognised"] >= 0.93, got


@pytest.mark.parametrize(
    ("split", "thread"), [("tuning", t) for t in TUNING_THREADS] + [("heldout", HELDOUT_THREAD)]
)
def test_the_heldout_flood_family(split: str, thread: str) -> None:
    # Measured: inbox precision 0.889-1.00 (tuning threads 0.947 and 1.00), tip recall
    # 0.947-1.00, flood recognised 0.995. Third round, once: inbox precision 0.882-1.00,
    # tip recall 0.938-1.00, flood recognised 1.00.
    lines, case = thread_case(split, thread)
    got = drowned(lines, rows("heldout", HELDOUT_FAMILY), case)
    assert got["inbox_precision"] >= 0.85, got
    assert got["tip_recall"] >= 0.90, got
    assert got["flood_recognised"] >= 0.97, got
    assert got["flood_out_of_inbox"] >= 0.99, got


# The third held-out set (#13, December): the Colbeck Falls thread and the copy-paste chain
# family, written blind by a helper that never read the classifier. Their first and only run,
# after the rules of that session were final, is the figure reported; these floors sit just
# under it so a later change cannot make it worse unnoticed (they are not targets: the
# targets are 0.90, and this set misses them).
BLIND_THREAD = "thread_cfps-2026-0917"
BLIND_FAMILY = "flood_copypasta_chain"


def test_the_blind_thread_alone() -> None:
    # First run: tip precision 0.618, recall 0.875 (21 of 24), macro F1 0.724.
    lines, case = thread_case("heldout", BLIND_THREAD)
    scores = alone(lines, case)
    assert scores["labels"]["tip"]["precision"] >= 0.58, scores
    assert scores["labels"]["tip"]["recall"] >= 0.85, scores
    assert scores["macro_f1"] >= 0.70, scores


@pytest.mark.parametrize("thread", TUNING_THREADS)
def test_the_blind_family_over_the_tuning_threads(thread: str) -> None:
    # First run: flood recognised 0.994, kept out of the inbox 0.995; inbox precision
    # 0.692-0.742 (eight copies reach the inbox); tip recall 0.947-1.00.
    lines, case = thread_case("tuning", thread)
    got = drowned(lines, rows("heldout", BLIND_FAMILY), case)
    assert got["flood_recognised"] >= 0.99, got
    assert got["flood_out_of_inbox"] >= 0.99, got
    assert got["inbox_precision"] >= 0.65, got
    assert got["tip_recall"] >= 0.90, got
