"""Hearsay: sightings passed along from someone else, alone, as chain letters and as chains.

Every reply here was written for these tests (none is copied from a data file).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from broadcaster.responses.triage.classify import Triager, Verdict
from broadcaster.responses.triage.hearsay import own_words, relayed
from broadcaster.responses.triage.inbox import case_of
from broadcaster.responses.triage.relevance import CaseProfile, fold

# An invented hit and run, once with an English lead agency and once with a French one.
CASE = {
    "id": "test-hit-and-run",
    "description": "Man, about 45, beard, left arm in a cast",
    "clothing": "orange safety vest",
    "vehicle": "grey Mazda CX-5, broken right headlight",
    "offence": "hit and run, pedestrian injured",
    "last_seen": {
        "place": "Main Street at the Pinecrest marina, Saint-Clement; fled west toward Dorval",
        "time": "3 May 2026, 06:40",
    },
    "places_nearby": "Harbour Road, Pinecrest marina, Dorval",
}
EN = case_of({**CASE, "agencies": [{"city": "Saint-Clement", "lang": "en"}]})
FR = case_of({**CASE, "agencies": [{"city": "Saint-Clement", "lang": "fr"}]})
START = datetime(2026, 5, 3, 9, 0, tzinfo=UTC)


def label(text: str, case: CaseProfile = EN) -> Verdict:
    return Triager(case=case).label(text)


@pytest.mark.parametrize(
    ("text", "case", "reason"),
    [
        (
            "my brother-in-law says he saw a grey Mazda behind the Pinecrest marina around 7",
            EN,
            "second-hand: 'my brother-in-law says'",
        ),
        (
            "apparently he's hiding at his sister's place on Harbour Road",
            EN,
            "second-hand: 'apparently'",
        ),
        (
            "Ma belle-sœur l'a vu au dépanneur près de la marina hier soir vers 21h",
            FR,
            "de seconde main : « Ma belle-sœur l'a vu »",
        ),
        (
            "il paraît qu'il se cache chez son cousin sur le chemin du Havre",
            FR,
            "de seconde main : « il paraît »",
        ),
    ],
)
def test_a_sighting_passed_along_once_is_a_tip_that_says_it_is_second_hand(
    text: str, case: CaseProfile, reason: str
) -> None:
    # The label guide files hearsay that carries information as a tip ("his cousin told my
    # bf he's in Niagara Falls"): an officer can follow it up, knowing where it comes from.
    got = label(text, case)
    assert got.label == "tip"
    assert reason in got.reasons


@pytest.mark.parametrize(
    "text",
    [
        "I saw him at the marina at 7am, my wife saw him too",
        "we saw the grey Mazda on Harbour Road at 6:45, my neighbour says it was speeding",
        "je l'ai vu au quai ce matin vers 6h45, ma voisine dit qu'il boitait",
    ],
)
def test_a_witness_who_also_passes_something_along_is_a_first_hand_tip(text: str) -> None:
    got = label(text)
    assert got.label == "tip"
    assert not any(r.startswith(("second-hand", "de seconde main")) for r in got.reasons)


def test_a_named_reachable_witness_is_still_a_tip() -> None:
    got = label("I told the officer my neighbour saw the Mazda on Harbour Road at 6:50")
    assert got.label == "tip"
    assert "second-hand: 'my neighbour saw'" in got.reasons
    assert "time: '6:50'" in got.reasons


@pytest.mark.parametrize(
    ("text", "case", "reason"),
    [
        (
            "my cousin's friend saw him at the Costco last night, SHARE before they delete this",
            EN,
            "hearsay passed on as a chain letter: 'my cousin's friend saw', 'before they delete'",
        ),
        (
            "a guy in my group chat says the grey Mazda was spotted at the rest stop. the "
            "police won't tell you this",
            EN,
            "hearsay passed on as a chain letter: 'a guy in my group chat says', 'won't tell you'",
        ),
        (
            "LA VOISINE DE MA TANTE L'A VUUU AU TERMINUS hier soir, la police vous le dira pas",
            FR,
            "ouï-dire relayé comme une chaîne : « LA VOISINE DE MA TANTE L'A VUUU », "
            "« vous le dira pas »",
        ),
    ],
)
def test_hearsay_with_a_chain_letters_call_is_spam(
    text: str, case: CaseProfile, reason: str
) -> None:
    got = label(text, case)
    assert got.label == "spam"
    assert got.reasons[0] == reason


def test_a_chain_letters_call_alone_is_spam() -> None:
    got = label("the driver is at the rest stop. the police won't tell you this")
    assert (got.label, got.reasons[0]) == ("spam", "chain letter: 'won t tell you'")


def test_a_witness_who_asks_to_share_is_still_heard() -> None:
    got = label("I saw him at the Esso on Harbour Road at 7am, share before they delete this")
    assert got.label == "tip"


def test_a_link_pointed_at_as_a_video_is_link_bait_but_asking_for_one_is_a_question() -> None:
    got = label("BREAKING: driver arrested at the marina!! video here bit.ly/xyz")
    assert (got.label, got.reasons[0]) == ("spam", "link bait: 'video here'")
    assert label("why cant you release the full video?").label == "question"


RELAYED = [
    "my cousin's friend saw him at the Walmart on Dorval ave around 8",
    "a coworker's sister spotted the grey Mazda at the truck stop this morning",
    "my aunt's neighbour says he was at the bus terminal at 7:30",
    "someone on the community page saw the Mazda parked behind the arena",
    "I heard from a guy at work that the driver is at the motel on Route 2",
    "my roommate's boyfriend saw him at the marina gas pumps, beard and vest",
    "my buddy's wife says the Mazda was seen at the car wash on Harbour Road",
    "supposedly he was spotted at the Dorval bus stop with a cast on his arm",
    "la voisine de ma tante l'a vu au Tim Hortons de la rue Vachon ce matin",
]


def reply(triager: Triager, text: str, minutes: float, handle: str) -> Verdict:
    at = START + timedelta(minutes=minutes)
    return triager.label(
        text,
        author_id=handle,
        author_handle=handle,
        author_created_at=at - timedelta(days=400),
        created_at=at,
    )


def test_a_burst_of_second_hand_sightings_is_a_rumour_chain() -> None:
    triager = Triager(case=EN)
    names = ("maple_leaf_mom", "trucker_dan", "quietreader", "birdwatch", "gymrat", "sunny_days",
             "k_lavoie", "old_salt")  # fmt: skip
    items = [
        (text, i, f"@{name}") for i, (text, name) in enumerate(zip(RELAYED[:8], names, strict=True))
    ]
    # A witness writes in the middle of the chain: heard, whatever comes around.
    items.insert(3, ("I saw him at the marina at 6:40, beard, orange vest", 2.5, "@boatguy"))
    verdicts = [v for _, v in triager.settled(items, lambda i: reply(triager, *i))]
    assert [v.label for v in verdicts] == ["spam"] * 3 + ["tip"] + ["spam"] * 5
    assert verdicts[-1].reasons[0] == "chain of second-hand sightings (8+ in 7 min)"
    assert verdicts[0].reasons[0] == "chain of second-hand sightings (8+ in 7 min)"
    assert verdicts[0].flood_key == "rumour-chain"


def test_second_hand_sightings_spread_over_the_day_are_heard() -> None:
    triager = Triager(case=EN)
    items = [(text, i * 60.0, f"@reader{i}x") for i, text in enumerate(RELAYED)]
    verdicts = [v for _, v in triager.settled(items, lambda i: reply(triager, *i))]
    assert [v.label for v in verdicts] == ["tip"] * len(RELAYED)


def test_the_chains_trickle_from_look_alike_accounts_is_part_of_it() -> None:
    triager = Triager(case=FR)
    for i, text in enumerate(RELAYED[:8]):
        reply(triager, text, i, f"@vraienouvelle{100 + i}")
    later = reply(triager, RELAYED[8], 90, "@vraienouvelle977")
    assert later.label == "spam"
    assert later.reasons[0] == (
        "observation de seconde main d'un compte semblable à ceux d'une chaîne : @vraienouvelle977"
    )
    other = reply(triager, RELAYED[8], 95, "@PatriceDuQuai")
    assert other.label == "tip"


def test_hearsay_is_found_through_case_typos_and_stretched_letters() -> None:
    assert relayed(fold("MYYY COUSIN'S FRIEND SAW HIM")) == "my cousin s friend saw"
    assert relayed(fold("Y PARAÎT qu'il est au chalet")) == "y parait"
    assert relayed(fold("On dit qu'elle est chez sa tante")) == "on dit qu"
    assert relayed(fold("I saw him, my cousin's friend saw him too")) is None
    assert own_words("MYYY COUSIN’S FRIEND SAW HIM", "my cousin s friend saw") == (
        "MYYY COUSIN’S FRIEND SAW"
    )
