"""The tips page's summary counts each label in plain English: "2 tips", "4 questions",
"1 support reply", never "2 tip · 4 question"."""

from __future__ import annotations

from datetime import timedelta

from fixtures_responses import add_reply
from fixtures_workspace import Workspace
from starlette.testclient import TestClient
from test_console_tips import AT, client

from broadcaster.storage.db import open_db

__all__ = ["client"]  # the signed-in console with 1 tip, 1 question and 40 spam replies


def test_the_summary_counts_in_plurals(client: TestClient, workspace: Workspace) -> None:
    engine = open_db(workspace.settings().db_url)
    more = [("tip", 1), ("question", 3), ("support", 1), ("abuse", 3)]
    for label, count in more:
        for n in range(count):
            add_reply(
                engine,
                "example",
                None,
                f"r-{label}-more-{n}",
                f"a {label} {n}",
                label=label,
                created_at=AT + timedelta(hours=1, seconds=n),
            )
    engine.dispose()

    text = client.get("/campaigns/example/tips").text

    assert "2 tips · 4 questions · 1 support reply · 40 spam replies · 3 abuse replies." in text
