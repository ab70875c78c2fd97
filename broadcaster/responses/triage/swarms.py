"""Swarms: many accounts pushing one thing (a scammer's contact, a farm's site) in a window.

Shared by scams.ContactPile and news_farms.OutletPile, which differ only in what they key on
and what they say. Bounded: at most `keys_max` keys (the least recently pushed go first), the
last 64 pushes of each, and `RememberedTexts` for the texts a rule moved.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from datetime import datetime, timedelta

PUSHES_KEPT = 64  # per key: enough to count a swarm, bounded however long it goes on


class Swarms:
    """Keys pushed by `accounts` distinct accounts within `window` of one push are piled:
    `piled(key)` gives (accounts, minutes between the first and the last of them)."""

    def __init__(self, accounts: int, window: timedelta, keys_max: int) -> None:
        self.accounts = accounts
        self.window = window
        self.keys_max = keys_max
        self._pushes: OrderedDict[str, deque[tuple[datetime, str]]] = OrderedDict()
        self._piled: dict[str, tuple[int, int]] = {}

    def __bool__(self) -> bool:
        """Whether any key is piled (most threads: none, and nothing is looked up)."""
        return bool(self._piled)

    def piled(self, key: str) -> tuple[int, int] | None:
        return self._piled.get(key)

    def count(self, key: str, account: str, created_at: datetime) -> None:
        seen = self._pushes.get(key)
        if seen is None:
            if len(self._pushes) >= self.keys_max:
                old, _ = self._pushes.popitem(last=False)
                self._piled.pop(old, None)
            seen = self._pushes[key] = deque(maxlen=PUSHES_KEPT)
        else:
            self._pushes.move_to_end(key)
        seen.append((created_at, account))
        # Pushes within the window of this one (replies come in either order).
        near = [(at, who) for at, who in seen if abs(at - created_at) <= self.window]
        distinct = len({who for _, who in near})
        if distinct >= self.accounts:
            times = [at for at, _ in near]
            minutes = max(1, round((max(times) - min(times)).total_seconds() / 60))
            self._piled[key] = (distinct, minutes)


class RememberedTexts:
    """The texts a rule moved, so that one look-up per reply tells whether its copies count
    (bounded like the Triager's analysis cache: the oldest half goes when full)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._texts: dict[str, None] = {}

    def __contains__(self, text: object) -> bool:
        return text in self._texts

    def __len__(self) -> int:
        return len(self._texts)

    def add(self, text: str) -> None:
        texts = self._texts
        if len(texts) >= self.size:
            for old in list(texts)[: self.size // 2]:
                del texts[old]
        texts[text] = None
