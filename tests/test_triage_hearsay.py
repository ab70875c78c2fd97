"""Hearsay: sightings passed along from someone else, alone, as chain letters and as chains.

Every reply here was written for these tests (none is copied from a data file).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from broadcaster.responses.triage.classify import Triager, Verdict
from broadcaster.responses.triage.hearsay import hearsay, own_words, relayed
from broadcaster.responses.triage.inbox import case_of
from broadcaster.responses.triage.relevance import RUMOUR, SECOND_HAND, CaseProfile, fold

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


# The hearsay convention (tests/data/floods/README.md, "Hearsay"): a sighting passed along is a
# tip only when the police can reach the one who saw it.
@pytest.mark.parametrize(
    ("text", "case", "reason"),
    [
        (
            "my brother-in-law says he saw a grey Mazda behind the Pinecrest marina around 7",
            EN,
            "seen by someone the writer knows: 'my brother-in-law says'",
        ),
        (
            "Ma belle-sœur l'a vu au dépanneur près de la marina hier soir vers 21h",
            FR,
            "vu par quelqu'un que l'auteur connaît : « Ma belle-sœur l'a vu »",
        ),
        (
            "Mon voisin Gilles a vu une Mazda grise avec un phare brisé sur le chemin du Havre "
            "vers 6h50, je lui ai donné le numéro",
            FR,
            "vu par quelqu'un que l'auteur connaît : « Mon voisin Gilles a vu »",
        ),
        (
            "my husband and I both saw the grey Mazda speed off west on Main Street at 6:40",
            EN,
            "sighting verb: 'saw'",
        ),
    ],
)
def test_a_sighting_from_a_witness_the_writer_knows_is_a_tip(
    text: str, case: CaseProfile, reason: str
) -> None:
    # The police can call that person through the writer: the detail is first-hand, one
    # step away, and the officer sees whose sighting it is.
    got = label(text, case)
    assert got.label == "tip"
    assert reason in got.reasons


@pytest.mark.parametrize(
    ("text", "case", "reason"),
    [
        (
            "apparently he's hiding at his sister's place on Harbour Road",
            EN,
            "a rumour, no witness the police can reach: 'apparently'",
        ),
        (
            "heard from a friend of a friend the Mazda was seen in Dorval at his mom's",
            EN,
            "a rumour, no witness the police can reach: 'heard from'",
        ),
        (
            "people in the Pinecrest parents group are saying the Mazda was seen in Vermont",
            EN,
            "a rumour, no witness the police can reach: "
            "'people in the Pinecrest parents group are saying'",
        ),
        (
            "my cousin's coworker's ex says the driver has a cabin up north",
            EN,
            "a rumour, no witness the police can reach: 'my cousin's coworker's ex says'",
        ),
        (
            "a friend forwarded me a screenshot saying the Mazda was spotted at the marina",
            EN,
            "a rumour, no witness the police can reach: 'forwarded'",
        ),
        (
            "il paraît qu'il se cache chez son cousin sur le chemin du Havre",
            FR,
            "une rumeur, aucun témoin que la police peut joindre : « il paraît »",
        ),
        (
            "Ma cousine dit que quelqu'un a dit qu'il a été vu au motel de la marina à 7h",
            FR,
            "une rumeur, aucun témoin que la police peut joindre : « quelqu'un a dit »",
        ),
        (
            "Ma tante l'a entendu au dépanneur : la Mazda grise était au quai ce matin",
            FR,
            "une rumeur, aucun témoin que la police peut joindre : « Ma tante l'a entendu »",
        ),
    ],
)
def test_a_rumour_nobody_can_trace_is_spam(text: str, case: CaseProfile, reason: str) -> None:
    # No source, a source of a source, someone unnamed, a relative who only heard it: nobody
    # the police can reach saw anything.
    got = label(text, case)
    assert got.label == "spam"
    assert got.reasons[0] == reason


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("someone on Facebook said they caught him at the marina, is that true??", EN),
        ("my feed is full of people saying he was arrested. is this still active?", EN),
        ("Quelqu'un sur TikTok dit qu'il a été vu au terminus de Dorval, c'est vrai?", FR),
        ("On dit qu'ils l'ont arrêté à la marina 😢 quelqu'un peut confirmer?", FR),
    ],
)
def test_the_same_rumour_asked_back_to_the_police_is_a_question(
    text: str, case: CaseProfile
) -> None:
    assert label(text, case).label == "question"


@pytest.mark.parametrize(
    ("text", "case", "reason"),
    [
        (
            "apparently they caught him, thank god 🙏 going to bed now",
            EN,
            "a rumour, no witness the police can reach: 'apparently'",
        ),
        (
            "Il paraît qu'ils l'ont retrouvé, merci mon Dieu 🙏",
            FR,
            "une rumeur, aucun témoin que la police peut joindre : « Il paraît »",
        ),
    ],
)
def test_a_rumour_of_what_happened_told_as_fact_is_no_support(
    text: str, case: CaseProfile, reason: str
) -> None:
    got = label(text, case)
    assert got.label == "spam"
    assert got.reasons[0] == reason
    # Kind words with no rumour in them stay support.
    assert label("thank god, praying they catch him 🙏", case).label == "support"


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
    assert not any(r.startswith((*SECOND_HAND, *RUMOUR)) for r in got.reasons)
    assert SECOND_HAND == (
        "seen by someone the writer knows: '",
        "vu par quelqu'un que l'auteur connaît : « ",
    )


def test_a_named_reachable_witness_is_still_a_tip() -> None:
    got = label("I told the officer my neighbour saw the Mazda on Harbour Road at 6:50")
    assert got.label == "tip"
    assert "seen by someone the writer knows: 'my neighbour saw'" in got.reasons
    assert "time: '6:50'" in got.reasons


def test_a_sighting_seen_on_a_feed_is_no_first_hand_sighting() -> None:
    # "I saw this on my feed": the writer saw a post, not the driver.
    got = label("I saw this on my feed: the driver was seen at the Dorval bus stop at 8")
    assert got.label == "spam"
    assert got.reasons[0] == "a rumour, no witness the police can reach: 'saw this on my feed'"
    # "Vu sur le chemin" is a place, not a screen.
    assert label("je l'ai vu sur le chemin du Havre ce matin vers 7h, veste orange", FR).label == (
        "tip"
    )


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


# Sightings from someone the writer knows, one step away: each one alone is a tip.
RELAYED = [
    "my cousin saw him at the Walmart on Dorval ave around 8",
    "my sister spotted the grey Mazda at the truck stop this morning",
    "my neighbour says he was at the bus terminal at 7:30",
    "my coworker saw the Mazda parked behind the arena",
    "my dad saw the driver at the motel on Route 2 at 7",
    "my boyfriend saw him at the marina gas pumps, beard and vest",
    "my wife says the Mazda was seen at the car wash on Harbour Road",
    "my brother spotted him at the Dorval bus stop with a cast on his arm",
    "ma voisine l'a vu au Tim Hortons de la rue Vachon ce matin",
]
RUMOURS = [
    "apparently he's at the motel on Route 2",
    "my aunt's neighbour says the Mazda is at the truck stop",
    "people are saying the Mazda was spotted behind the marina this morning",
    "heard from a friend of a friend he was spotted in Dorval this morning",
    "supposedly the Mazda was seen at the car wash",
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


def test_rumours_in_a_burst_count_towards_the_chain() -> None:
    # Five rumours (spam already) and three sightings from "someone I know" in five minutes:
    # one chain, so the three are no witnesses either.
    triager = Triager(case=EN)
    items = [(text, i * 0.5, f"@rumour{i}x") for i, text in enumerate(RUMOURS)]
    items += [(text, 3 + i * 0.5, f"@kin{i}y") for i, text in enumerate(RELAYED[:3])]
    verdicts = [v for _, v in triager.settled(items, lambda i: reply(triager, *i))]
    assert [v.label for v in verdicts] == ["spam"] * 8
    assert verdicts[-1].reasons[0] == "chain of second-hand sightings (8+ in 4 min)"


def test_hearsay_is_found_through_case_typos_and_stretched_letters() -> None:
    assert relayed(fold("MYYY COUSIN'S FRIEND SAW HIM")) == "my cousin s friend saw"
    assert relayed(fold("Y PARAÎT qu'il est au chalet")) == "y parait"
    assert relayed(fold("On dit qu'elle est chez sa tante")) == "on dit qu"
    assert relayed(fold("I saw him, my cousin's friend saw him too")) is None
    assert hearsay(fold("MYYY COUSIN'S FRIEND SAYS SHE SAW HIM")) == (
        "rumour",
        "my cousin s friend says",
    )
    # Two steps away and a sighting: someone the writer can point to.
    assert hearsay(fold("my son's teacher saw him get into a van")) == (
        "witness",
        "my son s teacher saw",
    )
    assert hearsay(fold("Ma fille dit qu'il parlait d'un ami de son père")) == (
        "witness",
        "ma fille dit",
    )
    assert hearsay(fold("Last I heard he was living near the marina")) is None
    assert own_words("MYYY COUSIN’S FRIEND SAW HIM", "my cousin s friend saw") == (
        "MYYY COUSIN’S FRIEND SAW"
    )
