"""Replies written by hostile strangers are stored whatever they hold, on both engines (#10).

A NUL byte (PostgreSQL refuses it), lone surrogates (no UTF-8 for them), huge and odd text
among genuine tips: every reply is stored, NUL removed and lone surrogates replaced, and a
row the database still refuses is skipped with a logged reason while the others are stored.
Each test runs on SQLite and, with BROADCASTER_TEST_PG set, on PostgreSQL.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from fixtures_responses import launch_on_sandbox, seed_campaign
from sqlalchemy import Engine, select

from broadcaster.platforms.base import RemoteReply
from broadcaster.responses.tracking import ingest_replies, track
from broadcaster.responses.triage.classify import Triager, classify
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Reply

DATA = Path(__file__).parent / "data" / "replies_labelled.jsonl"
CID = "drill-2026-0001"
BASE = datetime(2026, 11, 23, 14, tzinfo=UTC)

# What strangers write, each with what must be stored of it.
HOSTILE: list[tuple[str, str]] = [
    ("saw him \x00 at the station", "saw him  at the station"),
    ("\x00\x00\x00", ""),
    ("half a pair \ud83d here", "half a pair \ufffd here"),
    ("\udfff lone low", "\ufffd lone low"),
]
# Odd but valid text is stored as written (it is made harmless where it is printed).
ODD = [
    "family 👨\u200d👩\u200d👧 and e\u0301\u0301\u0301 marks",
    "right-to-left \u202egnp.exe\u202c override",
    "non-characters \ufffe\uffff and \U0010ffff",
    "\x1b[2J\x1b]8;;http://evil.example\x07click\x1b]8;;\x07",
    "huge " + "x" * 200_000,
]
HOSTILE += [(text, text) for text in ODD]


def genuine_tips(count: int) -> list[str]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["label"] == "tip" and not row.get("has_media"):
            out.append(row["text"])
    return out[:count]


def hostile_thread(tips: list[str]) -> Iterator[RemoteReply]:
    """Tips and hostile replies interleaved, hostile authors too; ids say which is which."""
    n = 0
    for index, tip in enumerate(tips):
        yield RemoteReply(
            remote_id=f"tip-{index}",
            text=tip,
            created_at=BASE + timedelta(seconds=n),
            author_id=str(1000 + index),
            author_handle=f"@witness{index}",
        )
        n += 1
        if index < len(HOSTILE):
            text, _ = HOSTILE[index]
            yield RemoteReply(
                remote_id=f"hostile-{index}",
                text=text,
                created_at=BASE + timedelta(seconds=n),
                author_id="9\x00" if index % 2 else "\ud800",
                author_handle="@na\x00me" if index % 2 else "@\udc80x",
                in_reply_to="1\x00",
            )
            n += 1


def stored_rows(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Reply.remote_id, Reply.text, Reply.author_handle, Reply.author_id, Reply.label
            ).where(Reply.campaign_id == CID)
        ).all()
    return {row.remote_id: row for row in rows}


def assert_clean(rows: dict[str, Any]) -> None:
    for row in rows.values():
        for value in (row.text, row.author_handle, row.author_id):
            assert value is None or "\x00" not in value
            assert value is None or not any(0xD800 <= ord(c) <= 0xDFFF for c in value)


def test_a_hostile_thread_is_stored_whole_with_every_tip(db_url: str) -> None:
    engine = open_db(db_url)
    seed_campaign(engine, CID)
    tips = genuine_tips(12)
    # Small batches: hostile replies share each batch with genuine tips.
    new = ingest_replies(engine, CID, None, "x", hostile_thread(tips), Triager(), batch_size=3)
    rows = stored_rows(engine)
    assert new == len(rows) == len(tips) + len(HOSTILE)
    assert_clean(rows)
    for index, (_, expected) in enumerate(HOSTILE):
        assert rows[f"hostile-{index}"].text == expected
    assert rows["hostile-1"].author_handle == "@name" and rows["hostile-1"].author_id == "9"
    assert rows["hostile-0"].author_handle == "@\ufffdx"
    for index, tip in enumerate(tips):
        row = rows[f"tip-{index}"]
        assert (row.text, row.label) == (tip, classify(tip).label)
    assert sum(rows[f"tip-{i}"].label == "tip" for i in range(len(tips))) >= len(tips) // 2
    # Again: nothing is stored twice, and nothing fails.
    assert ingest_replies(engine, CID, None, "x", hostile_thread(tips), Triager()) == 0
    engine.dispose()


def test_a_row_the_database_still_refuses_is_skipped_and_the_others_stored(
    db_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """As if a value slipped past `for_storage`: the database refuses that row (NUL on
    PostgreSQL, a lone surrogate on both), the batch is stored row by row, the rest kept."""
    import broadcaster.responses.tracking as tracking

    monkeypatch.setattr(tracking, "for_storage", lambda text: text)
    engine = open_db(db_url)
    seed_campaign(engine, CID)
    tips = genuine_tips(8)
    thread = [
        RemoteReply(remote_id=f"tip-{i}", text=tip, created_at=BASE) for i, tip in enumerate(tips)
    ]
    thread.insert(3, RemoteReply(remote_id="bad-surrogate", text="a \ud800 b", created_at=BASE))
    thread.insert(6, RemoteReply(remote_id="bad-nul", text="a \x00 b", created_at=BASE))
    with caplog.at_level(logging.WARNING, logger="broadcaster.responses.tracking"):
        new = ingest_replies(engine, CID, None, "x", thread, Triager(), batch_size=5)
    rows = stored_rows(engine)
    assert {f"tip-{i}" for i in range(len(tips))} <= set(rows)
    assert "bad-surrogate" not in rows
    refused = {"bad-surrogate"} | ({"bad-nul"} if engine.dialect.name == "postgresql" else set())
    assert new == len(rows) == len(thread) - len(refused)
    logged = [r.getMessage() for r in caplog.records]
    for remote_id in refused:
        assert any(
            m.startswith(f"reply {remote_id} not stored: the database refused it") for m in logged
        ), logged
    engine.dispose()


def test_a_reply_id_too_long_for_the_index_is_skipped(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A platform's own strings are strangers' too: a 40k-character id is more than a
    PostgreSQL index row holds (stored on SQLite, which has no such limit)."""
    import hashlib

    engine = open_db(db_url)
    seed_campaign(engine, CID)
    huge_id = "".join(hashlib.sha256(str(n).encode()).hexdigest() for n in range(1250))
    thread = [
        RemoteReply(remote_id="tip-0", text=genuine_tips(1)[0], created_at=BASE),
        RemoteReply(remote_id=huge_id, text="id from a broken platform", created_at=BASE),
        RemoteReply(remote_id="tip-1", text=genuine_tips(2)[1], created_at=BASE),
    ]
    with caplog.at_level(logging.WARNING, logger="broadcaster.responses.tracking"):
        new = ingest_replies(engine, CID, None, "x", thread, Triager())
    rows = stored_rows(engine)
    assert {"tip-0", "tip-1"} <= set(rows)
    if engine.dialect.name == "postgresql":
        assert new == 2 and huge_id not in rows
        assert any("not stored" in r.getMessage() for r in caplog.records)
    else:
        assert new == 3
    engine.dispose()


