"""Cues learned from the sixth blind set (a shooting appeal for witnesses and video, an AMBER
alert for a child taken by her father), written as classes an officer would name: a question
that opens an account, the appeal passed on to readers, a witness asking the police what they
want, link bait and fees asked in private, footage already handed over, where he would go with
its address, a screenshot the writer holds, promotion words that sell nothing, vigilante
threats and contempt with no slur, support that names places, a neighbour's errand, a rumour of
where he left her, the writer's own lost pet. Every case here is invented."""

from __future__ import annotations

import pytest

from broadcaster.responses.triage.classify import Triager
from broadcaster.responses.triage.hearsay import hearsay
from broadcaster.responses.triage.relevance import CaseProfile, fold

APPEAL = CaseProfile.from_texts(
    [
        "Shooting outside the Lantern Tavern on Quay St at closing time; a grey hatchback "
        "left westbound; witnesses and doorbell or dashcam video sought.",
    ],
    places=["Lantern Tavern, Quay St, Port Ardell"],
    language="en",
    details=["grey hatchback westbound", "Lantern Tavern Quay St"],
)
AMBER = CaseProfile.from_texts(
    [
        "Alerte AMBER : fillette de 5 ans, manteau jaune, enlevée par son père, 40 ans, barbe, "
        "dans un pick-up rouge; vus pour la dernière fois à Lac-aux-Cèdres.",
    ],
    places=["Lac-aux-Cèdres, route 17"],
    language="fr",
    details=["manteau jaune pick-up rouge barbe", "Lac-aux-Cèdres route 17"],
)


def label(text: str, case: CaseProfile | None = None) -> tuple[str, tuple[str, ...]]:
    verdict = Triager(case=case).label(text)
    return verdict.label, verdict.reasons


# -- tips ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (
            "Did anyone check the grey hatchback at the Petro lot?? It sat there from 1:20 "
            "with the engine running, two guys in it, one limping, and it left west on Quay "
            "St around 1:45 with its lights off",
            APPEAL,
        ),
        (
            "Quelqu'un est allé voir au camp de chasse du père sur la route 17? Hier soir vers "
            "23 h y avait un pick-up rouge stationné derrière, la lumière allumée dans le camp, "
            "pis d'habitude y a jamais personne là en semaine",
            AMBER,
        ),
    ],
)
def test_a_question_that_opens_an_account_is_weighed_as_the_account(
    text: str, case: CaseProfile
) -> None:
    assert label(text, case)[0] == "tip", label(text, case)


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (
            "Say what you like about him, but he's headed to his sister's in Millbrook, "
            "he told me so at the arena. 22 Cedar Loop",
            APPEAL,
        ),
        (
            "Il le dit à tout le monde : c'est là qu'il irait si ça tournait mal, chez son "
            "oncle. 8 rue des Bouleaux",
            AMBER,
        ),
    ],
)
def test_where_he_would_go_with_its_address_is_a_tip(text: str, case: CaseProfile) -> None:
    assert label(text, case)[0] == "tip", label(text, case)


def test_a_witness_asking_where_to_send_a_clip_of_what_it_shows_is_a_tip() -> None:
    text = (
        "My doorbell on Quay St caught a grey hatchback going west at 1:43 with no lights. "
        "Where do I send it?"
    )
    assert label(text, APPEAL)[0] == "tip"


@pytest.mark.parametrize(
    "text",
    [
        "A guy from my gym posted a pic of a pistol Friday with 'see you at the Lantern'. He "
        "deleted it but I have a screenshot",
        "Un gars de mon équipe a publié une photo d'arme vendredi, il l'a effacée mais j'ai "
        "une capture",
    ],
)
def test_a_screenshot_the_writer_holds_is_no_rumour(text: str) -> None:
    heard = hearsay(fold(text))
    assert heard is None or heard[0] != "rumour", heard


def test_a_screenshot_going_round_is_still_a_rumour() -> None:
    heard = hearsay(fold("there's a screenshot going round that says he's at the motel"))
    assert heard is not None and heard[0] == "rumour"


def test_where_the_writer_lives_is_no_live_stream() -> None:
    text = (
        "I live at the end of Birch Hollow Rd. A red pickup went up past my place at 5:40 this "
        "morning, first car since the snow, nobody lives up there in winter"
    )
    assert label(text, AMBER)[0] == "tip"


