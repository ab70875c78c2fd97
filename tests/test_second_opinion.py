"""The learned second opinion on weak cue tips (broadcaster/responses/triage/second_opinion.py).

Invented replies only. A stub stands in for the model where the test is about the gate (what
it asks, what it vetoes, what it never touches); a real LearnedModel on a few invented lines
checks that the model is deterministic and quick to train.
"""

from __future__ import annotations

import math
from typing import Any, cast

import pytest

from broadcaster.responses.triage.classify import Triager
from broadcaster.responses.triage.inbox import triaged
from broadcaster.responses.triage.learned import Example, LearnedModel
from broadcaster.responses.triage.second_opinion import (
    SCORE_MAX,
    TIP_MAX,
    SecondOpinion,
    consulted,
    language_of,
)
from broadcaster.responses.triage.verdict import Verdict

LABELS = ["abuse", "question", "spam", "support", "tip"]


class Reads:
    """A model that reads every text with the same probabilities, and counts what it read."""

    def __init__(self, **probabilities: float) -> None:
        self.labels = LABELS
        self.row = [probabilities.get(label, 0.0) for label in LABELS]
        self.read: list[str] = []

    def probabilities(self, texts: list[str]) -> list[list[float]]:
        self.read.extend(texts)
        return [self.row for _ in texts]


def opinion(reads: Reads, **options: Any) -> SecondOpinion:
    return SecondOpinion(cast(LearnedModel, reads), **options)


def weak_tip(*reasons: str, score: float = 2.0, **fields: Any) -> Verdict:
    return Verdict("tip", reasons or ("matches the case: 'woods'",), score, **fields)


def test_a_weak_tip_the_model_reads_as_support_is_vetoed_with_its_reason_in_english() -> None:
    reads = Reads(support=0.9, tip=0.05, spam=0.05)
    text = "Thinking of the family tonight, the whole street is out by the woods"
    (got,) = opinion(reads).revise([text], [weak_tip()])
    assert got.label == "support"
    assert got.reasons[0] == "model: reads like a message of support, not a tip (0.95)"
    assert got.reasons[1:] == ("matches the case: 'woods'",)


def test_a_weak_french_tip_gets_its_reason_in_french() -> None:
    reads = Reads(abuse=0.8, tip=0.1, question=0.1)
    text = "on va tous aller chez le directeur ce soir, il va nous entendre"
    (got,) = opinion(reads).revise([text], [weak_tip("correspond à l'affaire : 'directeur'")])
    assert got.label == "abuse"
    assert got.reasons[0] == "modèle : se lit comme un abus, pas un indice (0.90)"


def test_the_reply_language_not_the_case_language_sets_the_reason() -> None:
    assert language_of("the care home should be ashamed of itself", "fr") == "en"
    assert language_of("la maison de retraite devrait avoir honte", "en") == "fr"
    assert language_of("🔦🔦", "fr") == "fr"  # neither: the case's


def test_it_vetoes_only_when_confident() -> None:
    unsure = Reads(support=0.6, tip=TIP_MAX + 0.05, spam=0.35 - TIP_MAX)
    text = "Volunteers are out with torches near the bridge"
    (got,) = opinion(unsure).revise([text], [weak_tip()])
    assert got.label == "tip" and got == weak_tip()
    sure = Reads(support=0.6, tip=TIP_MAX - 0.05, spam=0.45 - TIP_MAX)
    assert opinion(sure).revise([text], [weak_tip()])[0].label == "support"


def test_a_tip_with_strong_cues_is_never_shown_to_the_model() -> None:
    reads = Reads(spam=0.99, tip=0.01)
    text = "I saw him at the gas station on Route 9 at 10pm, grey hoodie"
    strong = weak_tip("sighting verb: 'I saw him'", score=SCORE_MAX + 4)
    assert opinion(reads).revise([text], [strong]) == [strong]
    assert reads.read == []


def test_a_french_tip_just_over_the_weight_cap_is_left_to_the_cues() -> None:
    # Wider caps were measured (bench_second_opinion --explore) and lost real tips the model
    # reads, wrongly and surely, as something else.
    reads = Reads(support=0.97, tip=0.03)
    text = "je l'ai croisé au dépanneur du rang 6 vers minuit, manteau rouge"
    strong = weak_tip("vu : 'je l'ai croisé'", score=SCORE_MAX + 1)
    assert opinion(reads).revise([text], [strong]) == [strong]
    assert reads.read == []


def test_a_question_the_model_reads_as_a_sure_tip_is_not_promoted() -> None:
    # Promotion was measured and rejected: the gate only ever takes a tip out of the inbox.
    reads = Reads(tip=0.99, question=0.01)
    asked = Verdict("question", ("asks: 'was'", "question mark"), 3.0)
    text = "was that him at the gas bar on Dunmore around 2?? grey pickup, no hat"
    assert opinion(reads, score_max=math.inf).revise([text], [asked]) == [asked]
    assert reads.read == []


