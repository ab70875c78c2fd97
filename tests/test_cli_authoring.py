"""init, validate, preview, agencies list: what a new user types first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from broadcaster.authoring.scaffold import agencies_toml, env_example, example_campaign_toml
from broadcaster.cli import cli

REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_init_then_validate_and_preview_work_at_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("init", "drill")
    assert code == 0, err
    assert out.splitlines() == [
        "wrote drill/agencies.toml",
        "wrote drill/.env.example",
        "wrote drill/campaigns/example.toml",
        "wrote drill/campaigns/media/suspect.jpg",
        "wrote drill/templates/README.md",
        "wrote drill/.env",
        "wrote drill/officers.toml",
        "wrote drill/keys/lee",
        "wrote drill/keys/lee.pub",
        "wrote drill/keys/roy",
        "wrote drill/keys/roy.pub",
        "The .env holds DRILL-ONLY credentials for the local sandbox; replace them before "
        "posting for real.",
        "Next: cd drill && broadcaster validate campaigns/example.toml",
    ]
    env = (tmp_path / "drill/.env").read_text()
    assert env.startswith("# DRILL-ONLY credentials")
    assert "TPS_X_API_KEY=drill-tps-" in env and "SPVM_X_ACCESS_SECRET=drill-spvm-" in env
    monkeypatch.chdir(tmp_path / "drill")
    code, out, err = run("validate", "campaigns/example.toml")
    assert (code, err) == (0, "")
    assert out == (
        "campaigns/example.toml: OK, campaign 'tps-2026-0412' for 4 agencies "
        "(tps, rcmp, nypd, spvm); nothing was sent.\n"
    )
    code, out, err = run("preview", "campaigns/example.toml")
    assert code == 0, err
    assert "EXERCICE : RECHERCHÉ pour vol à main armée." in out
    assert "257 / 280" in out and "268 / 280" in out
    assert "alt text: Head-and-shoulders photo of a man with short dark hair." in out
    for line in env.splitlines():
        if "=" in line and not line.startswith("#"):
            assert line.split("=", 1)[1] not in out


def test_init_never_overwrites(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agencies.toml").write_text(agencies_toml().replace("NYPD", "NYPD Tips", 1))
    mine = (tmp_path / "agencies.toml").read_text()
    code, out, _ = run("init")
    assert code == 0
    assert "skipped agencies.toml (already there; left as it is)" in out
    assert (tmp_path / "agencies.toml").read_text() == mine
    env = (tmp_path / ".env").read_text()
    code, out, _ = run("init")
    assert code == 0
    assert "wrote" not in out
    assert out.count("skipped") == 9  # the six files, officers.toml, keys/lee, keys/roy
    assert (tmp_path / ".env").read_text() == env


def test_init_gives_drill_keys_to_an_existing_registry(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agencies.toml").write_text(
        '[agency.opp]\nname = "OPP"\nplatform = "sandbox"\nhandle = "@OPP_News"\n'
        'language = "en"\ntimezone = "America/Toronto"\ntip_line = "1-888-310-1122"\n'
        'credentials = "OPP"\n'
    )
    code, _, _ = run("--json", "init")
    assert code == 0
    env = (tmp_path / ".env").read_text()
    assert "OPP_X_API_KEY=drill-opp-" in env
    assert "TPS_" not in env


def test_init_json(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("--json", "init", "w")
    assert code == 0
    data = json.loads(out)
    assert data["folder"] == "w"
    assert "w/campaigns/example.toml" in data["written"]
    assert data["skipped"] == []


def test_validate_json(workspace) -> None:
    code, out, _ = run("--json", "validate", "campaigns/example.toml")
    assert code == 0
    assert json.loads(out) == {
        "ok": True,
        "campaigns": [
            {"path": "campaigns/example.toml", "ok": True, "campaign": "example", "problems": []}
        ],
    }
    workspace.edit_campaign('kind = "wanted"', 'kind = "wantd"')
    code, out, err = run("--json", "validate", "campaigns/example.toml")
    assert code == 2
    data = json.loads(out)
    assert data["ok"] is False and data["exit_code"] == 2
    assert data["error"] == "1 of 1 campaign files are invalid."
    assert data["campaigns"][0]["problems"] == [
        "campaigns/example.toml:2: kind is 'wantd'; use one of wanted, missing or appeal."
    ]
    assert err.startswith("Error: campaigns/example.toml:2: kind is 'wantd'")


def test_preview_json_shape(workspace) -> None:
    code, out, err = run("--json", "preview", "campaigns/example.toml", "--agency", "spvm")
    assert code == 0, err
    data = json.loads(out)
    assert data["campaign"] == "example"
    (post,) = data["posts"]
    assert {"agency", "platform", "language", "text", "weighted_length", "limit", "media"} <= set(
        post
    )
    assert post["agency"] == "spvm"
    assert post["platform"] == "sandbox"
    assert post["language"] == "fr"
    assert post["text"].startswith("EXERCICE : RECHERCHÉ pour vol à main armée.\n")
    assert post["weighted_length"] == 268
    assert post["limit"] == 280
    assert post["media"] == ["example.jpg"]
    assert post["alt_text"] == "Photo d'un homme aux cheveux courts foncés."


def test_preview_all_agencies_in_order(workspace) -> None:
    code, out, _ = run("--json", "preview", "campaigns/example.toml")
    assert code == 0
    assert [p["agency"] for p in json.loads(out)["posts"]] == ["tps", "rcmp", "nypd", "spvm"]


def test_preview_unknown_agency(workspace) -> None:
    code, out, err = run("--json", "preview", "campaigns/example.toml", "--agency", "lapd")
    assert code == 2
    message = "agency 'lapd' is not in campaign 'example'; it has tps, rcmp, nypd, spvm."
    assert err == f"Error: {message}\n"
    assert json.loads(out) == {"error": message, "exit_code": 2}


def test_preview_needs_no_credentials_but_validate_does(workspace) -> None:
    workspace.env_path.write_text("")
    code, _, _ = run("preview", "campaigns/example.toml")
    assert code == 0
    code, _, err = run("validate", "campaigns/example.toml")
    assert code == 2
    assert "agency 'tps': set TPS_X_API_KEY, TPS_X_API_SECRET, TPS_X_ACCESS_TOKEN, " in err


@pytest.mark.parametrize("command", [["init"], ["validate"], ["preview"], ["agencies", "list"]])
def test_help_has_an_example(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0
    assert "Example:" in out
    assert "broadcaster " + command[0] in out.split("Example:")[1]


def test_repository_example_validates_from_a_fresh_clone(tmp_path: Path, monkeypatch) -> None:
    # What `broadcaster init` would write in a fresh clone: the shipped files plus a drill .env.
    assert (REPO / "campaigns/example.toml").read_text() == example_campaign_toml()
    assert (REPO / "agencies.toml").read_text() == agencies_toml()
    assert (REPO / ".env.example").read_text() == env_example(["TPS", "RCMP", "NYPD", "SPVM"])
    monkeypatch.chdir(REPO)
    from broadcaster.authoring.scaffold import drill_env

    env_file = tmp_path / ".env"
    env_file.write_text(drill_env(["TPS", "RCMP", "NYPD", "SPVM"]))
    code, out, err = run("--env-file", str(env_file), "validate", "campaigns/example.toml")
    assert (code, err) == (0, "")
    assert "OK, campaign 'tps-2026-0412'" in out
