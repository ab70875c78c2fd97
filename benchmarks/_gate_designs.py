"""Gate designs for the learned second opinion, scored leave-one-thread-out with nested choice
(bench_second_opinion.py --explore). Never reads a held-out set.

A design is (variant, tip_max, score_max, promote_min):
- variant: the model that reads. "ngrams" is learned.py's (class_weight balanced);
  "ngrams-unweighted" the same without class weights; "ngrams+cues" adds, to the n-grams,
  tokens of what the cues said of the reply (their label, weight band, each reason's kind,
  how many words of the case it names). Every variant of a fold is trained without that fold
  (and without any line of one of its templates).
- demote: a cue tip of weight <= score_max (no flood, no officer's word) the model gives
  <= tip_max chance of a tip takes the model's likeliest other label (None: no demotion).
- promote: a reply the cues call question / support / spam (no flood) that names the case
  (relevance.CaseProfile.matches) and that the model gives >= promote_min chance of a tip
  becomes a tip (None: no promotion).

The thresholds of each fold are chosen on the OTHER folds only (nested), by the rule of
bench_second_opinion.allowed: no fold's tip recall (alone, or drowned in any tuning flood
family) below min(0.90, the cues' own), no fold's macro F1 alone below the cues'; among those,
the highest mean tip precision alone + inbox precision drowned; ties to the simplest design.
"""

from __future__ import annotations

import math
import re
from typing import Any

TIP_MAXES = (None, 0.02, 0.05, 0.10, 0.25, 0.40)
SCORE_MAXES = (2.0, 4.0, 6.0, math.inf)
PROMOTE_MINS = (None, 0.70, 0.80, 0.85, 0.90, 0.95, 0.98)
RECALL_FLOOR = 0.90
LABELLED = "replies_labelled"
LEAD = ("thread_lbsh-2026-1213", "thread_wlko-2026-1207")  # the threads whose cues nobody tuned
OTHERS = ("question", "support", "spam")
CUE_WEIGHT = 0.5  # the cue tokens' share of the reply's vector, against the n-grams' 1

Design = tuple[str, float | None, float, float | None]


def reason_kind(reason: str) -> str:
    """'matches the case: 'woods'' -> 'matches_the_case': the reason without its quote."""
    head = re.split(r"[:'«(]", reason, maxsplit=1)[0].strip().casefold()
    head = re.sub(r"\d+", "#", head)
    return "r_" + "_".join(head.split()[:6])


def cue_tokens(verdict: Any, relevance: int) -> str:
    band = (
        "0"
        if verdict.score <= 0
        else "1"
        if verdict.score <= 2
        else "3"
        if verdict.score <= 4
        else "5"
    )
    tokens = [f"l_{verdict.label}", f"w_{band}_{verdict.label}", f"rel_{min(relevance, 2)}"]
    tokens += [reason_kind(r) for r in verdict.reasons]
    return " ".join(tokens)


class Variant:
    """A classifier of one fold over learned.py's n-grams (`base`, a matrix), optionally with
    the cue tokens (`cues`, one string a row) beside them."""

    def __init__(self, base: Any, cues: list[str] | None, labels: list[str],
                 class_weight: Any) -> None:  # fmt: skip
        from sklearn.linear_model import SGDClassifier

        from broadcaster.responses.triage.learned import EPOCHS, RANDOM_STATE

        self.with_cues = cues is not None
        self.classifier = SGDClassifier(
            loss="log_loss", alpha=2e-5, max_iter=EPOCHS, tol=None, random_state=RANDOM_STATE,
            class_weight=class_weight,
        )  # fmt: skip
        self.classifier.fit(self.matrix(base, cues), labels)
        self.labels = list(self.classifier.classes_)

    def matrix(self, base: Any, cues: list[str] | None) -> Any:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import HashingVectorizer
        from sklearn.preprocessing import normalize

        if not self.with_cues:
            return base
        assert cues is not None
        tokens = HashingVectorizer(analyzer=str.split, n_features=2**12, alternate_sign=False)
        extra = normalize(tokens.transform(cues)) * CUE_WEIGHT
        return hstack([base, extra]).tocsr()

    def probabilities(self, base: Any, cues: list[str]) -> list[dict[str, float]]:
        rows = self.classifier.predict_proba(self.matrix(base, cues))
        return [dict(zip(self.labels, row, strict=True)) for row in rows]


