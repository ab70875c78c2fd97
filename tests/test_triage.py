"""Reply triage: labels with reasons, in English and French, and floods in bounded memory."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from broadcaster.responses.triage.classify import (
    FLOOD_MIN,
    LABELS,
    Triager,
    Verdict,
    classify,
    evaluate,
    flood_key_of,
    fold,
)

# Replies written for these tests, the way people answer a police appeal.
TIPS = [
    "I think I saw him at the Tim Hortons on King around 9pm last night",
    "pretty sure thats my neighbour, he lives on Elm st and drives a white van",
    "Saw a guy matching this at the Yonge subway station 20 mins ago, black hoodie",
    "he works at the Esso on Main street, I see him there every morning",
    "He's at the Walmart on Dixie right now!!",
    "spoted him near the bus terminal this morning, red backpack",
    "My coworker knows him, he goes by Mike and stays at the motel on Lakeshore",
    "Called the tip line already but I'm pretty sure I saw her at the library on Bloor at 3pm",
    "Je l'ai vu hier soir près du métro Berri-UQAM, il portait une casquette rouge",
    "c'est mon voisin!! il habite sur la rue Ontario, il conduit un camion blanc",
    "jai vu ce gars au depanneur coin Papineau ce matin",
    "Il travaille au Tim Hortons de la rue Sainte-Catherine, je le reconnais",
    "Aperçu à la gare vers 21h30 avec un sac à dos noir",
    "elle est au parc Lafontaine en ce moment 🙏",
    "think i just saw her getting on the 504 streetcar at Spadina, pink jacket",
    "pretty sure he works the night shift at the Loblaws on Queen, my buddy knows him",
    "that car was parked outside my building on Jarvis all weekend, grey Malibu",
    "ma voisine dit qu'elle l'a vu traîner au Tim de la rue Fleury hier vers minuit",
    "il ressemble au gars qui vend des vélos sur Marketplace, il reste à Verdun",
    "seen a kid matching this near the Humber library maybe an hour ago, alone",
    "C'est mon ancien coloc, il s'appelle Kevin, il travaille dans un garage à Laval",
]
QUESTIONS = [
    "Any update on this?",
    "Has she been found yet?",
    "Where was he last seen?",
    "Is this the same guy from the news last week?",
    "What number do we call if we have info?",
    "Est-ce qu'elle a été retrouvée?",
    "Des nouvelles?",
    "ou est ce quil a ete vu la derniere fois?",
    "Why did it take 3 days to post this?",
    "pourquoi vous publiez ça seulement maintenant?",
    "is there a number to text instead of calling?",
    "est-ce qu'on peut appeler de façon anonyme?",
    "what was she wearing when she left?",
    "does anyone know if the reward is still up",
    "pourquoi l'alerte est juste en anglais?",
]
SUPPORT = [
    "Shared! Praying she comes home safe 🙏",
    "RT'd, hope they find him soon",
    "Partagé! J'espère qu'on va la retrouver",
    "Bring her home ❤️",
    "Thank you for all the hard work",
    "Merci pour votre travail",
    "so scary, stay safe everyone",
    "Courage à la famille 💔",
    "sharing",
    "partagé 🙏",
    "praying for her family tonight 🙏🙏",
    "shared in 3 community groups, hope it helps",
    "Bon courage aux enquêteurs, partagé!",
    "thank you for keeping us informed",
    "j'espère de tout coeur qu'on va la retrouver saine et sauve",
]
SPAM = [
    "FREE CRYPTO GIVEAWAY 🚀 click here https://bit.ly/3xYz",
    "Stream Butter on Spotify!! #BTS #ARMY #Butter #BTSARMY #fancam",
    "Earn $500/day working from home, DM me for details",
    "Follow me for follow back 💯💯",
    "Gagnez un iPhone gratuit! Cliquez ici: www.promo-gratuit.xyz/win",
    "Check out my onlyfans, link in bio 🔥",
    "🔥🔥🔥",
    "🔥 FREE iPhone 15 giveaway 🔥 follow + RT to enter, link in bio",
    "gagnez 500$ par jour depuis chez vous, écrivez-moi en DM 💸",
    "#BTS #ARMY stream the new album now 💜💜",
    "lol who cares",
]
ABUSE = [
    "You pigs are useless",
    "ACAB",
    "fuck the police",
    "Ta gueule la police",
    "bande d'incompétents, flics de merde",
    "stfu nobody cares",
    "Vous êtes des clowns, faites votre job",
    "y'all are pathetic lmao",
    "you clowns couldn't find your own car keys",
    "gang de caves, vous servez à rien",
    "someone should string him up before the trial",
    "f*ck the cops honestly",
    "her parents are idiots for letting her out",
]


@pytest.mark.parametrize(
    ("label", "text"),
    [("tip", t) for t in TIPS]
    + [("question", t) for t in QUESTIONS]
    + [("support", t) for t in SUPPORT]
    + [("spam", t) for t in SPAM]
    + [("abuse", t) for t in ABUSE],
)
def test_each_reply_gets_its_label_and_at_least_one_reason(label: str, text: str) -> None:
    verdict = classify(text)
    assert verdict.label == label, verdict
    assert verdict.reasons
    assert all(reason.strip() for reason in verdict.reasons)


def test_a_tip_says_what_was_seen_where_and_when_in_the_writers_words() -> None:
    verdict = classify("I think I saw him at the Tim Hortons on King around 9pm last night")
    assert verdict == Verdict(
        "tip",
        (
            "sighting verb: 'I think I saw him'",
            "location: 'at the Tim Hortons on King'",
            "time: '9pm'",
            "time: 'last night'",
            "first person",
        ),
        verdict.score,
        None,
    )
    assert verdict.score >= 3


def test_french_tip_reasons_keep_the_accents_the_writer_typed() -> None:
    verdict = classify("Je l'ai vu hier soir près du métro Berri, il portait une casquette")
    assert verdict.label == "tip"
    assert "sighting verb: 'Je l'ai vu'" in verdict.reasons
    assert "location: 'près du métro Berri'" in verdict.reasons
    assert "time: 'hier soir'" in verdict.reasons
    assert "description: 'casquette'" in verdict.reasons


def test_missing_accents_typos_and_slang_are_understood() -> None:
    assert classify("jai vu ce gars au depanneur ce matin").label == "tip"
    assert classify("j’ai aperçu le gars à la gare ce matin").label == "tip"
    spotted = classify("i spoted him at the walmart this morning")
    assert spotted.label == "tip"
    assert "sighting verb: 'i spoted him'" in spotted.reasons
    assert classify("pretty sure i reconized him, thats my nieghbor").label == "tip"
    assert classify("f*ck the police").label == "abuse"
    assert classify("SHARED!!! 🙏🙏").label == "support"
    assert fold("Élodie À Montréal’s café") == b"elodie a montreal's cafe"


def test_a_rude_tip_is_still_a_tip() -> None:
    verdict = classify("Useless cops, he's at the shelter on Queen st right now, do your job")
    assert verdict.label == "tip"
    assert any(r.startswith("whereabouts:") for r in verdict.reasons)


def test_restating_the_appeal_is_not_a_sighting() -> None:
    verdict = classify("Please share, he was last seen near the bus station downtown yesterday")
    assert verdict.label == "support"
    assert classify("Saw this on the news, sharing").label == "support"


def test_a_question_about_a_sighting_is_a_question() -> None:
    assert classify("Was he seen near the mall?").label == "question"
    # ... unless the writer says they saw him.
    assert classify("I saw him near the mall this morning, is that him?").label == "tip"


def test_anger_at_the_suspect_is_not_abuse() -> None:
    assert classify("Sick bastard, hope they catch him").label == "support"
    assert classify("you guys are useless").label == "abuse"


def test_abuse_reasons_name_the_insult_and_its_target() -> None:
    verdict = classify("You pigs are useless")
    assert verdict.label == "abuse"
    assert verdict.reasons == ("insult: 'pigs'", "insult: 'useless'", "aimed at: 'you'")


def test_spam_reasons_name_the_promotion_the_link_and_the_hashtag_block() -> None:
    verdict = classify("FREE CRYPTO GIVEAWAY click here https://bit.ly/3xYz #a #b #c #d #e")
    assert verdict.label == "spam"
    assert "promotion: 'crypto'" in verdict.reasons
    assert "link: 'https://bit.ly/3xyz'" in verdict.reasons
    assert "hashtag block (5 hashtags)" in verdict.reasons


def test_media_only_and_emoji_only_replies_are_spam() -> None:
    assert classify("", has_media=True) == Verdict("spam", ("media only",), 3.0, "media-only")
    assert classify("https://t.co/AbC123", has_media=True).reasons == ("media only",)
    assert classify("😂😂😂").reasons == ("emoji only",)
    assert classify("🙏").label == "support"


def test_a_reply_without_any_cue_is_off_topic() -> None:
    verdict = classify("The photo is very blurry")
    assert verdict == Verdict("spam", ("off-topic (no cue about the case)",), 0.0, None)


def test_script_in_a_reply_is_just_text() -> None:
    verdict = classify("<script>alert('x')</script> I saw him at the mall on Main st")
    assert verdict.label == "tip"
    assert "sighting verb: 'I saw him'" in verdict.reasons
    assert classify("<script>document.cookie</script>").label in LABELS
    assert json.loads(json.dumps(verdict._asdict()))["label"] == "tip"


def test_labels_do_not_depend_on_case_or_accents() -> None:
    for text in TIPS + QUESTIONS + SUPPORT + SPAM + ABUSE:
        assert classify(text.upper()).label == classify(text).label, text


# -- the stream ---------------------------------------------------------------------------


FLOODED = ("near-duplicate of ", "coordinated flood: ")


def _letters(i: int) -> str:
    """A word of its own for each number (digits are ignored by the flood signature)."""
    return "".join(chr(97 + (i // 26**k) % 26) for k in range(4))


def _spam_copy(i: int) -> str:
    # A coordinated flood: the same words, shuffled emoji, numbers and mentions.
    emoji = "🔥💜✨"[i % 3] * (1 + i % 4)
    return f"@fan{i} STREAM Butter now {emoji} {i + 20_000} #BTS #BTSARMY #Butter #fancam #stan"


GENUINE_TIPS = [
    f"I saw him at the {place} on {street} around {hour}pm, he had a {thing}"
    for place, street, hour, thing in [
        ("Tim Hortons", "King", 9, "black hoodie"),
        ("Esso", "Main", 7, "red cap"),
        ("library", "Bloor", 3, "grey backpack"),
        ("Walmart", "Dixie", 5, "blue jacket"),
        ("subway station", "Yonge", 11, "white van"),
    ]
] + [
    f"je l'ai vu au {place} de la rue {street} vers {hour}h, il portait {thing}"
    for place, street, hour, thing in [
        ("dépanneur", "Ontario", 21, "une casquette"),
        ("métro", "Berri", 18, "un manteau noir"),
        ("parc", "Lafontaine", 14, "un sac à dos"),
        ("Tim Hortons", "Sainte-Catherine", 9, "une tuque"),
        ("garage", "Papineau", 16, "des lunettes"),
    ]
]


def test_tips_survive_a_flood_of_ten_thousand_near_identical_replies() -> None:
    triager = Triager(capacity=1_000)
    tips = [f"{text} (#{n})" for n in range(5) for text in GENUINE_TIPS]  # 50 tips
    assert len(tips) == 50
    tip_verdicts: list[Verdict] = []
    flood_verdicts: list[Verdict] = []
    peak = 0
    for i in range(10_000):
        flood_verdicts.append(triager.label(_spam_copy(i)))
        if i % 200 == 100:
            tip_verdicts.append(triager.label(tips[len(tip_verdicts)]))
        # Unrelated one-off replies push on the bounded tables.
        triager.label(f"comment about {_letters(i)} and {_letters(i * 7)}")
        peak = max(peak, len(triager._counts))
    assert len(tip_verdicts) == 50
    assert [v.label for v in tip_verdicts] == ["tip"] * 50
    assert all(v.flood_key is None for v in tip_verdicts)
    assert {v.label for v in flood_verdicts} == {"spam"}
    flooded = flood_verdicts[FLOOD_MIN - 1 :]
    assert all(v.reasons[0].startswith(FLOODED) for v in flooded)
    # One template (handles, numbers, emoji and hashtags masked): a flood across the thread.
    assert flood_verdicts[-1].reasons[0] == "coordinated flood: 10,000 replies from one template"
    # Settled once the template is a flood, every copy shares the cluster's key.
    assert len({triager.settle(v).flood_key for v in flood_verdicts}) == 1
    assert peak <= triager.capacity
    assert triager.table_size <= 2 * triager.capacity
    assert len(triager._cache) <= triager.cache_size


def test_the_flood_key_is_stable_across_processes() -> None:
    words = frozenset({b"stream", b"butter", b"now"})
    assert flood_key_of(words) == flood_key_of(frozenset(sorted(words)))
    assert flood_key_of(words) == "3cc706b78d2ce607"  # crc32 and adler32 of the sorted words


def test_long_near_duplicates_with_a_word_changed_are_one_flood() -> None:
    triager = Triager()
    names = [_letters(i * 131) for i in range(60)]
    verdicts = [
        triager.label(
            f"Huge congrats to our amazing queen {name}, everyone vote tonight for "
            "the music awards, streaming party starts right after"
        )
        for name in names
    ]
    flagged = [v for v in verdicts[30:] if v.reasons[0].startswith(FLOODED)]
    assert len(flagged) >= 20
    assert {v.label for v in flagged} == {"spam"}


def test_common_words_of_support_repeated_by_many_people_stay_support() -> None:
    triager = Triager()
    verdicts = [triager.label("Shared 🙏") for _ in range(200)]
    assert {v.label for v in verdicts} == {"support"}
    assert verdicts[-1].reasons[-1] == "near-duplicate of 199 other replies"


def test_a_copied_tip_becomes_a_flood_after_enough_copies() -> None:
    triager = Triager()
    text = "I saw him at the Esso on Main street at 9pm"
    verdicts = [triager.label(text) for _ in range(30)]
    assert verdicts[0].label == "tip"
    assert verdicts[10].label == "tip"
    assert verdicts[-1].label == "spam"


def test_a_burst_of_fresh_accounts_is_flagged_but_a_fresh_tipster_is_heard() -> None:
    triager = Triager()
    start = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)

    def reply(text: str, i: int) -> Verdict:
        at = start + timedelta(seconds=10 * i)
        return triager.label(
            text, author_id=f"acct{i}", author_created_at=at - timedelta(days=2), created_at=at
        )

    verdicts = [reply(f"look at this {_letters(i)}", i) for i in range(40)]
    assert verdicts[0].label == "spam"
    assert "fresh account (2 days)" in verdicts[0].reasons
    assert verdicts[0].flood_key is None  # one fresh account alone is not a flood
    assert not any(r.startswith("burst") for v in verdicts[:19] for r in v.reasons)
    assert "burst of 20 replies from fresh accounts in 3 min" in verdicts[-1].reasons
    assert verdicts[-1].flood_key == "fresh-accounts"
    shared = reply("Shared, praying for her 🙏", 40)
    assert shared.label == "support"  # the burst is noted, kind words stay kind words
    assert any(r.startswith("burst of 20") for r in shared.reasons)
    tip = triager.label(
        "I saw him at the Esso on Main at 9pm",
        author_id="new-tipster",
        author_created_at=start,
        created_at=start + timedelta(hours=1),
    )
    assert tip.label == "tip"
    assert "fresh account (0 days)" in tip.reasons


def test_one_account_replying_again_and_again_is_noted() -> None:
    triager = Triager()
    verdicts = [triager.label(f"look at my page {_letters(i)}", author_id="same") for i in range(6)]
    assert "reply 5 from the same account" in verdicts[4].reasons
    assert "reply 6 from the same account" in verdicts[5].reasons
    assert "reply 4 from the same account" not in verdicts[3].reasons


def test_bounded_tables_forget_one_offs_but_keep_floods() -> None:
    triager = Triager(capacity=100, cache_size=32)
    for i in range(5_000):
        triager.label(f"unique words {_letters(i)} {_letters(3 * i)}")
        if i % 50 == 0:
            triager.label("buy followers cheap now")
        assert len(triager._counts) <= triager.capacity
        assert len(triager._cache) <= triager.cache_size
    last = triager.label("buy followers cheap now")
    assert last.reasons[0] == "near-duplicate of 100 other replies"


def test_capacity_below_the_minimum_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 16"):
        Triager(capacity=4)


# -- the hand-labelled set (tests/data, written by another engineer) -----------------------

LABELLED = Path(__file__).parent / "data" / "replies_labelled.jsonl"


def test_the_hand_labelled_set_keeps_its_measured_quality() -> None:
    """Measured 0.927 macro F1 (tip recall 0.99); 0.944 before the second round on the
    Tessier thread and the creators family, 0.949 after it (tip precision 0.918 -> 0.937).
    The floors leave a margin for changes."""
    if not LABELLED.exists():
        pytest.skip("tests/data/replies_labelled.jsonl is not there")
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines() if line.strip()]
    scores = evaluate((r["text"], r["label"], bool(r.get("has_media"))) for r in rows)
    assert scores["macro_f1"] >= 0.94, scores
    assert scores["labels"]["tip"]["recall"] >= 0.95, scores
    assert all(s["f1"] >= 0.8 for s in scores["labels"].values()), scores


SIGHTINGS = [
    "I saw him at the Esso on Main around 9pm",
    "just spotted him by the library near Queen st, black hoodie",
    "he's at the Walmart right now, parked on King",
    "saw the guy walking north on Bloor this morning with a backpack",
    "pretty sure that's him sleeping in the bus depot, bench by gate 4",
    "my cousin saw him buying smokes at the Couche-Tard on Dixie at 6am",
    "he was at the arena parking lot last night in a grey truck",
    "je l'ai vu au métro Berri vers 21h, casquette rouge",
    "spotted near the Tim Hortons on Ontario st heading east",
    "il était au dépanneur de la rue Papineau ce matin",
]


def test_a_burst_of_sightings_from_fresh_accounts_is_a_flood_of_fake_tips() -> None:
    triager = Triager()
    start = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
    items = []
    for i in range(10):
        at = start + timedelta(seconds=50 * i)  # ten in eight minutes, each worded apart
        text = SIGHTINGS[i]
        items.append((text, at - timedelta(days=1), at))

    def label(item: tuple[str, datetime, datetime]) -> Verdict:
        return triager.label(item[0], author_created_at=item[1], created_at=item[2])

    verdicts = [v for _, v in triager.settled(items, label)]
    assert [v.label for v in verdicts] == ["spam"] * 10  # the first ones too, once settled
    assert verdicts[-1].reasons[0] == "burst of sightings from fresh accounts (8+ in 8 min)"
    assert verdicts[0].reasons[0] == "burst of sightings from fresh accounts (8+ in 8 min)"
    assert verdicts[-1].flood_key == "fresh-tips"


def test_sightings_from_fresh_accounts_spread_over_hours_are_heard() -> None:
    triager = Triager()
    start = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
    items = []
    for i in range(10):
        at = start + timedelta(minutes=30 * i)  # anonymous witnesses, one now and then
        text = SIGHTINGS[i]
        items.append((text, at - timedelta(days=1), at))
    verdicts = [
        v
        for _, v in triager.settled(
            items,
            lambda item: triager.label(item[0], author_created_at=item[1], created_at=item[2]),
        )
    ]
    assert [v.label for v in verdicts] == ["tip"] * 10
