"""A drill workspace: `count` sandbox agencies and generated credentials, ready to serve.

Used by `demo`, the test fixtures and the benchmarks. The credentials are random each time
(drill keys, good for nothing but this sandbox) and live only in the workspace's `.env`.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from broadcaster.authoring.agencies import CREDENTIAL_PARTS, Registry, load_registry
from broadcaster.authoring.scaffold import write_drill_officers

# (key stem, agency name stem, handle stem, IANA zone)
PLACES = [
    ("toronto", "Toronto", "TO", "America/Toronto"),
    ("montreal", "Montréal", "MTL", "America/Montreal"),
    ("newyork", "New York", "NY", "America/New_York"),
    ("vancouver", "Vancouver", "VAN", "America/Vancouver"),
    ("halifax", "Halifax", "HFX", "America/Halifax"),
    ("chicago", "Chicago", "CHI", "America/Chicago"),
    ("london", "London", "LDN", "Europe/London"),
    ("paris", "Paris", "PAR", "Europe/Paris"),
    ("brussels", "Brussels", "BRU", "Europe/Brussels"),
    ("geneva", "Geneva", "GVA", "Europe/Zurich"),
    ("dublin", "Dublin", "DUB", "Europe/Dublin"),
    ("sydney", "Sydney", "SYD", "Australia/Sydney"),
    ("auckland", "Auckland", "AKL", "Pacific/Auckland"),
    ("denver", "Denver", "DEN", "America/Denver"),
    ("losangeles", "Los Angeles", "LA", "America/Los_Angeles"),
    ("quebec", "Québec", "QC", "America/Toronto"),
    ("dakar", "Dakar", "DKR", "Africa/Dakar"),
    ("lyon", "Lyon", "LYS", "Europe/Paris"),
    ("winnipeg", "Winnipeg", "WPG", "America/Winnipeg"),
    ("stjohns", "St. John's", "YYT", "America/St_Johns"),
]


@dataclass(frozen=True)
class DrillWorkspace:
    folder: Path
    agencies_path: Path
    env_path: Path
    env: dict[str, str] = field(repr=False)
    keys: list[str]

    def registry(self) -> Registry:
        return load_registry(self.agencies_path)


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def write_drill_workspace(
    folder: Path,
    count: int,
    *,
    languages: Sequence[str] = ("en", "fr"),
    port: int | None = None,
) -> DrillWorkspace:
    """Write `agencies.toml` with `count` sandbox agencies and `.env` with their keys."""
    if count < 1:
        raise ValueError("a drill needs at least one agency")
    if not languages:
        raise ValueError("give at least one language")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    toml_lines = ["# Drill agencies: every one posts to the local sandbox.", ""]
    env: dict[str, str] = {}
    keys: list[str] = []
    for index in range(count):
        stem, town, code, zone = PLACES[index % len(PLACES)]
        round_ = index // len(PLACES)
        key = stem if round_ == 0 else f"{stem}-{round_ + 1}"
        suffix = "" if round_ == 0 else f" {round_ + 1}"
        prefix = f"DRILL_{index + 1:03d}"
        handle = f"@Drill{code}{index + 1:03d}"
        language = languages[index % len(languages)]
        noun = "Service de police" if language.startswith("fr") else "Police Service"
        name = (
            f"{noun} de {town}{suffix}" if language.startswith("fr") else f"{town}{suffix} {noun}"
        )
        keys.append(key)
        toml_lines += [
            f"[agency.{key}]",
            f"name = {_toml_string(name + ' (drill)')}",
            'platform = "sandbox"',
            f'handle = "{handle}"',
            f'language = "{language}"',
            f'timezone = "{zone}"',
            f'tip_line = "1-800-555-{index + 1:04d}"',
            f'tip_url = "https://tips.example.org/{key}"',
            f'credentials = "{prefix}"',
            "",
        ]
        user_id = 7_000_000_000 + index + 1
        values = {
            "X_API_KEY": secrets.token_urlsafe(18),
            "X_API_SECRET": secrets.token_urlsafe(36),
            "X_ACCESS_TOKEN": f"{user_id}-{secrets.token_urlsafe(30)}",
            "X_ACCESS_SECRET": secrets.token_urlsafe(33),
        }
        for part in CREDENTIAL_PARTS:
            env[f"{prefix}_{part}"] = values[part]
    if port is not None:
        env["BROADCASTER_SANDBOX_URL"] = f"http://127.0.0.1:{port}"
    agencies_path = folder / "agencies.toml"
    agencies_path.write_text("\n".join(toml_lines), encoding="utf-8")
    env_path = folder / ".env"
    env_path.write_text(
        "# Drill credentials for the local sandbox only.\n"
        + "".join(f"{name}={value}\n" for name, value in env.items()),
        encoding="utf-8",
    )
    env_path.chmod(0o600)
    write_drill_officers(folder, keys[0])  # officers.toml and keys/ for the drill's approvals
    return DrillWorkspace(
        folder=folder, agencies_path=agencies_path, env_path=env_path, env=env, keys=keys
    )
