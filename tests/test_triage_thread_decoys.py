"""A thread's decoys and hard tips, one rule each, in English and French: a witness who asks
others to come forward, a name and an address said rudely, a vague "I've seen one" in a
question, the search itself, adverts, a lost pet, a name of two words, porch lights, link
bait, a vigilante's demand for a name, blaming the family, vigilante calls, chain prayers,
donation links and offers of help to the search.

Every reply here was written for these tests (none is copied from a data file).
"""

from __future__ import annotations

import pytest

from broadcaster.responses.triage.classify import Triager, Verdict
from broadcaster.responses.triage.inbox import case_of
from broadcaster.responses.triage.relevance import CaseProfile

# An invented missing child, once with an English lead agency and once with a French one.
CASE = {
    "id": "test-missing-boy",
    "name": "Theo Marchand-Lowe",
    "description": "Boy, 8, red hair, glasses",
    "clothing": "green raincoat, blue rubber boots, orange backpack",
    "vehicle": "older silver Ford Windstar, roof rack, dented sliding door",
    "offence": "missing child",
    "last_seen": {
        "place": "Pinegrove community pool, walking home along the canal path",
        "time": "12 June 2026, 15:30",
    },
    "places_nearby": "canal path, Alder Street, Pinegrove, Rivière-aux-Saules",
}
EN = case_of({**CASE, "agencies": [{"city": "Pinegrove", "lang": "en"}]})
FR = case_of({**CASE, "agencies": [{"city": "Rivière-aux-Saules", "lang": "fr"}]})


def label(text: str, case: CaseProfile = EN) -> Verdict:
    return Triager(case=case).label(text)


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (
            "I work the pool desk. At 3:35 a boy in a green raincoat walked off alone toward "
            "the canal path. Already called it in, posting in case someone else saw him after",
            EN,
        ),
        (
            "Je l'ai vu vers 15h40 sur le chemin du canal avec son imper vert, seul. J'ai "
            "appelé, je l'écris au cas où quelqu'un d'autre l'a vu après",
            FR,
        ),
    ],
)
def test_a_witness_who_asks_others_to_come_forward_is_still_a_tip(
    text: str, case: CaseProfile
) -> None:
    assert label(text, case).label == "tip"


def test_someone_else_at_the_wheel_is_a_companion_not_another_person() -> None:
    got = label(
        "I saw a boy in a green raincoat get into a van by the canal at 3:40, someone else "
        "was driving"
    )
    assert got.label == "tip"
    got = label(
        "Je l'ai vu au dépanneur vers 16h en imper vert, quelqu'un d'autre l'accompagnait", FR
    )
    assert got.label == "tip"
    # "That's someone else" still says the sighting is of another person.
    got = label("that's not the boy, that's someone else. the kid I saw at the pool was blond")
    assert got.label != "tip"


def test_a_name_and_an_address_are_a_tip_however_rudely_given() -> None:
    got = label(
        "lol imagine asking twitter. the guy's name is Warren Tolliver, everyone on Alder "
        "knows that van. go knock on 22 Birch Lane"
    )
    assert got.label == "tip"
    got = label("It's Warren Tolliver, 22 Birch Lane, and if you don't get him tonight we will")
    assert (got.label, got.reasons[0]) == (
        "tip",
        "a name and an address: 'Warren Tolliver', '22 Birch Lane'",
    )
    got = label("C'est Réal Gendron, 8 rue des Érables, allez le chercher", FR)
    assert (got.label, got.reasons[0]) == (
        "tip",
        "un nom et une adresse : « Réal Gendron », « 8 rue des Érables »",
    )
    # A street address with no one's name is no lead.
    assert label("Open house Sunday at 22 Birch Lane, come by!").label != "tip"


