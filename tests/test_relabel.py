"""tips --relabel: an officer's correction, signed in with --key, stored beside the machine's
label, audited, followed by the reply's flood cluster and by later tracking; both engines."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
import requests
from click.testing import CliRunner
from fixtures_responses import LAUNCH, add_reply, launch_on_sandbox, seed_example
from fixtures_workspace import Workspace
from officer_helpers import key_of
from sqlalchemy import Engine, select, update
from sqlmodel import Session

from broadcaster.authoring.officers import generate_key
from broadcaster.cli import cli
from broadcaster.platforms.base import RemoteReply
from broadcaster.responses.tips import relabel, responses
from broadcaster.responses.tracking import ingest_replies, track
from broadcaster.responses.triage.classify import Triager
from broadcaster.storage.audit import verify
from broadcaster.storage.db import open_db
from broadcaster.storage.models import AuditEntry, Reply

CID = "tps-2026-0412"
REPLIES = Reply.__table__  # type: ignore[attr-defined]
TIP = "1900000000000000001"  # a seeded tip, judged alone
FLOOD = ("1900000000000000004", "1900000000000000005")  # the seeded kpop spam
CLUSTER = "tcluster"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = open_db(db_url)
    ids = seed_example(engine)
    # A template cluster of five: the two seeded spam replies and three more, one a tip.
    for n, label in enumerate(("spam", "spam", "tip")):
        add_reply(
            engine,
            CID,
            ids["tps"],
            str(1900000000000000100 + n),
            f"FOLLOW @fan{n} for free stuff #kpop",
            label=label,
            created_at=LAUNCH + timedelta(hours=2, minutes=n),
        )
    members = [*FLOOD, *(str(1900000000000000100 + n) for n in range(3))]
    with engine.begin() as connection:
        connection.execute(
            update(REPLIES).where(REPLIES.c.remote_id.in_(members)).values(flood_cluster=CLUSTER)
        )
    yield engine
    engine.dispose()


def run(ws: Workspace, db_url: str, *args: str, **env: str) -> Any:
    return CliRunner().invoke(
        cli, ["--db", db_url, "--agencies", str(ws.agencies_path), *args], env=env or None
    )


def rows(engine: Engine) -> dict[str, Any]:
    with engine.connect() as connection:
        return {r.remote_id: r for r in connection.execute(select(REPLIES)).all()}


def test_relabel_follows_the_cluster_and_is_audited(
    workspace: Workspace, db_url: str, engine: Engine
) -> None:
    before = rows(engine)
    result = run(
        workspace, db_url, "tips", CID, "--relabel", FLOOD[0], "abuse", "--key",
        str(key_of(workspace.folder, "lee")),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Relabelled reply {FLOOD[0]} spam → abuse as officer lee; 4 other replies of its "
        "flood cluster follow; 5 replies changed label.\n"
    )
    after = rows(engine)
    own = after[FLOOD[0]]
    assert (own.label, own.machine_label, own.relabelled_by, own.relabelled_via) == (
        "abuse", "spam", "lee", None,
    )  # fmt: skip
    assert own.reasons == before[FLOOD[0]].reasons  # the machine's reasons are kept
    members = [r for r in after.values() if r.flood_cluster == CLUSTER and r.remote_id != FLOOD[0]]
    assert len(members) == 4
    assert all(r.label == "abuse" and r.relabelled_via == FLOOD[0] for r in members)
    assert sorted(r.machine_label for r in members) == ["spam", "spam", "spam", "tip"]
    assert all(after[k].label == before[k].label for k in after if k not in {m.remote_id
               for m in members} | {FLOOD[0]})  # fmt: skip
    with Session(engine) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "reply.relabelled")
        ).one()
    assert entry.operator == "lee" and entry.campaign_id == CID
    detail = json.loads(entry.detail)
    assert (detail["reply"], detail["from"], detail["to"], detail["followed"]) == (
        FLOOD[0], "spam", "abuse", 4,
    )  # fmt: skip
    assert verify(engine).ok
    audit = run(workspace, db_url, "audit", "verify")
    assert audit.exit_code == 0, audit.output

    # The inbox shows both: the officer's label first, with the machine's beside it.
    shown = {r.id: r for r in responses(engine, CID)}
    assert shown[FLOOD[0]].reasons[0] == "relabelled abuse by officer lee (triage said spam)"
    assert shown[FLOOD[1]].reasons[0] == (
        f"relabelled abuse by officer lee's correction of reply {FLOOD[0]}, the same template "
        "(triage said spam)"
    )
    listed = json.loads(run(workspace, db_url, "--json", "tips", CID, "--label", "abuse").stdout)
    assert {r["id"]: r["machine_label"] for r in listed}[FLOOD[1]] == "spam"
    table = run(workspace, db_url, "tips", CID, "--label", "abuse").stdout
    assert "triage said spam" in table and "why: relabelled abuse by officer lee" in table


def test_a_direct_correction_outranks_a_propagated_one(engine: Engine) -> None:
    member = "1900000000000000102"
    first = relabel(engine, CID, member, "tip", "roy")
    assert (first.changed, first.followed) == (4, 4)  # the four spam of the cluster
    done = relabel(engine, CID, FLOOD[0], "spam", "lee")
    assert (done.changed, done.followed) == (4, 3)  # roy's own correction stays
    assert rows(engine)[member].label == "tip"
    assert rows(engine)[member].relabelled_by == "roy"
    again = relabel(engine, CID, member, "support", "roy")
    assert rows(engine)[member].machine_label == "tip"  # the machine's, not roy's first
    assert again.old == "tip" and again.changed == 4


def test_a_reply_judged_alone_changes_alone(
    workspace: Workspace, db_url: str, engine: Engine
) -> None:
    result = run(
        workspace, db_url, "--json", "tips", CID, "--relabel", TIP, "spam",
        BROADCASTER_KEY=str(key_of(workspace.folder, "roy")),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["from"], data["label"], data["relabelled_by"], data["cluster"]) == (
        "tip", "spam", "roy", None,
    )  # fmt: skip
    assert (data["changed"], data["followed"]) == (1, 0)


def test_relabel_refusals(workspace: Workspace, db_url: str, engine: Engine) -> None:
    lee = str(key_of(workspace.folder, "lee"))
    stranger = workspace.folder / "stranger"
    generate_key(stranger, "stranger@nowhere")
    cases = [
        (
            ["--relabel", "42", "tip", "--key", lee],
            2,
            "Error: campaign 'tps-2026-0412' has no reply with id '42'; `broadcaster tips` "
            "lists their ids.\n",
        ),
        (
            ["--relabel", TIP, "tipz", "--key", lee],
            2,
            "Error: --relabel: 'tipz' is not a label; use one of tip, question, support, spam, "
            "abuse.\n",
        ),
        (
            ["--relabel", TIP, "spam"],
            2,
            "Error: tips --relabel needs the officer's private key: --key PATH (or set "
            "BROADCASTER_KEY), e.g. --key keys/lee.\n",
        ),
        (
            ["--relabel", TIP, "spam", "--followed-up", TIP, "--key", lee],
            2,
            "Error: --followed-up and --relabel are one at a time; run them apart.\n",
        ),
        (
            ["--key", lee],
            2,
            "Error: --key goes with --followed-up REPLY_ID or --relabel REPLY_ID LABEL.\n",
        ),
    ]
    for extra, code, sentence in cases:
        result = run(workspace, db_url, "tips", CID, *extra)
        assert (result.exit_code, result.stderr) == (code, sentence), extra
    result = run(workspace, db_url, "tips", CID, "--relabel", TIP, "spam", "--key", str(stranger))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"Error: --key {stranger} (SHA256:")
    assert "is the key of no officer in" in result.stderr
    assert rows(engine)[TIP].label == "tip" and rows(engine)[TIP].relabelled_by is None
    with engine.connect() as connection:
        assert connection.execute(select(AuditEntry.action)).scalars().all() == []


def test_followed_up_names_the_officer_of_the_key(
    workspace: Workspace, db_url: str, engine: Engine
) -> None:
    roy = str(key_of(workspace.folder, "roy"))
    result = run(workspace, db_url, "tips", CID, "--followed-up", TIP, "--key", roy)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Marked reply {TIP} (tip) followed-up by roy.\n"
    result = run(workspace, db_url, "tips", CID, "--followed-up", TIP, "--by", "Sgt. Roy")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --by is refused: a typed name proves nothing; sign in with your own key: "
        f"broadcaster tips {CID} --followed-up REPLY_ID --key PATH (or set BROADCASTER_KEY).\n"
    )
    with engine.connect() as connection:
        assert connection.execute(select(AuditEntry.action, AuditEntry.operator)).all() == [
            ("tip.followed_up", "roy")
        ]


def _replies(start: int, count: int) -> list[RemoteReply]:
    return [
        RemoteReply(
            remote_id=str(1950000000000000000 + start + n),
            text=f"omg @stan{start + n} look at this fancam it is so good {start + n} #fancam",
            created_at=LAUNCH + timedelta(hours=4, seconds=start + n),
            author_id=f"a{start + n}",
            author_handle=f"@stan{start + n}",
        )
        for n in range(count)
    ]


def test_later_replies_of_a_relabelled_cluster_take_the_officers_label(engine: Engine) -> None:
    ingest_replies(engine, CID, None, "sandbox", _replies(0, 3), Triager())
    first = rows(engine)[str(1950000000000000000)]
    assert first.flood_cluster is not None
    done = relabel(engine, CID, first.remote_id, "question", "lee")
    assert done.followed == 2
    # A later run (a new triager, as each tracking run has) meets more of the template.
    ingest_replies(engine, CID, None, "sandbox", [*_replies(0, 3), *_replies(3, 2)], Triager())
    after = rows(engine)
    later = [after[str(1950000000000000000 + n)] for n in (3, 4)]
    assert all(r.label == "question" and r.relabelled_via == first.remote_id for r in later)
    assert all(r.machine_label is not None and r.relabelled_by == "lee" for r in later)
    # The stored replies were not triaged again (ON CONFLICT DO NOTHING): the correction stays.
    assert after[first.remote_id].label == "question"
    assert after[first.remote_id].relabelled_via is None


def inject(url: str, in_reply_to: str, author: str, text: str) -> str:
    """A reply posted on the sandbox now (as test_tracking does)."""
    response = requests.post(
        f"{url}/_sandbox/replies",
        json={"in_reply_to": in_reply_to, "author": author, "text": text},
        timeout=5,
    )
    response.raise_for_status()
    return str(response.json()["id"])


def test_tracking_gives_new_replies_of_a_relabelled_cluster_the_officers_label(
    drill_factory: Callable[..., Any],
) -> None:
    drill = drill_factory(1, seed=3)
    engine = open_db(drill.settings.db_url)
    (post,) = launch_on_sandbox(engine, drill, "drill-relabel")
    text = "Sharing this for my cousin in Moncton, stay safe everyone {}"
    ids = [inject(drill.url, post.remote_id, f"@fan{n}", text.format(n)) for n in range(3)]
    first = track(drill.settings, "drill-relabel", engine=engine)
    assert first.new_replies == 3
    stored = rows(engine)
    assert len({stored[i].flood_cluster for i in ids}) == 1 and stored[ids[0]].flood_cluster
    done = relabel(engine, "drill-relabel", ids[0], "question", "lee")
    assert done.followed == 2
    later = [inject(drill.url, post.remote_id, f"@fan{n}", text.format(n)) for n in (3, 4)]
    second = track(drill.settings, "drill-relabel", engine=engine)
    assert second.new_replies == 2 and second.labels == {"question": 2}
    after = rows(engine)
    assert [(after[i].label, after[i].relabelled_by, after[i].relabelled_via) for i in later] == [
        ("question", "lee", ids[0])
    ] * 2
    assert after[ids[0]].label == "question" and after[ids[0]].relabelled_via is None
    engine.dispose()


def test_floods_say_which_an_officer_relabelled_and_the_inbox_counts_who_labelled(
    workspace: Workspace, db_url: str, engine: Engine
) -> None:
    # Two floods: the relabelled cluster (its five members carry flood_key = cluster) and
    # another one nobody touched.
    with engine.begin() as connection:
        connection.execute(
            update(REPLIES).where(REPLIES.c.flood_cluster == CLUSTER).values(flood_key=CLUSTER)
        )
    for n in range(3):
        add_reply(
            engine, CID, None, str(1900000000000000200 + n), f"stream GLASS HEART day {n}",
            label="spam", created_at=LAUNCH + timedelta(hours=3, minutes=n), flood_key="tother",
        )  # fmt: skip
    relabel(engine, CID, FLOOD[0], "abuse", "lee")
    data = json.loads(run(workspace, db_url, "--json", "tips", CID, "--floods").stdout)
    listed = [(f["key"], f["size"], f["relabelled_whole"], f["label"]) for f in data["floods"]]
    # The one still to look at comes first, though smaller.
    assert listed == [("tother", 3, False, "spam"), (CLUSTER, 5, True, "abuse")]
    assert data["floods"][1]["relabelled_by"] == "lee"
    table = run(workspace, db_url, "tips", CID, "--floods").stdout
    assert "(relabelled abuse by officer lee)" in table
    assert table.count("relabelled") == 1

    inbox = run(workspace, db_url, "tips", CID).stdout
    # 7 seeded + 3 of the cluster + 3 others = 13: 8 by triage, 1 relabelled, 4 followed.
    assert "8 labelled by triage, 5 by officers (1 relabelled, 4 following their flood " \
        "cluster)" in " ".join(inbox.split())  # fmt: skip
    abuse = run(workspace, db_url, "tips", CID, "--label", "abuse").stdout
    assert "1 labelled by triage, 5 by officers" in " ".join(abuse.split())
