"""The one-call pipeline from a campaign file to exactly what each agency will post.

`prepare_campaign` validates everything that can be checked without touching a platform
(agencies, campaign, templates, lengths, photo, X's identical-content rule, credentials) and
reports every problem at once. Launch, approval, resolve and cancel all start here, so what
`preview` shows is what is approved and what is sent.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from broadcaster.authoring.agencies import Agency, Registry, load_registry
from broadcaster.authoring.campaigns import Campaign, load_campaign
from broadcaster.authoring.media import (
    PhotoFormatRefused,
    PhotoLimits,
    PreparedPhoto,
    one_of,
    prepare_photo,
    shown_path,
    strictest,
)
from broadcaster.authoring.render import TEMPLATE_NAMES, Renderer, user_templates_for
from broadcaster.authoring.textlen import (
    character_name,
    invalid_character,
    limit_for,
    platform_rules,
    weighted_length,
)
from broadcaster.authoring.tomlfile import dotted
from broadcaster.config import Settings
from broadcaster.errors import (
    CampaignInvalid,
    MediaInvalid,
    TemplateInvalid,
    UsageInvalid,
)

__all__ = [
    "PreparedCampaign",
    "PreparedPhoto",
    "RenderedPost",
    "prepare_campaign",
    "render_for",
]

MAX_ALT_TEXT = 1000  # X's limit on a photo's description
FOLLOW_UPS = (
    "repost",
    "update/arrested",
    "update/found",
    "update/withdrawn",
    "update/note",
    "cancel",
)
# Rendered at validation time to catch template mistakes before the day they are needed.
_SAMPLE_EXTRA: dict[str, dict[str, Any]] = {
    "repost": {"number": 2},
    "cancel": {"reason": "wrong photo"},
    "update/arrested": {"outcome": "arrested"},
    "update/found": {"outcome": "found"},
    "update/withdrawn": {"outcome": "withdrawn"},
    "update/note": {"note": "New sighting.", "number": 1},
}


@dataclass(frozen=True)
class AccountRendering:
    """One account's view of an agency's post: its length under its own platform's rule."""

    platform: str
    handle: str
    weighted_length: int
    limit: int

    @property
    def over_limit(self) -> bool:
        return self.weighted_length > self.limit


@dataclass(frozen=True)
class RenderedPost:
    """An agency's post (the same text on each of its accounts). `platform`,
    `weighted_length` and `limit` are its first account's; `accounts` has each one's."""

    agency: str
    platform: str
    language: str
    text: str
    weighted_length: int
    limit: int
    media: tuple[str, ...] = ()  # file names of the photos attached
    alt_text: str | None = None
    # post: its own post; quote: quote the lead's post with `text`; repost: repost it (no text)
    action: str = "post"
    template: str = ""  # the template name that produced it, e.g. "wanted", "amplify"
    accounts: tuple[AccountRendering, ...] = ()

    @property
    def over_limit(self) -> bool:
        return any(a.over_limit for a in self.accounts) or self.weighted_length > self.limit


@dataclass(frozen=True)
class PreparedCampaign:
    path: Path
    campaign: Campaign
    registry: Registry
    agencies: list[Agency]  # the campaign's, in file order
    posts: list[RenderedPost]  # what the launch posts, one per agency in file order
    photo: PreparedPhoto | None
    parts: dict[str, str]  # "file", "text:<agency>", "media" -> sha256
    content_hash: str
    renderer: Renderer = field(repr=False, compare=False, default=None)  # type: ignore[assignment]

    @property
    def id(self) -> str:
        return self.campaign.id

    def agency(self, key: str) -> Agency:
        for agency in self.agencies:
            if agency.key == key:
                return agency
        raise UsageInvalid(
            f"agency {key!r} is not in campaign {self.campaign.id!r}; "
            f"it has {', '.join(a.key for a in self.agencies)}."
        )

    def post_for(self, key: str) -> RenderedPost:
        for post in self.posts:
            if post.agency == key:
                return post
        raise UsageInvalid(
            f"agency {key!r} is not in campaign {self.campaign.id!r}; "
            f"it has {', '.join(a.key for a in self.agencies)}."
        )


