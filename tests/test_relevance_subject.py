"""Relevance, second round (issue #13): what a "tip" must be about. A tip says something of
the person or the vehicle sought, at a time that can bear on the case; support, questions,
the writer's own life and matters that merely name the case's places are not tips."""

from __future__ import annotations

from broadcaster.responses.triage.classify import Triager
from broadcaster.responses.triage.relevance import CaseProfile, month_of

# A hit and run in August (the tuning case lcso-2026-0822, in a few words).
HIT_AND_RUN = CaseProfile.from_texts(
    [
        "Woman in her 50s, shoulder-length blonde hair, dark blue scrubs top.",
        "silver 2019 Subaru Outback, front passenger-side headlight broken, roof rack",
        "Ashby Road at the Crane Lake boat launch; Lisle General Hospital",
    ],
    places=["Ashby Road", "Crane Lake boat launch", "Lisle General Hospital"],
    language="en",
    details=[
        "blonde scrubs silver Subaru Outback headlight roof rack",
        "Ashby Road, Crane Lake boat launch, Lisle General Hospital",
    ],
    describing=["blonde scrubs silver Subaru Outback headlight roof rack"],
    month=8,
)
# A missing girl in February, its reasons in French.
MISSING_GIRL = CaseProfile.from_texts(
    ["Fille de 12 ans, manteau rose, tuque à pompon, sac à dos licorne."],
    places=["Dépanneur Giroux, rue Principale"],
    language="fr",
    details=["manteau rose tuque pompon sac licorne", "Dépanneur Giroux"],
    describing=["Fille de 12 ans, manteau rose, tuque à pompon, sac à dos licorne."],
    month=month_of("9 février 2026, 15 h 30"),
)


def label(text: str, case: CaseProfile) -> tuple[str, tuple[str, ...]]:
    verdict = Triager(case=case).label(text)
    return verdict.label, verdict.reasons


def test_a_reply_that_names_no_person_and_no_vehicle_is_not_a_tip() -> None:
    got, reasons = label("Heartbreaking. I ride Ashby every weekend. Get well soon", HIT_AND_RUN)
    assert (got, reasons[0]) == ("support", "names no person and no vehicle")
    got, reasons = label("Je passe rue Principale tous les matins, bon courage", MISSING_GIRL)
    assert (got, reasons[0]) == ("support", "ne nomme ni personne ni véhicule")
    # The same places with the person or the vehicle in it are tips.
    assert label("She rides Ashby every weekend, I see her car there", HIT_AND_RUN)[0] == "tip"
    assert label("a silver Outback parked at the boat launch right now", HIT_AND_RUN)[0] == "tip"


def test_the_writers_own_people_who_work_there_are_not_a_tip() -> None:
    got, reasons = label("Shared with my mom who works at Lisle General", HIT_AND_RUN)
    assert got == "support"
    assert reasons[0] == "about the writer's own people: 'my mom who works'"


def test_a_witness_who_saw_nothing_or_asks_what_if_reports_nothing() -> None:
    got, reasons = label("I drove Ashby at 6:30 and saw nothing, should I still call?", HIT_AND_RUN)
    assert (got, reasons[0]) == ("question", "saw nothing: 'saw nothing'")
    got, reasons = label(
        "What number do I call if I have dashcam from Route 9 this morning?", HIT_AND_RUN
    )
    assert (got, reasons[0]) == ("question", "only if: 'if i have'")
    assert label("I have dashcam of a silver Outback on Route 9 at 6:20", HIT_AND_RUN)[0] == "tip"


def test_a_sighting_months_before_the_case_is_not_a_tip() -> None:
    text = "I saw a silver Subaru with a roof rack at the Lisle mall back in March, same one?"
    got, reasons = label(text, HIT_AND_RUN)
    assert (got, reasons[0]) == ("question", "long before the case: 'back in march'")
    got, reasons = label("J'ai vu une fille en manteau rose au Dépanneur à Noël", MISSING_GIRL)
    assert got != "tip"
    assert reasons[0] == "bien avant l'affaire : « noel »"
    # The month before is the days before (casing the place, a pickup circling the school).
    assert (
        label("J'ai vu le pick-up rouge tourner autour de l'école en janvier", MISSING_GIRL)[0]
        == "tip"
    )
    assert (
        label("I saw the silver Outback at the boat launch on 20 August", HIT_AND_RUN)[0] == "tip"
    )


