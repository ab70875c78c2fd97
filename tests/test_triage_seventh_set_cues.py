"""Cues learned from the seventh blind set (a wanted armed robber who crossed a border on a
motorbike, an overdue sea kayaker on an inlet), written as classes an officer would name:
vigilante threats that name a place, Belgian and Quebec contempt with no slur, offers to search
and thanks that name places, questions that name places, a sighting asked back, clickbait
videos, what a search on the water finds, a message from the person sought, an old fact the
writer brings to the police, someone cleared, promotion in private messages. Every case here is
invented."""

from __future__ import annotations

import pytest

from broadcaster.responses.triage.classify import Triager
from broadcaster.responses.triage.hearsay import hearsay
from broadcaster.responses.triage.relevance import CaseProfile, fold

ROBBERY = CaseProfile.from_texts(
    [
        "Vol à main armée à la pharmacie de la place du Marché à Vireux-le-Bois : homme de 25 "
        "ans, casque noir, scooter bleu, parti vers la frontière par la route de Givonne.",
    ],
    places=["place du Marché, Vireux-le-Bois", "route de Givonne"],
    language="fr",
    details=["casque noir scooter bleu", "place du Marché route de Givonne"],
)
PADDLER = CaseProfile.from_texts(
    [
        "Overdue canoeist, 52, red canoe, yellow paddle, launched from Heron Bay at 7am "
        "toward Otter Point and the Tamarack Islands.",
    ],
    places=["Heron Bay launch", "Otter Point", "Tamarack Islands"],
    language="en",
    details=["red canoe yellow paddle", "Heron Bay Otter Point Tamarack Islands"],
)


def label(text: str, case: CaseProfile | None = None) -> str:
    return Triager(case=case).label(text).label


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (
            "If he's still hiding behind the Otter Point store me and my brother will go over "
            "with tire irons, no need for the cops.",
            PADDLER,
        ),
        (
            "S'il est au garage de la route de Givonne, j'y vais avec ma batte, ce sera réglé "
            "avant vous.",
            ROBBERY,
        ),
        (
            "Je vais aller dire ma façon de penser à son frère place du Marché, il va m'entendre.",
            ROBBERY,
        ),
    ],
)
def test_a_vigilante_threat_that_names_a_place_is_abuse(text: str, case: CaseProfile) -> None:
    assert label(text, case) == "abuse"


@pytest.mark.parametrize(
    "text",
    [
        "Encore un sale rat qui vient se servir chez nous",
        "Les poulets, des pas bons, toujours les derniers arrivés.",
        "Canoeing alone in that wind, a Darwin award waiting to happen",
        "Those volunteers are weekend cowboys playing dress up",
    ],
)
def test_contempt_in_belgian_quebec_and_english_slang_is_abuse(text: str) -> None:
    assert label(text) == "abuse"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (
            "Camping at Heron Bay, happy to walk the shore to Otter Point at dawn if they need "
            "bodies. Stay strong",
            PADDLER,
        ),
        (
            "Merci à tous ceux qui partagent, mon oncle habite place du Marché, il va bien. "
            "Prenez soin de vous.",
            ROBBERY,
        ),
    ],
)
def test_an_offer_to_search_or_thanks_that_name_places_are_support(
    text: str, case: CaseProfile
) -> None:
    assert label(text, case) == "support"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (
            "c'est safe d'aller à pied à la place du Marché ce soir ? j'habite route de Givonne",
            ROBBERY,
        ),
        ("Les enfants peuvent aller au foot demain à Vireux ? Il est dans le coin ?", ROBBERY),
        ("Is it safe to walk the Otter Point trail tonight? We're staying at Heron Bay", PADDLER),
    ],
)
def test_a_question_that_names_places_asks(text: str, case: CaseProfile) -> None:
    assert label(text, case) == "question"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (
            "J'ai vu un gars en casque noir à la station de Givonne le mois passé, ça compte ?",
            ROBBERY,
        ),
        ("I saw a red canoe at Otter Point sometime last summer, does that count?", PADDLER),
    ],
)
def test_a_vague_sighting_asked_back_asks(text: str, case: CaseProfile) -> None:
    assert label(text, case) == "question"


