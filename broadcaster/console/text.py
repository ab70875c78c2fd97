"""How the console shows words it did not write: repliers', partner agencies'.

Autoescaping makes them text, never markup; this also takes out what escaping leaves
working: control and bidi-override characters (which reorder the page around them, the
"Trojan Source" trick) and zero-width ones (which hide a link or a word inside another),
so the officer reads what the text says. Templates also put it in <bdi>, so whatever
direction it runs in, it cannot flip the page's own words beside it."""

from __future__ import annotations

import re

from broadcaster.safetext import for_terminal

_ZERO_WIDTH = re.compile("[\u180e\u200b-\u200f\u2028\u2029\u2060-\u2064\ufeff]")


def stranger(text: object) -> str:
    if text is None:
        return ""
    return _ZERO_WIDTH.sub("", for_terminal(str(text)))


def post_id(remote_id: object) -> str | None:
    """A post's id as its platform shows it, short and whole (the pages put it next to a
    short link, never break it): X's and Mastodon's numeric id; for Bluesky, the record key
    that ends the AT URI (the journal keeps the URI, a space and the CID)."""
    if not isinstance(remote_id, str) or not remote_id.strip():
        return None
    return stranger(remote_id.split(" ", 1)[0].rsplit("/", 1)[-1])
