"""The deployment's model learned from officers' corrections (triage/learned.py).

The generalisation test uses the tuning sets only (tests/data/floods/tuning): an officer
corrects the replies of one wave of joke "sightings" that triage got wrong, and a NEW wave
written from the family's other templates, never trained on, is labelled right far more
often; the shipped tuning data the model starts from leaves that family out, so what it
knows of it comes from the corrections alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fixtures_responses import LAUNCH, seed_example
from sqlalchemy import Engine

from broadcaster.cli import cli
from broadcaster.platforms.base import RemoteReply
from broadcaster.responses.tips import relabel, responses
from broadcaster.responses.tracking import REPLY_COLUMNS, ingest_replies, reply_rows
from broadcaster.responses.triage import learned
from broadcaster.responses.triage.classify import Triager, classify
from broadcaster.responses.triage.inbox import alone, case_of, read_rows
from broadcaster.responses.triage.learned import (
    Example,
    LearnedModel,
    deployment_model,
    seed_examples,
)
from broadcaster.storage.db import open_db

FLOODS = Path(__file__).parent / "data" / "floods"
ROOT = Path(__file__).parent.parent
CID = "tps-2026-0412"
FAMILY = "flood_joke_sightings"


def template_of(row: dict[str, Any]) -> str:
    return str(row["note"].split(":")[0].split()[-1])  # "template jke07: ..." -> "jke07"


@cache
def waves() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The family's templates in two halves: a first wave and a new one (distinct texts)."""
    rows = [r for r in read_rows(FLOODS / "tuning" / f"{FAMILY}.jsonl") if r["text"].strip()]
    names = sorted({template_of(r) for r in rows})
    first = set(names[0::2])
    seen: set[str] = set()
    new = []
    for row in rows:
        if template_of(row) not in first and row["text"] not in seen:
            seen.add(row["text"])
            new.append(row)
    return [r for r in rows if template_of(r) in first], new


@cache
def corrected_model() -> LearnedModel:
    first, _ = waves()
    wrong = [r for r in first if classify(r["text"], has_media=r["has_media"]).label != "spam"]
    corrections = [Example(r["text"], r["label"], 5.0, r["id"], "lee") for r in wrong]
    return LearnedModel([*seed_examples(exclude=[FAMILY]), *corrections])


def right(rows: list[dict[str, Any]], model: LearnedModel | None) -> float:
    verdicts = [classify(r["text"], has_media=r["has_media"]) for r in rows]
    if model is not None:
        verdicts = model.revise([r["text"] for r in rows], verdicts)
    return sum(v.label == r["label"] for v, r in zip(verdicts, rows, strict=True)) / len(rows)


def test_corrections_on_one_wave_label_a_new_wave_of_the_family_right() -> None:
    first, new = waves()
    assert not {template_of(r) for r in first} & {template_of(r) for r in new}
    assert not {r["text"] for r in first} & {r["text"] for r in new}
    # Measured: 0.43 of the new wave right on the cues alone, 0.75 with the model.
    assert right(new, None) < 0.50
    assert right(new, corrected_model()) >= 0.70


def test_a_move_says_which_correction_it_follows() -> None:
    _, new = waves()
    model = corrected_model()
    verdicts = [classify(r["text"]) for r in new]
    revised = model.revise([r["text"] for r in new], verdicts)
    moved = [(b, a) for b, a in zip(verdicts, revised, strict=True) if b.label != a.label]
    assert moved
    for before, after in moved:
        assert after.label == "spam"
        assert after.reasons[0].startswith("like reply FJK-")
        assert "that officer lee relabelled spam: '" in after.reasons[0]
        assert after.reasons[1:] == before.reasons[: len(after.reasons) - 1]


def test_the_model_loses_no_tip_of_the_tuning_threads() -> None:
    cases = {c["id"]: case_of(c) for c in json.loads((FLOODS / "cases.json").read_text("utf-8"))}
    for name in ("thread_hfpd-2026-0314", "thread_sasm-2026-0209"):
        thread = read_rows(FLOODS / "tuning" / f"{name}.jsonl")
        case = cases[thread[0]["case"]]
        without, with_model = alone(thread, case), alone(thread, case, corrected_model())
        for figure in ("precision", "recall"):
            assert with_model["labels"]["tip"][figure] >= without["labels"]["tip"][figure]
        assert with_model["macro_f1"] >= without["macro_f1"]


def test_the_model_is_deterministic() -> None:
    _, new = waves()
    texts = [r["text"] for r in new[:60]]
    again = LearnedModel(
        [*seed_examples(exclude=[FAMILY]), *corrected_model().corrections]
    ).predict(texts)
    assert again == corrected_model().predict(texts)


def test_a_model_moves_only_to_a_label_an_officer_gave() -> None:
    # Corrections to question only: a reply the model reads as spam stays as triage said.
    model = LearnedModel(
        [*seed_examples(), Example("is the road open now?", "question", 5.0, "r1", "lee")]
    )
    verdict = classify("Hi dear, I saw your profile, DM me")
    assert model.revise(["Hi dear, I saw your profile, DM me"], [verdict]) == [verdict]


