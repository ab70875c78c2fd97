"""The one state model: the values stored, the groups, and the moves it allows."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine

from broadcaster import states
from broadcaster.states import CampaignState, IllegalTransition, JobState, PostState
from broadcaster.storage.db import open_db, session_scope
from broadcaster.storage.models import CampaignRecord, Job, Post

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def test_values_are_the_stored_strings() -> None:
    assert PostState.POSTED == "posted"
    assert f"{CampaignState.PARTIAL}" == "partial"
    assert JobState("claimed") is JobState.CLAIMED


def test_every_state_has_a_row_in_its_table() -> None:
    assert set(states.POST_MOVES) == set(PostState)
    assert set(states.CAMPAIGN_MOVES) == set(CampaignState)
    assert set(states.JOB_MOVES) == set(JobState)


def test_a_posted_post_never_goes_back_to_be_sent() -> None:
    assert states.allowed(PostState, "posted", "deleted")
    assert not states.allowed(PostState, "posted", "sending")
    assert not states.allowed(PostState, "deleted", "posted")
    assert not states.allowed(PostState, "cancelled", "sending")


def test_a_closed_campaign_stays_closed() -> None:
    for closed in states.CAMPAIGN_CLOSED - {CampaignState.RESOLVED}:
        assert not states.allowed(CampaignState, closed, "launching")
    assert not states.allowed(CampaignState, "resolved", "launched")


def test_strict_mode_raises_and_names_the_move() -> None:
    with pytest.raises(IllegalTransition, match=r"PostState posted -> sending .*row 7"):
        states.check(PostState, "posted", "sending", "row 7")


def test_in_service_an_unplanned_move_is_logged_not_refused(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("BROADCASTER_STRICT_STATES")
    with caplog.at_level(logging.WARNING, logger="broadcaster.states"):
        states.check(JobState, "done", "claimed")
    assert "JobState done -> claimed is not an allowed move" in caplog.text


def test_a_value_that_is_no_state_is_refused() -> None:
    with pytest.raises(IllegalTransition, match=r"'sent' is not a PostState"):
        states.check(PostState, None, "sent")


# Through the ORM: every model's state attribute is checked when it is set.


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    engine = open_db(sqlite_url)
    with session_scope(engine) as session:
        session.add(
            CampaignRecord(
                id="c1",
                path="c1.toml",
                kind="wanted",
                status="actual",
                lead="tps",
                mode="coordinated",
                created_at=NOW,
                updated_at=NOW,
            )
        )
    return engine


def _post(engine: Engine, state: PostState) -> int:
    with session_scope(engine) as session:
        post = Post(
            campaign_id="c1",
            agency="tps",
            platform="x",
            handle="@tps",
            kind="original",
            updated_at=NOW,
        )
        assert post.state == PostState.PLANNED  # the default, checked like any write
        post.state = state
        session.add(post)
        session.flush()
        assert post.id is not None
        return post.id


def test_a_posted_row_set_back_to_sending_is_refused(engine: Engine) -> None:
    post_id = _post(engine, PostState.POSTED)
    with session_scope(engine) as session:
        post = session.get(Post, post_id)
        assert post is not None
        with pytest.raises(IllegalTransition, match=rf"posted -> sending .*post {post_id} "):
            post.state = PostState.SENDING
        post.state = PostState.DELETED  # the move the product makes
    with session_scope(engine) as session:
        assert session.get(Post, post_id).state == "deleted"  # type: ignore[union-attr]


def test_an_expired_attribute_is_loaded_so_its_move_is_checked(engine: Engine) -> None:
    post_id = _post(engine, PostState.POSTED)
    with session_scope(engine) as session:
        post = session.get(Post, post_id)
        assert post is not None
        session.expire(post)  # as after a commit: the old value is read back from the row
        with pytest.raises(IllegalTransition, match="posted -> sending"):
            post.state = "sending"


def test_a_cancelled_campaign_is_never_launched(engine: Engine) -> None:
    with session_scope(engine) as session:
        record = session.get(CampaignRecord, "c1")
        assert record is not None
        record.state = CampaignState.CANCELLED
    with session_scope(engine) as session:
        record = session.get(CampaignRecord, "c1")
        assert record is not None
        with pytest.raises(IllegalTransition, match=r"cancelled -> launching .* \(campaign c1\)"):
            record.state = CampaignState.LAUNCHING


def test_a_done_job_is_never_claimed_again(engine: Engine) -> None:
    job = Job(campaign_id="c1", kind="track", due_at=NOW)
    assert job.state == JobState.PENDING
    job.state = JobState.CLAIMED
    job.state = JobState.DONE
    with pytest.raises(IllegalTransition, match="done -> claimed"):
        job.state = JobState.CLAIMED


def test_a_claimed_job_may_end_skipped_and_an_ended_job_stays_ended() -> None:
    assert states.allowed(JobState, "claimed", "skipped")  # e.g. a later repost is already due
    for ended in (JobState.DONE, JobState.FAILED, JobState.SKIPPED, JobState.CANCELLED):
        assert not states.allowed(JobState, ended, "pending")
