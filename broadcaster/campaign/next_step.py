"""What the officer does next with a campaign, as the console says it at the top of the
campaign page and in the campaigns list.

A page that only names a state ("draft", "partial") leaves the officer to work out the
command: here each state that waits on the officer says what it waits for and the exact
command line (a launch is run from the command line, with the launcher's own key, never
from the console). A partial launch names, first, each agency that did not post and why,
since `launch` run again retries only those.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from broadcaster.states import POST_DONE, CampaignState, PostState

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

LAUNCH_KINDS = ("original", "quote", "repost")
READY = "approved, ready to launch"
# Why a launch post is not out, in the officer's words (its error follows when it has one).
NOT_OUT = {
    PostState.FAILED: "failed",
    PostState.UNKNOWN: "sent, no answer (launch again checks the account before any retry)",
    PostState.PLANNED: "not sent yet",
    PostState.SENDING: "being sent",
    PostState.AWAITING_APPROVAL: "held until an approver of its own agency signs",
    PostState.CANCELLED: "called off",
}


@dataclass(frozen=True)
class NextStep:
    title: str  # e.g. "Approved, ready to launch"
    text: str  # what to do, one or two sentences
    command: str | None = None  # the exact command line, to copy
    failures: list[str] = field(default_factory=list)  # a partial launch: agency, why


def list_state(state: str, approvals: int | None, required: int | None) -> str:
    """A campaign's state as the campaigns list says it: a draft with every approval it
    needs is ready to launch, not merely a draft."""
    if state != CampaignState.DRAFT or approvals is None or required is None:
        return state
    return (
        READY
        if approvals >= required
        else f"draft, {required - approvals} approval{_s(required - approvals)} to go"
    )


def command_path(path: str | Path) -> str:
    """The campaign file as the officer types it in a command: relative to the console's
    folder when it can be, quoted for the shell when it must be."""
    from broadcaster.authoring.approval import shown_path

    return shlex.quote(shown_path(Path(path)))


def next_step(
    journal: dict[str, Any],
    *,
    path: str | Path,
    approvals: int,
    required: int,
    launch_at: datetime | None,
    now: datetime,
) -> NextStep | None:
    """The step a campaign in `journal` (campaign_status) waits for, or None when its page
    already offers it (a live campaign: update, resolve, cancel) or nothing is left."""
    state = journal["state"]
    launch = f"broadcaster launch {command_path(path)}"
    if state == CampaignState.DRAFT:
        when = (
            f" It fires at {launch_at:%Y-%m-%d %H:%M} UTC, as the campaign file says (a "
            "running scheduler, `broadcaster run`, launches it then by itself)."
            if launch_at is not None and launch_at > now
            else ""
        )
        if approvals >= required:
            return NextStep(
                "Approved, ready to launch",
                f"Not launched yet: launch from the command line, with your key.{when}",
                launch,
            )
        missing = required - approvals
        return NextStep(
            "Not launched yet: approvals first",
            f"It needs {missing} more approval{_s(missing)} ({approvals} of {required}), "
            "below or with `broadcaster approve` and the officer's key; then launch from the "
            f"command line.{when}",
            launch,
        )
    if state == CampaignState.PARTIAL:
        return _partial(journal, launch)
    if state == CampaignState.LAUNCHING:
        # Counting down or firing: nothing to run, but the officer should know where it shows
        # and that Cancel, before the instant, calls it off rather than taking posts down.
        return NextStep(
            "Launching now",
            "The launch is counting down or firing: follow each agency's post on the launch "
            "board. Cancel, before it fires, calls the launch off.",
        )
    return None


def _partial(journal: dict[str, Any], launch: str) -> NextStep:
    rows = [
        p for p in journal["posts"] if p["occurrence"] == "launch" and p["kind"] in LAUNCH_KINDS
    ]
    agencies = list(dict.fromkeys(p["agency"] for p in rows))
    missing = list(dict.fromkeys(p["agency"] for p in rows if p["state"] not in POST_DONE))
    failures = [_why(p) for p in rows if p["state"] not in POST_DONE]
    failures += list(journal.get("armed_notes") or [])
    return NextStep(
        f"Partial launch: {', '.join(missing) or 'an agency'} did not post "
        f"({len(missing)} of {len(agencies)} agencies)",
        "Fix what each line says (credentials, a suspended account, an approval), then run "
        "launch again: it posts only what is missing, never twice.",
        launch,
        failures,
    )


def _why(post: dict[str, Any]) -> str:
    """One launch post not out: its agency and account, and why (the error names them
    itself when the launch wrote it)."""
    state, agency = post["state"], post["agency"]
    words = NOT_OUT.get(state, state)
    error = post["error"] if state != PostState.AWAITING_APPROVAL else None
    if error and error.startswith(f"agency {agency!r}"):
        return error if state == PostState.FAILED else f"{words}: {error}"
    who = f"{agency} ({post['handle'] or post['platform']}, {post['platform']})"
    return f"{who}: {words}: {error}" if error else f"{who}: {words}"


def tips_waiting(engine: Engine, campaign_id: str) -> int:
    """The replies labelled tip that nobody has followed up yet (both counts read the
    indexes the reach report uses: cheap on a flooded thread)."""
    from sqlalchemy import func
    from sqlmodel import Session, col, select

    from broadcaster.storage.models import Reply

    def count(*conditions: Any) -> int:
        query = select(func.count()).where(
            Reply.campaign_id == campaign_id, Reply.label == "tip", *conditions
        )
        with Session(engine) as session:
            return int(session.exec(query).one())

    return count() - count(col(Reply.followed_up_at).is_not(None))


def _s(number: int) -> str:
    return "" if number == 1 else "s"
