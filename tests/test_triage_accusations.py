"""accusations.py: a mob that names a bystander as the culprit, and piles on him.

Every case here is invented for the test (none is copied from a data file). Names: a
bystander "Dan Kowal" (@dankowal_fix) and "Marc Delorme" (@mdelorme_auto), cars and streets
that belong to no case.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from broadcaster.responses.triage.accusations import (
    PILE_ACCOUNTS,
    TARGETS_MAX,
    PileOn,
    cue_of,
    targets_of,
)
from broadcaster.responses.triage.classify import Triager, Verdict, classify
from broadcaster.responses.triage.floods import normalise
from broadcaster.responses.triage.relevance import CaseProfile

START = datetime(2026, 5, 2, 18, 0, tzinfo=UTC)


# -- per reply: an accusation with nothing seen is spam ----------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Look at his Instagram, same jacket as in the appeal photo. Think about it",
         "look at his instagram"),
        ("his plate matches, the first three letters are the same as the alert", "plate matches"),
        ("screenshots of @dankowal_fix's page before he deletes it 👇", "screenshots of"),
        ("Dan Kowal made his account private an hour after the appeal. Coincidence?",
         "account private"),
        ("Dan Kowal again. Coincidence? Think about it", "coincidence"),
        ("the police are covering for Dan Kowal, his brother-in-law is a sergeant",
         "covering for"),
        ("remember this name: Dan Kowal. make it trend", "remember this name"),
        ("reddit identified him in an hour, Dan Kowal, cops still clueless", "reddit identified"),
        ("the whole street knows it's Dan Kowal, everyone in Birchmount knows", "everyone in"),
    ],
)  # fmt: skip
def test_an_english_accusation_with_nothing_seen_is_spam(text: str, quoted: str) -> None:
    verdict = classify(text)
    assert verdict.label == "spam", verdict
    prefix = "accusation, nothing seen: "
    assert any(r.startswith(prefix) and quoted in normalise(r) for r in verdict.reasons), verdict


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Regardez son profil Facebook, même barbe que sur l'avis de recherche", "meme barbe"),
        ("la plaque correspond, c'est sa voiture", "plaque correspond"),
        ("il a passé son compte en privé ce matin, ça veut tout dire", "en prive"),
        ("la gendarmerie le protège, son oncle est maire. faites tourner", "le protege"),
        ("Marc Delorme. Retenez ce nom.", "retenez ce nom"),
        ("captures d'écran de @mdelorme_auto avant qu'il efface tout", "captures d ecran"),
        ("tout le monde au village dit que c'est lui", "tout le monde"),
    ],
)
def test_a_french_accusation_with_nothing_seen_is_spam(text: str, quoted: str) -> None:
    verdict = classify(text)
    assert verdict.label == "spam", verdict
    prefix = "accusation sans rien de vu : "
    assert any(r.startswith(prefix) and quoted in normalise(r) for r in verdict.reasons), verdict


# -- per reply: a call to harass, a threat, an insult aimed at him is abuse --------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Dan Kowal lives on Juniper Crescent, grey Tacoma. You know what to do",
         "call to harass the person named: 'you know what to do'"),
        ("everybody report his account and blow up his DMs",
         "call to harass the person named: "),
        ("call his employer and get him fired", "call to harass the person named: 'call his"),
        ("leave one star reviews on his garage until it closes",
         "call to harass the person named: 'leave one star review"),
        ("slash his tires, he parks on Juniper every night",
         "threat to the person named: 'slash his tires'"),
        ("@dankowal_fix you absolute creep", "insult to the person named: 'creep'"),
        ("Dan Kowal deserves a good beating", "threat to the person named: 'deserves a good"),
        ("he runs the counter at Kowal Tire, make sure everyone knows",
         "call to harass the person named: 'make sure everyone knows'"),
    ],
)  # fmt: skip
def test_an_english_call_to_harass_a_threat_or_an_insult_is_abuse(text: str, reason: str) -> None:
    verdict = classify(text)
    assert verdict.label == "abuse", verdict
    assert any(normalise(r).startswith(normalise(reason)) for r in verdict.reasons), verdict


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Marc Delorme habite rue des Lilas, Clio grise. Vous savez ce qu'il vous reste à faire",
         "appel à harceler la personne nommée : 'vous savez ce qu il vous reste a faire'"),
        ("signalez tous son compte et inondez sa messagerie",
         "appel à harceler la personne nommée : "),
        ("appelez son patron au garage, qu'il le mette dehors",
         "appel à harceler la personne nommée : 'appelez son patron'"),
        ("laissez des avis une étoile sur sa page", "appel à harceler la personne nommée : "),
        ("sa Clio va finir sans vitres", "menace contre la personne nommée : 'sans vitres'"),
        ("@mdelorme_auto espèce de pourriture", "insulte à la personne nommée : "),
        ("Marc Delorme mériterait une bonne correction", "menace contre la personne nommée : "),
        ("sa femme est caissière au Provigo, allez lui demander si elle savait",
         "appel à harceler la personne nommée : 'allez lui demander'"),
    ],
)  # fmt: skip
def test_a_french_call_to_harass_a_threat_or_an_insult_is_abuse(text: str, reason: str) -> None:
    verdict = classify(text)
    assert verdict.label == "abuse", verdict
    assert any(normalise(r).startswith(normalise(reason)) for r in verdict.reasons), verdict


def test_a_reason_quotes_the_reply_as_written() -> None:
    verdict = classify("Il habite là-bas. Vous savez ce qu'il vous reste à faire !")
    assert verdict.reasons[0] == (
        "appel à harceler la personne nommée : 'Vous savez ce qu'il vous reste à faire'"
    )
    # Stretched letters cannot be found as written: the folded words are quoted.
    assert "flood his dms" in classify("flood his DMssss until he talks").reasons[0]


# -- what is not an accusation --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # A witness naming someone: a tip (the label guide: "I think that's my neighbour").
        "I think that's my neighbour Dan Kowal, I saw him loading a grey Tacoma on Juniper "
        "Crescent at 7am",
        "Je crois que c'est mon voisin, je l'ai vu ce matin vers 7h rue des Lilas avec le sac",
        # A witness whose sighting also says what it matches.
        "I saw him at the Shell on Route 4 at 9pm, his face matches the photo",
    ],
)
def test_a_witness_naming_someone_stays_a_tip(text: str) -> None:
    assert classify(text).label == "tip", classify(text)


@pytest.mark.parametrize(
    "text",
    [
        # Someone who knows the person, with nothing seen today: still the label guide's
        # "I think that's my neighbour", even in a mob's words.
        "I think that's my neighbour Ray Tolland, his plate matches the one in the photo",
        "je le connais, c'est Hugo Bertin mon voisin, sa plaque correspond",
        "My coworker Lena Voss drives that exact car and hasn't come in since Tuesday, "
        "her plate matches",
    ],
)
def test_someone_who_knows_the_person_stays_a_tip(text: str) -> None:
    assert classify(text).label == "tip", classify(text)


@pytest.mark.parametrize(
    "text",
    [
        # A rude tip is still a tip: the insult does not outweigh what the writer knows.
        "that creep is my neighbour Ray Tolland, his grey Tacoma left Juniper Crescent at 6am",
        "ce déchet c'est mon voisin Hugo Bertin, sa Clio grise est partie à 6 h rue des Lilas",
    ],
)
def test_an_insult_in_a_tip_leaves_it_a_tip(text: str) -> None:
    assert classify(text).label == "tip", classify(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Shared, so everyone can look out for her 🙏", "support"),
        ("Partagez pour qu'on la retrouve vite 🙏", "support"),
        ("appelez le 17 si vous la voyez", "question"),  # a call to the police, asked on
    ],
)
def test_sharing_and_calling_the_police_are_no_harassment(text: str, label: str) -> None:
    verdict = classify(text)
    assert verdict.label != "abuse", verdict
    assert not any("harass" in r or "harceler" in r for r in verdict.reasons), verdict


@pytest.mark.parametrize(
    "tip",
    [
        "Coincidence? the same white van has been parked behind the arena on Elm every night",
        # Pointing at the missing girl's own posts: a lead, not an accusation.
        "look at her Instagram, she posted a story from the bus terminal on Main at 4pm today",
        "Regardez son insta, elle a publié une story à la gare routière vers 16h",
    ],
)
def test_an_insinuation_does_not_move_a_tip_that_says_something(tip: str) -> None:
    assert classify(tip).label == "tip", classify(tip)


def test_an_insinuation_alone_is_spam() -> None:
    assert classify("Réfléchissez. Son camion, cette nuit-là").label == "spam"


def test_cues_are_tried_only_for_their_trigger_words() -> None:
    assert cue_of("a plain reply", frozenset({b"a", b"plain", b"reply"})) is None
    # The trigger is in the words, the pattern is not in the text: no cue.
    assert cue_of("my report is late", frozenset({b"my", b"report", b"is", b"late"})) is None


# -- the stream: a pile-on keyed on the person ------------------------------------------

ACCUSERS = [
    "look at his profile pics, that's Dan Kowal's van. share",
    "@dankowal_fix blocked me after I asked. guilty",
    "screenshots of Dan Kowal's page, same van, same rack 👇",
    "Dan Kowal lives on Juniper Crescent. you know what to do",
    "the police are covering for Dan Kowal",
    "remember this name: Dan Kowal",
]
FR_ACCUSERS = [
    "regardez son profil, c'est Marc Delorme, même barbe",
    "la gendarmerie protège Marc Delorme, faites tourner",
    "Marc Delorme a passé son compte en privé",
    "captures de son insta, Marc Delorme avec la Clio grise 👇",
    "retenez ce nom : Marc Delorme",
    "tout le monde dit que c'est Marc Delorme",
]


def stream(
    triager: Triager, texts: list[str], start: datetime = START, every: float = 1.0
) -> list[Verdict]:
    return [
        triager.label(
            text,
            author_id=f"@acct{i}_{len(text)}",
            author_handle=f"@acct{i}_{len(text)}",
            created_at=start + timedelta(minutes=i * every),
        )
        for i, text in enumerate(texts)
    ]


def test_many_accounts_accusing_one_person_make_a_pile_on() -> None:
    triager = Triager()
    stream(triager, ACCUSERS)
    later = START + timedelta(minutes=20)
    # No cue of its own: a name and "share" reads as support, alone.
    text = "it's Dan Kowal from the tire place, share"
    assert classify(text).label != "spam"
    verdict = triager.label(text, author_id="@late", created_at=later)
    assert verdict.label == "spam", verdict
    assert verdict.reasons[0].startswith(f"accusation pile-on: {len(ACCUSERS)} accounts name "), (
        verdict
    )


def test_a_french_pile_on_says_so_in_french() -> None:
    triager = Triager()
    stream(triager, FR_ACCUSERS)
    verdict = triager.label(
        "c'est bien Marc Delorme, je partage",
        author_id="@tard",
        created_at=START + timedelta(minutes=15),
    )
    assert verdict.label == "spam", verdict
    assert verdict.reasons[0].startswith("acharnement : "), verdict
    assert "Marc Delorme" in verdict.reasons[0]


def test_a_surname_alone_or_in_a_handle_names_the_person_of_a_pile_on() -> None:
    triager = Triager()
    stream(triager, ACCUSERS)
    at = START + timedelta(minutes=25)
    assert triager.label("Kowal's tire shop, share it", author_id="@x1", created_at=at).label == (
        "spam"
    )


def test_too_few_accounts_or_too_slow_make_no_pile_on() -> None:
    few = Triager()
    stream(few, ACCUSERS[: PILE_ACCOUNTS - 1])
    text = "it's Dan Kowal from the tire place, share"
    later = START + timedelta(minutes=20)
    assert few.label(text, author_id="@late", created_at=later).label != "spam"
    slow = Triager()
    stream(slow, ACCUSERS, every=45.0)  # one accusation every 45 minutes
    at = START + timedelta(hours=6)
    assert slow.label(text, author_id="@late", created_at=at).label != "spam"


def test_insults_alone_make_no_pile_on() -> None:
    # People insult a suspect the police name: that is abuse, reply by reply, but a tip
    # about him afterwards is still a tip.
    triager = Triager()
    insults = [f"Dan Kowal you {word}" for word in ("creep", "freak", "monster", "pervert")]
    stream(triager, [*insults, "Dan Kowal espèce d'ordure", "Dan Kowal sale pervers"])
    text = "Dan Kowal's brother has a hunting cabin past the quarry on Route 9"
    verdict = triager.label(text, author_id="@n", created_at=START + timedelta(minutes=20))
    assert not verdict.reasons[0].startswith("accusation pile-on"), verdict


def test_a_witness_naming_the_person_of_a_pile_on_stays_a_tip() -> None:
    triager = Triager()
    stream(triager, ACCUSERS)
    text = "I saw Dan Kowal's van at the Petro on Route 3 at 10pm, a girl in the passenger seat"
    verdict = triager.label(text, author_id="@w", created_at=START + timedelta(minutes=20))
    assert verdict.label == "tip", verdict


def test_the_suspect_the_appeal_names_is_no_bystander() -> None:
    case = CaseProfile.from_texts(["Dan Kowal, 41, wanted for the armed robbery"])
    triager = Triager(case=case)
    stream(triager, ACCUSERS)
    text = "it's Dan Kowal from the tire place, share"
    verdict = triager.label(text, author_id="@late", created_at=START + timedelta(minutes=20))
    assert not verdict.reasons[0].startswith("accusation pile-on"), verdict


def test_the_police_a_mob_tags_is_never_piled_on() -> None:
    triager = Triager()
    stream(triager, [f"@MillbrookPD {text}" for text in ACCUSERS])
    stream(triager, [f"@GendarmerieDuVal {text}" for text in FR_ACCUSERS])
    later = START + timedelta(minutes=20)
    for text in ("@MillbrookPD any update tonight?", "@GendarmerieDuVal merci pour tout 🙏"):
        verdict = triager.label(text, author_id="@parent", created_at=later)
        assert verdict.label != "spam", verdict
    assert not any("millbrook" in k or "gendarm" in k for k in triager._pile_on._piled)


def test_a_tip_is_moved_only_when_it_names_him_in_full() -> None:
    triager = Triager()
    stream(triager, ACCUSERS)
    later = START + timedelta(minutes=20)
    # A surname alone in a tip may be someone else's: the tip stays.
    tip = "there was a grey truck parked behind the Kowal cabin on Birch Lake at 2am last night"
    assert classify(tip).label == "tip"
    assert triager.label(tip, author_id="@n", created_at=later).label == "tip"


def test_who_a_reply_names() -> None:
    assert targets_of("@DanKowal_fix and Dan Kowal, on Juniper Crescent") == [
        "dankowal_fix",
        "dan kowal",
    ]
    # The police, a car model, a place, a street: no person.
    assert targets_of("@CedarCountySO @PoliceDuVal his Grand Caravan in Port Salvan") == []
    assert targets_of("Regardez Marc Delorme, Hôpital Central") == ["marc delorme"]
    # Words that start a sentence are no name; ALL CAPS has no case to read.
    assert targets_of("The Police know. Share This") == []
    assert targets_of("DAN KOWAL IS THE GUY") == []


def test_pile_ons_are_bounded() -> None:
    pile = PileOn()
    words = frozenset({b"the", b"name", b"is"})
    alone = Verdict("spam", ("off-topic (no cue about the case)",), 0.0)
    for i in range(TARGETS_MAX + 50):
        text = f"the name is @person{i}"
        analysis = pile.accused(text, (alone, 0.0, (), True, False, None, None, words, False))
        assert analysis[0].reasons == ("accusation, nothing seen: 'the name is'",)
        for j in range(PILE_ACCOUNTS):
            pile.judge(text, analysis[0], f"@a{j}", START)
    assert len(pile._targets) <= TARGETS_MAX
    assert len(pile._piled) <= TARGETS_MAX
