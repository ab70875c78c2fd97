"""Cues learned from a Silver alert thread (an old man with dementia walked out of a care
home), written as classes: abuse with no slur (contempt, death wishes, xenophobic jabs, a
relative harassed by name, a vigilante plan that names a street), volunteers searching and
words to the missing person (support), rumours nobody can trace and clickbait (spam), and
the emergency services seen and asked about (a question). Every case here is invented."""

from __future__ import annotations

import pytest

from broadcaster.responses.triage.classify import Triager, classify
from broadcaster.responses.triage.hearsay import hearsay
from broadcaster.responses.triage.relevance import CaseProfile, fold

CASE_FR = CaseProfile.from_texts(
    [
        "Henri Bovet, 81 ans, cheveux blancs, canne en bois, gilet vert, chaussons gris; "
        "atteint de démence, dit souvent qu'il doit aller au moulin; il ne conduit plus."
    ],
    places=["Résidence Les Saules, rue du Lavoir, Bois-Renaud"],
    language="fr",
    details=["cheveux blancs canne gilet vert chaussons gris", "Résidence Les Saules"],
)


def label(text: str, case: CaseProfile | None = None) -> tuple[str, tuple[str, ...]]:
    verdict = Triager(case=case).label(text)
    return verdict.label, verdict.reasons


# -- abuse with no slur ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "vous servez à quoi à part mettre des amendes",
        "les agents de la douane, des guignols",
        "la famille qui le place au foyer pour s'en débarrasser, bande d'égoïstes",
        "what are you even for, three hours and nothing",
        "too busy writing tickets to look for a grandpa",
        "crocodile tears on facebook from a son who never visited",
        "border police too busy fining cars to look for a grandpa",
        "à 90 ans la nature fait son oeuvre, arrêtez de dépenser l'argent du contribuable",
        "at 90 with dementia nature is taking its course, stop wasting money",
    ],
)
def test_contempt_without_a_slur_is_abuse(text: str) -> None:
    assert label(text)[0] == "abuse", label(text)


@pytest.mark.parametrize(
    "text",
    [
        "un vieux de moins, la caisse de retraite va respirer",
        "qu'il crève, il avait qu'à pas sortir",
        "one less old man to pay a pension for",
        "hope he freezes out there",
    ],
)
def test_wishing_the_missing_man_dead_is_abuse(text: str) -> None:
    assert label(text)[0] == "abuse", label(text)


@pytest.mark.parametrize(
    "text",
    ["encore des frouzes qui se perdent, rentrez chez vous", "go back to your country, all of you"],
)
def test_a_xenophobic_jab_is_abuse(text: str) -> None:
    assert label(text)[0] == "abuse", label(text)


@pytest.mark.parametrize(
    "text",
    [
        "on sait tous qui tu es Nadia, tu l'as laissé partir",
        "@Famille_Bovet vous l'avez abandonné au foyer, assumez maintenant",
        "we all know who you are Kevin, you never visited him once",
        "you abandoned her in that home, own it now",
    ],
)
def test_harassing_a_relative_is_abuse(text: str) -> None:
    assert label(text)[0] == "abuse", label(text)


@pytest.mark.parametrize(
    "text",
    [
        "je sais où il habite le gardien, rue des Lilas, on va aller lui expliquer la vie",
        "le veilleur va passer un sale quart d'heure, on l'attend devant le portail demain",
        "si c'est la faute de l'infirmière on a son adresse",
        "I know where the night nurse lives, Maple Street, we should all go to her house tonight",
        "the manager lives on Oak Crescent, let's all go to his place and knock on his door",
    ],
)
def test_a_vigilante_plan_outranks_the_place_it_names(text: str) -> None:
    got, reasons = label(text)
    assert got == "abuse", reasons
    assert any(r.startswith("threat") for r in reasons), reasons


@pytest.mark.parametrize(
    "text",
    [
        "I saw him at the Esso on King at 9pm, he deserves to die",
        "je l'ai vu au dépanneur de la rue Haute à 21h, il mérite de mourir",
    ],
)
def test_a_sighting_with_a_threat_is_still_a_tip(text: str) -> None:
    # Information wins: what was seen, where and when, with one threat beside it.
    assert label(text)[0] == "tip", label(text)


@pytest.mark.parametrize(
    ("text", "emoji"),
    [
        ("les gendarmes trop contents de flasher les voitures 🤡", "🤡"),
        ("the cops are out writing tickets instead 🤡🤡", "🤡"),
    ],
)
def test_a_clown_said_of_someone_is_an_insult(text: str, emoji: str) -> None:
    got, reasons = label(text)
    assert got == "abuse", reasons
    assert f"insult: '{emoji}'" in reasons