def eligible(verdict: Any) -> bool:
    from broadcaster.responses.triage.second_opinion import by_an_officer, in_a_flood

    return (
        verdict.label in ("tip", *OTHERS) and not in_a_flood(verdict) and not by_an_officer(verdict)
    )


def relevance_of(text: str, case: Any) -> int:
    from broadcaster.responses.triage.relevance import fold

    return 0 if case is None else len(case.matches(fold(text)))


class Scored:
    """One run (a fold alone or drowned): the cues' labels, and each eligible reply's reading
    by each variant."""

    def __init__(self, run: Any, case: Any) -> None:
        self.run = run
        self.labels = [v.label for _, v in run.results]
        self.truth = [row["label"] for row, _ in run.results]
        self.index = [i for i, (row, v) in enumerate(run.results)
                      if eligible(v) and row["text"].strip()]  # fmt: skip
        self.relevance = {i: relevance_of(run.results[i][0]["text"], case) for i in self.index}
        self.cues = {i: cue_tokens(run.results[i][1], self.relevance[i]) for i in self.index}
        self.readings: dict[str, dict[int, dict[str, float]]] = {}
        ids = {id(r) for r in run.thread}
        self.in_thread = [id(row) in ids and id(row) not in run.flooded
                          for row, _ in run.results]  # fmt: skip
        self.tips = sum(1 for r in run.thread if r["label"] == "tip")

    def read(self, name: str, variant: Variant) -> None:
        from broadcaster.responses.triage.learned import LearnedModel

        if not self.index:
            self.readings[name] = {}
            return
        if not hasattr(self, "base"):
            self.base = LearnedModel._vectorise(
                [self.run.results[i][0]["text"] for i in self.index]
            )
        got = variant.probabilities(self.base, [self.cues[i] for i in self.index])
        self.readings[name] = dict(zip(self.index, got, strict=True))

    def labelled(self, design: Design) -> list[str]:
        name, tip_max, score_max, promote_min = design
        labels = list(self.labels)
        readings = self.readings[name]
        for i in self.index:
            p = readings[i]
            verdict = self.run.results[i][1]
            if verdict.label == "tip":
                if tip_max is not None and verdict.score <= score_max and p["tip"] <= tip_max:
                    labels[i] = max((k for k in p if k != "tip"), key=p.__getitem__)
            elif promote_min is not None and self.relevance[i] > 0 and p["tip"] >= promote_min:
                labels[i] = "tip"
        return labels


def alone_figures(scored: Scored, labels: list[str]) -> dict[str, float]:
    from broadcaster.responses.triage.classify import scores_of

    confusion: dict[tuple[str, str], int] = {}
    right = 0
    for truth, got in zip(scored.truth, labels, strict=True):
        confusion[truth, got] = confusion.get((truth, got), 0) + 1
        right += truth == got
    figures = scores_of(confusion, len(labels), right)
    tip = figures["labels"]["tip"]
    return {"precision": tip["precision"], "recall": tip["recall"], "macro_f1": figures["macro_f1"]}


def drowned_figures(scored: Scored, labels: list[str]) -> tuple[float, float]:
    inbox = real = 0
    for i, label in enumerate(labels):
        if label == "tip":
            inbox += 1
            real += scored.in_thread[i] and scored.truth[i] == "tip"
    return (real / inbox if inbox else 1.0), (real / scored.tips if scored.tips else 1.0)


def table_of(scored: dict[tuple[str, str | None], Scored], names: list[str],
             families: list[str], designs: list[Design | None]) -> dict[Any, Any]:  # fmt: skip
    table: dict[Any, dict[str, Any]] = {}
    for fold in names:
        for design in designs:

            def labels(s: Scored, design: Design | None = design) -> list[str]:
                return s.labels if design is None else s.labelled(design)

            alone = alone_figures(scored[fold, None], labels(scored[fold, None]))
            drowned = [drowned_figures(scored[fold, f], labels(scored[fold, f])) for f in families]
            table[fold, design] = {
                **alone,
                "inbox_precision": sum(d[0] for d in drowned) / len(drowned),
                "drowned_recalls": [d[1] for d in drowned],
                "drowned_recall": min(d[1] for d in drowned),
            }
    return table


