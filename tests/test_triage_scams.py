"""scams.py: recovery scams (hackers, private investigators, phone trackers, psychics) who
sell a search under an appeal, the shills who vouch for them, and the swarm pushing one
contact.

Every case here is invented for the test (none is copied from a data file): a finder
"@findr_expert_ray", numbers in the 555 range, towns and cars that belong to no case.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from broadcaster.responses.triage.classify import Triager, classify
from broadcaster.responses.triage.scams import (
    PILE_ACCOUNTS,
    ContactPile,
    contact_keys,
    scam_cue,
)
from broadcaster.responses.triage.verdict import Verdict

START = datetime(2026, 6, 9, 20, 0, tzinfo=UTC)


# -- per reply: a finder sold, vouched for, recommended or asked for is spam ---------------


@pytest.mark.parametrize(
    "text",
    [
        # A service to find or track someone, with a way to buy it.
        "Licensed private investigator, I locate runaways in 2 days. WhatsApp +1 709 555 0142",
        "I can track any phone from its number, even switched off. Telegram t.me/RayFinds",
        "Her tablet can be tracked without wifi. Message me, I do this for a living",
        "Send me the VIN and I'll tell you where the Corolla is parked tonight, small fee",
        # A reading for a fee.
        "I'm a psychic medium, I see her near a grain silo by a river. Full reading $25, DM me",
        # A testimonial of a finder.
        "@findr_expert_ray found my daughter in Regina after 3 days when nobody could, legit",
        "legit, he helped my uncle too after the police gave up",
        # A finder recommended, or asked for.
        "The family should hire @findr_expert_ray, he has tools the police don't have",
        "is @findr_expert_ray legit? my cousin has been gone since April",
    ],
)
def test_an_english_recovery_scam_is_spam(text: str) -> None:
    verdict = classify(text)
    assert verdict.label == "spam", verdict
    assert verdict.reasons[0].startswith("recovery scam: '"), verdict


@pytest.mark.parametrize(
    "text",
    [
        "Détective privé, je retrouve les fugueurs en 48 h. Écrivez-moi en privé, discrétion",
        "Je peux vous trouver son adresse à partir de son pseudo, envoyez-le-moi en MP",
        "Je suis voyante, je vois une grange près d'un lac. Consultation 30 €, écrivez-moi",
        "C'est @findr_expert_ray qui l'a retrouvée à Rimouski, foncez",
        "Je confirme, il a retrouvé ma sœur en 2 jours, c'est du sérieux",
        "Quelqu'un connaît @findr_expert_ray ? mon neveu a fugué en mai",
    ],
)
def test_a_french_recovery_scam_is_spam(text: str) -> None:
    verdict = classify(text)
    assert verdict.label == "spam", verdict
    assert verdict.reasons[0].startswith("arnaque à la recherche : '"), verdict


def test_the_reason_quotes_the_words_as_written() -> None:
    verdict = classify("Ex-FBI tracker, I find anyone. Contact me on WhatsApp +1 709 555 0199")
    assert verdict.reasons[0] == "recovery scam: 'Ex-FBI', 'Contact me'", verdict


def test_a_scam_that_insults_the_police_stays_abuse() -> None:
    verdict = classify("useless clowns 🤡 hire @findr_expert_ray, he'd have found her by now")
    assert verdict.label == "abuse", verdict


# -- what a real tipster says stays a tip -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # A sighting with the writer's own number: no service sold.
        "I saw a silver Corolla with a cracked windshield at the Esso on Birch Rd at 9pm, "
        "call me at 709 555 0173 if you need more",
        # "My son found..." is a find, not a finder's testimonial.
        "My son found a pink backpack in the ditch on Miller Road this morning, we left it there",
        # A retired officer's own sighting, with a way to reach him: nothing sold.
        "Retired RCMP here. I saw the silver Corolla at the Esso on Birch Rd at 9pm, text me",
        # A medium build is a description.
        "man, medium build, grey hoodie, walking north on Pine St at 7pm, text me for the video",
    ],
)
def test_an_english_tip_with_a_contact_or_a_find_stays_a_tip(text: str) -> None:
    assert classify(text).label == "tip", classify(text)


@pytest.mark.parametrize(
    "text",
    [
        "Je l'ai vue au dépanneur de la rue Principale vers 21 h, écrivez-moi, j'ai la vidéo",
        "Mon fils a trouvé un sac rose dans le fossé du rang 4 ce matin, on l'a laissé là",
        "Ancien policier, j'ai vu la Corolla grise au dépanneur du rang 4 vers 21 h, texto-moi",
    ],
)
def test_a_french_tip_with_a_contact_or_a_find_stays_a_tip(text: str) -> None:
    assert classify(text).label == "tip", classify(text)


# -- the stream: accounts pushing one contact ---------------------------------------------


def test_look_alike_handles_fold_to_one_contact_and_police_handles_are_left_out() -> None:
    keys = {k for k, _ in contact_keys("ask @f1ndr_3xpert_ray_ or @FindrExpertRay, @TownPolice")}
    assert keys == {"@findrexpertray"}


def _swarm(triager: Triager, language: str = "en") -> None:
    lines = {
        "en": [
            "{} helped me find my brother, contact @findr_expert_ray 🙏",
            "Hire a tracker: @f1ndr_expert_ray found my wife's phone in 3 h, legit",
            "not a bot, @findr_3xpert_ray is the real one, WhatsApp him",
        ],
        "fr": [
            "Contactez @findr_expert_ray, il a retrouvé mon frère {}",
            "@f1ndr_expert_ray m'a aidée aussi, c'est du sérieux",
            "le seul vrai c'est @findr_3xpert_ray, écrivez-lui",
        ],
    }[language]
    for i in range(PILE_ACCOUNTS):
        text = lines[i % len(lines)].format("vite")
        verdict = triager.label(
            text, author_id=f"@shill{i}", created_at=START + timedelta(minutes=i)
        )
        assert verdict.label == "spam", verdict


def test_a_reply_naming_a_swarmed_contact_is_spam_in_english() -> None:
    triager = Triager()
    _swarm(triager)
    text = "thank you @findr_expert_ray, praying for her 🙏"
    assert classify(text).label != "spam"
    verdict = triager.label(text, author_id="@late", created_at=START + timedelta(minutes=40))
    assert verdict.label == "spam", verdict
    assert verdict.reasons[0].startswith(f"recovery-scam swarm: {PILE_ACCOUNTS} accounts push "), (
        verdict
    )
    assert "@findr_expert_ray" in verdict.reasons[0]


def test_a_reply_naming_a_swarmed_contact_is_spam_in_french() -> None:
    triager = Triager()
    _swarm(triager, "fr")
    verdict = triager.label(
        "ok @findr_expert_ray m'a répondu, je fais quoi",
        author_id="@tard",
        created_at=START + timedelta(minutes=30),
    )
    assert verdict.label == "spam", verdict
    assert verdict.reasons[0].startswith("essaim d'arnaque : "), verdict


def test_a_contact_pushed_by_too_few_accounts_or_long_ago_moves_nothing() -> None:
    triager = Triager()
    shill = "@findr_expert_ray found my brother, legit"
    for i in range(PILE_ACCOUNTS - 1):
        assert triager.label(shill, author_id=f"@a{i}", created_at=START).label == "spam"
    tip = "I saw a man in a red cap at the Esso on Birch Rd at 9pm, @findr_expert_ray too"
    assert triager.label(tip, author_id="@b", created_at=START).label == "tip"
    # The last one comes a day later: outside the window, no swarm either.
    later = START + timedelta(days=1)
    assert triager.label(shill, author_id="@late", created_at=later).label == "spam"
    assert triager.label(tip, author_id="@c", created_at=later).label == "tip"


def test_the_swarm_counts_only_the_replies_it_found_scams() -> None:
    pile = ContactPile()
    spam = Verdict("spam", ("off-topic (no cue about the case)",), 0.0)
    for i in range(PILE_ACCOUNTS + 2):
        pile.judge("follow @findr_expert_ray for more", spam, f"@a{i}", START)
    assert pile.judge("@findr_expert_ray", spam, "@b", START) is spam


@pytest.mark.parametrize(
    "text",
    [
        "My son found a pink backpack in the ditch on Miller Road, call me at 709 555 0173",
        "Mon fils a trouvé un sac rose près du quai, écrivez-moi",
        "is this legit? the appeal says the car is blue",
    ],
)
def test_a_contact_or_a_find_alone_is_no_scam_cue(text: str) -> None:
    assert scam_cue(text) is None


def test_a_schools_information_meeting_is_no_mediums_seance() -> None:
    asked = classify("Y aura-tu une séance d'info pour les parents de l'école? Mon gars s'inquiète")
    assert asked.label == "question", asked
    sold = classify("Voyante sérieuse : une séance privée et je vous dis où il est, 40 €")
    assert sold.label == "spam", sold
