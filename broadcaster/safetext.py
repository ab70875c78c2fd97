"""Text written by strangers or by other agencies, made safe to store, print and check.

Replies come from anyone; campaign bundles and templates travel between agencies. Three uses:
- `for_storage`: what a database accepts whatever was written (PostgreSQL refuses NUL; lone
  surrogates cannot be encoded as UTF-8), so one reply can never stop the others being stored;
- `for_terminal`: what may reach a terminal, directly or through a pipe: no escape sequences
  (screen clearing, fake hyperlinks, title changes), no other control characters but newline
  and tab, no bidirectional overrides that make text read differently than it is;
- `unsafe_character`: the first such character in a field a user or partner wrote, so that
  validation can refuse it with a sentence naming the field.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (ESC-less CSI is U+009B).
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters).
_BIDI = "\u202a-\u202e\u2066-\u2069"
# Lone surrogates: only reachable from decoded JSON or `surrogateescape`, never valid text.
_SURROGATE = "\ud800-\udfff"

_UNSAFE = re.compile(f"[{_CONTROL}{_BIDI}]")
# An escape sequence as a whole (CSI ... final byte, OSC ... BEL/ST), so none of it is left.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")
_LONE_SURROGATE = re.compile(f"[{_SURROGATE}]")

REPLACEMENT = "\ufffd"


def for_storage(text: str) -> str:
    """`text` with NUL removed and lone surrogates replaced: storable on every engine."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub(REPLACEMENT, text)
    return text


def storable(text: str) -> bool:
    """Whether `for_storage(text)` is `text` itself: one scan of a whole page of replies
    joined, instead of one call per string."""
    return "\x00" not in text and _LONE_SURROGATE.search(text) is None


def for_terminal(text: str) -> str:
    """`text` with escape sequences, control characters (but newline and tab) and bidi
    overrides removed: printed, it shows what it says and does nothing else."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _UNSAFE.sub("", text)
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def unsafe_character(text: str) -> str | None:
    """The first control, bidi-override or lone-surrogate character in `text`, named as
    U+XXXX for a sentence, or None when there is none (tab and newline are allowed)."""
    match = _UNSAFE.search(text) or _LONE_SURROGATE.search(text)
    return f"U+{ord(match.group()):04X}" if match else None


_JSON_INERT = re.compile(f"[{_CONTROL}{_BIDI}{_SURROGATE}]")


def inert_json(encoded: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with every control, bidi and
    lone-surrogate character written as a `\\uXXXX` escape: parsed, it gives back exactly
    the values that were encoded; printed, there is nothing in it for a terminal to act on.
    (Outside strings JSON is ASCII, so only characters inside strings are touched.)"""
    return _JSON_INERT.sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)