# -- not tips: the appeal passed on, a witness asking, handed over -------------------------


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("If you were on Quay St last night between 1 and 2, check your dashcam and call it in. "
         "Please share", APPEAL),
        ("Anyone who saw something near the Lantern, speak up, it could be your cousin next",
         APPEAL),
        ("Partagé dans le groupe du village. Si vous avez une caméra sur la route 17, "
         "regardez-la svp", AMBER),
        ("Driving route 17 to work this morning, eyes peeled. For the little one", AMBER),
        ("On croise les doigts. Tout le rang est dehors à attendre", AMBER),
    ],
)  # fmt: skip
def test_the_appeal_passed_on_to_readers_is_not_a_tip(text: str, case: CaseProfile) -> None:
    assert label(text, case)[0] != "tip", label(text, case)


def test_a_witness_who_saw_it_and_asks_readers_to_check_stays_a_tip() -> None:
    text = (
        "I saw the grey hatchback go west on Quay St at 1:40. If you have a camera there check it"
    )
    assert label(text, APPEAL)[0] == "tip"


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("My porch cam on Quay St only sees the steps. Do you still want the video even if the "
         "street isn't in it?", APPEAL),
        ("Heard bangs around 1:30 from behind the arena, thought it was a truck. Were those "
         "actually gunshots?", APPEAL),
        ("C'était-tu des coups de feu qu'on a entendus vers 1 h près du quai? Je pensais que "
         "c'était des pétards", APPEAL),
        ("Do we still call if we only saw a red pickup and no plate? Lots of them on the 17",
         AMBER),
        ("Ma dashcam a roulé toute la nuit sur la 17, voulez-vous toute la vidéo ou juste le "
         "bout au village?", AMBER),
    ],
)  # fmt: skip
def test_a_witness_asking_the_police_what_they_want_asks(text: str, case: CaseProfile) -> None:
    assert label(text, case)[0] == "question", label(text, case)


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("Everyone on staff is fine. Thoughts with the young man's family. Our camera footage is "
         "already with police. Closed tonight.", APPEAL),
        ("Nos pensées sont avec la famille. On a déjà tout remis à la police, les images de la "
         "caméra du dépanneur.", AMBER),
    ],
)  # fmt: skip
def test_footage_already_handed_over_is_not_a_tip(text: str, case: CaseProfile) -> None:
    assert label(text, case)[0] == "support", label(text, case)


# -- spam -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("THE LANTERN SHOOTING ON CAMERA full video before police delete it ➡️ portnews-now.xyz",
         APPEAL),
        ("Reward for any video of the night, upload it with your banking details at "
         "tips-reward-pay.com", APPEAL),
        ("Ce qu'a filmé la caméra du dépanneur, ils nous cachent tout 👉 verite-alerte.info/17",
         AMBER),
        ("Je vois la petite près d'un lac, un chalet gris. Lecture complète 30 $ en message privé",
         AMBER),
        ("lost my beagle near route 17 last week!! brown and white, red collar, please DM", AMBER),
    ],
)  # fmt: skip
def test_bait_a_fee_and_the_writers_own_pet_are_not_tips(text: str, case: CaseProfile) -> None:
    assert label(text, case)[0] == "spam", label(text, case)


@pytest.mark.parametrize(
    "text",
    [
        "Sorry off topic but anyone know a good locksmith around here? Want new locks now",
        "Does anyone know a 24 hour pharmacy open tonight? my daughter is sick",
        "Quelqu'un sait si le garage du village a du diesel ce soir?",
        "Random but is the Shell on Main open? need gas",
    ],
)
def test_a_neighbours_errand_is_off_topic(text: str) -> None:
    assert label(text)[0] == "spam", label(text)


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("heard from a lady at church that he left her with a babysitter, so she's safe, relax",
         AMBER),
        ("Ma voisine l'a entendu au dépanneur, il serait rendu en Ontario chez une blonde. "
         "Partagez", AMBER),
    ],
)  # fmt: skip
def test_a_rumour_of_where_he_left_her_is_no_support(text: str, case: CaseProfile) -> None:
    assert label(text, case)[0] == "spam", label(text, case)