# -- the deployment's model, from its database ---------------------------------------------


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[Engine]:
    engine = open_db(sqlite_url)
    seed_example(engine)
    yield engine
    engine.dispose()


def wave(start: int, texts: list[str]) -> list[RemoteReply]:
    return [
        RemoteReply(
            remote_id=str(1960000000000000000 + start + n),
            text=text,
            created_at=LAUNCH + timedelta(hours=5, minutes=37 * (start + n)),
            author_id=f"p{start + n}",
            author_handle=f"@person{start + n}x",
        )
        for n, text in enumerate(texts)
    ]


def trickle(rows: list[dict[str, Any]]) -> list[str]:
    """The replies of a wave that triage gets wrong one by one (what an officer corrects
    by hand). The stream's flood rules are left out of these tests (Triager(floods=False)):
    they are measured in test_triage_floods; here is what the model adds to them."""
    return [row["text"] for row in rows if classify(row["text"]).label != "spam"]


def alone_triager(model: LearnedModel | None = None) -> Triager:
    return Triager(floods=False, model=model)


def test_the_deployment_model_is_rebuilt_from_its_stored_corrections(engine: Engine) -> None:
    assert deployment_model(engine) is None  # nothing corrected: the cues alone
    first, new = waves()
    texts = trickle(first)
    ingest_replies(engine, CID, None, "sandbox", wave(0, texts), alone_triager())
    stored = {r.text: r for r in responses(engine, CID)}
    for text in texts:
        if stored[text].label != "spam" and stored[text].relabelled_by is None:
            relabel(engine, CID, stored[text].id, "spam", "lee")
    model = deployment_model(engine)
    assert model is not None and model.corrections
    assert deployment_model(engine) is model  # the same state: not trained again
    # A later run meets the new wave, one reply at a time from ordinary accounts.
    later = trickle(new)
    ingest_replies(engine, CID, None, "sandbox", wave(1000, later), alone_triager(model))
    after = {r.text: r for r in responses(engine, CID) if r.text in set(later)}
    moved = [r for r in after.values() if r.label == "spam"]
    label = REPLY_COLUMNS.index("label")
    baseline = reply_rows(
        wave(1000, later), campaign_id=CID, post_id=None, platform="sandbox",
        triager=alone_triager(),
        fetched_at=LAUNCH,
    )  # fmt: skip
    before = sum(row[label] == "spam" for row in baseline)
    # Measured: 68 of the 89 spam without the model, 85 with it.
    assert len(moved) >= before + 5 and len(moved) >= 0.85 * len(later)
    assert all(r.relabelled_by is None for r in moved)  # the machine's label, with its reason
    assert any(r.reasons[0].startswith("like reply 19600000000000") for r in moved)
    # One more correction: a new state, a new model.
    relabel(engine, CID, next(iter(after.values())).id, "abuse", "roy")
    assert deployment_model(engine) is not model


def test_triage_file_with_a_campaign_uses_the_deployments_corrections(
    engine: Engine, sqlite_url: str, tmp_path: Path
) -> None:
    first, new = waves()
    texts = trickle(first)
    ingest_replies(engine, CID, None, "sandbox", wave(0, texts), alone_triager())
    for row in responses(engine, CID):
        if row.text in texts and row.label != "spam" and row.relabelled_by is None:
            relabel(engine, CID, row.id, "spam", "lee")
    later = trickle(new)
    path = tmp_path / "sms.jsonl"
    path.write_text(
        "".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in enumerate(later)), "utf-8"
    )

    def run(db: str, *extra: str) -> list[dict[str, Any]]:
        head = ["--db", db, "--agencies", str(ROOT / "agencies.toml"), "--json", "triage"]
        result = CliRunner().invoke(cli, [*head, str(path), *extra])
        assert result.exit_code == 0, result.output
        return list(json.loads(result.stdout))

    campaign = ("--campaign", str(ROOT / "campaigns" / "example.toml"))
    got = run(sqlite_url, *campaign)
    learned_from = [r for r in got if r["reasons"][0].startswith("like reply 19600000000000")]
    assert len(learned_from) >= 5 and all(r["label"] == "spam" for r in learned_from)
    # The same file and campaign in a deployment with no corrections: the cues alone.
    fresh = run(f"sqlite:///{tmp_path / 'elsewhere.db'}", *campaign)
    assert not any(r["reasons"][0].startswith("like reply") for r in fresh if r["reasons"])
    spam = [sum(r["label"] == "spam" for r in rows) for rows in (fresh, got)]
    # Measured: 76 of 89 spam without corrections, 86 with them (10 moved by the model).
    assert spam[1] >= spam[0] + 5, spam
    # Without a campaign the file is triaged on its own (no deployment is named).
    plain = run(sqlite_url)
    assert not any(r["reasons"][0].startswith("like reply") for r in plain if r["reasons"])


def test_no_database_yet_means_no_model(tmp_path: Path) -> None:
    assert learned.model_of_database(f"sqlite:///{tmp_path / 'none.db'}") is None
    assert not (tmp_path / "none.db").exists()