def test_an_emoji_alone_is_no_insult() -> None:
    assert classify("🤡").label != "abuse"


@pytest.mark.parametrize(
    "text",
    ["Encore une photo floue. Du grand travail, les génies 👏👏", "Elite work, geniuses 👏👏"],
)
def test_an_emoji_is_no_word_of_support_beside_an_insult(text: str) -> None:
    assert classify(text).label == "abuse"


def test_a_knife_beside_an_advert_decorates_it() -> None:
    verdict = classify("Subscribe to my newsletter for true crime recaps 🔪 recaps.substack.com")
    assert verdict.label == "spam", verdict


@pytest.mark.parametrize(
    ("text", "expected"), [("on lâche rien", "support"), ("bande de lâches", "abuse")]
)
def test_lache_is_an_insult_only_as_one(text: str, expected: str) -> None:
    assert label(text)[0] == expected, label(text)


@pytest.mark.parametrize(
    "text",
    ["sorry, dumb question: is there a number for volunteers", "question bête: on peut aider"],
)
def test_a_dumb_question_is_modesty_not_an_insult(text: str) -> None:
    assert classify(text).label == "question"


@pytest.mark.parametrize(
    "text",
    [
        "le concierge des Saules, il habite où ? qu'on aille lui dire deux mots",
        "the night nurse lives on Elm, give us her address and we'll have a word with her",
    ],
)
def test_asking_where_to_go_for_a_word_with_someone_is_a_threat(text: str) -> None:
    got, reasons = label(text)
    assert got == "abuse", reasons


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        ("if I find that delivery guy he's not making it to court", "if i find that"),
        ("si je trouve le gars de la camionnette je le frappe", "si je trouve le gars"),
    ],
)
def test_a_condition_on_whoever_with_a_violent_consequence_is_a_threat(
    text: str, threat: str
) -> None:
    got, reasons = label(text)
    assert got == "abuse", reasons
    assert any(r.startswith(f"threat: '{threat}") for r in reasons), reasons


@pytest.mark.parametrize(
    "text",
    [
        "if I find that delivery guy I'll call you right away",
        "si je trouve le gars, je vous appelle",
    ],
)
def test_a_condition_on_whoever_with_a_report_is_no_threat(text: str) -> None:
    assert label(text)[0] != "abuse", label(text)


@pytest.mark.parametrize(
    "text",
    [
        "when they find him I hope it's in a body bag",
        "celui qui l'a fait, dans un sac mortuaire j'espère",
        "the bus company did nothing for months, every one of them should be fired",
        "la police qui fait rien comme d'habitude",
        "des parents comme ça, c'est de la négligence. honte à eux",
        "shady family, they know exactly where he is",
    ],
)
def test_death_wishes_contempt_and_blame_are_abuse(text: str) -> None:
    assert label(text)[0] == "abuse", label(text)


def test_asking_what_calling_is_for_is_a_question() -> None:
    # "Ça sert à quoi d'appeler ?" asks; "vous servez à quoi" scorns.
    assert label("ça sert à quoi d'appeler si vous l'avez déjà trouvé ?")[0] == "question"


@pytest.mark.parametrize(
    "text",
    [
        "Let the police do their job and stop speculating 🙏",
        "thank you officers, you deserve a medal",
        "il peut crever de froid dehors, faut vite le retrouver 😢",
        "he was shaking like a dog last time he got lost, please find him fast",
        "let's all go to the church at 7 for the vigil",
        "les bénévoles, rentrez chez vous vous reposer, merci pour tout",
        "courage à cette famille-là, on pense fort à vous",
        "volunteers are getting burned out, please come relieve the morning team",
        "Ne faites rien vous-même, appelez le 17 et partagez",
    ],
)
def test_kind_or_worried_words_near_those_cues_are_no_abuse(text: str) -> None:
    assert label(text)[0] != "abuse", label(text)


# -- support: the search and words to the missing person ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "courage, on est plusieurs à partir à pied du côté de l'écluse",
        "les voisins sont sortis avec des lampes, on cherche le long du canal",
        "a few of us are heading out from the church parking lot with flashlights",
        "we're a group of 6 walking the river path from the bridge, no sign yet",
    ],
)
def test_volunteers_searching_are_support(text: str) -> None:
    assert label(text, CASE_FR)[0] == "support", label(text, CASE_FR)


