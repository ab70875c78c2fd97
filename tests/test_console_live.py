"""The launch board: the page, rendered whole on the server, and its server-sent events
followed through a real launch on the X sandbox (one account suspended): the stream ends
once nothing is in flight, with each agency posted and its link, the suspended one failed
with the platform's reason, and the spread."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

import pytest
from fixtures_launch import FAST, approved_campaign
from fixtures_sandbox import Drill
from starlette.testclient import TestClient

from broadcaster.authoring.officers import load_officers_beside, set_password
from broadcaster.console.app import create_app
from broadcaster.console.live import LIVE_CSP
from broadcaster.launch.run import launch
from broadcaster.storage.db import open_db

PASSWORD = "lee-console-password"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def drill(drill_factory: Callable[..., Drill]) -> Drill:
    made = drill_factory(3, languages=("en",))
    made.server.suspend(made.registry.get(made.keys[2]).handle)
    return made


@pytest.fixture
def client(drill: Drill) -> Iterator[TestClient]:
    set_password(load_officers_beside(drill.agencies_path), "lee", PASSWORD)
    approved_campaign(drill)
    engine = open_db(drill.settings.db_url)
    app = create_app(drill.settings, engine, secret="test-secret")
    app.state.live_poll = 0.02
    app.state.live_lifetime = 120.0  # a bound for the test, far above a launch's length
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        found = CSRF.search(test_client.get("/login").text)
        assert found
        data = {"officer": "lee", "password": PASSWORD, "csrf": found.group(1)}
        assert test_client.post("/login", data=data, follow_redirects=False).status_code == 303
        yield test_client
    engine.dispose()


def events_of(body: str) -> list[tuple[str, Any]]:
    found = []
    for block in body.split("\n\n"):
        lines = dict(
            line.split(": ", 1) for line in block.splitlines() if ": " in line and line[0] != ":"
        )
        if "event" in lines:
            found.append((lines["event"], json.loads(lines["data"])))
    return found


def test_the_board_before_the_launch(client: TestClient) -> None:
    page = client.get("/campaigns/drill-1/live")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == LIVE_CSP
    assert '<script src="/static/live.js"></script>' in page.text
    assert "<script>" not in page.text  # no inline script
    assert "Nothing planned yet" in page.text
    script = client.get("/static/live.js")
    assert script.status_code == 200 and "textContent" in script.text
    assert "innerHTML" not in script.text


def test_the_event_stream_follows_a_launch_on_the_sandbox(client: TestClient, drill: Drill) -> None:
    engine = open_db(drill.settings.db_url)
    launched: dict[str, Any] = {}

    def run() -> None:
        path = drill.folder / "campaigns" / "drill-1.toml"
        launched["report"] = launch(
            drill.settings, path, operator="lee", policy=FAST, engine=engine
        )

    worker = threading.Thread(target=run)
    worker.start()
    response = client.get("/campaigns/drill-1/live/events")
    worker.join(timeout=60)
    engine.dispose()
    assert not worker.is_alive()
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = events_of(response.text)
    assert events[-1][0] == "done"
    boards = [data for name, data in events if name == "board"]
    assert boards, response.text
    final = boards[-1]
    assert final["done"] and final["state"] == "partial"
    by_agency = {row["agency"]: row for row in final["posts"]}
    assert set(by_agency) == set(drill.keys)
    for key in drill.keys[:2]:
        assert by_agency[key]["state"] == "posted"
        assert by_agency[key]["url"].startswith(drill.url)
    failed = by_agency[drill.keys[2]]
    assert failed["state"] == "failed" and failed["url"] is None
    assert "suspended" in failed["error"]
    assert final["spread_ms"] is not None and final["spread_ms"] >= 0
    assert final["counts"]["posted"] == 2 and final["counts"]["failed"] == 1
    assert all(a != b for a, b in pairwise(boards))  # only changes

    page = client.get("/campaigns/drill-1/live")  # the page, settled, says the same
    assert "2 posted, 1 failed" in page.text
    assert by_agency[drill.keys[0]]["url"] in page.text
    assert "suspended" in page.text


def test_the_stream_needs_a_sign_in(drill: Drill) -> None:
    approved_campaign(drill)
    engine = open_db(drill.settings.db_url)
    with TestClient(create_app(drill.settings, engine), base_url="http://127.0.0.1") as c:
        refused = c.get("/campaigns/drill-1/live/events", follow_redirects=False)
        assert refused.status_code == 303
    engine.dispose()
