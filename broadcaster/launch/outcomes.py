"""What a send reports: each post's outcome, and the launch's timing (the release to the
last answer, to the last commit, the spread of the platform's timestamps)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from broadcaster.states import POST_DONE, PostState

if TYPE_CHECKING:
    from broadcaster.storage.models import Post


@dataclass
class PostOutcome:
    post_id: int
    agency: str
    kind: str
    occurrence: str
    state: str
    remote_id: str | None = None
    url: str | None = None
    error: str | None = None
    attempts: int = 0
    sent_at: datetime | None = None
    posted_at: datetime | None = None
    # perf_counter instants: its request released, the platform's answer, the journal's commit
    started: float | None = None
    answered: float | None = None
    confirmed: float | None = None
    # CPU seconds its own thread spent from the release to the answer read (the HTTP
    # client's and the platform library's parsing, the adapter's); first attempt only.
    answer_cpu: float | None = None
    wave: int = 0
    fired: bool = False  # sent in this run (not found already posted)
    platform: str = ""
    handle: str = ""  # the account it was posted from

    def as_dict(self) -> dict[str, Any]:
        """What `--json` shows of it (launch, resolve, cancel)."""
        return {
            "agency": self.agency,
            "platform": self.platform,
            "handle": self.handle,
            "kind": self.kind,
            "state": self.state,
            "remote_id": self.remote_id,
            "url": self.url,
            "error": self.error,
            "attempts": self.attempts,
        }


@dataclass
class SendReport:
    campaign_id: str
    outcomes: list[PostOutcome] = field(default_factory=list)
    fired_at: datetime | None = None
    wall_seconds: float | None = None  # release → the platform's last answer
    journal_seconds: float | None = None  # release → the last result committed
    journal_cpu: float | None = None  # CPU seconds of the journal's commits after the release
    slowest_request: float | None = None  # seconds, the slowest single post request
    spread_ms: float | None = None  # platform time, first → last post of the largest wave

    @property
    def posted(self) -> list[PostOutcome]:
        return [o for o in self.outcomes if o.state in POST_DONE]

    @property
    def failed(self) -> list[PostOutcome]:
        return [o for o in self.outcomes if o.state not in POST_DONE]

    @property
    def complete(self) -> bool:
        return not self.failed


class Progress(Protocol):
    """What a caller may show while the executor works (the CLI draws it on stderr)."""

    def stage(self, message: str) -> None: ...

    def countdown(self, remaining: float) -> None: ...


class Silent:
    def stage(self, message: str) -> None:
        pass

    def countdown(self, remaining: float) -> None:
        pass


def outcome_of(row: Post, wave: int = 0) -> PostOutcome:
    return PostOutcome(
        post_id=row.id or 0,
        agency=row.agency,
        platform=row.platform,
        handle=row.handle,
        kind=row.kind,
        occurrence=row.occurrence,
        state=row.state,
        remote_id=row.remote_id,
        url=row.url,
        error=row.error,
        attempts=row.attempts,
        sent_at=row.sent_at,
        posted_at=row.posted_at,
        wave=wave,
    )


def timing_of(
    finished: list[PostOutcome], start: float | None
) -> tuple[float | None, float | None, float | None]:
    """(release → last answer, release → last commit, the slowest first-attempt request)."""
    if start is None:
        return None, None, None
    answers = [o.answered for o in finished if o.answered is not None]
    commits = [o.confirmed for o in finished if o.confirmed is not None]
    single = [
        o.answered - o.started
        for o in finished
        if o.answered is not None and o.started is not None and o.attempts == 1
    ]
    return (
        max(answers) - start if answers else None,
        max(commits) - start if commits else None,
        max(single) if single else None,
    )


def spread_of(outcomes: list[PostOutcome]) -> float | None:
    """Platform time from the first to the last post of the largest wave."""
    waves: dict[int, list[datetime]] = {}
    for outcome in outcomes:
        # A repost has no post of its own, hence no platform time to compare.
        fired = outcome.fired and outcome.state == PostState.POSTED and outcome.kind != "repost"
        if fired and outcome.posted_at is not None:
            waves.setdefault(outcome.wave, []).append(outcome.posted_at)
    if not waves:
        return None
    times = max(waves.values(), key=len)
    return (max(times) - min(times)).total_seconds() * 1000
