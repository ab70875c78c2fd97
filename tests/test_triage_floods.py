"""The tips inbox under floods: floors on the TUNING sets (tests/data/floods/tuning).

Regression floors under the figures measured when the rules of #13 landed, so that a later
change cannot quietly make the inbox worse. These are the sets the rules were chosen on; the
held-out floors are in test_triage_heldout_floods.py, which nobody tuning the classifier runs
(see tests/data/floods/README.md).
"""

from __future__ import annotations

import pytest
from flood_sets import FLOODS, TUNING_FAMILIES, TUNING_THREADS, rows, thread_case

from broadcaster.responses.triage.inbox import alone, drowned

pytestmark = pytest.mark.skipif(
    not (FLOODS / "cases.json").exists(), reason="tests/data/floods is not there"
)


@pytest.mark.parametrize("thread", TUNING_THREADS)
def test_tuning_threads_alone(thread: str) -> None:
    # Measured: hfpd tip 1.00/1.00, macro F1 0.89; sasm tip 0.947/0.947, macro F1 0.83
    # (sasm tip precision 1.00, macro F1 0.84 after the third round of relevance rules).
    lines, case = thread_case("tuning", thread)
    scores = alone(lines, case)
    assert scores["labels"]["tip"]["precision"] >= 0.95, scores
    assert scores["labels"]["tip"]["recall"] >= 0.90, scores
    assert scores["macro_f1"] >= 0.78, scores


@pytest.mark.parametrize("family", TUNING_FAMILIES)
@pytest.mark.parametrize("thread", TUNING_THREADS)
def test_tuning_threads_under_each_tuning_flood(thread: str, family: str) -> None:
    # Measured: inbox precision 0.90-1.00, tip recall 0.947-1.00, flood recognised
    # 0.953-0.997 (political slogans 0.953: "bande de moutons" reads as abuse). Third round
    # (clusters matched through their variants, relevance): inbox precision 0.947-1.00,
    # flood recognised 0.967-1.00.
    lines, case = thread_case("tuning", thread)
    got = drowned(lines, rows("tuning", family), case)
    assert got["inbox_precision"] >= 0.93, got
    assert got["tip_recall"] >= 0.90, got
    assert got["flood_recognised"] >= 0.96, got
    assert got["flood_out_of_inbox"] >= 0.99, got


# Written by the helper who changed the rules, after reading them (README: not blind).
NOT_BLIND_THREAD = "thread_lcso-2026-0822"


def test_the_not_blind_tuning_thread_alone() -> None:
    # Measured: tip precision 0.639 before the second relevance round, 0.885 after; tip
    # recall 1.00; macro F1 0.775 -> 0.866. Fourth round (cartoon places, a likeness to the
    # writer's own family's car, "we'll be waiting for her", generic case words): tip
    # precision 1.00, macro F1 0.899.
    lines, case = thread_case("tuning", NOT_BLIND_THREAD)
    scores = alone(lines, case)
    assert scores["labels"]["tip"]["precision"] >= 0.95, scores
    assert scores["labels"]["tip"]["recall"] >= 0.95, scores
    assert scores["macro_f1"] >= 0.87, scores


@pytest.mark.parametrize("family", TUNING_FAMILIES)
def test_the_not_blind_tuning_thread_under_each_tuning_flood(family: str) -> None:
    # Measured: inbox precision 0.62-0.64 before, 0.85-0.885 after; tip recall 1.00.
    # Fourth round: inbox precision 1.00 under every family.
    lines, case = thread_case("tuning", NOT_BLIND_THREAD)
    got = drowned(lines, rows("tuning", family), case)
    assert got["inbox_precision"] >= 0.95, got
    assert got["tip_recall"] >= 0.95, got
    assert got["flood_recognised"] >= 0.93, got
    assert got["flood_out_of_inbox"] >= 0.99, got


@pytest.mark.parametrize("thread", [*TUNING_THREADS, NOT_BLIND_THREAD, "thread_tvrp-2026-1121"])
def test_the_rumour_chain_under_each_tuning_thread(thread: str) -> None:
    # A family that reads like tips one reply at a time (README: not blind). Measured:
    # flood recognised 0.507 -> 0.670 (templates matched through their variants, bursts of
    # fresh accounts' sightings), inbox precision 0.11-0.14 -> 0.16-0.19: still far below
    # the target, the copies from ordinary accounts each worded apart read as hearsay tips.
    # Fourth round (hearsay, hearsay with a chain letter's call, chains of second-hand
    # sightings and their look-alike trickle, hearsay joined to floods loosely): flood
    # recognised 1.00, inbox precision 1.00, tip recall unchanged (1.00, 0.947, 1.00). Rules
    # written knowing this family: the held-out families say more about them.
    lines, case = thread_case("tuning", thread)
    got = drowned(lines, rows("tuning", "flood_rumour_chain"), case)
    assert got["flood_recognised"] >= 0.97, got
    assert got["inbox_precision"] >= 0.93, got
    assert got["tip_recall"] >= 0.90, got
    assert got["flood_out_of_inbox"] >= 0.99, got


