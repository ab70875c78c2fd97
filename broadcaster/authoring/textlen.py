"""Each platform's length rule, as its adapter states it in the platform registry.

X (and the sandbox, which stands in for it) weights text by twitter-text v3: NFC first,
every URL counts 23, most CJK characters and emoji count 2, everything else 1; that rule
lives here (`x_weighted_length`) because authoring needs it below the adapters. X also
refuses text holding a character twitter-text calls invalid (`x_invalid_character`).

Each platform may refuse characters of its own: `invalid_character(text, platform)` asks
the platform's adapter, so validation refuses such a post before it reaches the platform.
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


def x_invalid_character(text: str) -> str | None:
    """The first character twitter-text v3 marks invalid (U+FFFE, U+FEFF, U+FFFF: a byte
    order mark and two noncharacters), which X refuses in a post; None when there is none.
    (twitter-text 1.x also listed the bidi overrides U+202A-U+202E; v3 does not, and every
    file the posts are made from refuses those already, with the control characters.)"""
    from twitter_text.regexp.invalid_chars import invalid_chars

    found = invalid_chars.search(unicodedata.normalize("NFC", text))
    return found.group() if found else None


def character_name(char: str) -> str:
    """`U+FEFF (ZERO WIDTH NO-BREAK SPACE)`, for a sentence."""
    name = unicodedata.name(char, "") or "a noncharacter"
    return f"U+{ord(char):04X} ({name})"


def invalid_character(text: str, platform: str = "x") -> str | None:
    """The first character of `text` the platform refuses in a post, or None."""
    found = platform_rules(platform).invalid_character(text)
    return found if isinstance(found, str) and found else None


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
