"""Reply triage, second round on the Tessier Valley thread and the true-crime creators
(issue #13): self-promotion, accusations, vigilante crews, what anchors a tip, and the
places and times an officer reads in the reasons. Invented examples, English and French."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from broadcaster.responses.triage.classify import Triager, classify
from broadcaster.responses.triage.verdict import Verdict

# -- a creator selling attention is never a tip -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I drove the whole route past the quarry at 7 am to show how"
        " fast it is. Full video on my channel",
        "went back to the parking garage where she was last seen, watch my video, link in bio",
        "I sharpened the gas station camera still with AI, you won't believe what we saw at 2:10",
        "J'ai marché le long du canal hier soir pour refaire son"
        " trajet, vidéo complète sur ma chaîne",
        "J'ai passé la photo du dépanneur à l'IA, on voit quelqu'un derrière la vitre,"
        " vidéo en bio",
        "En direct maintenant avec un ex-policier pour parler de la poursuite sur la 20",
    ],
)
def test_self_promotion_with_a_place_and_a_time_is_spam(text: str) -> None:
    verdict = classify(text)
    assert verdict.label == "spam", verdict
    assert any(r.startswith("self-promotion: ") for r in verdict.reasons), verdict


@pytest.mark.parametrize(
    "text",
    [
        "my doorbell camera caught him on Elm St at 3:40, sending the clip to the tip line",
        # Words a creator uses, in a witness's mouth.
        "I saw him turn on Birch St at 3pm in a grey hoodie",
        "the front plate was removed, I saw the car at the Esso on Main at 9pm",
        "in your last video he limps, I saw a man limping at the Esso on Main at 9pm",
        "J'ai une vidéo de ma caméra de sonnette, il passe sur la rue Notre-Dame à 15h40",
    ],
)
def test_a_witness_who_filmed_something_is_still_a_tip(text: str) -> None:
    assert classify(text).label == "tip"


@pytest.mark.parametrize(
    "text",
    [
        "the uncle knows more than he's saying, look at his face at 1:12",
        "Sa tante en sait plus qu'elle le dit, elle cache quelque chose 🚩",
    ],
)
def test_a_sleuth_pointing_the_finger_at_a_relative_is_abuse(text: str) -> None:
    verdict = classify(text)
    assert verdict.label == "abuse", verdict
    assert any(r.startswith("accusation: ") for r in verdict.reasons), verdict


# -- someone the writer knows ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thinking of my coworkers at the depot tonight ❤️",
        "Pensées pour nos collègues ce soir, merci à tous ceux qui partagent",
    ],
)
def test_thinking_of_colleagues_is_support_not_a_tip(text: str) -> None:
    assert classify(text).label == "support"


@pytest.mark.parametrize(
    "text",
    [
        "my neighbour says a man in a grey hoodie slept in his shed last night",
        "Mon voisin dit qu'un gars en manteau gris a dormi dans son cabanon cette nuit",
    ],
)
def test_a_neighbour_who_tells_something_still_anchors_a_tip(text: str) -> None:
    assert classify(text).label == "tip"


# -- vigilante crews, lost pets, asking others to look --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I know where his sister lives on Cedar Court, me and the boys are going over tonight",
        "Je sais où reste son frère sur la rue des Pins, on y va ce soir avec les gars",
    ],
)
def test_a_vigilante_plan_with_a_place_and_a_time_is_abuse(text: str) -> None:
    assert classify(text).label == "abuse"


@pytest.mark.parametrize(
    "text",
    [
        "unrelated but our beagle got loose near the arena this morning, dm if seen",
        "Rien à voir mais chat perdu près de l'aréna ce matin, écrivez-moi si vous le voyez",
    ],
)
def test_a_lost_pet_near_the_place_is_not_a_tip(text: str) -> None:
    assert classify(text).label == "spam"


def test_asking_whether_the_helicopter_is_the_police_is_not_a_tip() -> None:
    assert classify("heard sirens on Mill Rd for an hour, is that you guys?").label != "tip"
    assert classify("Des sirènes sur le rang 4 depuis une heure, c'est vous autres?").label != (
        "tip"
    )


# -- traces, break-ins, questions that tell -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "found a torn orange sleeve and a hospital bracelet by the culvert on Pike Rd",
        "Quelqu'un est entré par effraction dans notre chalet au lac Brûlé, la porte défoncée",
    ],
)
def test_physical_traces_and_break_ins_are_tips(text: str) -> None:
    assert classify(text).label == "tip"


@pytest.mark.parametrize(
    "text",
    [
        "Would it help to know he hid his truck keys under the porch at his cabin?"
        " I worked with him",
        "Y'a quelqu'un qui a pris le VTT de mon oncle au rang 8 vers 16h. Un Yamaha bleu."
        " C'est lui?",
    ],
)
def test_a_question_that_tells_is_a_tip(text: str) -> None:
    assert classify(text).label == "tip"


def test_a_joual_question_that_asks_stays_a_question() -> None:
    assert classify("Y a-t-il eu des blessés? Mon frère passe par là le soir").label == "question"


# -- the places and times in the reasons ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        ("Looks a lot like a guy I saw at the Esso on King at 3pm", "at the Esso on King", "lot"),
        ("I saw him at a Leafs game last night, red hoodie", None, "a Leafs"),
        ("I saw him on Tuesday near the Walmart around 5pm", "near the Walmart", "on Tuesday"),
        ("my bus driver saw him around 3pm in a red hoodie", None, "bus"),
        ("I saw him 20 minutes ago near the Esso", "near the Esso", "ago"),
        ("Je l'ai vu à la gare de Québec vers 15h, manteau noir", "à la gare de Québec", None),
        ("je l'ai vu a la gare de Quebec vers 15h, manteau noir", "a la gare de Quebec", None),
        ("heard a truck over Quarry Rd at 3pm, I saw him", "Quarry Rd", "arry Rd"),
        (
            "I SAW HIM IN THE PARKING GARAGE AND ITS BEEN SHUT FOR YEARS",
            "IN THE PARKING GARAGE",
            None,
        ),
    ],
)
def test_the_reasons_name_real_places(text: str, wanted: str | None, unwanted: str | None) -> None:
    reasons = classify(text).reasons
    places = [r for r in reasons if r.startswith("location: ")]
    if wanted:
        assert f"location: '{wanted}'" in places, reasons
    if unwanted:
        assert f"location: '{unwanted}'" not in places, reasons
        assert all(f"'{unwanted}" not in r or "sighting" in r for r in places), reasons


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        ("I saw him 20 minutes ago near the Esso", "20 minutes ago", "ago"),
        ("Je l'ai vu il y a 2h près du dépanneur", "il y a 2h", "il y a"),
        ("Y a un gars qui marchait sur la 309 à 15h, je l'ai vu", "15h", "Y a un"),
    ],
)
def test_the_reasons_name_real_times(text: str, wanted: str, unwanted: str) -> None:
    reasons = classify(text).reasons
    assert f"time: '{wanted}'" in reasons, reasons
    assert f"time: '{unwanted}'" not in reasons, reasons


# -- a swarm of creators from fresh accounts, each worded apart ----------------------------

SWARM = [
    "Full breakdown of this case on my channel tonight 👀",
    "Analyse complète sur ma chaîne, abonnez-vous",
    "going live in 10 with a retired detective, turn on notifs",
    "Épisode 12 de mon balado sur l'affaire, nouvel épisode ce soir",
    "my video on this got removed, reposting the link here",
    "deep dive on the timeline, part 2 drops tomorrow",
    "En direct maintenant pour décortiquer la vidéo de surveillance 🔴",
]


def _swarm(with_old_account: bool) -> list[Verdict]:
    triager = Triager()
    start = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    items = []
    for i, text in enumerate(SWARM):
        at = start + timedelta(seconds=40 * i)
        items.append((text, at - timedelta(days=2), at))
    at = start + timedelta(minutes=5)
    # A creator's "sighting" without a creator's words, from a fresh account in the swarm.
    age = timedelta(days=900) if with_old_account else timedelta(days=1)
    items.append(
        ("I drove past the quarry on Route 9 at 6pm and saw him, he was there", at - age, at)
    )

    def label(item: tuple[str, datetime, datetime]) -> Verdict:
        return triager.label(item[0], author_created_at=item[1], created_at=item[2])

    return [v for _, v in triager.settled(items, label)]


def test_a_fresh_accounts_sighting_inside_a_creators_swarm_is_the_swarms() -> None:
    verdicts = _swarm(with_old_account=False)
    assert [v.label for v in verdicts[:-1]] == ["spam"] * len(SWARM)
    assert verdicts[-1].label == "spam", verdicts[-1]
    assert verdicts[-1].reasons[0].startswith("burst of sightings from fresh accounts")


def test_an_old_accounts_sighting_inside_a_creators_swarm_is_heard() -> None:
    assert _swarm(with_old_account=True)[-1].label == "tip"