def test_the_case_month_is_read_in_english_and_french() -> None:
    assert month_of("14 March 2026, 22:40") == 3
    assert month_of("9 février 2026, 15 h 30") == 2
    assert month_of("sortie de l'école") is None


def test_a_reply_without_cues_needs_a_word_of_the_person_or_vehicle_to_be_a_tip() -> None:
    # A place of the case alone is no lead; a joke or the writer's own matter is none.
    assert (
        label("third post about Ashby road this year, that road is cursed", HIT_AND_RUN)[0]
        == "spam"
    )
    assert label("pov: you're a subaru outback in lisle county today 😂", HIT_AND_RUN)[0] == "spam"
    got, reasons = label("blonde lady, silver outback, Crane Lake boat launch", HIT_AND_RUN)
    assert got == "tip"
    assert reasons[0].startswith("matches the case: 'blonde'")


WANTED = CaseProfile.from_texts(
    ["Man, about 35, shaved head, grey zip hoodie", "dark green Kia Soul, dent in the bumper"],
    places=["Dunmore Plaza", "Route 9"],
    language="en",
    details=["shaved hoodie green Kia Soul dent bumper", "Dunmore Plaza, Route 9"],
    describing=["Man, about 35, shaved head, grey zip hoodie", "dark green Kia Soul, dent"],
    month=3,
)


def test_a_guess_the_writers_own_and_the_news_are_not_sightings() -> None:
    got, reasons = label("i bet he's hiding at his mom's, they always go to their mom's", WANTED)
    assert (got, reasons[0]) == ("spam", "a guess: 'i bet'")
    got, reasons = label("my brother drives a green Kia Soul too, don't pull him over", WANTED)
    assert got != "tip"
    assert reasons[0].startswith("about the writer's own people: 'my brother drives")
    got, reasons = label("my dog went missing near Dunmore Plaza last week too, please RT", WANTED)
    assert (got, reasons[0]) == ("support", "about the writer's own people: 'my dog went missing'")
    got, reasons = label("Mon chien s'est perdu près de la rue Principale hier", MISSING_GIRL)
    assert got == "spam"
    assert (
        label("Vu la nouvelle à TVA ce midi, j'espère qu'on va la retrouver", MISSING_GIRL)[0]
        == "support"
    )
    # A guess that says where, from someone who knows, stays a tip.
    assert (
        label("he's probably at his cousin's on Fenner St, he always goes there", WANTED)[0]
        == "tip"
    )


def test_an_english_was_a_is_no_whereabouts() -> None:
    # Folded, the French "à" is "a": only French verbs take it.
    assert label("the thing is the car was a lemon anyway", WANTED)[0] != "tip"
    assert label("il était à la gare routière vers 21h avec un sac", WANTED)[0] == "tip"


def test_a_persons_full_name_is_someone() -> None:
    text = "Check the Wexley Motor Inn on Route 9, room 12, Kevin Roy has been staying there"
    assert label(text, WANTED)[0] == "tip"
    # A place's name is not a person's.
    got, reasons = label("We ride around Dunmore Plaza every weekend, stay safe", WANTED)
    assert (got, reasons[0]) == ("support", "names no person and no vehicle")


def test_a_sighting_that_has_not_happened_is_not_a_tip() -> None:
    got, reasons = label("Si je le croise au dépanneur il va le regretter", MISSING_GIRL)
    assert (got, reasons[0]) == ("spam", "seulement si : « si je le croise »")
    # With what was really seen (a time, a plate), it stays a tip.
    text = "if I see that green Kia again I'll call, it was at the Esso on Main at 9pm"
    assert label(text, WANTED)[0] == "tip"
