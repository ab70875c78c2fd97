"""The agencies registry (`agencies.toml`): who takes part, on which platform, in which language.

Secrets never live in this file: `credentials = "TPS"` names the prefix of four variables
(TPS_X_API_KEY, ...) read from the environment or `.env`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from broadcaster.authoring.textlen import platform_names, platform_rules
from broadcaster.authoring.tomlfile import dotted, read_toml, unsafe_strings, where
from broadcaster.errors import AgenciesInvalid, MissingCredentials

# X's (and the sandbox's) four OAuth 1.0a variables; other platforms state their own
# through the registry (`credential_parts`).
CREDENTIAL_PARTS = ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_SECRET")
_PREFIX = re.compile(r"^[A-Z][A-Z0-9_]*$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Credentials:
    """OAuth 1.0a user-context keys. repr() never shows the values."""

    api_key: str = field(repr=False)
    api_secret: str = field(repr=False)
    access_token: str = field(repr=False)
    access_secret: str = field(repr=False)

    def values(self) -> tuple[str, str, str, str]:
        return (self.api_key, self.api_secret, self.access_token, self.access_secret)


class Agency(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    name: str
    platform: str
    handle: str
    language: str
    timezone: str
    tip_line: str
    tip_url: str | None = None
    credentials: str

    @field_validator("platform")
    @classmethod
    def _platform(cls, value: str) -> str:
        names = platform_names()
        if value not in names:
            raise PydanticCustomError(
                "unknown_platform", "use one of {names}", {"names": ", ".join(names)}
            )
        return value

    @field_validator("handle")
    @classmethod
    def _handle(cls, value: str, info: ValidationInfo) -> str:
        platform = info.data.get("platform")
        if platform is None:  # the platform's own error is reported
            return value
        rules = platform_rules(platform)
        if not rules.handle_pattern.match(value):
            raise ValueError(f"{value!r} is not a handle like {rules.handle_example}")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(value, sep="-")
        except (UnknownLocaleError, ValueError, TypeError):
            raise ValueError(f"{value!r} is not a known language tag (en, fr, fr-CA)") from None
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone like America/Toronto") from None
        return value

    @field_validator("tip_url")
    @classmethod
    def _tip_url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            raise ValueError(f"{value!r} is not a web address like https://www.tps.ca/tips")
        return value

    @field_validator("credentials")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if not _PREFIX.match(value):
            raise ValueError(f"{value!r} is not an environment prefix like TPS")
        return value

    @property
    def service(self) -> str | None:
        """The account's server (a Bluesky PDS, a Mastodon instance); None for X."""
        return None

    @property
    def label(self) -> str:
        """How messages name this agency's account."""
        return f"agency {self.key!r}"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_language(self) -> str:
        return self.language.split("-")[0].lower()

    def credential_names(self) -> list[str]:
        """The environment variables this account needs, as its platform names them."""
        return list(platform_rules(self.platform).credential_names(self.credentials))

    def credentials_from(self, env: Mapping[str, str]) -> Credentials:
        missing = [name for name in self.credential_names() if not env.get(name)]
        if missing:
            raise MissingCredentials(
                f"agency {self.key!r}: set {', '.join(missing)} in the environment or .env."
            )
        return Credentials(*(env[name] for name in self.credential_names()))


@dataclass(frozen=True)
class Registry:
    path: Path
    agencies: dict[str, Agency]

    def __iter__(self) -> Iterator[Agency]:
        return iter(self.agencies.values())

    def __len__(self) -> int:
        return len(self.agencies)

    def __contains__(self, key: object) -> bool:
        return key in self.agencies

    def get(self, key: str) -> Agency:
        try:
            return self.agencies[key]
        except KeyError:
            raise AgenciesInvalid(f"{self.path}: no agency {key!r} in the registry.") from None

    def missing_credentials(self, env: Mapping[str, str]) -> dict[str, list[str]]:
        """Agency key -> the variable names that are not set (never the values)."""
        out: dict[str, list[str]] = {}
        for agency in self:
            missing = [name for name in agency.credential_names() if not env.get(name)]
            if missing:
                out[agency.key] = missing
        return out


def _field_problem(path: Path, text: str, key: str, error: Any) -> str:
    loc = [str(p) for p in error.get("loc", ())]
    field_name = ".".join(loc) or "(table)"
    place = where(path, text, ("agency", key, *loc[:1]))
    kind = error.get("type")
    if kind == "missing":
        return f"{place}: agency {key!r} lacks the field {field_name!r}."
    if kind == "extra_forbidden":
        return f"{place}: agency {key!r} has an unknown field {field_name!r}."
    if kind == "unknown_platform":
        value = error.get("input")
        return (
            f"{place}: agency {key!r} field 'platform' is {value!r}; "
            f"use one of {', '.join(platform_names())}."
        )
    message = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
    return f"{place}: agency {key!r} field {field_name!r}: {message}."


def parse_registry(path: Path, data: dict[str, Any], text: str) -> Registry:
    problems: list[str] = []
    unknown = sorted(set(data) - {"agency"})
    for name in unknown:
        problems.append(f"{where(path, text, (name,))}: unknown top-level key {name!r}.")
    tables = data.get("agency")
    if not isinstance(tables, dict) or not tables:
        problems.append(f"{path}: no agencies; add a table like [agency.tps].")
        raise AgenciesInvalid("\n".join(problems))
    agencies: dict[str, Agency] = {}
    for location, char in unsafe_strings(data):
        problems.append(
            f"{where(path, text, location)}: {dotted(location)} holds the control character "
            f"{char}; remove it."
        )
    for key, table in tables.items():
        if not _KEY.match(key):
            problems.append(
                f"{where(path, text, ('agency', key))}: agency key {key!r} must use "
                "lower-case letters, digits, - and _."
            )
            continue
        if not isinstance(table, dict):
            problems.append(f"{where(path, text, ('agency', key))}: agency {key!r} is not a table.")
            continue
        try:
            agencies[key] = Agency(key=key, **table)
        except ValidationError as error:
            problems.extend(_field_problem(path, text, key, e) for e in error.errors())
        except TypeError:
            problems.append(f"{where(path, text, ('agency', key))}: agency {key!r} is malformed.")
    seen: dict[str, str] = {}
    for agency in agencies.values():
        handle = (agency.platform, agency.handle.lower())
        other = seen.get(str(handle))
        if other:
            problems.append(
                f"{where(path, text, ('agency', agency.key, 'handle'))}: agencies {other!r} and "
                f"{agency.key!r} share the handle {agency.handle} on {agency.platform}."
            )
        seen[str(handle)] = agency.key
    if problems:
        if len(problems) == 1:
            raise AgenciesInvalid(problems[0])
        raise AgenciesInvalid(
            f"{len(problems)} problems:\n" + "\n".join(f"  - {p}" for p in problems)
        )
    return Registry(path=path, agencies=agencies)


def load_registry(path: Path) -> Registry:
    data, text = read_toml(path, "agencies")
    return parse_registry(path, data, text)