# -- abuse ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # With a place, a time and a vehicle it would stay a tip: information wins.
        "Locked and loaded tonight. If that pickup comes down my road it won't leave",
        "Hope the guy comes back to finish the job",
        "Si je le pogne il marchera plus jamais",
        "On connaît son chalet. On va y aller nous autres à soir",
        "Put him in the yard with the other inmates, they know what to do with guys like him",
        "Un gars qui fait ça, ça mérite une balle",
    ],
)
def test_vigilante_threats_are_abuse(text: str) -> None:
    assert label(text)[0] == "abuse", label(text)


@pytest.mark.parametrize(
    "text",
    [
        "Another gang kid shot outside a bar. One less.",
        "imagine getting shot outside the Lantern lol, Port Ardell's finest",
        "What kind of mother has kids with a guy like that",
        "The mom is the real criminal here, she kept that girl from her dad",
        "Should've let her fight her own battles instead of waking up the whole province",
        "La famille savait qu'il traînait avec du monde louche. Faites pas les surpris",
        "Encore une mère qui a monté le juge contre le père",
        "Réveiller toute la province pour un père qui veut voir sa fille. Vous êtes ridicules",
        "Where was she when her son was selling dope? Shame on her",
        "Les Anglais viennent encore chiâler. Allez donc chier",
    ],
)
def test_contempt_and_blame_without_a_slur_are_abuse(text: str) -> None:
    assert label(text)[0] == "abuse", label(text)


# -- support ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "To whoever held his hand in the lot until the ambulance came: you saved a life.",
        "The Harbour Grill is closed tonight out of respect. Take care of each other.",
        "À la messe ce soir on va prier pour le blessé pis pour la paix au village.",
        "The legion hall is open for anyone searching, free coffee all day",
        "Café gratuit pour les bénévoles toute la journée. Merci à vous",
        "Admin of the town swap group: we pinned the official alert and are deleting rumours. "
        "Only trust the police page",
    ],
)
def test_support_that_names_places_is_support(text: str) -> None:
    assert label(text)[0] == "support", label(text)


def test_checking_ones_own_footage_is_no_promotion() -> None:
    assert label("What was he wearing again? I want to check my footage from Quay St")[0] == (
        "question"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Is it over? I see police cars in the village on a live stream. Is she okay?",
        "why did my phone just go off at 3am what is this",
        "c'est quoi cette alerte qui sonne en pleine nuit",
    ],
)
def test_a_neighbour_asking_what_is_going_on_asks(text: str) -> None:
    assert label(text)[0] == "question", label(text)


@pytest.mark.parametrize(
    "text",
    [
        "Psychic medium, 20 years. I feel her near running water and pines. Free reading for "
        "the family in my inbox 🙏",
        "Voyante depuis 25 ans, je la sens près d'un pont. Consultation gratuite pour la "
        "famille 🙏",
    ],
)
def test_a_psychic_offering_a_reading_is_spam(text: str) -> None:
    assert label(text)[0] == "spam", label(text)


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("Saw the grey hatchback on Quay St at 1:40. Anyone who lives there, check your cameras",
         APPEAL),
        ("Vu un pick-up rouge qui montait vers le nord sur la 17. Si vous avez une caméra au "
         "village, regardez-la", AMBER),
    ],
)  # fmt: skip
def test_a_sighting_with_a_call_to_readers_stays_a_tip(text: str, case: CaseProfile) -> None:
    assert label(text, case)[0] == "tip", label(text, case)


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("Do you want my dashcam video? It shows a grey hatchback speeding along Quay St at 1:41 "
         "with its lights off and a guy in the passenger seat holding his arm", APPEAL),
        ("Voulez-vous la vidéo de ma caméra? On voit un pick-up rouge arrêté devant le dépanneur "
         "à 2 h 20, un homme barbu qui porte une petite fille en manteau jaune", AMBER),
    ],
)  # fmt: skip
def test_an_offer_followed_by_what_it_shows_is_a_tip(text: str, case: CaseProfile) -> None:
    assert label(text, case)[0] == "tip", label(text, case)


def test_the_crime_retold_is_no_threat() -> None:
    text = "A 6 year old is with a man who just beat her mother. Share this."
    assert label(text)[0] == "support", label(text)


@pytest.mark.parametrize(
    "text",
    [
        "I know the guy who beat her, I'll beat him myself",
        "the man who beat her should hang",
        "celui qui a fait ça mérite la corde",
    ],
)
def test_a_threat_beside_the_crime_retold_is_still_abuse(text: str) -> None:
    assert label(text)[0] == "abuse", label(text)
