"""A learned second opinion on the cues' weak tips (issue #13: the tips inbox).

The cue rules were tuned on the threads they are judged on; on a thread nobody tuned on,
their tips inbox fills with replies that merely mention the case ("the care home should be
ashamed", "volunteers are out with torches by the woods"). The learned model of learned.py
(trained on the shipped tuning data, `seed_replies.jsonl`) reads each reply's masked
template as a whole, which the cues do not.

The gate: a reply the cues call a tip is shown to the model only when that tip is weak (its
summed cue weight at most SCORE_MAX) and it belongs to no flood or burst (the flood rules
decide those). When the model gives it at most TIP_MAX chance of being a tip, the reply
takes the label the model reads, with a reason saying so in the reply's language: "model:
reads like a message of support, not a tip (0.97)". It never touches a reply an officer's
correction moved (learned.py runs first and its moves stand), nor an officer's relabel
(those are not re-triaged).

TIP_MAX and SCORE_MAX were chosen by benchmarks/bench_second_opinion.py on the tuning
threads and the labelled replies, each judged by a model that did not train on it
(leave-one-thread-out); never on a held-out set. Re-measured on nine folds with the two
threads whose cues nobody tuned (Lorimer Bay, Wabeskay Lake; tip precision 0.647 -> 0.673
and 0.705 -> 0.738, no tip lost anywhere). A wider gate (more cue weight, a surer or looser
model), promoting a missed tip the model reads with 0.70-0.98 confidence when it names the
case, cue reasons and relevance as features, and no class weights were each chosen by nested
cross-validation and none kept every fold's tip recall and the labelled replies' macro F1 out
of fold while lifting both threads: the model calls many real tips written in another voice
not-tips with 0.9+ confidence, and only the cue weight cap (SCORE_MAX) keeps it off them.
Predictions are cached by template, as learned.py caches them; the model is trained once a
process, when a weak tip first needs it (about 34 MiB held: weights 20, the seed's matrix 11;
benchmarks/bench_second_opinion.py).
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from broadcaster.responses.triage.floods import template
from broadcaster.responses.triage.lexicon import LANGUAGE_MARKERS
from broadcaster.responses.triage.verdict import Verdict

if TYPE_CHECKING:
    from broadcaster.responses.triage.learned import LearnedModel

TIP_MAX = 0.25  # the model's chance of a tip at most this: vetoed
SCORE_MAX = 2.0  # a tip with more cue weight than this is not second-guessed
CACHE = 8_192  # readings kept, by template
MAX_REASONS = 8

READS = {
    "en": {
        "support": "a message of support",
        "question": "a question",
        "spam": "spam",
        "abuse": "abuse",
    },
    "fr": {
        "support": "un message de soutien",
        "question": "une question",
        "spam": "du spam",
        "abuse": "un abus",
    },
}
REASONS = {
    "en": "model: reads like {reads}, not a tip ({p:.2f})",
    "fr": "modèle : se lit comme {reads}, pas un indice ({p:.2f})",
}
# Reasons a relabel or the officers' model gives (tips.py, learned.py): their word stands.
_OFFICERS = ("relabelled ", "like reply ", "comme la réponse ")
_MARKERS = {lang: frozenset(words.split()) for lang, words in LANGUAGE_MARKERS.items()}
_WORD = re.compile(r"[a-z]+")


class Reading(NamedTuple):
    """What the model reads: its chance of a tip, and the likeliest other label."""

    tip: float
    label: str
    probability: float


def language_of(text: str, default: str = "en") -> str:
    """en or fr, from the words only one of them uses (classify.language_of's markers)."""
    low = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    words = set(_WORD.findall(low))
    english = len(words & _MARKERS["en"])
    french = len(words & _MARKERS["fr"])
    if english == french:
        return default if default in REASONS else "en"
    return "en" if english > french else "fr"


def in_a_flood(verdict: Verdict) -> bool:
    """A member of a flood or burst (flood_key), or a tip of a large slow cluster ("one of
    N replies of one template", floods.Cluster.noted): the flood rules decide those."""
    return verdict.flood_key is not None or any(r.startswith("one of ") for r in verdict.reasons)


def by_an_officer(verdict: Verdict) -> bool:
    return any(r.startswith(_OFFICERS) for r in verdict.reasons)


def consulted(verdict: Verdict, score_max: float = SCORE_MAX) -> bool:
    """Whether the model is asked at all: a weak cue tip of no flood, no officer's word."""
    return (
        verdict.label == "tip"
        and verdict.score <= score_max
        and not in_a_flood(verdict)
        and not by_an_officer(verdict)
    )


class SecondOpinion:
    """The gate over a trained LearnedModel (or one trained on first use from the seed)."""

    def __init__(
        self,
        model: LearnedModel | None = None,
        *,
        officers: LearnedModel | None = None,
        tip_max: float = TIP_MAX,
        score_max: float = SCORE_MAX,
        language: str = "en",
    ) -> None:
        """`model`: the model that reads (None: the shipped tuning data's, trained once a
        process when first needed). `officers`: the deployment's model of its officers'
        corrections (learned.py), which moves replies first."""
        self._model = model
        self.officers = officers
        self.tip_max = tip_max
        self.score_max = score_max
        self.language = language if language in REASONS else "en"
        self._cache: dict[str, Reading] = {}
        self.consulted = 0  # replies shown to the model (a figure for the benchmarks)

    @classmethod
    def off(cls, officers: LearnedModel | None = None) -> SecondOpinion:
        """No second opinion: the cues (and the officers' model) alone."""
        return cls(officers=officers, score_max=-math.inf)

    @property
    def model(self) -> LearnedModel:
        if self._model is None:
            self._model = shipped_model()
        return self._model

    def readings(self, texts: Sequence[str]) -> list[Reading]:
        """The model's reading of each text, by template (copies are read once)."""
        keys = [template(t) or t for t in texts]
        todo = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if todo:
            model = self.model
            probabilities = model.probabilities(todo)
            labels = model.labels
            tip = labels.index("tip") if "tip" in labels else None
            if len(self._cache) + len(todo) > CACHE:
                self._cache.clear()
            for key, row in zip(todo, probabilities, strict=True):
                others = [j for j in range(len(labels)) if j != tip]
                best = max(others, key=lambda j: row[j])
                chance = float(row[tip]) if tip is not None else 0.0
                self._cache[key] = Reading(chance, labels[best], float(row[best]))
        return [self._cache[k] for k in keys]

    def revise(self, texts: Sequence[str], verdicts: Sequence[Verdict]) -> list[Verdict]:
        """The verdicts, moved first by the officers' model, then weak tips vetoed."""
        moved = list(verdicts)
        if self.officers is not None:
            moved = self.officers.revise(texts, verdicts)
        if self.score_max < 0:
            return moved
        todo = [
            i
            for i, v in enumerate(moved)
            if v is verdicts[i] and consulted(v, self.score_max) and texts[i].strip()
        ]
        if not todo:
            return moved
        self.consulted += len(todo)
        for i, reading in zip(todo, self.readings([texts[i] for i in todo]), strict=True):
            if reading.tip > self.tip_max:
                continue
            verdict = moved[i]
            language = language_of(texts[i], self.language)
            reason = REASONS[language].format(
                reads=READS[language].get(reading.label, reading.label), p=1.0 - reading.tip
            )
            moved[i] = verdict._replace(
                label=reading.label, reasons=(reason, *verdict.reasons)[:MAX_REASONS]
            )
        return moved


_SHIPPED: list[LearnedModel] = []
_LOCK = threading.Lock()


def shipped_model() -> LearnedModel:
    """The model of the shipped tuning data, trained once a process (deterministic: fixed
    random_state; nothing stored, nothing pickled)."""
    from broadcaster.responses.triage.learned import LearnedModel, _seed

    with _LOCK:
        if not _SHIPPED:
            seed, known = _seed()
            _SHIPPED.append(LearnedModel(seed, known=known))
        return _SHIPPED[0]


def trained_without(sources: Iterable[str], texts: Iterable[str] = ()) -> LearnedModel:
    """A model of the shipped tuning data without `sources` (a thread, for the benchmark's
    leave-one-thread-out) nor any line of the same template as one of `texts`."""
    from broadcaster.responses.triage.learned import LearnedModel, _seed, seed_sources

    seed, known = _seed()
    left_out = set(sources)
    templates = {template(t) or t for t in texts}
    keep = [
        i
        for i, (example, source) in enumerate(zip(seed, seed_sources(), strict=True))
        if source not in left_out and (template(example.text) or example.text) not in templates
    ]
    return LearnedModel([seed[i] for i in keep], known=known[keep])


def with_second_opinion(model: LearnedModel | None, language: str = "en") -> SecondOpinion:
    """What Triager revises settled verdicts with: the officers' model when the deployment
    has one, then the gate (`language`: the case's, for a reply in neither en nor fr)."""
    return SecondOpinion(officers=model, language=language)
