"""At 80 columns: the outcome tables of launch and resolve, and status, keep every post's
link and error whole on its own line, never cut (`…/status/213…`) or folded."""

from __future__ import annotations

import io

from rich.console import Console

from broadcaster.cli.views.launching import print_outcomes, print_status
from broadcaster.launch.outcomes import PostOutcome
from broadcaster.states import PostState

LINKS = [
    "https://x.com/ServicePoliceMontreal/status/2130034688004194304",
    "https://police.example/@rcmp_grc_nouveau_brunswick/213003468800419431",
]
ERROR = (
    "the account @NYPDnews is suspended (403 Forbidden: This account is temporarily locked, "
    "contact support)"
)


def _narrow() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=80, highlight=False, color_system=None), out


def _whole(text: str, value: str) -> bool:
    return any(line.strip().endswith(value) for line in text.splitlines())


def test_launch_and_resolve_outcomes_print_each_link_whole_at_80_columns() -> None:
    outcomes = [
        PostOutcome(1, "spvm", "original", "launch", PostState.POSTED, url=LINKS[0]),
        PostOutcome(2, "rcmp", "original", "launch", PostState.POSTED, url=LINKS[1]),
        PostOutcome(3, "nypd", "original", "launch", PostState.FAILED, error=ERROR),
    ]
    console, out = _narrow()
    print_outcomes(console, "Launch of tps-2026-0412", outcomes)
    text = out.getvalue()
    assert "…" not in text
    assert _whole(text, f"1. {LINKS[0]}") and _whole(text, f"2. {LINKS[1]}")
    assert _whole(text, f"3. {ERROR}")


def test_status_prints_each_link_whole_at_80_columns() -> None:
    posts = [
        {
            "agency": agency,
            "handle": handle,
            "platform": platform,
            "kind": "original",
            "occurrence": "launch",
            "state": PostState.POSTED,
            "posted_at": "2026-11-23T14:00:00.012000+00:00",
            "sent_at": None,
            "url": url,
            "error": None,
        }
        for agency, handle, platform, url in (
            ("spvm", "@ServicePoliceMontreal", "x", LINKS[0]),
            ("rcmp", "@rcmp_grc_nouveau_brunswick@police.example", "mastodon", LINKS[1]),
        )
    ]
    console, out = _narrow()
    data = {"campaign": "tps-2026-0412", "state": "launched", "mode": "coordinated"}
    print_status(console, {**data, "posts": posts})
    text = out.getvalue()
    assert _whole(text, f"1. {LINKS[0]}") and _whole(text, f"2. {LINKS[1]}")