def allowed(table: dict[Any, dict[str, Any]], design: Design | None, names: list[str],
            every_f1: bool = True) -> bool:  # fmt: skip
    """No fold's tip recall (alone, drowned) below min(RECALL_FLOOR, the cues'); no fold's
    macro F1 alone below the cues' (`every_f1`), or only the labelled replies' (the issue's
    adoption rule: "no tip recall under 0.90, the labelled-450 macro F1 kept")."""
    for fold in names:
        got, cues = table[fold, design], table[fold, None]
        if got["recall"] < min(RECALL_FLOOR, cues["recall"]) - 1e-9:
            return False
        for now, before in zip(got["drowned_recalls"], cues["drowned_recalls"], strict=True):
            if now < min(RECALL_FLOOR, before) - 1e-9:
                return False
        if (every_f1 or fold == LABELLED) and got["macro_f1"] < cues["macro_f1"] - 1e-9:
            return False
    return True


def chosen(table: dict[Any, dict[str, Any]], designs: list[Design | None],
           names: list[str], every_f1: bool = True) -> Design | None:  # fmt: skip
    def gain(design: Design | None) -> tuple[float, int]:
        total = sum(table[f, design]["precision"] + table[f, design]["inbox_precision"]
                    for f in names)  # fmt: skip
        return round(total / (2 * len(names)), 9), -designs.index(design)

    return max((d for d in designs if allowed(table, d, names, every_f1)), key=gain)


def designs_of(variants: list[str], demote: bool, promote: bool) -> list[Design | None]:
    out: list[Design | None] = [None]
    for name in variants:
        for tip_max in TIP_MAXES if demote else (None,):
            for score_max in SCORE_MAXES if tip_max is not None else (math.inf,):
                for promote_min in PROMOTE_MINS if promote else (None,):
                    if tip_max is None and promote_min is None:
                        continue
                    out.append((name, tip_max, score_max, promote_min))
    return out


VARIANTS = {  # name: (with the cue tokens, class_weight)
    "ngrams": (False, "balanced"),
    "ngrams-unweighted": (False, None),
    "ngrams+cues": (True, "balanced"),
    "ngrams+cues-unweighted": (True, None),
}


def seed_cues(runs: dict[Any, Any], names: list[str], cases: dict[str, Any]) -> list[str]:
    """The cue tokens of each line of the shipped tuning data: each source triaged alone by
    the cues (the tuning threads and labelled replies as the folds' runs triaged them; each
    flood family alone, its rows' relevance read against their own case)."""
    from bench_second_opinion import TUNING, folds

    from broadcaster.responses.triage.inbox import read_rows, triaged
    from broadcaster.responses.triage.learned import seed_examples, seed_sources

    of: dict[tuple[str, str], str] = {}
    data = folds()
    for fold in names:
        case = data[fold][1]
        for row, verdict in runs[fold, None].results:
            of[fold, row["text"]] = cue_tokens(verdict, relevance_of(row["text"], case))
    for path in sorted(TUNING.glob("flood_*.jsonl")):
        rows = sorted(read_rows(path), key=lambda r: r.get("minute", 0))
        for row, verdict in triaged(rows, None, opinion=False):
            case = cases.get(row.get("case", ""))
            of[path.stem, row["text"]] = cue_tokens(verdict, relevance_of(row["text"], case))
    out = []
    for example, source in zip(seed_examples(), seed_sources(), strict=True):
        out.append(of.get((source, example.text), "l_unknown"))
    return out


