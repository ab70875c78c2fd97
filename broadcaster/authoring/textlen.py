"""Each platform's length rule, as its adapter states it in the platform registry.

X (and the sandbox, which stands in for it) weights text by twitter-text v3: NFC first,
every URL counts 23, most CJK characters and emoji count 2, everything else 1; that rule
lives here (`x_weighted_length`) because authoring needs it below the adapters.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from broadcaster.errors import InvalidInput

X_LIMIT = 280


def x_weighted_length(text: str) -> int:
    """twitter-text v3's weighted length of `text`, after NFC."""
    from twitter_text import parse_tweet

    return int(parse_tweet(unicodedata.normalize("NFC", text)).weightedLength)


def platform_names() -> tuple[str, ...]:
    """Every registered platform."""
    import broadcaster.platforms.registry as registry

    return registry.names()


def platform_rules(platform: str) -> Any:
    """The registered adapter class of `platform` (its length rule, limits, handle format,
    credentials), for validation; InvalidInput for an unknown name."""
    # The registry sits with the adapters, one layer up; it is asked lazily (pyproject's
    # import contract names this one exception) so that authoring never tests a name.
    import broadcaster.platforms.registry as registry

    if not registry.is_registered(platform):
        raise InvalidInput(f"no length rule for the platform {platform!r}.")
    return registry.adapter(platform)


@lru_cache(maxsize=4096)
def _cached(platform: str, text: str) -> int:
    return int(platform_rules(platform).text_length(text))


def weighted_length(text: str, platform: str = "x") -> int:
    """The length the platform counts for `text`."""
    return _cached(platform, text)


def limit_for(platform: str) -> int:
    """The most a post may weigh on this platform."""
    return int(platform_rules(platform).max_length)


def fits(text: str, platform: str = "x") -> bool:
    return weighted_length(text, platform) <= limit_for(platform)
