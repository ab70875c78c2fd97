"""news_farms.py: aggregator and content-farm accounts that re-post the appeal's own details
as "news" with a link, and the witnesses who share a paper's link and stay tips.

Every case here is invented for the test (none is copied from a data file): a missing
teenager, Milo Ferrante, 15, last seen at the Brantwood skate park in a green Kia Rio, plate
KXR 2.., and sites that belong to nobody.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from broadcaster.responses.triage.classify import Triager, classify
from broadcaster.responses.triage.news_farms import farm_cue
from broadcaster.responses.triage.relevance import CaseProfile

START = datetime(2026, 7, 14, 21, 0, tzinfo=UTC)
CASE = CaseProfile.from_texts(
    [
        "Milo Ferrante, 15, missing, last seen at the Brantwood skate park",
        "green Kia Rio, plate KXR 2",
        "grey hoodie, white sneakers",
    ],
    places=["Brantwood skate park", "Brantwood"],
)


def _in_thread(text: str) -> str:
    triager = Triager(case=CASE)
    verdict = triager.label(text, author_id="@someone", created_at=START)
    return triager.settle(verdict).label


# -- a promotion phrase no witness writes: spam, whatever case details it quotes ---------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("BREAKING: Milo, 15, missing after leaving Brantwood skate park in a green Kia Rio, "
         "plate KXR 2… full story ➡ dailyscoop24.live/milo", "full story"),
        ("🚨 UPDATE: Milo last seen at the Brantwood skate park at 8:40pm — read more "
         "northnews-now.site/milo-live", "read more"),
        ("Milo Ferrante: everything we know so far 👇 trendwire.live/milo", "everything we know"),
        ("green kia rio kxr brantwood skate park milo ferrante missing teen latest update news "
         "today", "latest update"),
        ("MISSING: Milo Ferrante, 15, grey hoodie, green Kia Rio KXR 2. Call 911. Follow "
         "@scoopbot24 for more breaking news 🔔", "Follow @scoopbot24 for more"),
    ],
)  # fmt: skip
def test_an_english_news_farm_is_spam(text: str, quoted: str) -> None:
    cue = farm_cue(text)
    assert cue is not None and cue[0] == "en", cue
    verdict = classify(text)
    assert verdict.label == "spam", verdict
    assert any(r.startswith("news farm: '") for r in verdict.reasons), verdict
    assert any(quoted.lower() in r.lower() for r in verdict.reasons), verdict
    assert _in_thread(text) == "spam"  # the case's words do not make it a tip again


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Disparition à Brantwood : ce que l'on sait sur Milo, 15 ans, et la Kia Rio verte ➡ "
         "infoscoop24.fr/milo", "ce que l'on sait"),
        ("MISE À JOUR 🚨 Milo aperçu pour la dernière fois au skatepark de Brantwood vers 20 h "
         "40 — lire la suite lefil-direct24.ca/milo", "lire la suite"),
        ("Milo Ferrante, 15 ans, chandail gris, Kia Rio verte KXR 2. Abonnez-vous pour ne rien "
         "rater 🔔", "Abonnez-vous"),
        ("Un ado de 15 ans disparu au skatepark de Brantwood. La police cherche des vidéos. "
         "Plus d'information ici ⬇️", "Plus d'information"),
        ("Brantwood sur les dents : Milo aurait un oncle dans la région, selon nos informations "
         "➡ scoopqc24.ca/milo", "selon nos informations"),
    ],
)  # fmt: skip
def test_a_french_news_farm_is_spam(text: str, quoted: str) -> None:
    cue = farm_cue(text)
    assert cue is not None and cue[0] == "fr", cue
    verdict = classify(text)
    assert verdict.label == "spam", verdict
    assert any(r.startswith("ferme à clics : '") for r in verdict.reasons), verdict
    assert any(quoted.lower() in r.lower() for r in verdict.reasons), verdict
    assert _in_thread(text) == "spam"


# -- a headline word with a link to a site: spam -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "WATCH: the Brantwood skate park tonight (video) ▶️ scoopclips.live/brantwood",
        "LIVE: Brantwood, Route 4 — updates as police hunt green Kia Rio 🔄 valleyscoop.com/milo",
        "VIDÉO. les recherches au skatepark de Brantwood ▶️ infoscoop24.fr/brantwood",
        "Who is Milo Ferrante? Skater, honour student, Brantwood kid: his story 📖 "
        "whoisnow.site/milo",
        "Qui est Milo Ferrante ? Son histoire en 5 points 📖 quiest24.fr/milo",
        "DIRECT – Milo, 15 ans : Kia Rio verte, plaque KXR 2, skatepark de Brantwood "
        "scoopqc24.ca/milo-direct",
    ],
)
def test_a_headline_with_a_link_is_spam(text: str) -> None:
    assert farm_cue(text) is not None
    assert classify(text).label == "spam"
    assert _in_thread(text) == "spam"


# -- a witness who repeats the case's details or shares a paper's link stays a tip -------


@pytest.mark.parametrize(
    "text",
    [
        "I saw the green Kia Rio with the KXR plate at the Brantwood skate park around 9:10, "
        "a kid in a grey hoodie got in",
        "I just saw a green Kia Rio KXR 2 parked behind the Shell on Route 4, the local paper "
        "has the photo brantwoodherald.com/milo, it's the same car",
        "J'ai vu la Kia Rio verte au skatepark de Brantwood vers 21 h, un ado en chandail gris "
        "est monté dedans",
        "je viens de voir une Kia Rio verte KXR 2 derrière le dépanneur de la route 4, la "
        "photo du journal est ici brantwood-hebdo.ca/milo, c'est la même",
    ],
)
def test_a_witness_with_the_case_details_or_a_link_stays_a_tip(text: str) -> None:
    assert _in_thread(text) == "tip"


def test_an_ordinary_share_is_no_news_farm() -> None:
    assert farm_cue("Shared! Please come home Milo 🙏") is None
    assert farm_cue("Partagé, on croise les doigts pour Milo") is None
    assert farm_cue("Any update on Milo? Has he been found") is None
    assert farm_cue("Des nouvelles de Milo ?") is None


def test_a_news_farm_insulting_the_police_stays_abuse() -> None:
    text = (
        "BREAKING: Milo still missing and the cops are useless clowns as usual 🤡 full story ➡ "
        "dailyscoop24.live/milo"
    )
    assert classify(text).label == "abuse"


def test_later_replies_keep_their_clock() -> None:
    triager = Triager(case=CASE)
    for minute in range(3):
        text = f"BREAKING: Milo, 15, still missing, full story ➡ dailyscoop24.live/milo?{minute}"
        got = triager.label(
            text, author_id=f"@scoop{minute}", created_at=START + timedelta(minutes=minute)
        )
        assert triager.settle(got).label == "spam"


def test_a_question_or_a_wish_with_the_farm_words_is_no_news_farm() -> None:
    assert farm_cue("Est-ce qu'on sait si Milo est parti de son plein gré ?") is None
    assert farm_cue("This is so sad. Hoping for good news") is None
    assert farm_cue("On espère vraiment avoir de bonnes nouvelles") is None


@pytest.mark.parametrize(
    "text",
    [
        "BREAKING: Milo, 15, still missing and Brantwood police clueless as usual 🤡 full story ➡ "
        "dailyscoop24.live/milo",
        "Disparition de Milo : encore une fois la police à la ramasse, bande d'incapables 🤡 ce "
        "que l'on sait ➡ infoscoop24.fr/milo",
    ],
)
def test_a_news_farm_that_scorns_someone_is_abuse(text: str) -> None:
    verdict = classify(text)
    assert verdict.label == "abuse", verdict
    assert _in_thread(text) == "abuse"


def test_the_case_retold_to_send_readers_to_a_page_is_spam() -> None:
    text = (
        "Le skatepark de Brantwood, dernier endroit où Milo a été vu. On y est allés pour "
        "vous 👀 → scoopqc24.ca/skatepark"
    )
    assert _in_thread(text) == "spam"


@pytest.mark.parametrize(
    "text",
    [
        # A witness posts a photo of the car as plainly as a farm posts its page: a link
        # with no "I" is no sign of a farm.
        "Green Kia Rio plate KXR 2 parked behind the Brantwood arena right now, pic: "
        "imgur.com/a/k1r2",
        "Kia Rio verte plaque KXR 2 au dépanneur de la rue Tessier il y a 10 min, photo : "
        "imgur.com/a/k1r2",
    ],
)
def test_a_tip_with_a_photo_link_stays_a_tip(text: str) -> None:
    assert _in_thread(text) == "tip"


# -- the stream: accounts pushing one site are a farm swarm ------------------------------

SWARM = [
    "BREAKING: Milo, 15, missing in Brantwood, full story ➡ scoopwire24.live/milo",
    "🚨 UPDATE: green Kia Rio KXR 2 sought — read more scoopwire24.live/kia",
    "Milo Ferrante: everything we know 👇 sc00pwire24.live/milo-live",
]
FR_SWARM = [
    "Disparition de Milo : ce que l'on sait ➡ infoscoop24.fr/milo",
    "MISE À JOUR : Kia Rio verte KXR 2 — lire la suite infoscoop24.fr/kia",
    "Milo, 15 ans : abonnez-vous pour ne rien rater 🔔 info-scoop24.fr/milo",
]


def _swarm(triager: Triager, texts: list[str]) -> None:
    for i, text in enumerate(texts):
        got = triager.label(text, author_id=f"@farm{i}", created_at=START + timedelta(minutes=i))
        assert triager.settle(got).label == "spam"


@pytest.mark.parametrize(
    ("swarm", "text", "reason"),
    [
        (SWARM, "Is Milo ok?? scoopwire24.live/milo-update", "news-farm swarm: 3 accounts push"),
        (FR_SWARM, "Milo est-il sain et sauf ? infoscoop24.fr/milo-suite", "essaim de fermes"),
    ],
)
def test_a_site_pushed_by_a_farm_swarm_makes_a_later_reply_spam(
    swarm: list[str], text: str, reason: str
) -> None:
    assert classify(text).label == "question"  # alone: a question with a link
    triager = Triager(case=CASE)
    _swarm(triager, swarm)
    got = triager.label(text, author_id="@late", created_at=START + timedelta(minutes=30))
    assert got.label == "spam", got
    assert got.reasons[0].startswith(reason), got


def test_a_witness_linking_to_a_swarmed_site_stays_a_tip() -> None:
    triager = Triager(case=CASE)
    _swarm(triager, SWARM)
    text = (
        "I saw the green Kia Rio KXR 2 at the Brantwood skate park at 9:10, photo on "
        "scoopwire24.live/milo"
    )
    got = triager.label(text, author_id="@walker", created_at=START + timedelta(minutes=30))
    assert triager.settle(got).label == "tip", got


def test_two_accounts_are_no_swarm() -> None:
    triager = Triager(case=CASE)
    _swarm(triager, SWARM[:2])
    got = triager.label(
        "Is Milo ok?? scoopwire24.live/milo-update",
        author_id="@late",
        created_at=START + timedelta(minutes=30),
    )
    assert got.label == "question", got