def test_a_french_message_of_support_the_model_reads_as_a_tip_stays_support() -> None:
    reads = Reads(tip=0.99, support=0.01)
    kind = Verdict("support", ("mots de soutien : 'courage'",), 2.0)
    text = "Courage, on a fait le tour du lac Bleu en chaloupe ce matin, on continue"
    assert opinion(reads, score_max=math.inf).revise([text], [kind]) == [kind]
    assert reads.read == []


def test_only_tips_are_shown_to_the_model() -> None:
    reads = Reads(spam=0.99, tip=0.01)
    verdicts = [
        Verdict("support", ("kind words",), 1.0),
        Verdict("question", ("asks",), 1.0),
    ]
    texts = ["Praying for him", "Where was this taken?"]
    assert opinion(reads).revise(texts, verdicts) == verdicts
    assert reads.read == []


def test_it_never_touches_a_flood_member() -> None:
    reads = Reads(spam=0.99, tip=0.01)
    member = weak_tip(flood_key="c7", cluster="c7")
    burst = weak_tip(flood_key="fresh-accounts")
    noted = weak_tip("matches the case: 'bridge'", "one of 240 replies of one template")
    texts = ["seen by the bridge"] * 3
    assert opinion(reads).revise(texts, [member, burst, noted]) == [member, burst, noted]
    assert not any(consulted(v) for v in (member, burst, noted))


def test_it_never_touches_an_officer_relabel_nor_what_the_officers_model_moved() -> None:
    reads = Reads(support=0.99, tip=0.01)
    relabelled = weak_tip("relabelled tip by officer lee")
    assert opinion(reads).revise(["she was by the lake"], [relabelled]) == [relabelled]

    class Officers:
        def revise(self, texts: list[str], verdicts: list[Verdict]) -> list[Verdict]:
            return [v._replace(reasons=("like reply r9 that officer lee relabelled tip",))
                    for v in verdicts]  # fmt: skip

    gate = SecondOpinion(cast(LearnedModel, reads), officers=cast(LearnedModel, Officers()))
    (got,) = gate.revise(["il était au bord du lac"], [weak_tip()])
    assert got.label == "tip" and got.reasons[0].startswith("like reply r9")
    assert reads.read == []


def test_copies_are_read_once_by_template() -> None:
    reads = Reads(spam=0.9, tip=0.1)
    texts = ["Search party at 6pm by the church", "Search party at 7pm by the church"]
    got = opinion(reads).revise(texts, [weak_tip(), weak_tip()])
    assert [v.label for v in got] == ["spam", "spam"]
    assert len(reads.read) == 1  # the hour is masked: one template


def test_off_is_the_cues_alone() -> None:
    reads = Reads(spam=0.99, tip=0.01)
    gate = SecondOpinion.off()
    assert gate.revise(["by the woods"], [weak_tip()]) == [weak_tip()]
    assert reads.read == []


def test_every_triager_revises_through_the_second_opinion() -> None:
    triager = Triager()
    assert isinstance(triager.model, SecondOpinion)
    assert (triager.model.tip_max, triager.model.score_max) == (TIP_MAX, SCORE_MAX)
    assert triager.model.officers is None


def test_the_triager_settles_then_asks_the_second_opinion() -> None:
    # A gate that asks about every tip, to see it at work through Triager.settled.
    reads = Reads(question=0.7, tip=0.02, support=0.28)
    rows = [
        {"text": "I saw him at the Esso on King at 9pm", "label": "tip", "minute": 1},
        {"text": "je l'ai vu au dépanneur rue Ontario vers 21h", "label": "tip", "minute": 2},
        {"text": "Praying he comes home", "label": "support", "minute": 3},
    ]
    gate = opinion(reads, score_max=math.inf)
    got = [v for _, v in triaged(rows, opinion=gate)]
    assert [v.label for v in got] == ["question", "question", "support"]
    assert got[0].reasons[0] == "model: reads like a question, not a tip (0.98)"
    assert got[1].reasons[0] == "modèle : se lit comme une question, pas un indice (0.98)"
    assert gate.consulted == 2
    # The product's gate leaves these strong tips alone.
    assert [v.label for _, v in triaged(rows)] == ["tip", "tip", "support"]


@pytest.fixture(scope="module")
def invented() -> list[Example]:
    lines = {
        "tip": ["I saw him at the bakery on Elm at noon", "je l'ai vu au marché ce matin"],
        "support": ["Sending love to the family", "Courage à la famille, partagé"],
        "question": ["Where was this taken?", "C'est arrivé quand exactement?"],
        "spam": ["Follow my page for giveaways", "Gagnez un iPhone, lien en bio"],
        "abuse": ["You are all useless clowns", "Bande d'incapables, honte à vous"],
    }
    return [Example(text, label) for label, texts in lines.items() for text in texts * 3]


def test_the_model_is_deterministic_and_quick(invented: list[Example]) -> None:
    first, second = LearnedModel(invented), LearnedModel(invented)
    texts = ["saw him near the bakery", "partagé, courage"]
    assert (first.probabilities(texts) == second.probabilities(texts)).all()
    assert first.seconds < 1.0
    gate = SecondOpinion(first)
    (reading,) = gate.readings(["Courage à la famille, on pense à vous"])
    assert reading.label == "support" and reading.tip < 0.5
