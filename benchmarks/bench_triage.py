"""Reply triage: precision and recall per label on the hand-labelled set, the tips inbox
under floods, and speed.

The inbox figure (issue #13): labelled threads (tests/data/floods, written blind by another
author) triaged alone, then drowned in each flood family, as tracking would see them (merged
by minute, each weighed against its own case from cases.json). What an officer sees: the
precision of the tips inbox, the recall of the real tips, and how much of the flood got its
family's label (spam; abuse for the quote brigade). The `tuning/` sets guided the rules; the
`heldout/` thread and family never did, and are reported apart.

Speed is measured three ways in one run: the median cost of one typical reply seen for the
first time (the analysis, not the cache), the throughput of a 100k stream like the SPEC's
flood (100k spam near-duplicates with 50 genuine tips interleaved), and, as a yardstick for
this machine, a plain Python loop of 100 additions.

`--tuning-only` (or BENCH_TRIAGE_TUNING_ONLY=1) reads no held-out set at all: the mode to
use while changing the classifier, so that nothing is chosen or checked against held-out
lines. `--heldout NAME,...` reads only the held-out files whose names hold one of NAME (a
case id or a family), so that one blind set can be run once while a later one stays unread.
`--no-speed` leaves the timing figures out.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import figure

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "replies_labelled.jsonl"
# Written later, by another author, without seeing the classifier or the first set; never
# used for tuning, so it is the honest figure (the first set guided the cue families).
HELDOUT = ROOT / "tests" / "data" / "replies_heldout.jsonl"
MACRO_F1_TARGET = 0.80
FLOODS = ROOT / "tests" / "data" / "floods"
INBOX_PRECISION = 0.90  # targets of issue #13
TIP_RECALL = 0.90
FLOOD_RECOGNISED = 0.97
ALONE_PRECISION = 0.85
# The SPEC's ingest promise leaves triage a few µs a reply: about three times a loop of 100
# additions (≈ 1.7 µs on an idle core of this machine).
LOOP_BUDGET = 3.0

# Realistic replies for timing, assembled from pieces so that each one is new to the cache.
OPENERS = ["", "omg ", "wow ", "honestly ", "ok ", "@TorontoPolice ", "@SPVM ", "Bon ", "Ah "]
BODIES = [
    "I think I saw him at the Tim Hortons on King around {h}pm last night",
    "Shared! Praying she comes home safe 🙏",
    "Any update on this? Has she been found",
    "You pigs are useless, do your job",
    "Stream Butter on spotify {h} #BTS #ARMY #Butter #BTSARMY #fancam",
    "je l'ai vu hier soir près du métro, il portait une casquette",
    "sharing, hope they find him soon",
    "Where was this taken?",
    "this is so scary, my kids go to school near there",
    "Partagé! J'espère qu'on va la retrouver",
    "What a creep. Hope you catch him",
    "Is this the same guy from the news last week?",
    "Thank you for the update, stay safe everyone",
    "pourquoi vous publiez ça seulement maintenant?",
    "RT please everyone in the {h} area",
]
CLOSERS = ["", "!", "!!", " 🙏", " 😢", " ...", " lol", " #{w}", " {w}"]


def typical_replies(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = ["north", "east", "west", "south", "downtown", "uptown", "midtown", "harbour"]
    out = []
    for i in range(count):
        body = rng.choice(BODIES).format(h=rng.randint(1, 12))
        closer = rng.choice(CLOSERS).format(w=rng.choice(words) + chr(97 + i % 26))
        out.append(
            f"{rng.choice(OPENERS)}{body}{closer} {chr(97 + i % 26)}{chr(97 + i // 26 % 26)}"
        )
    return out


def _loop(data: list[int]) -> int:
    total = 0
    for value in data:
        total += value
    return total


def calibration() -> float:
    """Best µs for a loop of 100 additions: how fast this machine runs Python right now."""
    data = list(range(100))
    best = float("inf")
    for _ in range(200):
        started = time.perf_counter_ns()
        _loop(data)
        best = min(best, time.perf_counter_ns() - started)
    return best / 1000


def median_cost(replies: list[str]) -> tuple[float, float]:
    """Median µs of one first-seen reply through Triager.label, and the median µs of the
    100-addition loop timed between the same replies: the machine is shared, so the
    ratio of the two is the figure that holds from one run to the next."""
    from broadcaster.responses.triage.classify import Triager

    triager = Triager()
    label = triager.label
    clock = time.perf_counter_ns
    data = list(range(100))
    for text in replies[:2_000]:  # warm the lexicon's lazily compiled quote patterns
        label(text)
    triager = Triager()
    label = triager.label
    samples, loops = [], []
    for text in replies[2_000:]:
        started = clock()
        label(text)
        middle = clock()
        _loop(data)
        loops.append(clock() - middle)
        samples.append(middle - started)
    return statistics.median(samples) / 1000, statistics.median(loops) / 1000


def flood_stream(count: int, tips: int = 50) -> list[tuple[str, bool]]:
    """The SPEC's trial: `count` spam near-duplicates with `tips` genuine tips interleaved."""
    rng = random.Random(11)
    stream: list[tuple[str, bool]] = []
    places = ["Esso", "Tim Hortons", "library", "Walmart", "bus terminal", "dépanneur", "gare"]
    streets = ["King", "Main", "Bloor", "Dixie", "Ontario", "Papineau", "Berri", "Queen"]
    every = count // tips
    for i in range(count):
        emoji = "🔥💜✨"[i % 3] * (1 + i % 4)
        stream.append((f"@fan{rng.randint(1, 10**6)} STREAM Butter now {emoji} #BTS #ARMY", False))
        if i % every == every // 2:
            n = len([1 for _, tip in stream if tip])
            text = (
                f"I saw him at the {places[n % 7]} on {streets[n % 8]} around {n % 12 + 1}pm, "
                f"he had a {['black', 'red', 'grey'][n % 3]} hoodie"
                if n % 2
                else f"je l'ai vu au {places[n % 7]} de la rue {streets[n % 8]} vers "
                f"{n % 12 + 9}h, il portait une casquette"
            )
            stream.append((text, True))
    return stream


