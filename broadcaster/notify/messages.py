"""What a notification says: one message per destination, campaign and kind, listing every
notice of that kind that arrived together (one message for N tips, not N messages).

A reply is written by a stranger: only its first words travel, with escape sequences,
control characters and bidi overrides removed (safetext.for_terminal), since a desk may
read it in a terminal, an SMS or a chat client. A drill says DRILL in the title and the
first line of every message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from broadcaster.safetext import for_terminal

SNIPPET_WORDS = 25
SNIPPET_CHARS = 200
LISTED = 10  # notices spelled out in one message; the rest are counted
DRILL = "DRILL"


@dataclass(frozen=True)
class Message:
    title: str
    body: str


def snippet(text: str | None) -> str:
    """The first words of a stranger's reply, safe to show anywhere."""
    words = for_terminal(text or "").split()
    out = " ".join(words[:SNIPPET_WORDS])
    if len(out) > SNIPPET_CHARS:
        out = out[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0]
    return out + ("…" if len(words) > SNIPPET_WORDS or len(out) < len(" ".join(words)) else "")


def _drill(exercise: bool, title: str, lines: list[str]) -> Message:
    if exercise:
        title = f"{DRILL}: {title}"
        lines = [f"{DRILL}: an exercise campaign; no real appeal is running.", *lines]
    return Message(title, "\n".join(lines))


def _time(value: str | None) -> str:
    if not value:
        return "?"
    return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M UTC")


def compose(kind: str, payloads: Sequence[dict[str, Any]]) -> Message:
    """The message for notices of one kind of one campaign (their stored payloads)."""
    first = payloads[0]
    campaign = first["campaign"]
    exercise = bool(first.get("exercise"))
    if kind == "tip":
        return _tips(campaign, exercise, payloads)
    if kind == "launch":
        lines = [
            f"agency {p['agency']}: {p['state']}"
            + (f" ({for_terminal(p['error'])})" if p.get("error") else "")
            for p in payloads
        ]
        agencies = ", ".join(p["agency"] for p in payloads)
        return _drill(
            exercise,
            f"Launch incomplete: {campaign} ({agencies} did not post)",
            [
                f"The launch of {campaign} ended without these agencies' posts:",
                *lines,
                f"Status: broadcaster status {campaign}",
            ],
        )
    if kind == "flood":
        lines = [
            f"{p['size']} near-identical replies between {_time(p.get('first_at'))} and "
            f"{_time(p.get('last_at'))}, on the posts of {', '.join(p['agencies']) or '?'}; "
            "kept out of the tips inbox."
            for p in payloads
        ]
        return _drill(
            exercise,
            f"Flood on the thread of {campaign}",
            [*lines, f"Floods: {first['tips_url']} (or broadcaster tips {campaign} --floods)"],
        )
    raise ValueError(f"no message for notices of kind {kind!r}")


def _tips(campaign: str, exercise: bool, payloads: Sequence[dict[str, Any]]) -> Message:
    count = len(payloads)
    agencies = ", ".join(dict.fromkeys(p["agency"] for p in payloads))
    title = (
        f"New tip: {campaign} ({agencies})"
        if count == 1
        else (f"{count} new tips: {campaign} ({agencies})")
    )
    lines: list[str] = []
    for p in payloads[:LISTED]:
        lines.append(f'- {p["agency"]}: "{p["snippet"]}"')
        if p.get("reasons"):
            lines.append(f"  why: {for_terminal('; '.join(p['reasons']))}")
        lines.append(f"  reply: {p['reply_url']}")
    if count > LISTED:
        lines.append(f"… and {count - LISTED} more.")
    lines.append(f"Tips inbox: {payloads[0]['tips_url']}")
    return _drill(exercise, title, lines)


def trial_message() -> Message:
    return Message(
        "broadcaster: test notification",
        "A test from broadcaster (`notify test`): new tips, incomplete launches and floods "
        "will reach this destination.",
    )
