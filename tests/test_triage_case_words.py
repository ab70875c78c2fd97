"""What a reply is weighed against: the case's meaningful words, and decoys that borrow them.

Every reply here was written for these tests (none is copied from a data file).
"""

from __future__ import annotations

import pytest

from broadcaster.responses.triage.classify import Triager, Verdict
from broadcaster.responses.triage.inbox import case_of
from broadcaster.responses.triage.relevance import CaseProfile

CASE = {
    "id": "test-hit-and-run",
    "description": "Man, about 45, beard, left arm in a cast. / Homme d'environ 45 ans, barbu.",
    "clothing": "orange safety vest",
    "vehicle": "grey Mazda CX-5, broken right headlight",
    "offence": "hit and run, pedestrian injured",
    "last_seen": {
        "place": "Main Street at the Pinecrest marina, Saint-Clement; fled west toward Dorval",
        "time": "3 May 2026, 06:40",
    },
    "places_nearby": "Harbour Road, Pinecrest marina, chemin du Lac-Vert, Dorval General Hospital",
}
EN = case_of({**CASE, "agencies": [{"city": "Saint-Clement", "lang": "en"}]})
FR = case_of({**CASE, "agencies": [{"city": "Saint-Clement", "lang": "fr"}]})


def label(text: str, case: CaseProfile = EN) -> Verdict:
    return Triager(case=case).label(text)


def test_generic_words_of_the_case_are_not_what_a_reply_matches() -> None:
    got = label("I saw him on the left side of Main Street in Saint-Clement at 9pm, orange vest")
    assert got.label == "tip"
    assert got.reasons[-1] == "matches the case: 'Saint-Clement', 'orange', 'vest'"


@pytest.mark.parametrize(
    "word",
    ["left", "right", "main", "saint", "sainte", "general", "west", "driver", "about", "trois"],
)
def test_stopwords_directions_and_generic_place_words_are_left_out_of_the_case(word: str) -> None:
    assert word not in EN.words
    assert word not in EN.describing


def test_a_place_keeps_its_generic_words_inside_its_name() -> None:
    got = label("I saw a grey Mazda in the lot of Dorval General Hospital at 7am")
    assert got.label == "tip"
    assert got.reasons[-1] == "matches the case: 'Dorval General Hospital', 'grey', 'Mazda'"


def test_a_name_quoted_for_two_of_its_words_is_named_once() -> None:
    got = label("je l'ai vu sur le chemin du Lac-Vert ce matin, barbu, veste orange", FR)
    assert got.label == "tip"
    assert got.reasons[-1] == "correspond à l'affaire : 'Lac-Vert', 'barbu', 'orange'"


def test_a_likeness_to_the_writers_own_familys_vehicle_is_about_someone_else() -> None:
    got = label("Looks like my dad's truck honestly")
    assert (got.label, got.reasons[0]) == (
        "spam",
        "about someone else: 'Looks like my dad's truck'",
    )


def test_a_likeness_to_a_neighbours_vehicle_seen_somewhere_is_a_tip() -> None:
    got = label("looks like my neighbour's truck, it's been parked on Harbour Road all week")
    assert got.label == "tip"
    assert "whereabouts: 'parked on'" in got.reasons


def test_someone_who_says_they_will_be_waiting_for_the_suspect_threatens() -> None:
    got = label("I know a bearded guy at the marina who fits this. We'll be waiting for him")
    assert (got.label, got.reasons) == ("abuse", ("threat: 'be waiting for him'",))
    got = label("c'est un psychopathe, on va l'attendre à la sortie de la marina", FR)
    assert got.label == "abuse"
    assert "threat: 'on va l attendre'" in got.reasons


@pytest.mark.parametrize(
    ("text", "case", "reason"),
    [
        ("saw him at Jellystone Park stealing pic-a-nic baskets", EN, "not about this case: "
         "'jellystone'"),
        ("I spotted the grey Mazda in Bedrock next to the Flintstones' house", EN,
         "not about this case: 'bedrock'"),
        ("je l'ai vu dans la Comté avec les hobbits", FR,
         "sans rapport avec l'affaire : « la comte »"),
    ],
)  # fmt: skip
def test_a_sighting_in_a_cartoon_or_story_place_is_not_about_the_case(
    text: str, case: CaseProfile, reason: str
) -> None:
    got = label(text, case)
    assert (got.label, got.reasons[0]) == ("spam", reason)


def test_a_county_is_no_story_place() -> None:
    got = label("je l'ai vu dans le comté hier soir près du quai, il avait une veste orange", FR)
    assert got.label == "tip"