def explore(runs: dict[Any, Any], names: list[str], families: list[str],
            siblings: dict[str, list[str]]) -> None:  # fmt: skip
    """Every design, each fold scored with the design chosen on the other folds."""
    import json
    import time

    from bench_second_opinion import TUNING, folds

    from broadcaster.responses.triage.floods import template
    from broadcaster.responses.triage.inbox import case_of
    from broadcaster.responses.triage.learned import _seed, seed_sources

    cases = {
        c["id"]: case_of(c) for c in json.loads((TUNING.parent / "cases.json").read_text("utf-8"))
    }
    data = folds()
    started = time.perf_counter()
    cues = seed_cues(runs, names, cases)
    seed, known = _seed()
    labels = [e.label for e in seed]
    sources = seed_sources()
    seed_templates = [template(e.text) or e.text for e in seed]
    scored: dict[tuple[str, str | None], Scored] = {}
    for fold in names:
        case = data[fold][1]
        left = {fold, *siblings.get(fold, [])}
        templates = {template(r["text"]) or r["text"] for r in data[fold][0]}
        for other in siblings.get(fold, []):
            templates |= {template(r["text"]) or r["text"] for r in data[other][0]}
        keep = [i for i, (s, t) in enumerate(zip(sources, seed_templates, strict=True))
                if s not in left and t not in templates]  # fmt: skip
        for key in [(fold, None), *((fold, f) for f in families)]:
            scored[key] = Scored(runs[key], case)
        for name, (with_cues, weight) in VARIANTS.items():
            variant = Variant(known[keep], [cues[i] for i in keep] if with_cues else None,
                              [labels[i] for i in keep], weight)  # fmt: skip
            for key in [(fold, None), *((fold, f) for f in families)]:
                scored[key].read(name, variant)
    print(
        f"# explore: readings of every variant in {time.perf_counter() - started:.0f} s; "
        f"{sum(1 for c in cues if c == 'l_unknown')} seed lines without cue tokens"
    )
    groups: dict[str, list[Design | None]] = {
        "demote, ngrams (the current family)": designs_of(["ngrams"], True, False),
        "demote, all variants": designs_of(list(VARIANTS), True, False),
        "promote only, all variants": designs_of(list(VARIANTS), False, True),
        "the shipped demotion + promote, all variants": [
            None,
            *((name, 0.25, 2.0, p) for name in VARIANTS for p in PROMOTE_MINS if p is not None),
        ],
        "demote + promote, all variants": designs_of(list(VARIANTS), True, True),
    }
    everything = list(dict.fromkeys(d for g in groups.values() for d in g))
    table = table_of(scored, names, families, everything)
    current: Design = ("ngrams", 0.25, 2.0, None)
    for every_f1 in (True, False):
        rule = "every fold's macro F1 kept" if every_f1 else "only the labelled-450 macro F1 kept"
        print(
            f"## thresholds chosen on the other folds with: tip recall >= min(0.90, cues'), {rule}"
        )
        for group, designs in groups.items():
            report(table, names, group, [current, *designs], current, every_f1)
    print("## fixed designs (no choice), every fold: tipP tipR F1 inboxP minR")
    for design in (current, ("ngrams", 0.02, 4.0, None), ("ngrams", 0.02, 2.0, None),
                   ("ngrams", 0.25, 4.0, None), ("ngrams", 0.25, 2.0, 0.80),
                   ("ngrams", None, math.inf, 0.80), ("ngrams+cues", 0.25, 2.0, None),
                   ("ngrams-unweighted", 0.25, 2.0, None)):  # fmt: skip
        print(f"  {design}")
        for fold in names:
            got = table[fold, design]
            print(
                f"    {fold:24} {got['precision']:.3f} {got['recall']:.3f} {got['macro_f1']:.4f} "
                f"{got['inbox_precision']:.3f} {got['drowned_recall']:.3f}"
            )


def report(table: dict[Any, dict[str, Any]], names: list[str], group: str,
           designs: list[Design | None], current: Design, every_f1: bool) -> None:  # fmt: skip
    """Each fold with the design chosen on the others, and whether the whole meets the
    adoption rule: every fold's recall floor and the labelled-450 macro F1 kept, out of fold,
    and lbsh and wlko tip precision above the shipped gate's."""
    print(
        f"# {group}: {len(designs) - 1} designs (the shipped gate among them); per fold the "
        "design chosen on the other folds: tipP tipR F1 inboxP minR | cues | shipped gate"
    )
    meets, raises = True, True
    for fold in names:
        others = [f for f in names if f != fold]
        pick = chosen(table, designs, others, every_f1)
        got, cue, now = table[fold, pick], table[fold, None], table[fold, current]
        ok = allowed(table, pick, [fold], every_f1=False)
        meets &= ok
        if fold in LEAD:
            raises &= got["precision"] > now["precision"] + 1e-9
        print(f"  {fold:24} {pick!s:40} {got['precision']:.3f} {got['recall']:.3f} "
              f"{got['macro_f1']:.4f} {got['inbox_precision']:.3f} {got['drowned_recall']:.3f}"
              f" | {cue['precision']:.3f} {cue['recall']:.3f} {cue['macro_f1']:.4f}"
              f" | {now['precision']:.3f} {now['recall']:.3f} {now['macro_f1']:.4f}"
              f"{'' if ok else '  BREAKS THE RULE'}")  # fmt: skip
    print(
        f"  => out of fold: meets the rule on every fold {meets}; lbsh and wlko tip precision "
        f"above the shipped gate's {raises}; chosen on all folds: "
        f"{chosen(table, designs, names, every_f1)}"
    )
