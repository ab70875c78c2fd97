"""Floods across the thread: templates, clusters, the flood rules, bounded memory, --floods."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from fixtures_responses import LAUNCH, add_reply
from sqlalchemy import Engine

from broadcaster.cli import cli
from broadcaster.responses.triage.classify import Triager, Verdict
from broadcaster.responses.triage.files import triage_file
from broadcaster.responses.triage.floods import FloodIndex, template

START = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
CID = "tps-2026-0412"


def test_the_variable_parts_are_masked() -> None:
    assert template("omg @jin_4ever is sooo cute 💜💜 #BTS #ARMY 12") == (
        "omg <user> is so cute <tag> <n>"
    )
    assert template("STREAM Butter now 🔥🔥 https://x.co/abc day 45") == (
        "stream <name> now <link> day <n>"
    )
    assert template("Je l’ai vu près du métro Berri hier à 21h30") == (
        "je l ai vu pres du metro <name> hier a <n>"
    )
    assert template("Shared 🙏") == "shared"


def fan_line(i: int) -> str:
    idol = ["Jimin", "Jiwoo", "Dohyun", "Haeon"][i % 4]
    return f"@stan{i} omg {idol} is sooo cute {'💜' * (1 + i % 3)} day {100 + i} #NOVA9"


def label_stream(triager: Triager, texts: list[str], *, fresh: bool) -> list[Verdict]:
    verdicts = []
    for i, text in enumerate(texts):
        at = START + timedelta(seconds=20 * i)
        age = timedelta(days=1 if fresh else 900)
        verdicts.append(
            triager.label(
                text,
                author_id=f"acct{i}",
                author_handle=f"@stan_nova{i}",
                author_created_at=at - age,
                created_at=at,
            )
        )
    return verdicts


def test_a_templated_flood_is_spam_whatever_its_emoji_say() -> None:
    triager = Triager()
    verdicts = label_stream(triager, [fan_line(i) for i in range(40)], fresh=True)
    settled = [triager.settle(v) for v in verdicts]
    assert {v.label for v in settled} == {"spam"}
    assert settled[-1].reasons[0] == "coordinated flood: 40 replies from one template in 13 minutes"
    assert len({v.flood_key for v in settled}) == 1
    assert settled[0].flood_key == settled[0].cluster


def test_templated_joke_sightings_from_fresh_accounts_leave_the_inbox() -> None:
    places = ["the Krusty Krab", "Hogwarts", "the Death Star", "Narnia", "Mordor", "Gotham"]
    texts = [f"I saw him at {places[i % 6]} at {i % 12 + 1}pm wearing a hoodie" for i in range(30)]
    triager = Triager()
    settled = [triager.settle(v) for v in label_stream(triager, texts, fresh=True)]
    assert {v.label for v in settled} == {"spam"}


def test_genuine_varied_tips_are_not_clustered() -> None:
    tips = [
        "I saw him at the Esso on Main around 9pm, grey hoodie",
        "je l'ai vu prendre le bus 45 vers le métro Berri hier soir",
        "A guy matching this was sitting in a dark green Kia behind the Walmart on Dixie",
        "My neighbour's nephew looks exactly like him, he's been staying there since March",
        "Pretty sure he was at the Tim Hortons on King this morning with a woman in a red coat",
        "il y avait un homme avec un tatouage sur l'avant-bras gauche au dépanneur rue Ontario",
    ]
    triager = Triager()
    verdicts = label_stream(triager, tips, fresh=False)
    assert [v.label for v in verdicts] == ["tip"] * len(tips)
    assert len({v.cluster for v in verdicts}) == len(tips)
    assert all(v.flood_key is None for v in verdicts)


def test_a_slow_large_cluster_of_tips_from_ordinary_accounts_stays_tips() -> None:
    # Size alone does not take a tip out of the inbox: only a coordinated cluster does.
    streets = ["King", "Main", "Bloor", "Dixie", "Queen", "Yonge", "Jarry", "Berri", "Fenner"]
    triager = Triager()
    verdicts = []
    for i, street in enumerate(streets):
        at = START + timedelta(hours=i)
        verdicts.append(
            triager.label(
                f"I saw him at the Esso on {street} around {i + 1}pm",
                author_id=f"person{i}",
                author_created_at=at - timedelta(days=2000),
                created_at=at,
            )
        )
    settled = [triager.settle(v) for v in verdicts]
    assert {v.label for v in settled} == {"tip"}
    assert settled[-1].reasons[-1] == "one of 9 replies of one template"


def test_a_brigade_of_insults_stays_abuse() -> None:
    targets = ["cops", "police", "officers", "clowns"]
    texts = [
        f"ratio. you {targets[i % 4]} are useless idiots {'🤡' * (i % 3 + 1)}" for i in range(12)
    ]
    triager = Triager()
    settled = [triager.settle(v) for v in label_stream(triager, texts, fresh=True)]
    assert {v.label for v in settled} == {"abuse"}
    assert any(r.startswith("coordinated flood: ") for r in settled[-1].reasons)


def test_a_file_is_settled_so_the_first_copies_are_spam_too(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    lines = []
    for i in range(12):
        at = START + timedelta(seconds=30 * i)
        lines.append(
            {
                "id": i,
                "text": fan_line(i),
                "created_at": at.isoformat(),
                "author_created_at": (at - timedelta(days=1)).isoformat(),
                "author_handle": f"@stan_nova{i}",
            }
        )
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    verdicts = [v for _, v in triage_file(path)]
    assert [v.label for v in verdicts] == ["spam"] * 12
    assert verdicts[0].reasons[0].startswith("coordinated flood: 12 replies from one template")


def test_the_index_is_bounded_and_keeps_the_floods() -> None:
    index = FloodIndex(capacity=64)
    flood = None
    for i in range(3_000):
        # One-off replies, each a template of its own, push on the index ...
        index.add(f"comment number {i} about word{i} and other{i * 7} things here {i % 97}x")
        if i % 10 == 0:
            # ... while one template keeps coming back.
            flood = index.add(fan_line(i), created_at=START + timedelta(seconds=i))
        sizes = index.sizes
        assert sizes["clusters"] <= 64
        assert sizes["lsh"] <= 64
        assert sizes["templates"] <= 128
    assert flood is not None and flood.cluster.size == 300


def test_tips_floods_lists_the_clusters(sqlite_url: str, seeded: dict[str, int]) -> None:
    from broadcaster.storage.db import open_db

    engine: Engine = open_db(sqlite_url)
    for i in range(5):
        add_reply(
            engine,
            CID,
            seeded["tps"],
            str(1950000000000000000 + i),
            fan_line(i),
            label="spam",
            created_at=LAUNCH + timedelta(minutes=i),
            flood_key="t0000000000000abc",
        )
    engine.dispose()
    result: Any = CliRunner().invoke(cli, ["--db", sqlite_url, "tips", CID, "--floods"])
    assert result.exit_code == 0, result.output
    assert "<user> omg <name> is so cute day <n> <tag>" in result.stdout
    assert "+4 min" in result.stdout
    result = CliRunner().invoke(cli, ["--db", sqlite_url, "--json", "tips", CID, "--floods"])
    data = json.loads(result.stdout)
    flood = data["floods"][0]
    assert data["campaign"] == CID
    assert (flood["key"], flood["size"]) == ("t0000000000000abc", 5)
    assert flood["template"] == "<user> omg <name> is so cute day <n> <tag>"
    result = CliRunner().invoke(cli, ["--db", sqlite_url, "tips", "nope", "--floods"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no campaign 'nope' in the database")


# A joke template with three slots (a place, a prank, a time) filled anew in each copy: far
# from its first copy, close to the copies before it.
PRANKS = ["riding a unicorn", "eating a burrito", "doing the worm", "feeding the ducks"]
WHERE = ["the water park", "the old arcade", "the bowling alley", "the ice rink"]
WHEN = ["last night", "yesterday", "at dawn", "this morning"]


def prank_line(i: int) -> str:
    return (
        f"breaking news: found at {WHERE[i % 4]} {WHEN[i // 4 % 4]} {PRANKS[i // 16 % 4]} "
        "you are welcome officers"
    )


def test_a_template_with_its_slots_refilled_stays_one_cluster() -> None:
    index = FloodIndex()
    clusters = {index.add(prank_line(i)).cluster.id for i in range(64)}  # type: ignore[union-attr]
    assert len(clusters) == 1
    assert index.sizes["lsh"] <= 6  # a cluster keeps a few of its variants, no more


def test_a_reply_that_reads_as_a_tip_needs_a_closer_template_to_join() -> None:
    index = FloodIndex()
    for i in range(8):
        index.add(prank_line(i))
    # Half its words are the template's: close enough for a copy, not for a tip.
    text = "found him at the old arcade last night wearing a grey hoodie, call me officers"
    as_tip = index.add(text, tip=True)
    assert as_tip is not None and as_tip.cluster.size == 1
    other = FloodIndex()
    for i in range(8):
        other.add(prank_line(i))
    not_tip = other.add(text)
    assert not_tip is not None and not_tip.cluster.size == 9
