"""The model learned from officers' corrections (broadcaster/responses/triage/learned.py).

- Retraining is bounded: the model is rebuilt from the shipped tuning data and the stored
  corrections whenever a correction is added, so its training time on 50, 500 and 2,000
  corrections (CORRECTIONS_MAX, the most it reads) is the figure; the aim is 1 s on an idle
  core, and the machine's load average is printed beside it (a shared machine slows it).
- What corrections buy, per flood family of the TUNING sets: an officer corrects the replies
  of half the family's templates that triage gets wrong one by one; the other half (a new
  wave, never trained on; the shipped data leaves the whole family out) is triaged one reply
  at a time with and without the model. The held-out family is never used here.
- Revising: µs per reply the model looks at (distinct templates; copies are cached).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _common import figure

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "tests" / "data" / "floods" / "tuning"
FAMILIES = ("kpop_fancam", "joke_sightings", "political_hijack", "quote_brigade")
RETRAIN_TARGET = 1.0  # seconds


def _rows(name: str) -> list[dict[str, Any]]:
    lines = (TUNING / f"flood_{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, filter(None, lines)) if r["text"].strip()]


def _template(row: dict[str, Any]) -> str:
    return str(row["note"].split(":")[0].split()[-1])


def retrain() -> None:
    from broadcaster.responses.triage.learned import CORRECTIONS_MAX, Example, LearnedModel, _seed

    seed, known = _seed()  # vectorised once a process, as deployment_model does
    LearnedModel(seed[:200])  # imports and first-call set-up are not retraining
    texts = [r["text"] for name in FAMILIES for r in _rows(name)]
    for count in (50, 500, CORRECTIONS_MAX):
        corrections = [
            Example(texts[i % len(texts)] + f" {i}", "spam", 5.0, f"r{i}", "lee")
            for i in range(count)
        ]
        started = time.perf_counter()
        LearnedModel([*seed, *corrections], known=known)
        took = time.perf_counter() - started
        figure(
            "learned",
            f"retrain on {len(seed):,} shipped examples + {count:,} corrections",
            round(took, 3),
            "s",
            target=f"<= {RETRAIN_TARGET} s",
            ok=took <= RETRAIN_TARGET,
            baseline="rebuilt on demand when a correction is added; nothing stored; the "
            f"shipped examples vectorised once a process; load average {os.getloadavg()[0]:.1f}",
        )


def new_waves() -> None:
    from broadcaster.responses.triage.classify import classify
    from broadcaster.responses.triage.learned import Example, LearnedModel, seed_examples

    for name in FAMILIES:
        rows = _rows(name)
        names = sorted({_template(r) for r in rows})
        first = set(names[0::2])
        wave = [r for r in rows if _template(r) in first]
        new = list({r["text"]: r for r in rows if _template(r) not in first}.values())
        wrong = [r for r in wave if classify(r["text"]).label != r["label"]]
        corrections = [Example(r["text"], r["label"], 5.0, r["id"], "lee") for r in wrong]
        model = LearnedModel([*seed_examples(exclude=[f"flood_{name}"]), *corrections])
        verdicts = [classify(r["text"], has_media=r["has_media"]) for r in new]
        started = time.perf_counter()
        revised = model.revise([r["text"] for r in new], verdicts)
        per_reply = (time.perf_counter() - started) / len(new) * 1e6
        before = sum(v.label == r["label"] for v, r in zip(verdicts, new, strict=True))
        after = sum(v.label == r["label"] for v, r in zip(revised, new, strict=True))
        figure(
            "learned",
            f"tuning {name}: a new wave (other templates) right, one reply at a time",
            round(after / len(new), 3),
            "share",
            target="(informational: higher than without the model)",
            ok=after >= before,
            baseline=f"{before / len(new):.3f} without the model; {len(corrections)} "
            f"corrections of the first wave; n={len(new)}; revise {per_reply:.0f} µs/reply",
        )


def main() -> None:
    retrain()
    new_waves()


if __name__ == "__main__":
    main()