def throughput(stream: list[tuple[str, bool]]) -> tuple[float, int, int]:
    from broadcaster.responses.triage.classify import Triager

    triager = Triager()
    label = triager.label
    started = time.perf_counter()
    verdicts = [label(text) for text, _ in stream]
    elapsed = time.perf_counter() - started
    tips_found = sum(
        1 for (_, tip), v in zip(stream, verdicts, strict=True) if tip and v.label == "tip"
    )
    spam_missed = sum(
        1 for (_, tip), v in zip(stream, verdicts, strict=True) if not tip and v.label != "spam"
    )
    return len(stream) / elapsed, tips_found, spam_missed


def quality() -> None:
    from broadcaster.responses.triage.classify import LABELS, evaluate

    if not LABELLED.exists():
        figure(
            "triage",
            "labelled set",
            0,
            "replies",
            target="tests/data/replies_labelled.jsonl",
            ok=None,
            baseline="not there yet",
        )
        return
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines() if line.strip()]
    scores = evaluate((r["text"], r["label"], bool(r.get("has_media"))) for r in rows)
    for label in LABELS:
        s = scores["labels"][label]
        figure(
            "triage",
            f"{label}: precision / recall",
            round(s["precision"], 3),
            "precision",
            baseline=f"recall {s['recall']:.3f}, F1 {s['f1']:.3f}, n={s['support']}",
        )
    by_language = []
    for lang in sorted({r["lang"] for r in rows}):
        subset = [r for r in rows if r["lang"] == lang]
        part = evaluate((r["text"], r["label"], bool(r.get("has_media"))) for r in subset)
        by_language.append(f"{lang} {part['macro_f1']:.3f} (n={len(subset)})")
    figure(
        "triage",
        f"macro F1 on {len(rows)} hand-labelled replies",
        round(scores["macro_f1"], 3),
        "F1",
        target=f">= {MACRO_F1_TARGET}",
        ok=scores["macro_f1"] >= MACRO_F1_TARGET,
        baseline=f"accuracy {scores['accuracy']:.3f}; by language: {', '.join(by_language)}",
    )


def heldout() -> None:
    from broadcaster.responses.triage.classify import LABELS, evaluate

    if not HELDOUT.exists():
        return
    rows = [json.loads(line) for line in HELDOUT.read_text().splitlines() if line.strip()]
    scores = evaluate((r["text"], r["label"], bool(r.get("has_media"))) for r in rows)
    stats = scores["labels"]
    per_label = ", ".join(
        f"{label} {stats[label]['precision']:.2f}/{stats[label]['recall']:.2f}" for label in LABELS
    )
    figure(
        "triage",
        f"held-out: macro F1 on {len(rows)} replies never used for tuning",
        round(scores["macro_f1"], 3),
        "F1",
        target="(informational)",
        ok=None,
        baseline=f"accuracy {scores['accuracy']:.3f}; precision/recall: {per_label}",
    )


def _flood_sets(
    splits: tuple[str, ...], only: tuple[str, ...] = ()
) -> dict[str, dict[str, list[Path]]]:
    def wanted(path: Path) -> bool:
        return path.parent.name != "heldout" or not only or any(n in path.stem for n in only)

    sets: dict[str, dict[str, list[Path]]] = {}
    for split in splits:
        folder = FLOODS / split
        sets[split] = {
            "threads": [p for p in sorted(folder.glob("thread_*.jsonl")) if wanted(p)],
            "floods": [p for p in sorted(folder.glob("flood_*.jsonl")) if wanted(p)],
        }
    return sets