# The Colbeck Falls thread and the copy-paste chain family: written blind, held out for one
# run (stop 20), then moved to tuning/ (tests/data/floods/README.md). The floors sit under
# that one run's figures; tuning on them should raise them.
COLBECK_THREAD = "thread_cfps-2026-0917"
COPYPASTA_FAMILY = "flood_copypasta_chain"


def test_the_colbeck_thread_alone() -> None:
    # Held-out run: tip precision 0.618, recall 0.875 (21 of 24), macro F1 0.724. Tuned on it
    # (the hearsay convention, a witness who asks others to come forward, a name and an
    # address, vague sightings in questions, the search and vigils, adverts, lost pets, link
    # bait, a vigilante's demand for a name): tip precision 1.00, recall 1.00 (24 of 24),
    # macro F1 0.840; with victim-blaming and vigilante phrases, chain prayers, donation links
    # and offers of help to the search: macro F1 0.946. Rules written knowing this thread:
    # the new held-out set says more.
    lines, case = thread_case("tuning", COLBECK_THREAD)
    scores = alone(lines, case)
    assert scores["labels"]["tip"]["precision"] >= 0.95, scores
    assert scores["labels"]["tip"]["recall"] >= 0.95, scores
    assert scores["macro_f1"] >= 0.92, scores


@pytest.mark.parametrize(
    "thread", [*TUNING_THREADS, NOT_BLIND_THREAD, COLBECK_THREAD, "thread_tvrp-2026-1121"]
)
def test_the_copypasta_family_over_the_tuning_threads(thread: str) -> None:
    # Held-out run: flood recognised 0.994, kept out of the inbox 0.995; inbox precision
    # 0.692-0.742 (eight copies reach the inbox); tip recall 0.947-1.00. The eight were chain
    # copies of untraceable "sightings" ("I saw this on my feed, copy paste", "forwarded many
    # times", "vu sur mon fil… aurait été vue"), each a tip alone and no flood member: under
    # the hearsay convention they are rumours. After: flood recognised 0.999, kept out of the
    # inbox 1.00, inbox precision 1.00 over hfpd, sasm and lcso (and the Colbeck thread), tip
    # recall unchanged (1.00, 0.947, 1.00).
    lines, case = thread_case("tuning", thread)
    got = drowned(lines, rows("tuning", COPYPASTA_FAMILY), case)
    assert got["flood_recognised"] >= 0.99, got
    assert got["flood_out_of_inbox"] >= 0.995, got
    assert got["inbox_precision"] >= 0.95, got
    assert got["tip_recall"] >= 0.90, got


# The Tessier Valley thread and the true-crime-creators family: written blind, held out for
# one run (stop 21), then moved to tuning/. Floors just under that one run's figures; the
# tuning on them should raise them.
TESSIER_THREAD = "thread_tvrp-2026-1121"
CREATORS_FAMILY = "flood_true_crime_creators"


def test_the_tessier_thread_alone() -> None:
    # Held-out run: tip precision 0.719, recall 0.793 (23 of 29), macro F1 0.794. Tuned on it
    # (someone the writer knows anchors no tip in a reply of love or thanks, a vigilante
    # crew's plan outranks the place it names, "if seen" and "is that you guys?" ask, a lost
    # pet is about something else, physical traces and break-ins are a witness's, "would it
    # help to know…" and joual "y'a quelqu'un qui…" tell): tip precision 1.00, recall 0.931
    # (27 of 29), macro F1 0.889. Still lost: "Wasn't this guy a guide at…?" and an
    # all-caps report of lights in a closed building.
    lines, case = thread_case("tuning", TESSIER_THREAD)
    scores = alone(lines, case)
    assert scores["labels"]["tip"]["precision"] >= 0.95, scores
    assert scores["labels"]["tip"]["recall"] >= 0.92, scores
    assert scores["macro_f1"] >= 0.87, scores


