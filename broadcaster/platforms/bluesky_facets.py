"""Rich-text facets for a Bluesky post: links, hashtags and mentions, in UTF-8 byte offsets.

Bluesky does not find links in a post's text by itself: a link, a tag or a mention is only
clickable when the record carries a facet for it, and the facet's span is counted in bytes of
the UTF-8 text (not in characters, not in UTF-16 units), so one accented letter before a link
shifts it by two. Detection is the `atproto` SDK's port of the reference TypeScript detector;
this module adds the mention's DID lookup through a resolver the adapter provides (a handle
that does not resolve stays plain text, as in the official app) and one check that every span
falls on character boundaries, so a wrong offset can never reach the network.
"""

from __future__ import annotations

from collections.abc import Callable

import regex
from atproto_client.models.app.bsky.richtext.facet import ByteSlice, Mention
from atproto_client.models.app.bsky.richtext.facet import Main as Facet
from atproto_client.utils import facet_detection

_GRAPHEME = regex.compile(r"\X")


def grapheme_length(text: str) -> int:
    """Bluesky's length rule: user-perceived characters (extended grapheme clusters, UAX #29)."""
    return sum(1 for _ in _GRAPHEME.finditer(text))


def facets_for(text: str, resolve_handle: Callable[[str], str | None]) -> list[Facet]:
    """The facets of `text`, sorted by position. `resolve_handle` maps a handle to its DID
    (None when it does not exist)."""
    facets = list(facet_detection.detect_facets(text))
    dids: dict[str, str | None] = {}
    for mention in facet_detection.detect_mentions(text):
        handle = mention.handle.lower()
        if handle not in dids:
            dids[handle] = resolve_handle(handle)
        did = dids[handle]
        if did is None:
            continue
        facets.append(
            Facet(
                features=[Mention(did=did)],
                index=ByteSlice(byte_start=mention.byte_start, byte_end=mention.byte_end),
            )
        )
    facets.sort(key=lambda facet: facet.index.byte_start)
    encoded = text.encode("utf-8")
    for facet in facets:
        _check_span(encoded, facet.index.byte_start, facet.index.byte_end)
    return facets


def facet_text(text: str, facet: Facet) -> str:
    """The piece of `text` a facet covers (what a reader sees as the link, tag or mention)."""
    return text.encode("utf-8")[facet.index.byte_start : facet.index.byte_end].decode("utf-8")


def _check_span(encoded: bytes, start: int, end: int) -> None:
    if not 0 <= start < end <= len(encoded):
        raise ValueError(f"facet span {start}..{end} is outside the text's {len(encoded)} bytes")
    try:
        encoded[start:end].decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"facet span {start}..{end} cuts a character in two") from None
