"""The console's campaign page for a 100-agency campaign, in server time (SPEC ≤ 200 ms).

The app runs in-process under Starlette's test client, so the time is the page's own:
the session check, preparing the campaign from its file (every agency's post), verifying
its approvals and rendering, with no network in between. Median of 15 after one warm-up;
the first (cold) request and the campaigns list are shown for information."""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import approve_as_drill_officer, figure

RUNS = 15
TARGET = 0.200
PASSWORD = "bench-console-password"


def timed(client: object, page: str) -> tuple[float, list[float]]:
    started = time.perf_counter()
    first = client.get(page)  # type: ignore[attr-defined]
    cold = time.perf_counter() - started
    assert first.status_code == 200, first.text[:300]
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(page)  # type: ignore[attr-defined]
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200
    return cold, samples


def main() -> None:
    from starlette.testclient import TestClient

    from broadcaster.authoring.officers import load_officers_beside, set_password
    from broadcaster.authoring.prepare import prepare_campaign
    from broadcaster.authoring.scaffold import write_campaign
    from broadcaster.config import load_settings
    from broadcaster.console.app import create_app
    from broadcaster.sandbox.drill import write_drill_workspace
    from broadcaster.storage.db import open_db

    with tempfile.TemporaryDirectory() as tmp:
        drill = write_drill_workspace(Path(tmp) / "d100", 100)
        path = write_campaign(
            drill.folder, campaign_id="bench", agencies=drill.keys, lead=drill.keys[0]
        )
        settings = load_settings(
            db_url=f"sqlite:///{drill.folder / 'broadcaster.db'}",
            agencies_path=drill.agencies_path,
            env_file=drill.env_path,
            environ={},
        )
        engine = open_db(settings.db_url)
        prepared = prepare_campaign(path, settings, check_credentials=False)
        approve_as_drill_officer(engine, prepared)
        set_password(load_officers_beside(drill.agencies_path), "lee", PASSWORD)
        app = create_app(settings, engine, secret="bench")
        with TestClient(app, base_url="http://127.0.0.1") as client:
            token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
            assert token
            client.post(
                "/login", data={"officer": "lee", "password": PASSWORD, "csrf": token.group(1)}
            )
            cold, samples = timed(client, "/campaigns/bench")
            median = statistics.median(samples)
            figure(
                "console",
                f"campaign page, 100 agencies (median of {RUNS}, server time)",
                median * 1000,
                "ms",
                target=f"≤ {TARGET * 1000:.0f} ms",
                ok=median <= TARGET,
                baseline=(
                    f"first request {cold * 1000:.0f} ms; slowest {max(samples) * 1000:.0f} ms"
                ),
            )
            _, listing = timed(client, "/")
            figure(
                "console",
                f"campaigns list (median of {RUNS})",
                statistics.median(listing) * 1000,
                "ms",
            )
        engine.dispose()


if __name__ == "__main__":
    main()