@pytest.mark.parametrize(
    ("text", "case", "reason"),
    [
        (
            "what colour is the van exactly? silver or more grey? i think i've seen one on my "
            "street",
            EN,
            "nothing said of what was seen or when: 'seen one'",
        ),
        (
            "C'est quoi le numéro pour appeler en français? Ma mère pense avoir vu de quoi",
            FR,
            "rien de précis sur ce qui a été vu ni quand : « vu de quoi »",
        ),
    ],
)
def test_a_vague_sighting_in_a_question_is_a_question(
    text: str, case: CaseProfile, reason: str
) -> None:
    got = label(text, case)
    assert got.label == "question"
    assert got.reasons[0] == reason
    # With a time it says when: a tip phrased as a question.
    assert label("is it normal I saw one like it behind the pool at 10pm?", case).label == "tip"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (
            "Teachers from his school are out with flashlights along Alder now. Thank you to "
            "all the neighbours who came",
            EN,
        ),
        (
            "Les voisins de la rue Alder sont sortis chercher avec des lampes de poche. Merci "
            "à tous ceux qui sont venus",
            FR,
        ),
    ],
)
def test_the_search_itself_is_support_not_a_sighting(text: str, case: CaseProfile) -> None:
    assert label(text, case).label == "support"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("Free gutter inspection for Pinegrove homeowners this week, call today 📞", EN),
        ("Vente de garage samedi au 12 rue Principale, jouets, bottes d'enfant pis outils!", FR),
    ],
)
def test_an_advert_on_the_thread_is_spam(text: str, case: CaseProfile) -> None:
    assert label(text, case).label == "spam"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("Our orange tabby Biscuit is missing from Alder Street too 😿 very friendly", EN),
        ("Notre chat orange Caramel est disparu sur la rue Alder aussi, il est gentil", FR),
    ],
)
def test_the_writers_lost_pet_is_no_tip(text: str, case: CaseProfile) -> None:
    assert label(text, case).label == "spam"


def test_a_name_of_two_words_is_one_thing_of_the_case() -> None:
    # "Marchand" and "Lowe" are one name: no second thing of the case to make a tip.
    assert label("Marchand-Lowe family, the whole town is with you").label == "support"
    assert label("Courage à la famille Marchand-Lowe, on est avec vous", FR).label == "support"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("Alder Street residents: porch lights on all night please. For Theo 💡", EN),
        ("Rue Alder : laissez vos lumières allumées cette nuit pour Theo 💡", FR),
    ],
)
def test_porch_lights_for_the_child_are_support(text: str, case: CaseProfile) -> None:
    assert label(text, case).label == "support"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("We made an AI picture of what Theo looks like today 😢 see it here 👉 ai-pic.site", EN),
        ("On a fait une image IA de Theo aujourd'hui 😢 voir ici 👉 ia-photo.site", FR),
    ],
)
def test_link_bait_that_points_at_a_picture_is_spam(text: str, case: CaseProfile) -> None:
    assert label(text, case).label == "spam"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("If it was my kid the guy would be six feet under already. Give us his name", EN),
        ("Si c'tait mon enfant le gars serait six pieds sous terre. Donnez-nous son nom", FR),
    ],
)
def test_a_vigilantes_demand_for_a_name_is_abuse(text: str, case: CaseProfile) -> None:
    assert label(text, case).label == "abuse"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("the father should be charged, letting an 8 year old walk home alone", EN),
        ("people who can't watch their kids shouldn't have kids", EN),
        ("La mère est une irresponsable, on laisse pas un enfant seul au canal", FR),
        ("Les parents c'est des vidanges, c'est tout", FR),
    ],
)
def test_blaming_the_family_is_abuse(text: str, case: CaseProfile) -> None:
    assert label(text, case).label == "abuse"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("give us the driver's name and let us handle it", EN),
        ("meet at the arena lot with bats tonight, we'll find him", EN),
        ("found the van owner's instagram, do what you want with it", EN),
        ("On se rejoint au dépanneur avec des bâtons à soir, on va le trouver", FR),
    ],
)
def test_a_vigilante_call_is_abuse(text: str, case: CaseProfile) -> None:
    assert label(text, case).label == "abuse"


@pytest.mark.parametrize(
    ("text", "case", "expected"),
    [
        ("1 like = 1 prayer for Theo 🙏 ignore = you don't care", EN, "spam"),
        ("1 partage = 1 prière pour Theo 🙏", FR, "spam"),
        ("Donate to the family here 💛 every dollar counts: theo-fund.help", EN, "spam"),
        ("Retired nurse here, anything the search needs, I have a van and blankets", EN, "support"),
        ("On apporte du café au stationnement pour les recherches ce soir", FR, "support"),
    ],
)
def test_chain_prayers_donation_links_and_offers_of_help(
    text: str, case: CaseProfile, expected: str
) -> None:
    assert label(text, case).label == expected
