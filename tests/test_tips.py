"""Tips first, newest first, with links; follow-ups recorded in the audit log."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from fixtures_responses import LAUNCH, add_reply, seed_example
from sqlalchemy import Engine, select

from broadcaster.config import Settings
from broadcaster.errors import CampaignNotFound, ReplyNotFound, UsageInvalid
from broadcaster.responses.tips import mark_followed_up, reply_url, responses, write_csv
from broadcaster.storage.audit import verify
from broadcaster.storage.db import open_db
from broadcaster.storage.models import AuditEntry, Reply

CID = "tps-2026-0412"


def test_tips_first_then_each_label_newest_first(
    responses_engine: Engine, seeded: dict[str, int]
) -> None:
    rows = list(responses(responses_engine, CID))
    assert [r.label for r in rows] == ["tip", "tip", "question", "support", "spam", "spam", "abuse"]
    assert rows[0].created_at > rows[1].created_at
    assert rows[0].agency == "tps" and rows[0].reasons == ["test"]
    assert [r.label for r in responses(responses_engine, CID, label="spam")] == ["spam", "spam"]
    assert len(list(responses(responses_engine, CID, limit=3))) == 3


def test_links_point_at_the_platform_or_the_sandbox() -> None:
    settings = Settings(env={"BROADCASTER_SANDBOX_URL": "http://127.0.0.1:9999"})
    assert reply_url("x", "123", "@someone", settings) == "https://x.com/someone/status/123"
    assert reply_url("x", "123", None, settings) == "https://x.com/i/web/status/123"
    assert (
        reply_url("sandbox", "123", "@someone", settings)
        == "http://127.0.0.1:9999/someone/status/123"
    )


def test_unknown_label_and_campaign(responses_engine: Engine, seeded: dict[str, int]) -> None:
    with pytest.raises(UsageInvalid, match="--label 'tips' is not a label; use one of tip,"):
        list(responses(responses_engine, CID, label="tips"))
    with pytest.raises(CampaignNotFound):
        list(responses(responses_engine, "nope"))


def test_follow_up_is_recorded_once_in_the_audit_log(db_url: str) -> None:
    engine = open_db(db_url)
    seed_example(engine)
    done = mark_followed_up(engine, CID, "1900000000000000001", "Sgt. Roy")
    assert (done.label, done.by, done.already) == ("tip", "Sgt. Roy", False)
    again = mark_followed_up(engine, CID, "1900000000000000001", "Cst. Diaz")
    assert again.already and again.by == "Sgt. Roy"
    with engine.connect() as conn:
        row = conn.execute(select(Reply).where(Reply.remote_id == "1900000000000000001")).one()
        entries = conn.execute(select(AuditEntry)).all()
    assert row.followed_up_by == "Sgt. Roy" and row.followed_up_at == done.at
    assert [(e.action, e.operator, e.campaign_id) for e in entries] == [
        ("tip.followed_up", "Sgt. Roy", CID)
    ]
    assert '"reply":"1900000000000000001"' in entries[0].detail
    assert verify(engine).ok
    engine.dispose()


def test_follow_up_of_an_unknown_reply(responses_engine: Engine, seeded: dict[str, int]) -> None:
    with pytest.raises(ReplyNotFound, match="campaign 'tps-2026-0412' has no reply with id '42'"):
        mark_followed_up(responses_engine, CID, "42", "Sgt. Roy")
    with pytest.raises(
        UsageInvalid, match=r"a follow-up needs the officer who followed the tip up \(--key\)"
    ):
        mark_followed_up(responses_engine, CID, "1900000000000000001", "  ")


def test_follow_up_by_a_name_no_encoding_can_store(db_url: str) -> None:
    """A non-UTF-8 argument reaches Python as lone surrogates; it is stored all the same."""
    engine = open_db(db_url)
    seed_example(engine)
    done = mark_followed_up(engine, CID, "1900000000000000001", "Sgt. R\udce9my\x00")
    assert done.by == "Sgt. R\ufffdmy"
    with pytest.raises(ReplyNotFound):
        mark_followed_up(engine, CID, "19\udcff", "Sgt. Roy")
    with engine.connect() as conn:
        row = conn.execute(select(Reply).where(Reply.remote_id == "1900000000000000001")).one()
    assert row.followed_up_by == "Sgt. R\ufffdmy"
    assert verify(engine).ok
    engine.dispose()


def test_csv_keeps_strangers_text_as_text(responses_engine: Engine, seeded: dict[str, int]) -> None:
    add_reply(
        responses_engine,
        CID,
        seeded["tps"],
        "1900000000000000050",
        '=HYPERLINK("http://evil.example","click")',
        label="tip",
        created_at=LAUNCH + timedelta(hours=9),
    )
    out = io.StringIO()
    count = write_csv(responses(responses_engine, CID), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(rows) == 8
    assert rows[0]["text"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[0]["url"] == "http://127.0.0.1:8686/someone/status/1900000000000000050"
