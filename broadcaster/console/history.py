"""What already happened to a campaign, as the campaign page and the live board show it:
every post of its journal grouped by what it is (the alert, a scheduled repost, update N,
the resolve's update, the cancel's correction), per agency and account, with its state
and link; and which photo is up now (an update's new photo replaces the original)."""

from __future__ import annotations

from typing import Any

from broadcaster.campaign.updates import number_of
from broadcaster.console.text import post_id, stranger
from broadcaster.console.when import when
from broadcaster.states import PostState

# What each journal state means to an officer.
SHOWN = {
    PostState.PLANNED: "armed",
    PostState.SENDING: "sending",
    PostState.POSTED: "posted",
    PostState.FAILED: "failed",
    PostState.UNKNOWN: "unknown",  # sent, no answer: reconciled before any retry
    PostState.AWAITING_APPROVAL: "held",
    PostState.DELETED: "taken down",
    PostState.CANCELLED: "cancelled",
}


def group_of(kind: str, occurrence: str) -> str:
    """The heading a post is listed under."""
    if occurrence == "launch":
        return "The alert"
    number = number_of(occurrence)
    if number is not None:
        return f"Update {number}"
    if kind == "correction":
        return "The correction (alert cancelled)"
    if kind == "update":
        return f"The resolve update ({occurrence})"
    if kind == "scheduled_repost":
        return f"Scheduled repost, {when(occurrence)}"
    return f"{kind} ({occurrence})"


def link(url: object) -> str | None:
    """A post's URL when it is one a browser may follow (http or https), else None."""
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def post_row(post: dict[str, Any], state: str | None = None) -> dict[str, Any]:
    """One journal row of `campaign_status`, as shown (a stranger's text cleaned)."""
    return {
        "group": group_of(post["kind"], post["occurrence"]),
        "agency": post["agency"],
        "platform": post["platform"],
        "handle": stranger(post["handle"] or ""),
        "kind": post["kind"],
        "state": state or SHOWN.get(post["state"], post["state"]),
        "url": link(post["url"]),
        "error": stranger(post["error"]) if post["error"] else None,
        "posted_at": when(post["posted_at"], seconds=True) if post["posted_at"] else None,
        "late": post["late"],
        "post_id": post_id(post["remote_id"]),
    }


def grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """[{"label", "posts"}] in the order each group first appears in the journal."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["group"], []).append(row)
    return [{"label": label, "posts": posts} for label, posts in groups.items()]


def newest_photo(status: dict[str, Any]) -> dict[str, Any] | None:
    """The newest update that posted a new photo (it replaced the earlier one), as
    {"number", "down", "alt"} (`down`: its photo posts were taken down since, by a resolve or a
    later photo); None while the campaign's own photo is the newest."""
    posted = [
        u
        for u in status["updates"]
        if u["photo_sha256"] and any(p["state"] in SENT for p in u["posts"])
    ]
    if not posted:
        return None
    newest = max(posted, key=lambda u: u["update"])
    sent = [p for p in newest["posts"] if p["state"] in SENT]
    # Its own alt text (the first language given, the lead agency's); None for an update
    # signed before updates had alt texts: the page then falls back to the campaign's.
    own_alt = newest.get("photo_alt") or {}
    return {
        "number": newest["update"],
        "down": all(p["state"] == PostState.DELETED for p in sent),
        "alt": next(iter(own_alt.values()), None),
    }


SENT = (PostState.POSTED, PostState.DELETED)