@pytest.mark.parametrize(
    "text",
    [
        "On cherche le long du canal, on a trouvé un chausson gris dans l'herbe à 7h",
        "on est plusieurs à l'écluse, il y a des traces de pas dans le givre vers le chemin",
        "we're searching the river trail, found a green cardigan near the second bench at 8am",
    ],
)
def test_what_searchers_found_is_a_tip(text: str) -> None:
    got, reasons = label(text, CASE_FR)
    assert got == "tip", reasons


@pytest.mark.parametrize(
    "text",
    [
        "J'ai été son voisin 30 ans, un homme adorable. Henri si tu lis ça, rentre, on t'attend",
        "I worked with Henri at the mill for 15 years. If you're reading this, we're waiting",
    ],
)
def test_memories_and_a_word_to_the_missing_man_are_support(text: str) -> None:
    got, reasons = label(text, CASE_FR)
    assert got == "support", reasons


@pytest.mark.parametrize(
    "text",
    [
        "café offert aux bénévoles devant la mairie dès 6h",
        "on a laissé la lumière allumée et le portail ouvert, au cas où",
        "sending strength from the hockey club, we're joining the search",
        "force à la famille",
        "our running club is out on the canal path with headlamps, we'll keep going",
        "nurse at another home here, my heart goes out to the staff tonight",
        "de tout coeur avec le personnel de la résidence ce soir",
    ],
)
def test_help_for_the_search_is_support(text: str) -> None:
    assert label(text)[0] == "support", label(text)


# -- spam: rumours nobody can trace, clickbait, offers -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "y paraît qu'il est déjà rentré à la résidence Les Saules, pas la peine de chercher",
        "il paraît que la résidence Les Saules cache des choses, renseignez-vous",
    ],
)
def test_a_rumour_naming_the_case_is_no_lead(text: str) -> None:
    got, reasons = label(text, CASE_FR)
    assert got == "spam", reasons
    assert reasons[0].startswith("une rumeur"), reasons


@pytest.mark.parametrize(
    "text",
    [
        "ma voisine dit qu'une dame de son club a dit qu'il était à la gare",
        "my sister says someone at her work said he was seen at the station",
    ],
)
def test_a_source_told_by_someone_unnamed_is_a_rumour(text: str) -> None:
    found = hearsay(fold(text))
    assert found is not None and found[0] == "rumour", found
    assert label(text)[0] == "spam", label(text)


@pytest.mark.parametrize(
    "text",
    [
        "on m'a dit qu'il était retrouvé depuis ce matin et qu'ils le cachent",
        "I was told he's at the hospital already, they just won't say",
        "heard from a friend of a friend that he got on a bus to Lyon, share!!",
    ],
)
def test_a_rumour_of_where_he_is_told_as_fact_is_spam(text: str) -> None:
    assert label(text)[0] == "spam", label(text)


def test_a_source_who_saw_it_is_still_a_witness() -> None:
    found = hearsay(fold("mon beau-frère dit qu'un gars dormait dans une auto grise au parc"))
    assert found is not None and found[0] == "witness", found


@pytest.mark.parametrize(
    "text",
    [
        "VIDÉO CHOC : ce que la caméra du parking a filmé 😱👉 lien-info.fr",
        "SHOCKING VIDEO from the care home 👉 newsnow-24.co",
        "Peur que vos parents se perdent ? Bracelets GPS -30% ce week-end seulement 👉 gps.fr",
        "Lost parent? Our trackers are 25% off today only bestgps.shop",
        "Ma voyance dit qu'il est près de l'eau. Prenez rendez-vous en MP 🔮",
        "My tarot reading says he is safe. Book your reading with me",
    ],
)
def test_clickbait_offers_and_psychics_are_spam(text: str) -> None:
    assert label(text)[0] == "spam", label(text)


def test_what_was_read_is_not_asked() -> None:
    # "c'est ce que j'ai lu" holds "est ce que" and asks nothing.
    verdict = classify("quelqu'un a écrit qu'il est à Lyon, enfin c'est ce que j'ai lu")
    assert verdict.label != "question", verdict


# -- the emergency services seen and asked about ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "on a vu des pompiers vers l'écluse à 22h, c'est lui ?",
        "saw two ambulances on Route 9 around 11pm, was that him? is he ok?",
    ],
)
def test_the_services_seen_and_asked_about_are_a_question(text: str) -> None:
    got, reasons = label(text)
    assert got == "question", reasons


@pytest.mark.parametrize(
    "text",
    [
        "on a vu un vieux monsieur en chaussons vers l'écluse à 22h, c'est lui ?",
        "I saw an old man with a cane near the ambulance bay at 11pm, was that him?",
    ],
)
def test_a_person_seen_and_asked_about_is_a_tip(text: str) -> None:
    assert label(text)[0] == "tip", label(text)
