"""agencies.toml: each mistake is exit 2 with a sentence naming the file, line and agency."""

from __future__ import annotations

import json

from click.testing import CliRunner

from broadcaster.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def break_registry(workspace, old: str, new: str) -> str:
    text = workspace.agencies_path.read_text()
    assert old in text
    text = text.replace(old, new, 1)
    workspace.agencies_path.write_text(text)
    return text


def test_unknown_time_zone(workspace) -> None:
    text = break_registry(workspace, 'timezone = "America/Moncton"', 'timezone = "Canada/Moncton"')
    code, _, err = run("agencies", "list")
    assert code == 2
    line = line_of(text, "Canada/Moncton")
    assert err == (
        f"Error: agencies.toml:{line}: agency 'rcmp' field 'timezone': 'Canada/Moncton' is not "
        "an IANA time zone like America/Toronto.\n"
    )


def test_bad_language_tag(workspace) -> None:
    text = break_registry(workspace, 'language = "fr"', 'language = "french!"')
    code, _, err = run("validate", "campaigns/example.toml")
    assert code == 2
    line = line_of(text, "french!")
    assert err == (
        f"Error: agencies.toml:{line}: agency 'spvm' field 'language': 'french!' is not a "
        "known language tag (en, fr, fr-CA).\n"
    )


def test_unknown_platform(workspace) -> None:
    text = break_registry(workspace, '\nplatform = "sandbox"', '\nplatform = "myspace"')
    code, _, err = run("agencies", "list")
    assert code == 2
    line = line_of(text, "myspace")
    assert err == (
        f"Error: agencies.toml:{line}: agency 'tps' field 'platform' is 'myspace'; "
        "use one of x, sandbox, bluesky, mastodon.\n"
    )


def test_duplicate_handles(workspace) -> None:
    text = break_registry(workspace, 'handle = "@NYPDTips"', 'handle = "@torontopolice"')
    code, _, err = run("agencies", "list")
    assert code == 2
    line = line_of(text, "@torontopolice")
    assert err == (
        f"Error: agencies.toml:{line}: agencies 'tps' and 'nypd' share the handle "
        "@torontopolice on sandbox.\n"
    )


def test_missing_credential_variables_are_named_never_valued(workspace) -> None:
    env = workspace.env_path.read_text().splitlines()
    kept = [line for line in env if not line.startswith(("RCMP_X_ACCESS", "NYPD_X_API_KEY"))]
    workspace.env_path.write_text("\n".join(kept) + "\n")
    code, _, err = run("validate", "campaigns/example.toml")
    assert code == 2
    assert err == (
        "Error: 2 problems:\n"
        "  - agency 'rcmp': set RCMP_X_ACCESS_TOKEN, RCMP_X_ACCESS_SECRET in the environment "
        "or .env.\n"
        "  - agency 'nypd': set NYPD_X_API_KEY in the environment or .env.\n"
    )
    for value in workspace.env.values():
        assert value not in err


def test_missing_registry_file(workspace) -> None:
    code, _, err = run("--agencies", "elsewhere.toml", "agencies", "list")
    assert code == 2
    assert err == (
        f"Error: elsewhere.toml: agencies file not found (looked in {workspace.folder}); "
        "pass --agencies PATH or run from the folder that holds it.\n"
    )


def test_list_as_table_and_json(workspace) -> None:
    code, out, _ = run("agencies", "list")
    assert code == 0
    assert "4 agencies in agencies.toml" in out
    assert "@TorontoPolice" in out and "@SPVM" in out
    code, out, _ = run("--json", "agencies", "list")
    assert code == 0
    rows = json.loads(out)
    assert [r["key"] for r in rows] == ["tps", "rcmp", "nypd", "spvm"]
    assert rows[3]["language"] == "fr"
    assert rows[0]["credentials"] == "TPS" and rows[0]["credentials_set"] is True
    for value in workspace.env.values():
        assert value not in out


def test_list_names_missing_variables(workspace) -> None:
    workspace.env_path.write_text("")
    code, out, _ = run("--json", "agencies", "list")
    assert code == 0
    tps = json.loads(out)[0]
    assert tps["credentials_set"] is False
    assert tps["missing_variables"] == [
        "TPS_X_API_KEY",
        "TPS_X_API_SECRET",
        "TPS_X_ACCESS_TOKEN",
        "TPS_X_ACCESS_SECRET",
    ]
