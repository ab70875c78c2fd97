"""Campaign files (`campaigns/<id>.toml`) → a validated, frozen `Campaign`.

Every problem is reported at once, each as `file:line: sentence` where the line can be
found. Unknown fields are errors: a typo must not silently drop a fact from an alert.

Languages: the top-level `[case]` free-text fields are written in the LEAD agency's
language; `[case.i18n.<lang>]` must give every one of them for each other language the
campaign's agencies use (`fr-CA` is satisfied by `fr`, and the other way round).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from broadcaster.authoring.agencies import Registry
from broadcaster.authoring.tomlfile import dotted, line_of, read_toml, unsafe_strings
from broadcaster.errors import CampaignInvalid
from broadcaster.safetext import unsafe_character
from broadcaster.timeutil import parse_duration, parse_instant

KINDS = ("wanted", "missing", "appeal")
STATUSES = ("actual", "exercise")
MODES = ("coordinated", "amplify")
FREE_TEXT = ("offence", "description", "last_seen", "photo_alt")
NEEDS_PHOTO = ("wanted", "missing")
MIN_REPOST_INTERVAL = timedelta(hours=1)
MAX_REPOST_INTERVAL = timedelta(days=366)
MAX_NAME_BYTES = 255  # of one part of a file name, as file systems allow
LAST_YEAR = 2999  # instants past this are typos, and would overflow date arithmetic

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HASHTAG = re.compile(r"^#\w+$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"']+)\s*=")


def _instant(value: Any) -> Any:
    """TOML gives aware or naive datetimes; a naive one is ambiguous across time zones."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(
                f"{value.isoformat()} has no time zone; add Z for UTC or an offset like -05:00"
            )
        try:
            moment = value.astimezone(UTC)
        except OverflowError:
            raise ValueError(f"{value.isoformat()} is out of range") from None
        if moment.year > LAST_YEAR:
            raise ValueError(f"{value.isoformat()} is too far in the future")
        return moment
    if isinstance(value, date):
        raise ValueError(
            f"{value.isoformat()} is a date without a time; write it like "
            f"{value.isoformat()}T14:00:00Z"
        )
    if isinstance(value, str):
        try:
            return _instant(parse_instant(value))
        except OverflowError:
            raise ValueError(f"{value!r} is out of range") from None
    return value


def _duration(value: Any) -> Any:
    if isinstance(value, str):
        try:
            duration = parse_duration(value)
        except OverflowError:
            raise ValueError(f"{value!r} is too long; reposts must be at most 366d apart") from None
        if isinstance(duration, timedelta) and duration > MAX_REPOST_INTERVAL:
            raise ValueError(f"{value!r} is too long; reposts must be at most 366d apart")
        return duration
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f'write the duration in quotes with its unit, like "{value}h"')
    return value