def _sha(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def _template_for(campaign: Campaign, template: str) -> str:
    return campaign.kind if template == "original" else template


def _render_one(
    renderer: Renderer,
    campaign: Campaign,
    registry: Registry,
    agency: Agency,
    template: str,
    extra: Mapping[str, Any] | None,
    photo: PreparedPhoto | None,
) -> RenderedPost:
    lead = registry.get(campaign.lead)
    name = _template_for(campaign, template)
    case = campaign.case.localized(agency.language, lead.language)
    context: dict[str, Any] = {"lead": lead, **(extra or {})}
    text = renderer.render(name, campaign=campaign, agency=agency, case=case, extra=context)
    with_photo = photo is not None and template in ("original", "repost")
    return RenderedPost(
        agency=agency.key,
        platform=agency.platform,
        language=agency.language,
        text=text,
        weighted_length=weighted_length(text, agency.platform),
        limit=limit_for(agency.platform),
        accounts=_account_renderings(agency, text),
        media=(photo.filename,) if with_photo and photo else (),
        alt_text=case.get("photo_alt") if with_photo else None,
        template=name,
    )


def _launch_posts(
    renderer: Renderer,
    campaign: Campaign,
    registry: Registry,
    agencies: Sequence[Agency],
    photo: PreparedPhoto | None,
) -> tuple[list[RenderedPost], list[str]]:
    """Every agency's launch post, and the template problems met on the way."""
    posts: list[RenderedPost] = []
    problems: list[str] = []
    for agency in agencies:
        partner = campaign.mode == "amplify" and agency.key != campaign.lead
        try:
            if partner and campaign.amplify_with == "repost":
                posts.append(
                    RenderedPost(
                        agency=agency.key,
                        platform=agency.platform,
                        language=agency.language,
                        text="",
                        weighted_length=0,
                        limit=limit_for(agency.platform),
                        accounts=_account_renderings(agency, ""),
                        action="repost",
                        template="",
                    )
                )
            elif partner:
                post = _render_one(renderer, campaign, registry, agency, "amplify", None, photo)
                posts.append(_replace(post, action="quote"))
            else:
                posts.append(
                    _render_one(renderer, campaign, registry, agency, "original", None, photo)
                )
        except TemplateInvalid as error:
            problems.append(error.message)
    return posts, problems


def _replace(post: RenderedPost, **changes: Any) -> RenderedPost:
    from dataclasses import replace

    return replace(post, **changes)


def _account_renderings(agency: Agency, text: str) -> tuple[AccountRendering, ...]:
    return tuple(
        AccountRendering(
            platform=a.platform,
            handle=a.handle,
            weighted_length=weighted_length(text, a.platform) if text else 0,
            limit=limit_for(a.platform),
        )
        for a in agency.accounts
    )


# What an officer shortens when a post rendered at the moment is too long: the text they
# typed, for the posts that carry it (an update's note, a cancel's reason).
_SHORTEN = {"update/note": "the --note text", "cancel": "the --reason text"}


def _length_problems(
    path: Path, posts: Sequence[RenderedPost], what: str, shorten: str = "the case text"
) -> list[str]:
    """Each account's length under its own platform's rule."""
    problems = []
    for p in posts:
        several = len(p.accounts) > 1
        for a in p.accounts or (AccountRendering(p.platform, "", p.weighted_length, p.limit),):
            if a.over_limit:
                who = f"agency {p.agency!r}" + (f" account {a.handle}" if several else "")
                problems.append(
                    f"{path}: the {what} post for {who} is {a.weighted_length} weighted "
                    f"characters; {a.platform} allows {a.limit}. Shorten {shorten} or the "
                    "template."
                )
    return problems


def _character_problems(
    path: Path,
    campaign: Campaign,
    registry: Registry,
    posts: Sequence[RenderedPost],
    what: str,
    extra: Mapping[str, Any] | None = None,
    seen: set[tuple[str, str]] | None = None,
) -> list[str]:
    """Each account's post against the characters its platform refuses (X refuses what
    twitter-text calls invalid: a byte order mark, U+FFFE, U+FFFF), in one sentence per
    character and origin (a field of the campaign, of the agency, or else the template)
    naming the agencies (and accounts) whose post holds it. `seen` carries the (character,
    origin) pairs already said, so the follow-up templates do not repeat the launch's."""
    seen = set() if seen is None else seen
    found: dict[tuple[str, str, str], list[str]] = {}
    for post in posts:
        if not post.text:
            continue
        several = len(post.accounts) > 1
        accounts = post.accounts or (AccountRendering(post.platform, "", 0, 0),)
        for account in accounts:
            bad = invalid_character(post.text, account.platform)
            if bad is None:
                continue
            origin = _origin(bad, campaign, registry, post, extra)
            one = repr(post.agency) + (f" account {account.handle}" if several else "")
            found.setdefault((bad, origin, account.platform), []).append(one)
    problems = []
    for (bad, origin, platform), names in found.items():
        if (bad, origin) in seen and not origin.startswith("the template"):
            continue
        seen.add((bad, origin))
        who = list(dict.fromkeys(names))
        agencies = f"agenc{'ies' if len(who) > 1 else 'y'} {', '.join(who)}"
        problems.append(
            f"{path}: the {what} post for {agencies} holds {character_name(bad)}, which "
            f"{platform} refuses in a post; remove it from {origin}."
        )
    return problems


def _origin(
    char: str,
    campaign: Campaign,
    registry: Registry,
    post: RenderedPost,
    extra: Mapping[str, Any] | None,
) -> str:
    """Where a character of a rendered post came from, for the sentence."""
    for key, value in (extra or {}).items():
        if isinstance(value, str) and char in value:
            return f"the {key} given"
    data = campaign.model_dump(mode="json")
    # The agency's own translation first: it is what its post was rendered from.
    base = post.language.split("-")[0].lower()
    for tag, fields in ((data.get("case") or {}).get("i18n") or {}).items():
        if str(tag).split("-")[0].lower() == base:
            found = _find(char, fields, ("case", "i18n", tag))
            if found is not None:
                return dotted(found)
    found = _find(char, data, ())
    if found is not None:
        return dotted(found)
    agency = registry.get(post.agency)
    found = _find(char, agency.model_dump(mode="json"), ())
    if found is not None:
        return f"{dotted(('agency', post.agency, *found))} in {registry.path}"
    return f"the template {post.template or 'used'}"


def _find(char: str, data: Any, location: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    if isinstance(data, str):
        return location if char in data else None
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        found = _find(char, value, (*location, key))
        if found is not None:
            return found
    return None


def _normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def identical_problems(
    path: Path, campaign: Campaign, posts: Sequence[RenderedPost], what: str
) -> list[str]:
    """X refuses identical posts from several accounts unless it is a public-safety alert:
    the rule holds per platform, between agencies and between one agency's accounts."""
    if campaign.identical_content == "public-safety":
        return []
    problems: list[str] = []
    seen: dict[tuple[str, str], tuple[str, str]] = {}  # -> (agency, handle)
    for post in posts:
        if not post.text:
            continue
        accounts = post.accounts or (AccountRendering(post.platform, "", 0, 0),)
        for account in accounts:
            key = (account.platform, _normalized(post.text))
            if key not in seen:
                seen[key] = (post.agency, account.handle)
                continue
            other, handle = seen[key]
            if other == post.agency:
                who = f"agency {other!r} accounts {handle} and {account.handle}"
            else:
                who = f"agencies {other!r} and {post.agency!r}"
            problems.append(
                f"{path}: {who} would post identical {what} text on {account.platform}; "
                "give each its own wording (name, tip line) or set "
                'identical_content = "public-safety".'
            )
    return problems


def _photo(
    path: Path, campaign: Campaign, registry: Registry, agencies: Sequence[Agency]
) -> tuple[PreparedPhoto | None, list[str]]:
    photo_path = campaign.case.photo
    if photo_path is None:
        return None, []
    problems: list[str] = []
    lead = registry.get(campaign.lead)
    alt: dict[str, str] = {}
    for agency in agencies:
        try:
            text = campaign.case.localized(agency.language, lead.language).get("photo_alt")
        except KeyError:
            continue
        if text:
            alt[agency.language] = text
            if len(text) > MAX_ALT_TEXT:
                problems.append(
                    f"{path}: the photo's alt text in {agency.language} is {len(text)} "
                    f"characters; platforms allow {MAX_ALT_TEXT}."
                )
    platforms = sorted({account.platform for a in agencies for account in a.accounts})
    limits = strictest([platform_rules(p).photo_limits for p in platforms])
    try:
        return prepare_photo(photo_path, alt, limits), problems
    except PhotoFormatRefused as error:
        return None, [*problems, _format_problem(path, photo_path, error, agencies, limits)]
    except MediaInvalid as error:
        return None, [*problems, error.message]


def _format_problem(
    path: Path,
    photo: Path,
    error: PhotoFormatRefused,
    agencies: Sequence[Agency],
    limits: PhotoLimits,
) -> str:
    """A photo format some account's platform refuses (X's upload takes no GIF), naming
    the field, the file, and the agencies whose accounts refuse it."""
    fmt = error.format
    refusing = [
        (agency.key, account.platform)
        for agency in agencies
        for account in agency.accounts
        if fmt not in platform_rules(account.platform).photo_limits.formats
    ]
    if not fmt or not refusing or not limits.formats:
        return error.message
    platforms = " and ".join(dict.fromkeys(platform for _, platform in refusing))
    keys = list(dict.fromkeys(repr(key) for key, _ in refusing))
    who = f"agenc{'ies' if len(keys) > 1 else 'y'} {', '.join(keys)}"
    return (
        f"{path}: case.photo {shown_path(photo)} is a {fmt} image, which {platforms} does not "
        f"take ({who}); convert it to {one_of(sorted(limits.formats))}."
    )


def _hashes(
    path: Path, posts: Sequence[RenderedPost], photo: PreparedPhoto | None
) -> tuple[dict[str, str], str]:
    parts = {"file": _sha(path.read_bytes())}
    for post in posts:
        parts[f"text:{post.agency}"] = _sha(f"{post.action}\n{post.text}")
    if photo is not None:
        parts["media"] = photo.source_sha256
    content = _sha(json.dumps(parts, sort_keys=True))
    return parts, content


def prepare_campaign(
    path: Path,
    settings: Settings,
    *,
    check_credentials: bool = True,
    now: datetime | None = None,
    registry: Registry | None = None,
    follow_ups: bool = True,
) -> PreparedCampaign:
    """Validate and render a campaign; raises CampaignInvalid listing every problem.

    `now`, when given, also refuses dates already past (validate, preview); launch and
    resolve leave it out so that a launch that is due, or an old campaign, still prepares.
    `follow_ups=False` skips checking the update and cancel templates (none of them is in
    the content hash): the console's page, which shows the launch posts only; approving
    there prepares in full.
    """
    path = Path(path)
    if registry is None:
        registry = load_registry(settings.agencies_path)
    campaign = load_campaign(path, registry, now=now)
    agencies = [registry.get(key) for key in campaign.agencies]
    problems: list[str] = []

    if check_credentials:
        for agency in agencies:
            for account in agency.each_account():
                missing = [n for n in account.credential_names() if not settings.env.get(n)]
                if missing:
                    # The env file actually read (--env-file), as `agencies check` names it.
                    problems.append(
                        f"{account.label}: set {', '.join(missing)} in the environment or "
                        f"{settings.env_file}."
                    )

    photo, photo_problems = _photo(path, campaign, registry, agencies)
    problems.extend(photo_problems)

    renderer = Renderer(user_templates_for(path))
    posts, template_problems = _launch_posts(renderer, campaign, registry, agencies, photo)
    problems.extend(template_problems)
    problems.extend(_length_problems(path, posts, "launch"))
    said: set[tuple[str, str]] = set()  # (character, origin): each said once
    problems.extend(_character_problems(path, campaign, registry, posts, "launch", seen=said))
    problems.extend(identical_problems(path, campaign, posts, "launch"))

    for name in FOLLOW_UPS if follow_ups else ():
        try:
            rendered = _render_all(renderer, campaign, registry, agencies, name, None, photo)
        except TemplateInvalid as error:
            problems.append(error.message)
            continue
        if name not in ("cancel", "update/note"):  # the reason, the note: known on the day
            problems.extend(_length_problems(path, rendered, name))
        problems.extend(_character_problems(path, campaign, registry, rendered, name, seen=said))
        problems.extend(identical_problems(path, campaign, rendered, name))

    if problems:
        raise CampaignInvalid(list(dict.fromkeys(problems)))
    parts, content_hash = _hashes(path, posts, photo)
    return PreparedCampaign(
        path=path,
        campaign=campaign,
        registry=registry,
        agencies=agencies,
        posts=posts,
        photo=photo,
        parts=parts,
        content_hash=content_hash,
        renderer=renderer,
    )


def _render_all(
    renderer: Renderer,
    campaign: Campaign,
    registry: Registry,
    agencies: Sequence[Agency],
    template: str,
    extra: Mapping[str, Any] | None,
    photo: PreparedPhoto | None,
) -> list[RenderedPost]:
    sample = _SAMPLE_EXTRA.get(template, {})
    merged = {**sample, **(extra or {})}
    return [
        _render_one(renderer, campaign, registry, agency, template, merged, photo)
        for agency in agencies
    ]


def render_for(
    prepared: PreparedCampaign,
    template: str,
    *,
    agencies: Sequence[str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> list[RenderedPost]:
    """Render `template` ("original", "amplify", "repost", "update/found", "cancel", ...)
    for the given agencies (default: all the campaign's), in campaign order.

    Raises TemplateInvalid, or CampaignInvalid when a text is over its platform's limit.
    `extra` adds variables: {"number": 2} for a repost, {"reason": ...} for a cancel.
    """
    if template != "original" and template not in TEMPLATE_NAMES:
        raise UsageInvalid(
            f"no template named {template!r}; use original or one of {', '.join(TEMPLATE_NAMES)}."
        )
    wanted = [prepared.agency(key) for key in agencies] if agencies is not None else None
    chosen = wanted if wanted is not None else prepared.agencies
    order = {a.key: i for i, a in enumerate(prepared.agencies)}
    chosen = sorted(chosen, key=lambda a: order[a.key])
    renderer = prepared.renderer or Renderer(user_templates_for(prepared.path))
    merged = dict(extra or {})
    if template == "repost":
        merged.setdefault("number", 1)
    if template.startswith("update/"):
        merged.setdefault("outcome", template.split("/", 1)[1])
    posts = [
        _render_one(
            renderer, prepared.campaign, prepared.registry, agency, template, merged, prepared.photo
        )
        for agency in chosen
    ]
    if template == "amplify":
        posts = [_replace(p, action="quote") for p in posts]
    problems = _length_problems(
        prepared.path, posts, template, _SHORTEN.get(template, "the case text")
    )
    problems += _character_problems(
        prepared.path, prepared.campaign, prepared.registry, posts, template, merged
    )
    if problems:
        raise CampaignInvalid(problems)
    return posts