def inbox(splits: tuple[str, ...] = ("tuning", "heldout"), only: tuple[str, ...] = ()) -> None:
    """The tips inbox of each labelled thread alone and drowned in each flood family
    (`splits`: which of tuning/ and heldout/ are read; `only`: which held-out files)."""
    from broadcaster.responses.triage.inbox import alone, case_of, drowned, read_rows

    cases_file = FLOODS / "cases.json"
    if not cases_file.exists():
        figure("triage", "inbox under floods", 0, "sets", target="tests/data/floods", ok=None,
               baseline="not there yet")  # fmt: skip
        return
    cases = {c["id"]: c for c in json.loads(cases_file.read_text(encoding="utf-8"))}
    sets = _flood_sets(splits, only)
    families = {split: [(p, read_rows(p)) for p in sets[split]["floods"]] for split in sets}
    for split in splits:
        for thread_path in sets[split]["threads"]:
            thread = read_rows(thread_path)
            case = case_of(cases[thread[0]["case"]])
            name = thread_path.stem.removeprefix("thread_")
            where = "tuning" if split == "tuning" else "HELD-OUT thread"
            scores = alone(thread, case)
            tip = scores["labels"]["tip"]
            figure(
                "triage",
                f"{where} {name}, no flood: tip precision",
                round(tip["precision"], 3),
                "precision",
                target=f">= {ALONE_PRECISION}, tip recall >= {TIP_RECALL}, "
                f"macro F1 >= {MACRO_F1_TARGET}",
                ok=tip["precision"] >= ALONE_PRECISION
                and tip["recall"] >= TIP_RECALL
                and scores["macro_f1"] >= MACRO_F1_TARGET,
                baseline=f"tip recall {tip['recall']:.3f}, macro F1 {scores['macro_f1']:.3f}, "
                f"n={len(thread)}",
            )
            # Each thread under every family; a held-out family is marked as such.
            for family_split in splits:
                for flood_path, flood in families[family_split]:
                    got = drowned(thread, flood, case)
                    family = flood_path.stem.removeprefix("flood_")
                    label = where if family_split == "tuning" else "HELD-OUT family"
                    if split == "heldout" and family_split == "heldout":
                        label = "HELD-OUT thread + family"
                    figure(
                        "triage",
                        f"{label} {name} + {family}: tips inbox precision",
                        round(got["inbox_precision"], 3),
                        "precision",
                        target=f">= {INBOX_PRECISION}, tip recall >= {TIP_RECALL}, "
                        f"flood recognised >= {FLOOD_RECOGNISED}",
                        ok=got["inbox_precision"] >= INBOX_PRECISION
                        and got["tip_recall"] >= TIP_RECALL
                        and got["flood_recognised"] >= FLOOD_RECOGNISED,
                        baseline=f"tip recall {got['tip_recall']:.3f}; flood recognised "
                        f"{got['flood_recognised']:.3f} ({got['flood']} replies), kept out of "
                        f"the inbox {got['flood_out_of_inbox']:.3f}; inbox {got['inbox']}",
                    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tuning-only", action="store_true", help="read no held-out set (while tuning)"
    )
    parser.add_argument(
        "--heldout",
        default="",
        metavar="NAME,...",
        help="read only the held-out files whose names hold one of these (case ids, families)",
    )
    parser.add_argument("--no-speed", action="store_true", help="leave out the timing figures")
    args = parser.parse_args(argv)
    tuning_only = args.tuning_only or os.environ.get("BENCH_TRIAGE_TUNING_ONLY") == "1"
    only = tuple(name for name in args.heldout.split(",") if name)
    quality()
    if not tuning_only and not only:
        heldout()
    inbox(("tuning",) if tuning_only else ("tuning", "heldout"), only)
    if args.no_speed:
        return
    idle = calibration()
    reply, loop = median_cost(typical_replies(22_000))
    ratio = reply / loop
    figure(
        "triage",
        "one first-seen typical reply (median)",
        round(reply, 2),
        "µs",
        # Informational: the SPEC's promise is the ingest ratio (bench_ingest), which holds.
        target=f"(aim <= {LOOP_BUDGET} × a 100-addition loop, ≈ 5 µs idle)",
        ok=None,
        baseline=f"{ratio:.2f} × the loop timed alongside ({loop:.2f} µs; best {idle:.2f} µs); "
        f"≈ {ratio * idle:.1f} µs on an idle core",
    )
    stream = flood_stream(100_000)
    rate, tips_found, spam_missed = throughput(stream)
    figure(
        "triage",
        "100k flood + 50 tips, replies/s",
        round(rate),
        "replies/s",
        target="50 of 50 tips found, every flood reply spam",
        ok=tips_found == 50 and spam_missed == 0,
        baseline=f"{1e6 / rate:.2f} µs per reply; tips found {tips_found}/50; "
        f"flood replies not spam: {spam_missed}",
    )


if __name__ == "__main__":
    main()
