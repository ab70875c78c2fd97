"""What the Mastodon drill holds (accounts, statuses, media) and how Mastodon 4.x shows it.

Everything lives in memory behind one lock, held only to read or change the dicts: the
JSON is encoded by the HTTP layer after the lock is let go. Ids are Mastodon's snowflakes
(milliseconds since the epoch, shifted 16 bits, plus a sequence), strings on the wire, so
they sort by time as the adapter expects.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# Mastodon 4.3's defaults, as mastodon.social states them in /api/v2/instance.
MAX_CHARACTERS = 500
MAX_MEDIA = 4
URL_WEIGHT = 23
IMAGE_SIZE_LIMIT = 16 * 1024 * 1024
IMAGE_MATRIX_LIMIT = 33_177_600  # 7680 × 4320
MAX_DESCRIPTION = 1500
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
# The accounts "joined" on this day: a fixed past, so their ids and created_at never move.
JOINED = datetime(2022, 11, 7, tzinfo=UTC).timestamp()

_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,:;!?)\]'’]")
_TAG = re.compile(r"(?<![\w/#])#(\w*[^\W\d_]\w*)")
_MENTION = re.compile(r"(?<![=/\w])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@([\w.-]+\w+))?", re.I)


def snowflake(seconds: float, sequence: int = 0) -> int:
    return (int(seconds * 1000) << 16) | (sequence & 0xFFFF)


def iso(seconds: float) -> str:
    """Mastodon's timestamps: UTC, milliseconds, a Z."""
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def text_length(text: str) -> int:
    """What Mastodon counts: every link 23, `@user@domain` as `@user`, grapheme clusters."""
    import regex

    countable = _URL.sub("x" * URL_WEIGHT, text)
    countable = _MENTION.sub(lambda m: "@" + m.group(1), countable)
    return len(regex.findall(r"\X", countable))


@dataclass
class Account:
    id: str
    username: str
    domain: str
    display_name: str
    token: str | None = field(default=None, repr=False)
    created_at: float = JOINED
    followers: int = 0
    suspended: bool = False
    # Kept as statuses come and go, so an account's view never walks its timeline.
    statuses_count: int = 0
    last_status_at: float | None = None


@dataclass
class Media:
    id: str
    owner_id: str
    mime_type: str
    size: int
    width: int
    height: int
    sha256: str
    description: str | None
    ready_at: float  # when its "processing" is over (the upload's arrival, for a photo)
    status_id: str | None = None


@dataclass
class Status:
    id: str
    account_id: str
    text: str
    created_at: float  # the arrival instant of the request that made it
    visibility: str = "public"
    in_reply_to_id: str | None = None
    in_reply_to_account_id: str | None = None
    reblog_of_id: str | None = None
    media_ids: tuple[str, ...] = ()
    language: str | None = None
    sensitive: bool = False
    spoiler_text: str = ""
    favourited_by: set[str] = field(default_factory=set)
    deleted: bool = False