@pytest.mark.parametrize("family", [*TUNING_FAMILIES, CREATORS_FAMILY])
def test_the_tessier_thread_under_each_tuning_flood(family: str) -> None:
    # Measured after the tuning above: inbox precision 1.00 under every tuning family, tip
    # recall 0.931, flood recognised 0.967-1.00 (political slogans 0.967, as over the others).
    lines, case = thread_case("tuning", TESSIER_THREAD)
    got = drowned(lines, rows("tuning", family), case)
    assert got["inbox_precision"] >= 0.95, got
    assert got["tip_recall"] >= 0.92, got
    assert got["flood_recognised"] >= 0.96, got
    assert got["flood_out_of_inbox"] >= 0.99, got


@pytest.mark.parametrize(
    "thread", [*TUNING_THREADS, NOT_BLIND_THREAD, COLBECK_THREAD, TESSIER_THREAD]
)
def test_the_creators_family_over_the_tuning_threads(thread: str) -> None:
    # Held-out run: flood recognised 0.833, kept out of the inbox 0.922 (the "new evidence"
    # teasers and "I investigated this" posts read as tips); inbox precision 0.234-0.411;
    # tip recall unchanged (1.00, 0.947). Tuned on it (a creator's own channel, stream,
    # episode, next part, "link in bio", re-uploads, AI-enhanced stills as self-promotion
    # that is never a tip; "X knows more than they're saying", "cache quelque chose" as an
    # accusation, abuse): flood recognised 0.985, kept out of the inbox 1.00, inbox
    # precision 1.00 over every tuning thread, tip recall unchanged.
    lines, case = thread_case("tuning", thread)
    got = drowned(lines, rows("tuning", CREATORS_FAMILY), case)
    assert got["flood_recognised"] >= 0.98, got
    assert got["flood_out_of_inbox"] >= 0.995, got
    assert got["inbox_precision"] >= 0.95, got
    assert got["tip_recall"] >= 0.90, got


# The Saint-Jorat Silver alert thread (French-main) and the misidentification mob family:
# written blind, held out for one run (end of stop 21), then moved to tuning/ (stop 22).
# Floors just under that one run's figures; the tuning on them should raise them.
SILVER_THREAD = "thread_gjsb-2026-1205"
MOB_FAMILY = "flood_misidentification_mob"


def test_the_silver_alert_thread_alone() -> None:
    # Held-out run: tip precision 0.723 (34 tips, 13 false ones), recall 1.00, macro F1 0.771.
    # Stop 22, its misses fixed as classes (abuse with no slur, vigilante plans that name a
    # place, volunteers searching, rumours, clickbait, the services seen and asked about):
    # tip precision 1.00, recall 1.00, macro F1 1.000 (every line right; tuning, not blind).
    lines, case = thread_case("tuning", SILVER_THREAD)
    scores = alone(lines, case)
    assert scores["labels"]["tip"]["precision"] >= 0.97, scores
    assert scores["labels"]["tip"]["recall"] >= 0.97, scores
    assert scores["macro_f1"] >= 0.98, scores


@pytest.mark.parametrize("thread", TUNING_THREADS)
def test_the_mob_family_over_the_tuning_threads(thread: str) -> None:
    # Held-out run: flood recognised 0.542-0.544 against each line's own label (spam or
    # abuse), kept out of the inbox 0.896-0.898 (about 50 of 500 "identifications" read as
    # tips), inbox precision 0.261-0.342 over the tuning threads; tip recall unchanged.
    # Stop 22 (accusations.py: per-reply accusation, harassment, threat and insult cues and
    # the pile-on keyed on the person named): recognised 0.544-0.546 -> 0.994, kept out of
    # the inbox 0.90 -> 1.000, inbox precision 0.27-0.35 -> 1.00 (Saint-Jorat 0.723, its
    # own thread's false tips, the same as without a flood); tip recall unchanged. Then a
    # tip from someone who knows the person ("my neighbour", "je le connais") keeps its
    # label whatever accusation words it has, and an insult no longer turns a tip into
    # abuse (the label guide): two mob lines that claim to know him reach the inbox again,
    # recognised 0.988, kept out 0.996, inbox precision 0.90-0.944.
    lines, case = thread_case("tuning", thread)
    got = drowned(lines, rows("tuning", MOB_FAMILY), case)
    assert got["flood_recognised"] >= 0.98, got
    assert got["flood_out_of_inbox"] >= 0.99, got
    assert got["inbox_precision"] >= 0.89, got
    assert got["tip_recall"] >= 0.90, got


