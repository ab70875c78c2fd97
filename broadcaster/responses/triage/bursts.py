"""Tips that come in a burst: one kind of sighting, too many at once to be witnesses.

A sighting from a fresh account is heard (people make one to stay anonymous), and so is a
sighting passed along ("my cousin's friend saw her at the bus station"); eight fresh
accounts' sightings in ten minutes, or a handful of second-hand ones, are a campaign or a
rumour chain, each copy worded apart so that no template shows it. A TipBursts watches one
such kind: the tip that completes a burst is spam at once, and the tips before it that fell
inside the burst's window become spam when they are settled.

A burst also marks its accounts' names (floods.handle_stem: "@patriot211" is "patriot"): a
later tip of the same kind from a look-alike of one of them ("@patriot596", an hour on, the
chain's trickle) is part of it.

Bounded: the last `size` times, the last 64 bursts, at most PENDING_MAX tips waiting, at
most STEMS_MAX names.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta

from broadcaster.responses.triage.verdict import Verdict

PENDING_MAX = 4_000  # tips remembered until they are settled (4 × the settling window)
STEMS_MAX = 256  # account names of the bursts' tips
MAX_REASONS = 8


class TipBursts:
    """Bursts of one kind of tip: `size` of them within `window`."""

    def __init__(
        self, size: int, window: timedelta, reason: Callable[[int], str], flood_key: str
    ) -> None:
        self.size = size
        self.window = window
        self.reason = reason  # the reason given the burst's span in minutes
        self.flood_key = flood_key
        self._times: deque[datetime] = deque(maxlen=size)
        self._stems: deque[str | None] = deque(maxlen=size)
        self.stems: set[str] = set()  # the names of the accounts of its bursts
        self._bursts: deque[tuple[datetime, datetime]] = deque(maxlen=64)
        self._pending: dict[int, datetime] = {}  # id of a tip's verdict -> when

    def add(self, verdict: Verdict, created_at: datetime, stem: str | None = None) -> Verdict:
        """The tip's verdict now: spam if it completes a burst, else as it was (and it
        waits for `settle`). `stem`: its account's name without digits (or None)."""
        burst = self.count(created_at, stem)
        if burst is not None:
            return self._flagged(verdict, *burst)
        pending = self._pending
        if len(pending) >= PENDING_MAX:
            del pending[next(iter(pending))]
        pending[id(verdict)] = created_at
        return verdict

    def count(
        self, created_at: datetime, stem: str | None = None
    ) -> tuple[datetime, datetime] | None:
        """Counts one member of the kind at `created_at` (a tip, or a reply of the kind that
        is spam already, such as a rumour nobody can trace: it is part of the chain too);
        the burst it completes, if it does."""
        times = self._times
        times.append(created_at)
        self._stems.append(stem)
        # Replies come newest or oldest first: the ends of the window span it.
        if len(times) < self.size or abs(times[-1] - times[0]) > self.window:
            return None
        start, end = min(times[0], times[-1]), max(times[0], times[-1])
        bursts = self._bursts
        if bursts and start <= bursts[-1][1] and end >= bursts[-1][0]:
            start, end = min(start, bursts[-1][0]), max(end, bursts[-1][1])
            bursts[-1] = (start, end)
        else:
            bursts.append((start, end))
        if len(self.stems) >= STEMS_MAX:
            self.stems.clear()
        self.stems.update(filter(None, self._stems))
        return start, end

    def settle(self, verdict: Verdict) -> Verdict | None:
        """The tip as spam if a burst came around it since; None if none did."""
        if not self._pending:
            return None
        at = self._pending.pop(id(verdict), None)
        if at is not None:
            for start, end in self._bursts:
                if start <= at <= end:
                    return self._flagged(verdict, start, end)
        return None

    def _flagged(self, verdict: Verdict, start: datetime, end: datetime) -> Verdict:
        minutes = max(1, round((end - start).total_seconds() / 60))
        reasons = (self.reason(minutes), *verdict.reasons)[:MAX_REASONS]
        return Verdict("spam", reasons, verdict.score, self.flood_key, verdict.cluster)