class MastodonStore:
    """The drill's instance: its accounts, their statuses and media, one lock for all."""

    def __init__(self, domain: str) -> None:
        self.domain = domain
        self.lock = threading.Lock()
        self.accounts: dict[str, Account] = {}
        self.by_token: dict[str, Account] = {}
        self.statuses: dict[str, Status] = {}
        self.media: dict[str, Media] = {}
        self.timelines: dict[str, list[str]] = {}  # account id → its status ids, oldest first
        self.replies: dict[str, list[str]] = {}  # status id → ids of its direct replies
        self.reblogs: dict[str, dict[str, str]] = {}  # status id → {account id: reblog id}
        self.idempotency: dict[tuple[str, str], str] = {}  # (account id, key) → status id
        self._last_id = 0

    # -- making things (call with the lock held) ------------------------------------------

    def next_id(self, seconds: float) -> str:
        """A snowflake for `seconds`, always above the last one given."""
        self._last_id = max(self._last_id + 1, snowflake(seconds))
        return str(self._last_id)

    def add_account(
        self, username: str, domain: str, display_name: str, token: str | None, followers: int = 0
    ) -> Account:
        account_id = str(snowflake(JOINED, len(self.accounts) + 1))
        account = Account(account_id, username, domain, display_name, token, followers=followers)
        self.accounts[account_id] = account
        if token:
            self.by_token[token] = account
        self.timelines[account_id] = []
        return account

    def account_named(self, acct: str) -> Account | None:
        username, _, domain = acct.strip().lstrip("@").lower().partition("@")
        for account in self.accounts.values():
            if account.username.lower() == username and (
                not domain or account.domain.lower() == domain
            ):
                return account
        return None

    def add_status(self, account: Account, text: str, arrived: float, **fields: Any) -> Status:
        status = Status(self.next_id(arrived), account.id, text, arrived, **fields)
        self.statuses[status.id] = status
        self.timelines[account.id].append(status.id)
        if status.in_reply_to_id:
            self.replies.setdefault(status.in_reply_to_id, []).append(status.id)
        if status.reblog_of_id:
            self.reblogs.setdefault(status.reblog_of_id, {})[account.id] = status.id
        for media_id in status.media_ids:
            self.media[media_id].status_id = status.id
        if status.visibility != "direct":
            account.statuses_count += 1
            account.last_status_at = max(account.last_status_at or 0.0, arrived)
        return status

    def delete_status(self, status: Status) -> None:
        """Gone, with its boosts (as Mastodon removes the reblogs of a deleted status)."""
        status.deleted = True
        if status.visibility != "direct":
            self.accounts[status.account_id].statuses_count -= 1
        if status.reblog_of_id:
            self.reblogs.get(status.reblog_of_id, {}).pop(status.account_id, None)
        for reblog_id in list(self.reblogs.pop(status.id, {}).values()):
            reblog = self.statuses[reblog_id]
            reblog.deleted = True
            self.accounts[reblog.account_id].statuses_count -= 1

    def visible(self, status_id: str | None) -> Status | None:
        status = self.statuses.get(status_id or "")
        if status is None or status.deleted:
            return None
        return status

    # -- views, as Mastodon 4.x serializes them -------------------------------------------

    def acct(self, account: Account) -> str:
        if account.domain == self.domain:
            return account.username
        return f"{account.username}@{account.domain}"

    def profile_url(self, account: Account) -> str:
        return f"https://{account.domain}/@{account.username}"

    def status_url(self, status: Status) -> str:
        author = self.accounts[status.account_id]
        return f"https://{author.domain}/@{author.username}/{status.id}"

    def account_view(self, account: Account, *, credentials: bool = False) -> dict[str, Any]:
        last = account.last_status_at
        avatar = f"https://{account.domain}/avatars/original/missing.png"
        header = f"https://{account.domain}/headers/original/missing.png"
        view: dict[str, Any] = {
            "id": account.id,
            "username": account.username,
            "acct": self.acct(account),
            "display_name": account.display_name,
            "locked": False,
            "bot": False,
            "discoverable": True,
            "indexable": True,
            "group": False,
            "created_at": iso(account.created_at)[:10] + "T00:00:00.000Z",
            "note": "",
            "url": self.profile_url(account),
            "uri": f"https://{account.domain}/users/{account.username}",
            "avatar": avatar,
            "avatar_static": avatar,
            "header": header,
            "header_static": header,
            "followers_count": account.followers,
            "following_count": 0,
            "statuses_count": account.statuses_count,
            "last_status_at": iso(last)[:10] if last is not None else None,
            "hide_collections": False,
            "noindex": False,
            "emojis": [],
            "roles": [],
            "fields": [],
        }
        if account.suspended:
            view["suspended"] = True
        if credentials:
            view["source"] = {
                "privacy": "public",
                "sensitive": False,
                "language": None,
                "note": "",
                "fields": [],
                "follow_requests_count": 0,
                "hide_collections": False,
                "discoverable": True,
                "indexable": True,
            }
            view["role"] = {
                "id": "-99",
                "name": "",
                "permissions": "0",
                "color": "",
                "highlighted": False,
            }
        return view

    def media_view(self, media: Media, now: float) -> dict[str, Any]:
        ready = now >= media.ready_at
        base = f"https://{self.domain}/system/media_attachments/files/{media.id}"
        extension = media.mime_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
        aspect = round(media.width / media.height, 4) if media.height else 1.0
        small_w = min(media.width, 640)
        small_h = round(small_w / aspect) if aspect else 0
        return {
            "id": media.id,
            "type": "gifv" if media.mime_type == "image/gif" else "image",
            "url": f"{base}/original/{media.sha256[:16]}.{extension}" if ready else None,
            "preview_url": f"{base}/small/{media.sha256[:16]}.{extension}",
            "remote_url": None,
            "preview_remote_url": None,
            "text_url": None,
            "meta": {
                "original": {
                    "width": media.width,
                    "height": media.height,
                    "size": f"{media.width}x{media.height}",
                    "aspect": aspect,
                },
                "small": {
                    "width": small_w,
                    "height": small_h,
                    "size": f"{small_w}x{small_h}",
                    "aspect": aspect,
                },
            },
            "description": media.description,
            "blurhash": "UFBWY:8_0Jxv4nWBxuRj9Ft7%MIU_3%MRjWB",
        }

    def status_view(
        self, status: Status, viewer: Account | None, now: float, *, nested: bool = False
    ) -> dict[str, Any]:
        author = self.accounts[status.account_id]
        original = self.statuses.get(status.reblog_of_id or "")
        replies = [i for i in self.replies.get(status.id, []) if not self.statuses[i].deleted]
        view: dict[str, Any] = {
            "id": status.id,
            "created_at": iso(status.created_at),
            "in_reply_to_id": status.in_reply_to_id,
            "in_reply_to_account_id": status.in_reply_to_account_id,
            "sensitive": status.sensitive,
            "spoiler_text": status.spoiler_text,
            "visibility": status.visibility,
            "language": status.language,
            "uri": f"https://{author.domain}/users/{author.username}/statuses/{status.id}",
            "url": None if original else self.status_url(status),
            "replies_count": len(replies),
            "reblogs_count": len(self.reblogs.get(status.id, {})),
            "favourites_count": len(status.favourited_by),
            "edited_at": None,
            "content": "" if original else self.render(status.text),
            "reblog": (
                self.status_view(original, viewer, now, nested=True)
                if original is not None and not nested
                else None
            ),
            "application": {"name": "broadcaster", "website": None},
            "account": self.account_view(author),
            "media_attachments": [self.media_view(self.media[m], now) for m in status.media_ids],
            "mentions": [
                {
                    "id": mentioned.id,
                    "username": mentioned.username,
                    "url": self.profile_url(mentioned),
                    "acct": self.acct(mentioned),
                }
                for mentioned in self._mentioned(status.text)
            ],
            "tags": [
                {"name": tag.lower(), "url": f"https://{self.domain}/tags/{tag.lower()}"}
                for tag in dict.fromkeys(_TAG.findall(status.text))
            ],
            "emojis": [],
            "card": None,
            "poll": None,
            "filtered": [],
        }
        if viewer is not None:
            view["favourited"] = viewer.id in status.favourited_by
            view["reblogged"] = viewer.id in self.reblogs.get(status.id, {})
            view["muted"] = False
            view["bookmarked"] = False
            if viewer.id == status.account_id:
                view["pinned"] = False
        return view

    def _mentioned(self, text: str) -> list[Account]:
        found = []
        for match in _MENTION.finditer(text):
            account = self.account_named(match.group(0))
            if account is not None and account not in found:
                found.append(account)
        return found

    def render(self, text: str) -> str:
        """Plain text as Mastodon's formatter renders it: escaped, paragraphs and line
        breaks, links (the scheme hidden, long ones cut for display), tags and mentions."""
        out = []
        for paragraph in re.split(r"\n{2,}", text.strip("\n")):
            out.append("<p>" + "<br />".join(self._line(line) for line in paragraph.split("\n")))
        return "</p>".join(out) + "</p>" if out else ""

    def _line(self, line: str) -> str:
        pieces: list[str] = []
        cursor = 0
        spans = [(m.start(), m.end(), "url") for m in _URL.finditer(line)]
        taken = [(s, e) for s, e, _ in spans]

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        spans += [(m.start(), m.end(), "tag") for m in _TAG.finditer(line) if free(*m.span())]
        spans += [(m.start(), m.end(), "at") for m in _MENTION.finditer(line) if free(*m.span())]
        for start, end, kind in sorted(spans):
            pieces.append(html.escape(line[cursor:start], quote=False))
            pieces.append(self._link(line[start:end], kind))
            cursor = end
        pieces.append(html.escape(line[cursor:], quote=False))
        return "".join(pieces)

    def _link(self, token: str, kind: str) -> str:
        if kind == "tag":
            name = token[1:]
            return (
                f'<a href="https://{self.domain}/tags/{html.escape(name.lower())}" '
                f'class="mention hashtag" rel="tag">#<span>{html.escape(name)}</span></a>'
            )
        if kind == "at":
            account = self.account_named(token)
            if account is None:
                return html.escape(token, quote=False)
            return (
                '<span class="h-card" translate="no">'
                f'<a href="{self.profile_url(account)}" class="u-url mention">'
                f"@<span>{html.escape(account.username)}</span></a></span>"
            )
        prefix = re.match(r"https?://(?:www\.)?", token)
        hidden = prefix.group(0) if prefix else ""
        shown, rest = token[len(hidden) : len(hidden) + 30], token[len(hidden) + 30 :]
        return (
            f'<a href="{html.escape(token)}" target="_blank" '
            'rel="nofollow noopener noreferrer" translate="no">'
            f'<span class="invisible">{html.escape(hidden)}</span>'
            f'<span class="{"ellipsis" if rest else ""}">{html.escape(shown)}</span>'
            f'<span class="invisible">{html.escape(rest)}</span></a>'
        )


def followers_for(username: str) -> int:
    """A steady audience for an agency's account, the same run after run."""
    digest = hashlib.sha256(username.lower().encode()).digest()
    return 500 + int.from_bytes(digest[:4], "big") % 60000
