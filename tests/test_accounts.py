"""Agencies with several accounts: every account posts at the launch, each has its own
journal row, and a suspended account never stops the same agency's other accounts."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from pathlib import Path

import pytest
from agency_files import with_accounts
from click.testing import CliRunner
from fixtures_launch import approved_campaign, posts_by_author
from fixtures_sandbox import Drill
from sqlmodel import Session, select

from broadcaster.authoring.agencies import CREDENTIAL_PARTS, load_registry
from broadcaster.cli import cli
from broadcaster.config import Settings
from broadcaster.errors import AgenciesInvalid
from broadcaster.sandbox.drill import write_drill_workspace
from broadcaster.storage.db import open_db
from broadcaster.storage.models import Post

BACKUP = "@DrillBackup001"


def _list_form(text: str, key: str, handle: str, prefix: str) -> str:
    """agencies.toml with agency `key` turned into the list form, its own account first and
    a second sandbox account after it."""
    return with_accounts(
        text,
        key,
        [
            {"platform": "sandbox", "handle": handle, "credentials": prefix},
            {"platform": "sandbox", "handle": BACKUP, "credentials": "DRILL_B01"},
        ],
    )


@pytest.fixture
def two_accounts(tmp_path: Path, sandbox_factory: Callable[..., object]) -> Drill:
    """A drill of three sandbox agencies, the first (the lead) with two accounts."""
    workspace = write_drill_workspace(tmp_path, 3)
    first = workspace.registry().get(workspace.keys[0])
    text = workspace.agencies_path.read_text()
    workspace.agencies_path.write_text(_list_form(text, first.key, first.handle, first.credentials))
    env = dict(workspace.env)
    extra = {
        "X_API_KEY": secrets.token_urlsafe(18),
        "X_API_SECRET": secrets.token_urlsafe(36),
        "X_ACCESS_TOKEN": f"7100000001-{secrets.token_urlsafe(30)}",
        "X_ACCESS_SECRET": secrets.token_urlsafe(33),
    }
    for part in CREDENTIAL_PARTS:
        env[f"DRILL_B01_{part}"] = extra[part]
    registry = load_registry(workspace.agencies_path)
    server = sandbox_factory(registry, env)
    env["BROADCASTER_SANDBOX_URL"] = server.url  # type: ignore[attr-defined]
    workspace.env_path.write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    settings = Settings(
        db_url=f"sqlite:///{tmp_path / 'broadcaster.db'}",
        agencies_path=workspace.agencies_path,
        env_file=workspace.env_path,
        env=env,
    )
    return Drill(
        folder=tmp_path,
        agencies_path=workspace.agencies_path,
        env_path=workspace.env_path,
        env=env,
        keys=workspace.keys,
        registry=registry,
        server=server,  # type: ignore[arg-type]
        url=server.url,  # type: ignore[attr-defined]
        settings=settings,
    )


def _rows(drill: Drill) -> list[Post]:
    with Session(open_db(drill.settings.db_url)) as session:
        return list(session.exec(select(Post).order_by(Post.id)).all())  # type: ignore[arg-type]


def test_the_list_form_is_one_agency_with_each_account(two_accounts: Drill) -> None:
    lead = two_accounts.registry.get(two_accounts.keys[0])
    assert [a.handle for a in lead.accounts] == [lead.handle, BACKUP]
    assert [a.label for a in lead.each_account()] == [
        f"agency {lead.key!r} account {lead.handle} (sandbox)",
        f"agency {lead.key!r} account {BACKUP} (sandbox)",
    ]
    result = CliRunner().invoke(cli, [*two_accounts.cli_args(), "validate", "--help"])
    assert result.exit_code == 0


def test_every_account_posts_and_a_suspended_one_stops_no_other(two_accounts: Drill) -> None:
    drill = two_accounts
    lead = drill.registry.get(drill.keys[0])
    drill.server.suspend(lead.handle)
    path = approved_campaign(drill, extra_toml='identical_content = "public-safety"\n')
    runner = CliRunner()
    first = runner.invoke(cli, [*drill.cli_args(), "--json", "launch", str(path)])
    assert first.exit_code == 4, first.output
    data = json.loads(first.stdout)
    failed = [(p["agency"], p["handle"]) for p in data["posts"] if p["state"] == "failed"]
    assert failed == [(lead.key, lead.handle)]
    posted = {p["handle"] for p in data["posts"] if p["state"] == "posted"}
    others = {drill.registry.get(k).handle for k in drill.keys[1:]}
    assert posted == {BACKUP, *others}
    # What the platform received: one post from every account but the suspended one.
    assert posts_by_author(drill) == dict.fromkeys([BACKUP, *others], 1)
    rows = _rows(drill)
    assert len(rows) == 4
    assert {(r.agency, r.account) for r in rows} >= {
        (lead.key, f"sandbox:{lead.handle.lower()}"),
        (lead.key, f"sandbox:{BACKUP.lower()}"),
    }

    # The account is back: launch again sends only what is missing, never twice.
    drill.server.suspend(lead.handle, False)
    again = runner.invoke(cli, [*drill.cli_args(), "--json", "launch", str(path)])
    assert again.exit_code == 0, again.output
    assert posts_by_author(drill) == dict.fromkeys([lead.handle, BACKUP, *others], 1)
    assert all(r.state == "posted" for r in _rows(drill))

    # Cancel takes down every account's post.
    cancel = runner.invoke(
        cli, [*drill.cli_args(), "--json", "cancel", "drill-1", "--reason", "drill over"]
    )
    assert cancel.exit_code == 0, cancel.output
    taken = json.loads(cancel.stdout)["taken_down"]
    assert {(t["agency"], t["handle"]) for t in taken if t["state"] == "deleted"} >= {
        (lead.key, lead.handle),
        (lead.key, BACKUP),
    }
    # On the platform, both accounts' photo posts are gone and each account told its public.
    launched = {p["remote_id"] for p in json.loads(again.stdout)["posts"]}
    held = {p["id"]: p for p in drill.server.posts()}
    assert len(launched) == 4 and all(held[i]["deleted"] for i in launched)
    notices = [p for p in drill.server.posts() if not p["deleted"]]
    assert sorted(p["author"] for p in notices) == sorted([lead.handle, BACKUP, *others])


def test_identical_texts_of_two_accounts_on_one_platform_need_public_safety(
    two_accounts: Drill,
) -> None:
    """One agency's two accounts on one platform would post the same text: X's rule."""
    from broadcaster.authoring.scaffold import write_campaign

    path = write_campaign(
        two_accounts.folder,
        campaign_id="drill-1",
        agencies=two_accounts.keys,
        lead=two_accounts.keys[0],
    )
    result = CliRunner().invoke(cli, [*two_accounts.cli_args(), "validate", str(path)])
    assert result.exit_code == 2
    lead = two_accounts.keys[0]
    assert f"agency {lead!r} accounts" in result.stderr
    assert 'identical_content = "public-safety"' in result.stderr


@pytest.mark.parametrize(
    ("accounts", "message"),
    [
        (
            '[[agency.tps.accounts]]\nplatform = "sandbox"\nhandle = "TPS"\ncredentials = "TPS"\n',
            "agencies.toml:{line}: agency 'tps' account 1 (sandbox) field 'handle': 'TPS' is not "
            "a handle like @TorontoPolice.",
        ),
        (
            '[[agency.tps.accounts]]\nplatform = "sandbox"\nhandle = "@TPS"\ncredentials = "TPS"\n'
            '\n[[agency.tps.accounts]]\nplatform = "myspace"\nhandle = "@TPS"\ncredentials = "T"\n',
            "agencies.toml:{line}: agency 'tps' account 2 (myspace) field 'platform' is "
            "'myspace'; use one of x, sandbox, bluesky, mastodon.",
        ),
        (
            '[[agency.tps.accounts]]\nplatform = "x"\nhandle = "@TPS"\ncredentials = "TPS"\n'
            'service = "https://bsky.social"\n',
            "agencies.toml:{line}: agency 'tps' account 1 (x) field 'service': x accounts take "
            "no 'service'.",
        ),
        (
            '[[agency.tps.accounts]]\nplatform = "x"\nhandle = "@TPS"\ncredentials = "TPS"\n'
            '\n[[agency.tps.accounts]]\nplatform = "x"\nhandle = "@tps"\ncredentials = "TPS2"\n',
            "agencies.toml:{line}: agency 'tps' lists the account @tps on x twice.",
        ),
    ],
)
def test_account_mistakes_name_the_file_line_agency_and_account(
    tmp_path: Path, accounts: str, message: str
) -> None:
    text = (
        '[agency.tps]\nname = "Toronto Police Service"\nlanguage = "en"\n'
        'timezone = "America/Toronto"\ntip_line = "416-222-8477"\n\n' + accounts
    )
    path = tmp_path / "agencies.toml"
    path.write_text(text)
    with pytest.raises(AgenciesInvalid) as caught:
        load_registry(path)
    lines = text.splitlines()
    needle = message.split("field '")[1].split("'")[0] if "field '" in message else "handle"
    # The line of the offending field in the offending account (the last such one).
    line = max(n for n, t in enumerate(lines, 1) if t.startswith(f"{needle} ="))
    assert str(caught.value) == str(path.parent / message.format(line=line))


def test_both_forms_at_once_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "agencies.toml"
    path.write_text(
        '[agency.tps]\nname = "T"\nplatform = "x"\nlanguage = "en"\n'
        'timezone = "America/Toronto"\ntip_line = "1"\n\n'
        '[[agency.tps.accounts]]\nplatform = "x"\nhandle = "@TPS"\ncredentials = "TPS"\n'
    )
    with pytest.raises(AgenciesInvalid, match=r"agency 'tps' has 'platform' and \[\[agency"):
        load_registry(path)


def test_a_database_from_before_accounts_migrates_its_rows_to_their_account(
    db_url: str,
) -> None:
    """Old rows get their agency's single account's key; the unique key then includes the
    account, so a second account's row for the same post is allowed, a duplicate is not."""
    import sqlalchemy
    from alembic import command
    from alembic.config import Config

    from broadcaster.storage.db import MIGRATIONS, make_engine, migrate

    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0008")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO campaign (id, path, kind, status, lead, mode, state, created_at, "
            "updated_at) VALUES ('c1', 'c1.toml', 'wanted', 'actual', 'tps', 'coordinated', "
            "'launched', '2026-11-23 14:00:00', '2026-11-23 14:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO post (campaign_id, agency, platform, handle, kind, occurrence, state, "
            "text, attempts, updated_at) VALUES ('c1', 'tps', 'x', '@TorontoPolice', "
            "'original', 'launch', 'posted', 'Wanted', 1, '2026-11-23 14:00:00')"
        )
    migrate(engine)
    insert = (
        "INSERT INTO post (campaign_id, agency, account, platform, handle, kind, occurrence, "
        "state, text, attempts, updated_at) VALUES ('c1', 'tps', '{account}', 'x', '@TPS', "
        "'original', 'launch', 'planned', 'Wanted', 0, '2026-11-23 14:00:00')"
    )
    with engine.begin() as connection:
        rows = connection.exec_driver_sql("SELECT agency, account FROM post").all()
        assert [tuple(r) for r in rows] == [("tps", "x:@torontopolice")]
        connection.exec_driver_sql(insert.format(account="x:@tps"))
    with pytest.raises(sqlalchemy.exc.IntegrityError), engine.begin() as connection:
        connection.exec_driver_sql(insert.format(account="x:@torontopolice"))
    engine.dispose()


