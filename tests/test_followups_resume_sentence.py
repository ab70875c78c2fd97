"""The sentence after a Ctrl-C in a launch offers a command `launch` accepts: `launch`
refuses an --at already past (exit 2), so the instant is offered only while it is ahead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from broadcaster.cli.views.launching import interrupted_sentence

AT = "2027-01-15T14:00:00Z"
INSTANT = datetime(2027, 1, 15, 14, 0, tzinfo=UTC)
DATA = {
    "state": "launching",
    "posts": [
        {"occurrence": "launch", "state": "posted"},
        {"occurrence": "launch", "state": "planned"},
    ],
}


def test_before_the_instant_the_resume_keeps_at_and_says_when_to_drop_it() -> None:
    sentence = interrupted_sentence(
        "campaigns/x.toml", "x", DATA, AT, now=INSTANT - timedelta(minutes=5)
    )
    assert sentence == (
        "launch interrupted: campaign x is launching (1 posted, 1 planned and not sent); "
        f"resume with `broadcaster launch campaigns/x.toml --at {AT}` (it posts only what is "
        f"missing; once {AT} has passed, leave --at out), or stop it with "
        '`broadcaster cancel x --reason "…"`.'
    )


def test_after_the_instant_the_resume_leaves_at_out() -> None:
    sentence = interrupted_sentence(
        "campaigns/x.toml", "x", DATA, AT, now=INSTANT + timedelta(seconds=1)
    )
    assert sentence == (
        "launch interrupted: campaign x is launching (1 posted, 1 planned and not sent); "
        "resume with `broadcaster launch campaigns/x.toml` (it posts only what is missing; "
        f"--at {AT} has passed, so it is left out), or stop it with "
        '`broadcaster cancel x --reason "…"`.'
    )
    assert "--at 2027" not in sentence.split("`")[1]


def test_interrupted_before_the_plan_after_the_instant() -> None:
    sentence = interrupted_sentence("campaigns/x.toml", "x", None, AT, now=INSTANT)
    assert sentence == (
        "launch interrupted before anything was planned; nothing was sent "
        "(`broadcaster launch campaigns/x.toml` starts it again: it posts only what is "
        f"missing; --at {AT} has passed, so it is left out)."
    )


def test_without_at_nothing_is_said_of_it() -> None:
    sentence = interrupted_sentence("campaigns/x.toml", "x", DATA, None, now=INSTANT)
    assert "resume with `broadcaster launch campaigns/x.toml` (it posts only what is missing)" in (
        sentence
    )
