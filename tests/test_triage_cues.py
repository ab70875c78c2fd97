"""Cues that read a reply's words in their sense: a question about reporting is no threat,
and an insult of one language is not a word of the other."""

from __future__ import annotations

import pytest

from broadcaster.responses.triage.classify import classify


@pytest.mark.parametrize(
    "text",
    [
        "What number do I call if I see him?",
        "If I see him I will call 911",
        "If I find him I will call you guys right away",
        "Si je le vois, j'appelle le 911?",
        "Si je le vois je vais appeler la police",
        "Quel numéro appeler si on le trouve?",
    ],
)
def test_if_i_see_him_alone_is_no_threat(text: str) -> None:
    verdict = classify(text)
    assert verdict.label != "abuse", verdict
    assert not any(reason.startswith("threat") for reason in verdict.reasons)


def test_a_question_about_reporting_is_a_question() -> None:
    verdict = classify("What number do I call if I see him?")
    assert verdict.label == "question"


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        ("If I ever see him I'm gonna break his legs", "if i ever see him i m gonna break"),
        ("If I see that guy I will make him pay", "if i see that guy i will make him pay"),
        ("if I see him first he's not making it to the station", "if i see him first he s"),
        ("When we find him he's dead", "when we find him he s dead"),
        ("Si je le croise je le défonce", "si je le croise je le defonce"),
        ("si je le vois avant vous il se rendra pas au poste", "si je le vois avant vous il"),
        ("Si je le trouve, je vais lui faire la peau", "si je le trouve je vais lui faire la"),
    ],
)
def test_if_i_see_him_with_a_violent_consequence_is_a_threat(text: str, threat: str) -> None:
    verdict = classify(text)
    assert verdict.label == "abuse", verdict
    assert any(reason.startswith(f"threat: '{threat}") for reason in verdict.reasons), verdict


@pytest.mark.parametrize(
    "text",
    ["If I see him I'll kill him", "if i see him he's dead", "si je le vois je vais le tuer"],
)
def test_threats_of_their_own_are_still_caught(text: str) -> None:
    assert classify(text).label == "abuse"


@pytest.mark.parametrize(
    "text",
    [
        "@SPVM Typique. Des mois de retard…",
        "Quel retard dans cette enquête, encore",
        "the pros and cons of sharing this",
        "Check the caves near the river, he used to camp there",
    ],
)
def test_an_insult_of_one_language_is_a_plain_word_in_the_other(text: str) -> None:
    verdict = classify(text)
    assert verdict.label != "abuse", verdict
    assert not any(reason.startswith("insult") for reason in verdict.reasons)


@pytest.mark.parametrize(
    ("text", "insult"),
    [
        ("you retard", "retard"),
        ("What a retard, do your job", "retard"),
        ("Vous êtes des cons", "cons"),
        ("Les flics sont des caves", "caves"),
    ],
)
def test_an_insult_in_its_own_language_is_still_one(text: str, insult: str) -> None:
    verdict = classify(text)
    assert verdict.label == "abuse", verdict
    assert f"insult: '{insult}'" in verdict.reasons


def test_the_language_of_a_reply_is_told_by_words_only_one_language_uses() -> None:
    from broadcaster.responses.triage.classify import fold, language_of

    def words(text: str) -> frozenset[bytes]:
        return frozenset(fold(text).replace(b".", b" ").split())

    assert language_of(words("Des mois de retard.")) == "fr"
    assert language_of(words("you are late")) == "en"
    assert language_of(words("retard")) is None