def test_launch_names_each_account_and_tracking_reads_each_one(two_accounts: Drill) -> None:
    """The human output counts accounts and names the account of an agency that has
    several; `track` reads every account's post with that account's own adapter, and one
    suspended account leaves the other's tracking untouched."""
    drill = two_accounts
    lead = drill.registry.get(drill.keys[0])
    path = approved_campaign(drill, extra_toml='identical_content = "public-safety"\n')
    runner = CliRunner()
    result = runner.invoke(cli, [*drill.cli_args(), "launch", str(path)])
    assert result.exit_code == 0, result.output
    assert "4 of 4 accounts posted" in result.stdout
    assert f"{lead.key} {BACKUP}" in result.stdout
    drill.server.suspend(lead.handle)
    tracked = runner.invoke(cli, [*drill.cli_args(), "--json", "track", "drill-1"])
    data = json.loads(tracked.stdout)
    by_id = {r.id: r for r in _rows(drill)}
    errors = {by_id[p["post_id"]].handle: p["error"] for p in data["posts"]}
    assert set(errors) == {
        lead.handle,
        BACKUP,
        *(drill.registry.get(k).handle for k in drill.keys[1:]),
    }
    assert errors[lead.handle] and "suspended" in errors[lead.handle]
    assert all(e is None for h, e in errors.items() if h != lead.handle)


def test_preview_shows_each_account_and_its_length_under_its_own_rule(
    two_accounts: Drill,
) -> None:
    drill = two_accounts
    lead = drill.registry.get(drill.keys[0])
    path = approved_campaign(drill, extra_toml='identical_content = "public-safety"\n')
    runner = CliRunner()
    result = runner.invoke(cli, [*drill.cli_args(), "--json", "preview", str(path)])
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)["posts"][0]
    assert [a["handle"] for a in first["accounts"]] == [lead.handle, BACKUP]
    assert all(a["limit"] == 280 and a["weighted_length"] > 0 for a in first["accounts"])
    human = runner.invoke(cli, [*drill.cli_args(), "preview", str(path)], env={"COLUMNS": "200"})
    assert f"{lead.handle} (sandbox), {BACKUP} (sandbox)" in human.stdout
    listed = runner.invoke(cli, [*drill.cli_args(), "--json", "agencies", "list"])
    accounts = json.loads(listed.stdout)[0]["accounts"]
    assert [a["handle"] for a in accounts] == [lead.handle, BACKUP]
