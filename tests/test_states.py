"""The one state model: the values stored, the groups, and the moves it allows."""

from __future__ import annotations

import logging

import pytest

from broadcaster import states
from broadcaster.states import CampaignState, IllegalTransition, JobState, PostState


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