Instant = Annotated[datetime, BeforeValidator(_instant)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _hashtag_list(value: list[str]) -> list[str]:
    for tag in value:
        if not _HASHTAG.match(tag):
            raise ValueError(f"{tag!r} is not a hashtag like #Wanted")
    return value


class Translation(_Strict):
    offence: str | None = None
    description: str | None = None
    last_seen: str | None = None
    photo_alt: str | None = None
    # A hashtag is words in a language: #Wanted means nothing to a French reader, so each
    # language may give its own (without them, the campaign's own are used).
    hashtags: list[str] | None = None

    @field_validator("hashtags")
    @classmethod
    def _hashtags(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _hashtag_list(value)


# -- [case.area]: where the alert applies, for CAP's <area> (#14) -------------------------

_NUMBER = re.compile(r"^[+-]?\d{1,3}(\.\d+)?$")
_RADIUS = re.compile(r"^\d+(\.\d+)?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
AREA_TEXT_MAX = 500  # an area description, a geocode's name or value
POLYGON_MAX_POINTS = 500


def _point(text: Any, what: str) -> tuple[float, float]:
    """A point as CAP writes it: "lat,lon" in WGS 84 decimal degrees."""
    if not isinstance(text, str):
        raise ValueError(f'{what} must be "lat,lon" in quotes, like "45.2733,-66.0633"')
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(_NUMBER.match(p) for p in parts):
        raise ValueError(f'{what} {text!r} is not "lat,lon" in degrees, like "45.2733,-66.0633"')
    lat, lon = float(parts[0]), float(parts[1])
    if not -90 <= lat <= 90:
        raise ValueError(f"{what} {text!r}: latitude {parts[0]} is not between -90 and 90")
    if not -180 <= lon <= 180:
        raise ValueError(f"{what} {text!r}: longitude {parts[1]} is not between -180 and 180")
    return lat, lon


def _plain(value: str, what: str) -> str:
    if not value.strip():
        raise ValueError(f"{what} is empty")
    if _CONTROL.search(value):
        raise ValueError(f"{what} holds a control character (a line break, a tab…)")
    if len(value) > AREA_TEXT_MAX:
        raise ValueError(f"{what} is longer than {AREA_TEXT_MAX} characters")
    return value.strip()


class Geocode(_Strict):
    """One CAP geocode: a code system (`valueName`) and a code in it (`value`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    value_name: str = Field(alias="valueName")
    value: str

    @field_validator("value_name", "value", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a code written without quotes
        return _plain(value, "it") if isinstance(value, str) else value


class Area(_Strict):
    """`[case.area]`: the area the alert is for (not only where the person was seen).

    circle = "lat,lon radius_km"; polygon = ["lat,lon", …] closed (first point = last, at
    least 4 points); geocodes = [{ valueName = "…", value = "…" }, …].
    """

    description: str | None = None
    circle: str | None = None
    polygon: list[str] | None = None
    geocodes: list[Geocode] = Field(default_factory=list)

    @field_validator("description")
    @classmethod
    def _description(cls, value: str | None) -> str | None:
        return None if value is None else _plain(value, "the description")

    @field_validator("circle")
    @classmethod
    def _circle(cls, value: str | None) -> str | None:
        if value is None:
            return None
        centre, _, radius = value.strip().rpartition(" ")
        if centre.count(",") != 1 or not _RADIUS.match(radius):
            raise ValueError(f'{value!r} is not "lat,lon radius_km", like "45.2733,-66.0633 25"')
        _point(centre.strip(), "the centre")
        if float(radius) <= 0:
            raise ValueError(f"the radius in {value!r} must be more than 0 km")
        return f"{centre.strip()} {radius}"

    @field_validator("polygon")
    @classmethod
    def _polygon(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        if len(value) > POLYGON_MAX_POINTS:
            raise ValueError(f"a polygon of more than {POLYGON_MAX_POINTS} points")
        points = [_point(p, f"point {n}") for n, p in enumerate(value, start=1)]
        if len(points) < 4:
            raise ValueError(
                f"a polygon needs at least 4 points (3 corners and the first again); "
                f"it has {len(points)}"
            )
        if points[0] != points[-1]:
            raise ValueError(
                f"the polygon is not closed: the last point {value[-1]!r} must repeat "
                f"the first {value[0]!r}"
            )
        return [p.replace(" ", "") for p in value]

    @property
    def has_geometry(self) -> bool:
        return bool(self.circle or self.polygon or self.geocodes)


class Case(_Strict):
    number: str
    name: str | None = None  # the person's name: never translated
    # For grammatical agreement in the posts (French: RECHERCHÉ or RECHERCHÉE, vu or vue);
    # left out when it is not known, and the templates then write both forms.
    sex: Literal["male", "female"] | None = None
    offence: str | None = None
    description: str
    last_seen: str | None = None
    photo: Path | None = None  # resolved against the campaign file by load_campaign
    photo_alt: str | None = None
    i18n: dict[str, Translation] = Field(default_factory=dict)
    area: Area | None = None  # [case.area], for CAP's <area>

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    def localized(self, language: str, base_language: str) -> dict[str, Any]:
        """The free-text fields in `language`; the top level is in `base_language`."""
        fields: dict[str, Any] = {
            "number": self.number,
            "name": self.name,
            "sex": self.sex,
            **{name: getattr(self, name) for name in FREE_TEXT},
        }
        translation = _translation_for(self.i18n, language)
        if translation is not None:
            fields.update({k: v for k, v in translation.model_dump().items() if v is not None})
        elif not _same_language(language, base_language):
            raise KeyError(f"no translation of the case into {language}")
        return fields


class RepostPlan(_Strict):
    every: Annotated[timedelta | None, BeforeValidator(_duration)] = None
    at: list[Instant] = Field(default_factory=list)
    until: Instant | None = None
    local_hours: tuple[time, time] | None = None

    @field_validator("every")
    @classmethod
    def _every(cls, value: timedelta | None) -> timedelta | None:
        if value is not None and value < MIN_REPOST_INTERVAL:
            raise ValueError("reposts must be at least 1h apart (X treats faster ones as spam)")
        return value

    @field_validator("local_hours", mode="before")
    @classmethod
    def _hours(cls, value: Any) -> Any:
        if value is None:
            return None
        example = 'write it like ["08:00", "21:00"]'
        if not isinstance(value, list | tuple) or len(value) != 2:
            raise ValueError(f"local_hours must be two times of day; {example}")
        times: list[time] = []
        for item in value:
            match = _CLOCK.match(item) if isinstance(item, str) else None
            if not match:
                raise ValueError(f"{item!r} is not a time of day like 08:00; {example}")
            times.append(time(int(match.group(1)), int(match.group(2))))
        if times[0] >= times[1]:
            raise ValueError(f"local_hours must start before they end; {example}")
        return tuple(times)


class Campaign(_Strict):
    id: str
    kind: Literal["wanted", "missing", "appeal"]
    status: Literal["actual", "exercise"]
    lead: str
    agencies: list[str] = Field(min_length=1)
    mode: Literal["coordinated", "amplify"] = "coordinated"
    amplify_with: Literal["quote", "repost"] = "quote"
    identical_content: Literal["public-safety"] | None = None
    launch_at: Instant | None = None
    expires_at: Instant | None = None
    approvals_required: int = Field(default=1, ge=1, le=20, strict=True)
    partner_approval: bool = Field(default=False, strict=True)  # each agency's own approver too
    hashtags: list[str] = Field(default_factory=list)
    link: str | None = None
    case: Case
    reposts: list[RepostPlan] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(
                f"{value!r} is not a campaign id; use lower-case letters, digits and -, "
                "like tps-2026-0412"
            )
        return value

    @field_validator("agencies")
    @classmethod
    def _agencies(cls, value: list[str]) -> list[str]:
        doubled = sorted({key for key in value if value.count(key) > 1})
        if doubled:
            raise ValueError(f"{', '.join(doubled)} listed more than once")
        return value

    @field_validator("hashtags")
    @classmethod
    def _hashtags(cls, value: list[str]) -> list[str]:
        return _hashtag_list(value)

    @field_validator("link")
    @classmethod
    def _link(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            raise ValueError(f"{value!r} is not a web address like https://www.tps.ca/...")
        return value

    @property
    def is_exercise(self) -> bool:
        return self.status == "exercise"

    @property
    def partners(self) -> list[str]:
        return [key for key in self.agencies if key != self.lead]


def _base(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


def _same_language(a: str, b: str) -> bool:
    return _base(a) == _base(b)


def _translation_for(i18n: Mapping[str, Any], language: str) -> Any:
    """The i18n entry for `fr-CA`: itself, else `fr`, else any `fr-*`."""
    if language in i18n:
        return i18n[language]
    base = _base(language)
    if base in i18n:
        return i18n[base]
    for tag, entry in i18n.items():
        if _base(tag) == base:
            return entry
    return None


# -- locating problems in the file ------------------------------------------------------


def locate(text: str, location: Sequence[str | int]) -> int | None:
    """Line of a key, knowing that `reposts.1.every` lives under the second [[reposts]]."""
    loc = list(location)
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        array, index = loc[0], loc[1]
        seen = -1
        inside = False
        header_line: int | None = None
        key = next((p for p in loc[2:] if isinstance(p, str)), None)
        for number, line in enumerate(text.splitlines(), start=1):
            header = _ARRAY_HEADER.match(line)
            if header and header.group(1).strip() == array:
                seen += 1
                inside = seen == index
                if inside:
                    header_line = number
                continue
            if _ANY_HEADER.match(line):
                if inside:
                    break
                continue
            match = _KEY.match(line)
            if inside and key and match and match.group(1).strip("\"'") == key:
                return number
        if header_line is not None:
            return header_line
    return line_of(text, [p for p in loc if isinstance(p, str)])


def _place(path: Path, text: str, location: Sequence[str | int]) -> str:
    line = locate(text, location) if location else None
    return f"{path}:{line}" if line else str(path)


def _dotted(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_EXPECTED = {
    "string_type": 'text in double quotes, like "…"',
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "list_type": 'a list, like ["tps", "rcmp"]',
    "too_short": "a list that is not empty",
    "path_type": 'a file name in quotes, like "media/suspect.jpg"',
    "datetime_type": "a date and time like 2026-11-23T14:00:00Z",
    "datetime_parsing": "a date and time like 2026-11-23T14:00:00Z",
    "datetime_from_date_parsing": "a date and time like 2026-11-23T14:00:00Z",
    "time_delta_type": 'a duration like "12h"',
    "time_delta_parsing": 'a duration like "12h"',
    "bool_type": "true or false",
}
_HINTS = {
    "kind": " (wanted, missing or appeal)",
    "status": " (actual, or exercise for a drill)",
    "lead": " (the key of the agency that leads)",
    "agencies": ' (a list like ["tps", "rcmp"])',
}


def _did_you_mean(loc: Sequence[Any]) -> str:
    import difflib

    names = [p for p in loc if isinstance(p, str)]
    model: type[BaseModel] = Campaign
    if names[:1] == ["case"]:
        model = Translation if len(names) > 3 and names[1] == "i18n" else Case
        if names[1:2] == ["area"] and len(names) > 2:
            model = Geocode if names[2] == "geocodes" and len(names) > 3 else Area
    elif names[:1] == ["reposts"]:
        model = RepostPlan
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
    return f"; did you mean {close[0]!r}?" if close else "; check its spelling."


def _schema_problem(path: Path, text: str, error: Mapping[str, Any]) -> str:
    loc = tuple(error.get("loc", ()))
    name = _dotted(loc) or "(file)"
    place = _place(path, text, loc)
    kind = error.get("type")
    value = error.get("input")
    if kind == "missing":
        return f"{place}: the field {name!r} is required{_HINTS.get(name, '')}."
    if kind == "extra_forbidden":
        return f"{place}: unknown field {name!r}{_did_you_mean(loc)}"
    if kind == "literal_error":
        choices = str(error.get("ctx", {}).get("expected", "")).replace("'", "")
        return f"{place}: {name} is {value!r}; use one of {choices}."
    if kind in ("model_type", "dict_type"):
        return f"{place}: {name} must be a table."
    wanted = _EXPECTED.get(str(kind))
    if wanted:
        return f"{place}: {name} must be {wanted}."
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = next(iter(error.get("ctx", {}).values()), "")
        word = "at least" if kind == "greater_than_equal" else "at most"
        return f"{place}: {name} must be {word} {bound}."
    message = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
    message = message[0].lower() + message[1:] if message else "is invalid"
    return f"{place}: {name}: {message.rstrip('.')}."


# -- checks across fields, on the raw data so that they run even when the schema fails -----


def launch_at_passed(instant: datetime, now: datetime) -> bool:
    """A launch instant already gone: `validate` refuses it as launch_at, `launch` as --at
    (the launch would fire at once, so a wrong day would post now)."""
    return instant < now


def _cross_checks(
    path: Path, text: str, raw: Mapping[str, Any], registry: Registry, now: datetime | None
) -> list[str]:
    problems: list[str] = []
    keys = raw.get("agencies")
    keys = [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []
    for key in keys:
        if key not in registry:
            problems.append(
                f"{_place(path, text, ('agencies',))}: agency {key!r} is not in "
                f"{registry.path}; known: {', '.join(sorted(registry.agencies)) or 'none'}."
            )
    lead = raw.get("lead")
    if isinstance(lead, str):
        if keys and lead not in keys:
            problems.append(
                f"{_place(path, text, ('lead',))}: the lead {lead!r} is not among the "
                f"agencies ({', '.join(keys)}); add it to agencies."
            )
        elif lead not in registry and lead not in keys:
            problems.append(
                f"{_place(path, text, ('lead',))}: the lead {lead!r} is not in {registry.path}."
            )

    launch_at = _try(_instant, raw.get("launch_at"))
    expires_at = _try(_instant, raw.get("expires_at"))
    if now is not None:
        if launch_at is not None and launch_at_passed(launch_at, now):
            problems.append(
                f"{_place(path, text, ('launch_at',))}: launch_at {_iso(launch_at)} is in the "
                "past; set a future time, or remove it to launch at once."
            )
        if expires_at is not None and expires_at <= now:
            problems.append(
                f"{_place(path, text, ('expires_at',))}: expires_at {_iso(expires_at)} is in "
                "the past; set a future time."
            )
    if launch_at is not None and expires_at is not None and expires_at <= launch_at:
        problems.append(
            f"{_place(path, text, ('expires_at',))}: expires_at {_iso(expires_at)} is not "
            f"after launch_at {_iso(launch_at)}."
        )

    reposts = raw.get("reposts")
    if isinstance(reposts, list):
        for index, plan in enumerate(reposts):
            if not isinstance(plan, dict):
                continue
            has_every, has_at = "every" in plan, bool(plan.get("at"))
            if has_every == has_at:
                problems.append(
                    f"{_place(path, text, ('reposts', index))}: a repost plan needs either "
                    'every = "12h" or at = [...] times, not '
                    f"{'both' if has_every else 'neither'}."
                )

    case = raw.get("case")
    if isinstance(case, dict):
        problems.extend(_case_checks(path, text, raw, case, keys, registry))
    return problems


def _case_checks(
    path: Path,
    text: str,
    raw: Mapping[str, Any],
    case: Mapping[str, Any],
    keys: Sequence[str],
    registry: Registry,
) -> list[str]:
    problems: list[str] = []
    kind = raw.get("kind")
    if kind == "wanted" and "offence" not in case:
        problems.append(f"{_place(path, text, ('case',))}: a wanted campaign needs case.offence.")
    photo = case.get("photo")
    if photo is None and kind in NEEDS_PHOTO:
        problems.append(
            f"{_place(path, text, ('case',))}: a {kind} campaign needs case.photo "
            "(a file relative to the campaign)."
        )
    if isinstance(photo, str) and not photo_name_usable(photo):
        if unsafe_character(photo) is None:  # control characters are said with every field
            problems.append(
                f"{_place(path, text, ('case', 'photo'))}: the photo file name is too long "
                f"(at most {MAX_NAME_BYTES} bytes a part); rename the file."
            )
    elif isinstance(photo, str):
        file = path.parent / photo
        if not file.is_file():
            problems.append(
                f"{_place(path, text, ('case', 'photo'))}: photo file {file} not found."
            )
        if not case.get("photo_alt"):
            problems.append(
                f"{_place(path, text, ('case',))}: the photo needs alt text: set "
                "case.photo_alt (a short description for people using screen readers)."
            )

    lead = raw.get("lead")
    if not isinstance(lead, str) or lead not in registry:
        return problems
    base_language = registry.get(lead).language
    present = [name for name in FREE_TEXT if isinstance(case.get(name), str)]
    i18n = case.get("i18n") if isinstance(case.get("i18n"), dict) else {}
    assert isinstance(i18n, dict)
    needed: dict[str, list[str]] = {}
    for key in keys:
        if key not in registry:
            continue
        language = registry.get(key).language
        if _same_language(language, base_language):
            continue  # the top-level fields are in this language
        entry = _translation_for(i18n, language)
        entry = entry if isinstance(entry, dict) else {}
        lacking = [name for name in present if not entry.get(name)]
        if lacking:
            tag = next((t for t in i18n if _base(t) == _base(language)), _base(language))
            needed.setdefault(f"{tag}\0{','.join(lacking)}", []).append(key)
    for signature, agencies in needed.items():
        tag, lacking_text = signature.split("\0")
        lacking = lacking_text.split(",")
        place = _place(path, text, ("case", "i18n", tag) if tag in i18n else ("case",))
        problems.append(
            f"{place}: no {tag} translation of {', '.join('case.' + n for n in lacking)} "
            f"for {', '.join(repr(a) for a in agencies)}; add "
            f"{'it' if len(lacking) == 1 else 'them'} under [case.i18n.{tag}]."
        )
    return problems


def photo_name_usable(photo: str) -> bool:
    """A name the file system can be asked about (no NUL, no part over 255 bytes)."""
    if unsafe_character(photo) is not None or len(photo) > 4 * MAX_NAME_BYTES:
        return False
    return all(len(part.encode("utf-8", "replace")) <= MAX_NAME_BYTES for part in photo.split("/"))


def _unsafe_problems(path: Path, text: str, data: Mapping[str, Any]) -> list[str]:
    return [
        f"{_place(path, text, location)}: {dotted(location)} holds the control character "
        f"{char}; remove it."
        for location, char in unsafe_strings(dict(data))
    ]


def _try(convert: Any, value: Any) -> Any:
    if value is None:
        return None
    try:
        result = convert(value)
    except (ValueError, TypeError, OverflowError):
        return None
    return result if isinstance(result, datetime) else None


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _line_number(problem: str) -> int:
    match = re.match(r"^[^\n]*?:(\d+): ", problem)
    return int(match.group(1)) if match else 0


def parse_campaign(
    path: Path,
    data: Mapping[str, Any],
    text: str,
    registry: Registry,
    *,
    now: datetime | None = None,
) -> Campaign:
    """Validate parsed TOML; raises CampaignInvalid listing every problem."""
    problems: list[str] = []
    campaign: Campaign | None = None
    raw = dict(data)
    case = raw.get("case")
    photo = case.get("photo") if isinstance(case, dict) else None
    if isinstance(case, dict) and isinstance(photo, str) and photo_name_usable(photo):
        raw["case"] = {**case, "photo": (path.parent / photo).resolve()}
    try:
        campaign = Campaign.model_validate(raw)
    except ValidationError as error:
        problems.extend(_schema_problem(path, text, e) for e in error.errors())
    problems.extend(_cross_checks(path, text, data, registry, now))
    problems.extend(_unsafe_problems(path, text, data))
    if problems:
        raise CampaignInvalid(sorted(dict.fromkeys(problems), key=_line_number))
    assert campaign is not None
    return campaign


def load_campaign(path: Path, registry: Registry, *, now: datetime | None = None) -> Campaign:
    """Read and validate a campaign file.

    `now`, when given, also refuses a launch_at or expires_at already past (validate and
    preview pass the clock; a launch that is due, or a resolve, does not).
    """
    data, text = read_toml(path, "campaign")
    return parse_campaign(path, data, text, registry, now=now)
