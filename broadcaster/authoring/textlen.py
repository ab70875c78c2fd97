"""Each platform's length rule.

X (and the sandbox, which stands in for it) weights text by twitter-text v3: NFC first,
every URL counts 23, most CJK characters and emoji count 2, everything else 1.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

from broadcaster.errors import InvalidInput

X_LIMIT = 280


def _x_weight(text: str) -> int:
    from twitter_text import parse_tweet

    return int(parse_tweet(unicodedata.normalize("NFC", text)).weightedLength)


_RULES: dict[str, tuple[Callable[[str], int], int]] = {
    "x": (_x_weight, X_LIMIT),
    "sandbox": (_x_weight, X_LIMIT),
}


def _rule(platform: str) -> tuple[Callable[[str], int], int]:
    try:
        return _RULES[platform]
    except KeyError:
        raise InvalidInput(f"no length rule for the platform {platform!r}.") from None


@lru_cache(maxsize=4096)
def _cached(platform: str, text: str) -> int:
    return _rule(platform)[0](text)


def weighted_length(text: str, platform: str = "x") -> int:
    """The length the platform counts for `text`."""
    return _cached(platform, text)


def limit_for(platform: str) -> int:
    """The most a post may weigh on this platform."""
    return _rule(platform)[1]


def fits(text: str, platform: str = "x") -> bool:
    return weighted_length(text, platform) <= limit_for(platform)