@pytest.mark.parametrize(
    "text",
    [
        "La vidéo que la police cache 😱 👉 infos-choc-ardennes.info",
        "What the police are hiding about the canoe 😱 watch 👉 newsflash-bay.info",
    ],
)
def test_a_clickbait_video_is_spam(text: str) -> None:
    assert label(text) == "spam"


@pytest.mark.parametrize(
    "text",
    [
        "Found a blue dry bag washed up on the rocks below Otter Point at 6:40, left it "
        "with the SAR truck.",
        "On a trouvé un sac étanche bleu sur la grève à Heron Bay vers 7h ce matin.",
    ],
)
def test_what_a_search_on_the_water_finds_is_a_tip(text: str) -> None:
    assert label(text, PADDLER) == "tip"


def test_a_message_from_the_person_sought_is_the_writers_own() -> None:
    # The screenshot is of the writer's own message, not of a post going round.
    assert (
        hearsay(fold("he texted me at 3pm, screenshot's with the police: wind picking up")) is None
    )
    assert (
        hearsay(fold("elle m'a texté à 15h, screenshot envoyé aux gendarmes : ça souffle")) is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "Je suis le patron du garage et j'ai vendu ce scooter bleu en mars à un jeune de "
        "Vireux qui a payé en liquide. J'ai encore la facture, je l'apporte au commissariat "
        "demain.",
    ],
)
def test_an_old_fact_the_writer_brings_to_the_police_is_a_tip(text: str) -> None:
    assert label(text, ROBBERY) == "tip"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (
            "Le gars au casque noir au café de la place du Marché à 21h c'est mon cousin, c'est "
            "pas lui. Arrêtez de partager sa photo.",
            ROBBERY,
        ),
        (
            "The man with the red canoe at Heron Bay at 6pm is my neighbour Dave, it's not him, "
            "stop sharing his picture.",
            PADDLER,
        ),
    ],
)
def test_a_reply_that_clears_someone_is_no_tip(text: str, case: CaseProfile) -> None:
    assert label(text, case) != "tip"


@pytest.mark.parametrize(
    "text",
    ["Tatouages -20% cette semaine, rdv en mp ✒️", "FOLLOW TRAIN 🚂 tu me follow je te follow"],
)
def test_promotion_in_private_messages_is_spam(text: str) -> None:
    assert label(text) == "spam"


@pytest.mark.parametrize(
    "text",
    [
        "random but is the bakery on Main open on Sundays? just moved here",
        "quelqu'un sait si le Carrefour est ouvert le dimanche ? je viens d'emménager",
    ],
)
def test_a_neighbours_errand_asked_of_the_thread_is_spam(text: str) -> None:
    assert label(text) == "spam"


@pytest.mark.parametrize(
    "text",
    [
        "Send me her birth date and I'll do a distance reiki session for her safe return $30",
        "Envoyez-moi sa date de naissance, soin énergétique à distance pour son retour, 20 €",
    ],
)
def test_a_paid_healer_is_spam(text: str) -> None:
    assert label(text) == "spam"


@pytest.mark.parametrize(
    "text", ["Let her drive off alone at night, well done geniuses", "Bravo les génies, vraiment"]
)
def test_mock_praise_is_abuse(text: str) -> None:
    assert label(text) == "abuse"


@pytest.mark.parametrize(
    "text",
    [
        "Backpacker at the campground, where can I sign up to help search tomorrow?",
        "Où s'inscrire pour aider à chercher demain matin ? Faut-il des bottes ?",
    ],
)
def test_asking_where_to_volunteer_is_a_question(text: str) -> None:
    assert label(text) == "question"
