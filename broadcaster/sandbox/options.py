"""The sandbox's options as a user writes them: `--latency 150ms-250ms`, `--faults "error=0.1"`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from broadcaster.errors import UsageInvalid

_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$")


@dataclass(frozen=True)
class FaultRates:
    """Shares of API requests that fail: 5xx, 429 with reset headers, or ambiguous (the
    request is carried out but no response comes)."""

    error: float = 0.0
    ratelimit: float = 0.0
    ambiguous: float = 0.0

    def __post_init__(self) -> None:
        for name in ("error", "ratelimit", "ambiguous"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"fault rate {name}={value} is not between 0 and 1")
        if self.error + self.ratelimit + self.ambiguous > 1.0 + 1e-9:
            raise ValueError("fault rates add up to more than 1")

    @property
    def any(self) -> bool:
        return bool(self.error or self.ratelimit or self.ambiguous)


def _seconds(text: str, unit_default: str) -> float:
    match = _AMOUNT.match(text)
    if not match:
        raise ValueError(text)
    value = float(match.group(1))
    unit = match.group(2) or unit_default
    return value / 1000 if unit == "ms" else value


def parse_latency(text: str) -> tuple[float, float]:
    """`200ms`, `0.2s`, `150ms-250ms` or `150-250ms` → (low, high) in seconds."""
    raw = text.strip()
    try:
        if "-" in raw:
            low_text, high_text = raw.split("-", 1)
            unit = _AMOUNT.match(high_text)
            default = (unit.group(2) if unit else None) or "ms"
            low, high = _seconds(low_text, default), _seconds(high_text, default)
        else:
            low = high = _seconds(raw, "ms")
    except ValueError:
        raise UsageInvalid(
            f"--latency {text!r} is not a latency; write it like 200ms or 150ms-250ms."
        ) from None
    if low > high:
        raise UsageInvalid(f"--latency {text!r}: the lower bound is above the upper one.")
    if high > 120:
        raise UsageInvalid(f"--latency {text!r} is longer than two minutes.")
    return low, high


def parse_faults(text: str) -> FaultRates:
    """`error=0.1,ratelimit=0.05,ambiguous=0.05` (percentages like `error=10%` work too)."""
    values: dict[str, float] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        name = name.strip().lower()
        if not sep or name not in ("error", "ratelimit", "ambiguous"):
            raise UsageInvalid(
                f"--faults {text!r}: {item!r} is not one of error=, ratelimit=, ambiguous=."
            )
        value = value.strip()
        try:
            rate = float(value[:-1]) / 100 if value.endswith("%") else float(value)
        except ValueError:
            raise UsageInvalid(f"--faults {text!r}: {value!r} is not a number.") from None
        values[name] = rate
    try:
        return FaultRates(**values)
    except ValueError as error:
        raise UsageInvalid(f"--faults {text!r}: {error}.") from None


def parse_handle(text: str) -> str:
    handle = text.strip()
    if not handle.startswith("@"):
        handle = "@" + handle
    if not re.match(r"^@[A-Za-z0-9_]{1,15}$", handle):
        raise UsageInvalid(f"--suspend {text!r} is not a handle like @TorontoPolice.")
    return handle