# The sixth blind set, the Lorimer Bay shooting appeal and the Wabeskay Lake AMBER alert
# threads and the recovery-scam family: written blind, held out for one run (stop 22), then
# moved to tuning/. Floors just under that one run's figures; the tuning on them should raise
# them.
SCAMS_FAMILY = "flood_recovery_scams"


@pytest.mark.parametrize(
    ("thread", "precision", "recall", "macro_f1"),
    [
        # Held-out run: tip precision 0.673, recall 0.917 (33 of 36), macro F1 0.783. Tuned
        # on as classes (stop 22, tests/test_triage_sixth_set_cues.py): 1.000, 1.000 (36 of
        # 36), 0.994 (one rumour asked back still read as a threat).
        ("thread_lbsh-2026-1213", 0.97, 0.97, 0.97),
        # Held-out run: tip precision 0.738, recall 0.886 (31 of 35), macro F1 0.754. Tuned
        # on as classes: 0.972 (one share read as a sighting), 1.000 (35 of 35), 0.988.
        ("thread_wlko-2026-1207", 0.95, 0.97, 0.97),
        # The seventh set (see below): Bonnamont and Kittiwake Cove.
        # Held-out run: tip precision 0.708, recall 0.971 (34 of 35), macro F1 0.827; tuned
        # on (stop 22, the seventh set's cues): 1.000, 1.000, 0.971.
        ("thread_bnam-2026-1208", 0.99, 0.99, 0.96),
        # Held-out run: tip precision 0.861, recall 0.861 (31 of 36), macro F1 0.791; tuned
        # on (stop 22): 1.000, 0.972 (35 of 36), 0.952.
        ("thread_kcbc-2026-0823", 0.99, 0.97, 0.94),
    ],
)
def test_the_sixth_and_seventh_sets_threads_alone(
    thread: str, precision: float, recall: float, macro_f1: float
) -> None:
    lines, case = thread_case("tuning", thread)
    scores = alone(lines, case)
    assert scores["labels"]["tip"]["precision"] >= precision, scores
    assert scores["labels"]["tip"]["recall"] >= recall, scores
    assert scores["macro_f1"] >= macro_f1, scores


@pytest.mark.parametrize("thread", TUNING_THREADS)
def test_the_recovery_scam_family_over_the_tuning_threads(thread: str) -> None:
    # Held-out run: recognised 0.794-0.804, kept out of the inbox 0.908-0.918, inbox
    # precision 0.30-0.44 over every thread; tip recall unchanged.
    # scams.py (stop 22): recognised 0.998, kept out of the inbox 1.000, inbox precision
    # 1.000 over these two threads (each tuning thread's own precision alone elsewhere).
    lines, case = thread_case("tuning", thread)
    got = drowned(lines, rows("tuning", SCAMS_FAMILY), case)
    assert got["flood_recognised"] >= 0.99, got
    assert got["flood_out_of_inbox"] >= 0.995, got
    assert got["inbox_precision"] >= 0.99, got
    assert got["tip_recall"] >= 0.90, got


# The seventh blind set, the Bonnamont jewellery robbery and the Kittiwake Cove overdue kayaker
# threads (their floors are with the sixth set's, above) and the content-farm family: written
# blind, held out for one run (stop 22, after the sixth set was tuned on), then moved to
# tuning/. Floors just under that one run's figures.
FARMS_FAMILY = "flood_content_farms"


@pytest.mark.parametrize("thread", TUNING_THREADS)
def test_the_content_farm_family_over_the_tuning_threads(thread: str) -> None:
    # Held-out run: recognised 0.746-0.796, kept out of the inbox 0.812-0.862, inbox
    # precision 0.17-0.32 over every thread; tip recall unchanged. With news_farms.py (tuned
    # on it since): recognised 0.998, kept out of the inbox 1.000 on both threads, inbox
    # precision 1.000 (each thread's own precision alone). At the merge, a "tip" that only
    # links to a site with no "I" is no longer a farm (a witness's photo link reads the
    # same): recognised 0.994-0.996, kept out 0.996-0.998, inbox precision 0.921-0.973.
    lines, case = thread_case("tuning", thread)
    got = drowned(lines, rows("tuning", FARMS_FAMILY), case)
    assert got["flood_recognised"] >= 0.99, got
    assert got["flood_out_of_inbox"] >= 0.995, got
    assert got["inbox_precision"] >= 0.91, got
    assert got["tip_recall"] >= 0.90, got
