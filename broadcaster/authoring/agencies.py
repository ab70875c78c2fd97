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

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
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


_SERVICE = re.compile(r"^https?://[^\s/]+(:\d+)?(/\S*)?$")
_SERVER_FIELDS = ("service", "instance")


class AgencyAccount(BaseModel):
    """One account of an agency: a platform, a handle there, and the prefix of its secrets.
    Its platform's rules (handle format, server field) come from the platform registry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    platform: str
    handle: str
    credentials: str
    service: str | None = None  # Bluesky: the account's PDS
    instance: str | None = None  # Mastodon: the account's instance

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

    @field_validator("credentials")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if not _PREFIX.match(value):
            raise ValueError(f"{value!r} is not an environment prefix like TPS")
        return value

    @field_validator("service", "instance")
    @classmethod
    def _server(cls, value: str | None, info: ValidationInfo) -> str | None:
        platform = info.data.get("platform")
        if value is None or platform is None:
            return value
        wanted = platform_rules(platform).service_field
        if info.field_name != wanted:
            instead = f"; use {wanted!r}" if wanted else ""
            raise ValueError(f"{platform} accounts take no {info.field_name!r}{instead}")
        if not _SERVICE.match(value):
            raise ValueError(f"{value!r} is not a server address like https://bsky.social")
        return value.rstrip("/")

    @property
    def key(self) -> str:
        """The account's name in the journal: platform and handle, stable across edits of
        the other fields (a database from before accounts holds the same key)."""
        return account_key(self.platform, self.handle)

    @property
    def server(self) -> str | None:
        return self.service or self.instance


def account_key(platform: str, handle: str) -> str:
    return f"{platform}:{handle.lower()}"


class Agency(BaseModel):
    """An agency and its accounts. `platform`, `handle`, `credentials` and `server` are its
    first account's; `for_account` gives the agency narrowed to another one, which is what
    a platform adapter is built for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    name: str
    platform: str = ""
    handle: str = ""
    language: str
    timezone: str
    tip_line: str
    tip_url: str | None = None
    credentials: str = ""
    service: str | None = None
    instance: str | None = None
    accounts: tuple[AgencyAccount, ...] = ()
    notify: tuple[str, ...] = ()  # apprise URLs of the agency's desk (broadcaster/notify/)
    # The number of accounts of the agency this one was narrowed from (`for_account`).
    several: bool = Field(default=False, exclude=True, repr=False)

    @field_validator("notify")
    @classmethod
    def _notify(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from broadcaster.authoring.notify_urls import secret_problem

        problems = [p for p in map(secret_problem, value) if p]
        if problems:
            raise ValueError(problems[0])
        return value

    @model_validator(mode="before")
    @classmethod
    def _one_or_many(cls, data: Any) -> Any:
        """The table form is one account; the list form names each. The account fields are
        validated once, on the accounts (their errors are mapped back to the table form)."""
        if not isinstance(data, dict):
            return data
        single = ("platform", "handle", "credentials", *_SERVER_FIELDS)
        data = dict(data)
        if "several" in data:
            raise PydanticCustomError("extra_forbidden", "unknown field")
        if "accounts" in data:
            both = [f for f in single if f in data]
            if both:
                raise PydanticCustomError(
                    "both_forms", "{fields}", {"fields": ", ".join(repr(f) for f in both)}
                )
            accounts = data["accounts"]
            if not isinstance(accounts, list) or not accounts:
                raise PydanticCustomError("no_accounts", "no accounts")
            first = accounts[0] if isinstance(accounts[0], dict) else {}
        else:
            first = {f: data.pop(f) for f in single if f in data}
            data["accounts"] = [first]
        for name in ("platform", "handle", "credentials"):
            value = first.get(name)
            data[name] = value if isinstance(value, str) else ""
        for name in _SERVER_FIELDS:
            value = first.get(name)
            data[name] = value.rstrip("/") if isinstance(value, str) else None
        return data

    @property
    def server(self) -> str | None:
        """The account's server (a Bluesky PDS, a Mastodon instance); None for X."""
        return self.service or self.instance

    @property
    def account(self) -> AgencyAccount:
        """The account this agency posts from (its first, or the one it was narrowed to)."""
        return self.accounts[0]

    @property
    def account_key(self) -> str:
        return self.account.key

    def for_account(self, key: str) -> Agency:
        """This agency narrowed to one of its accounts (by `AgencyAccount.key`; "" is its
        first, for a row that names none)."""
        for account in self.accounts:
            if not key:
                break
            if account.key == key:
                break
        else:
            raise AgenciesInvalid(f"agency {self.key!r} has no account {key!r} any more.")
        if len(self.accounts) == 1:
            return self
        return self.model_copy(
            update={
                "platform": account.platform,
                "handle": account.handle,
                "credentials": account.credentials,
                "service": account.service,
                "instance": account.instance,
                "accounts": (account,),
                "several": True,
            }
        )

    def each_account(self) -> list[Agency]:
        """The agency narrowed to each of its accounts, in file order."""
        return [self.for_account(a.key) for a in self.accounts]

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

    @property
    def label(self) -> str:
        """How messages name this agency's account: the account too when it has several."""
        if self.several:
            return f"agency {self.key!r} account {self.handle} ({self.platform})"
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
                f"{self.label}: set {', '.join(missing)} in the environment or .env."
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
        """Agency key -> the variable names that are not set, over all its accounts (never
        the values)."""
        out: dict[str, list[str]] = {}
        for agency in self:
            for account in agency.each_account():
                missing = [name for name in account.credential_names() if not env.get(name)]
                if missing:
                    out.setdefault(agency.key, []).extend(missing)
        return out


_ACCOUNTS_HEADER = re.compile(r"^\s*\[\[\s*agency\.(?P<key>[^\].]+)\.accounts\s*\]\]")


def _account_line(text: str, key: str, index: int, field_name: str | None) -> int | None:
    """The line of account `index` of agency `key` (its field when present): tomlfile's
    `line_of` does not count arrays of tables."""
    lines = text.splitlines()
    seen = -1
    for number, line in enumerate(lines, start=1):
        header = _ACCOUNTS_HEADER.match(line)
        if not header or header.group("key").strip("\"' ") != key:
            continue
        seen += 1
        if seen != index:
            continue
        for offset, inner in enumerate(lines[number:], start=number + 1):
            if inner.lstrip().startswith("["):
                break
            if field_name and re.match(rf"^\s*{re.escape(field_name)}\s*=", inner):
                return offset
        return number
    return None


def _field_problem(path: Path, text: str, key: str, table: dict[str, Any], error: Any) -> str:
    loc: list[str | int] = list(error.get("loc", ()))
    listed = "accounts" in table
    who = f"agency {key!r}"
    place = where(path, text, ("agency", key, *[str(p) for p in loc[:1]]))
    if loc[:1] == ["accounts"] and len(loc) >= 2 and isinstance(loc[1], int):
        index, rest = loc[1], [str(p) for p in loc[2:]]
        if listed:
            line = _account_line(text, key, index, rest[0] if rest else None)
            place = f"{path}:{line}" if line else str(path)
            accounts = table.get("accounts")
            raw = accounts[index] if isinstance(accounts, list) else None
            platform = raw.get("platform") if isinstance(raw, dict) else None
            who += f" account {index + 1}" + (f" ({platform})" if isinstance(platform, str) else "")
        else:  # the table form: its account's fields are the agency's own
            place = where(path, text, ("agency", key, *rest[:1]))
        loc = list(rest)
    field_name = ".".join(str(p) for p in loc) or "(table)"
    kind = error.get("type")
    if kind == "missing":
        return f"{place}: {who} lacks the field {field_name!r}."
    if kind == "extra_forbidden":
        return f"{place}: {who} has an unknown field {field_name!r}."
    if kind == "unknown_platform":
        value = error.get("input")
        return (
            f"{place}: {who} field 'platform' is {value!r}; "
            f"use one of {', '.join(platform_names())}."
        )
    if kind == "both_forms":
        return (
            f"{place}: {who} has {error['ctx']['fields']} and [[agency.{key}.accounts]]; "
            "name each account in the list only."
        )
    if kind == "no_accounts":
        return f"{place}: {who} field 'accounts' must list one [[agency.{key}.accounts]] or more."
    message = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
    return f"{place}: {who} field {field_name!r}: {message}."


def _shared_handles(
    path: Path, text: str, tables: dict[str, Any], agencies: dict[str, Agency]
) -> list[str]:
    """One account is one agency's: a handle on a platform appears once in the file."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for agency in agencies.values():
        listed = "accounts" in tables[agency.key]
        for index, account in enumerate(agency.accounts):
            other = seen.get(account.key)
            if other is not None:
                line = _account_line(text, agency.key, index, "handle") if listed else None
                place = (
                    f"{path}:{line}"
                    if line
                    else where(path, text, ("agency", agency.key, "handle"))
                )
                if other == agency.key:
                    problems.append(
                        f"{place}: agency {agency.key!r} lists the account {account.handle} "
                        f"on {account.platform} twice."
                    )
                else:
                    problems.append(
                        f"{place}: agencies {other!r} and {agency.key!r} share the handle "
                        f"{account.handle} on {account.platform}."
                    )
            seen.setdefault(account.key, agency.key)
    return problems


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
            problems.extend(_field_problem(path, text, key, table, e) for e in error.errors())
        except TypeError:
            problems.append(f"{where(path, text, ('agency', key))}: agency {key!r} is malformed.")
    problems.extend(_shared_handles(path, text, tables, agencies))
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