def inject(url: str, in_reply_to: str, author: str, text: str) -> str:
    response = requests.post(
        f"{url}/_sandbox/replies",
        json={"in_reply_to": in_reply_to, "author": author, "text": text},
        timeout=5,
    )
    response.raise_for_status()
    return str(response.json()["id"])


def test_track_stores_a_nul_reply_and_every_tip_after_it(
    db_url: str, drill_factory: Callable[..., Any]
) -> None:
    """The break of #10: a reply holding NUL made `track` fail on PostgreSQL on every run,
    so no later reply was ever stored. Through the real adapter and sandbox."""
    drill = drill_factory(1)
    engine = open_db(db_url)
    (post,) = launch_on_sandbox(engine, drill, CID)
    tips = genuine_tips(4)
    first = [
        inject(drill.url, post.remote_id, "@witness0", tips[0]),
        inject(drill.url, post.remote_id, "@troll", "screen \x00 wipe \x1b[2J \ud800"),
        inject(drill.url, post.remote_id, "@witness1", tips[1]),
    ]
    report = track(drill.settings, CID, engine=engine)
    assert report.failure() is None and report.new_replies == 3
    later = [inject(drill.url, post.remote_id, f"@witness{n}", tips[n]) for n in (2, 3)]
    report = track(drill.settings, CID, engine=engine)
    assert report.failure() is None and report.new_replies == 2
    rows = stored_rows(engine)
    assert set(rows) == set(first + later)
    assert rows[first[1]].text == "screen  wipe \x1b[2J \ufffd"
    assert_clean(rows)
    engine.dispose()
