"""The deployment's own model, learned from its officers' corrections (`tips --relabel`).

A linear classifier (scikit-learn's SGDClassifier, logistic loss, fixed random_state) over
hashed word and character n-grams of each reply's *template* (floods.template: names,
numbers, handles, links and hashtags masked), so that a new wave written from other
templates of a family an officer corrected reads like it. HashingVectorizer keeps no
vocabulary: memory does not grow with what it reads.

It learns from the shipped tuning data (`seed_replies.jsonl`, built from the tuning sets
by tests/data/triage/make_seed.py; never from a held-out set) plus every correction stored
in the deployment's database, the officer's own relabels weighing CORRECTION_WEIGHT and
the members of a cluster that followed one weighing 1 (at most PROPAGATED_MAX a cluster;
the latest CORRECTIONS_MAX in all).

Rebuilt on demand, never stored: training on a few thousand short texts takes well under a
second (benchmarks/bench_learned.py), the corrections in the database are the truth it is
rebuilt from, and nothing read from a stranger's reply is ever pickled or unpickled. One
model per database and state of its corrections is kept in the process.

It sits on top of the cues and moves a reply only with a stated reason: when it is
confident (MOVE_MIN), the label it reads is one an officer gave, and a correction of that
label is close to the reply (NEAR_MIN, cosine of their n-grams), the reply takes that label
with "like reply R that officer O relabelled L: '…'". It never moves a member of a
coordinated flood (the flood rules decide those) nor a reply an officer relabelled (those
are not re-triaged; the officer's label stays).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from broadcaster.responses.triage.floods import template
from broadcaster.responses.triage.verdict import Verdict

if TYPE_CHECKING:
    from sqlalchemy import Engine

SEED = Path(__file__).with_name("seed_replies.jsonl")
RANDOM_STATE = 13
EPOCHS = 12  # passes of SGD over the examples: more moved no figure of bench_learned
FEATURES = 2**18  # per vectoriser; hashed, so nothing grows with the data
CORRECTION_WEIGHT = 5.0
PROPAGATED_MAX = 20  # members of one relabelled cluster that train the model
CORRECTIONS_MAX = 2_000  # the latest corrections train it: retraining stays bounded
MOVE_MIN = 0.7
TIP_MOVE_MIN = 0.85
NEAR_MIN = 0.25
CACHE = 8_192  # predictions kept per model, by template
MAX_REASONS = 8

REASONS = {
    "en": "like reply {reply} that officer {by} relabelled {label}: '{sample}' (model {p:.2f})",
    "fr": "comme la réponse {reply} que l'agent {by} a reclassée {label} : « {sample} » "
    "(modèle {p:.2f})",
}


class Example(NamedTuple):
    text: str
    label: str
    weight: float = 1.0
    reply: str | None = None  # a correction: the reply relabelled ...
    by: str | None = None  # ... and the officer who did it


def seed_examples(exclude: Iterable[str] = ()) -> list[Example]:
    """The shipped tuning data; `exclude` names sources left out (a flood family, for a
    test that the model learns it from corrections alone)."""
    left_out = set(exclude)
    out = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row["source"] not in left_out:
                out.append(Example(row["text"], row["label"]))
    return out


@lru_cache(maxsize=1)
def seed_sources() -> tuple[str, ...]:
    """The source of each line of the shipped tuning data, in seed_examples() order."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line)["source"] for line in lines if line.strip())


class Prediction(NamedTuple):
    label: str
    probability: float
    near: Example | None  # the closest correction of that label
    similarity: float


def _vectorisers() -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import HashingVectorizer

    words = HashingVectorizer(
        analyzer="word", ngram_range=(1, 2), n_features=FEATURES, alternate_sign=False,
        token_pattern=r"<?\w+>?",
    )  # fmt: skip
    chars = HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), n_features=FEATURES, alternate_sign=False
    )
    return words, chars


_VECTORISERS = lru_cache(maxsize=1)(_vectorisers)


class LearnedModel:
    """Officers' corrections and the tuning data, as one linear classifier."""

    def __init__(
        self, examples: Sequence[Example], *, language: str = "en", known: Any = None
    ) -> None:
        """`known`: the matrix of the first examples, already vectorised (the shipped
        tuning data, vectorised once a process: retraining then reads only corrections)."""
        import numpy as np
        from scipy.sparse import vstack
        from sklearn.linear_model import SGDClassifier

        started = time.perf_counter()
        self.language = language if language in REASONS else "en"
        self.corrections = [e for e in examples if e.reply is not None]
        self.officer_labels = frozenset(e.label for e in self.corrections)
        done = 0 if known is None else known.shape[0]
        if known is None:
            matrix = self._matrix([e.text for e in examples])
        elif done < len(examples):
            matrix = vstack([known, self._matrix([e.text for e in examples[done:]])]).tocsr()
        else:  # every example already vectorised (the second opinion's folds)
            matrix = known.tocsr()
        self._classifier = SGDClassifier(
            loss="log_loss", alpha=2e-5, max_iter=EPOCHS, tol=None, random_state=RANDOM_STATE,
            class_weight="balanced",
        )  # fmt: skip
        self._classifier.fit(
            matrix, [e.label for e in examples], sample_weight=[e.weight for e in examples]
        )
        self.labels = list(self._classifier.classes_)
        rows = [i for i, e in enumerate(examples) if e.reply is not None]
        self._near = matrix[rows] if rows else None
        self._cache: dict[str, Prediction] = {}
        by_label: dict[str, list[int]] = {}
        for j, example in enumerate(self.corrections):
            by_label.setdefault(example.label, []).append(j)
        self._by_label = {label: np.array(js) for label, js in by_label.items()}
        self.size = len(examples)
        self.seconds = time.perf_counter() - started

    def _matrix(self, texts: Sequence[str]) -> Any:
        return self._vectorise(texts)

    @staticmethod
    def _vectorise(texts: Sequence[str]) -> Any:
        from scipy.sparse import hstack
        from sklearn.preprocessing import normalize

        words, chars = _VECTORISERS()
        masked = [template(t) or t for t in texts]
        return normalize(hstack([words.transform(masked), chars.transform(masked)]).tocsr())

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """The label each text reads as, how sure, and the nearest correction of it."""
        keys = [template(t) or t for t in texts]
        todo = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if todo:
            matrix = self._matrix(todo)
            probabilities = self._classifier.predict_proba(matrix)
            similar = (matrix @ self._near.T).toarray() if self._near is not None else None
            if len(self._cache) + len(todo) > CACHE:
                self._cache.clear()
            for i, key in enumerate(todo):
                best = int(probabilities[i].argmax())
                label = self.labels[best]
                near, similarity = None, 0.0
                columns = self._by_label.get(label)
                if similar is not None and columns is not None:
                    # The closest correction of that label: one row of the similarities.
                    row = similar[i, columns]
                    j = int(row.argmax())
                    if row[j] > 0:
                        near, similarity = self.corrections[columns[j]], float(row[j])
                self._cache[key] = Prediction(
                    label, float(probabilities[i, best]), near, similarity
                )
        return [self._cache[k] for k in keys]

    def probabilities(self, texts: Sequence[str]) -> Any:
        """Each label's probability (columns in `labels` order) for each text; uncached
        (second_opinion.py caches its readings by template)."""
        return self._classifier.predict_proba(self._matrix(texts))

    def revise(self, texts: Sequence[str], verdicts: Sequence[Verdict]) -> list[Verdict]:
        """The verdicts, each moved to the label the model reads when it may (module doc)."""
        out = list(verdicts)
        todo = [i for i, v in enumerate(verdicts) if _movable(v) and texts[i].strip()]
        if not todo or not self.officer_labels:
            return out
        for i, found in zip(todo, self.predict([texts[i] for i in todo]), strict=True):
            verdict = out[i]
            if found.label == verdict.label or found.label not in self.officer_labels:
                continue
            needed = TIP_MOVE_MIN if "tip" in (found.label, verdict.label) else MOVE_MIN
            if found.probability < needed or found.near is None or found.similarity < NEAR_MIN:
                continue
            near = found.near
            sample = " ".join(near.text.split())
            reason = REASONS[self.language].format(
                reply=near.reply, by=near.by, label=found.label, p=found.probability,
                sample=sample if len(sample) <= 60 else sample[:59] + "…",
            )  # fmt: skip
            out[i] = verdict._replace(
                label=found.label, reasons=(reason, *verdict.reasons)[:MAX_REASONS]
            )
        return out


@lru_cache(maxsize=1)
def _seed() -> tuple[list[Example], Any]:
    """The shipped tuning data and its matrix, once a process (the vectorisers are
    stateless: hashing needs no fitting)."""
    seed = seed_examples()
    return seed, LearnedModel._vectorise([e.text for e in seed])


def _movable(verdict: Verdict) -> bool:
    """Not a member of a coordinated flood (flood_key is the cluster's id there)."""
    return verdict.flood_key is None or verdict.flood_key != verdict.cluster


# -- the deployment's model, rebuilt from its database on demand ---------------------------


@dataclass(frozen=True)
class _State:
    url: str
    count: int
    last: Any
    language: str


_MODELS: dict[_State, LearnedModel] = {}
_LOCK = threading.Lock()


def stored_examples(engine: Engine) -> list[Example]:
    """Every correction stored in the deployment's database (all campaigns): the officer's
    own relabels, and up to PROPAGATED_MAX members of each cluster that followed one."""
    from sqlalchemy import select

    from broadcaster.storage.models import Reply

    replies = Reply.__table__  # type: ignore[attr-defined]
    query = (
        select(
            replies.c.text,
            replies.c.label,
            replies.c.remote_id,
            replies.c.relabelled_by,
            replies.c.relabelled_via,
        )
        .where(replies.c.relabelled_by.is_not(None), replies.c.text.is_not(None))
        .order_by(replies.c.relabelled_at, replies.c.id)
    )
    out: list[Example] = []
    followed: dict[str, int] = {}
    with engine.connect() as connection:
        for text, label, reply, by, via in connection.execute(query):
            if not text or not text.strip():
                continue
            if via is None:
                out.append(Example(text, label, CORRECTION_WEIGHT, reply, by))
            elif followed.get(via, 0) < PROPAGATED_MAX:
                followed[via] = followed.get(via, 0) + 1
                out.append(Example(text, label, 1.0))
    return out[-CORRECTIONS_MAX:]


def deployment_model(engine: Engine, *, language: str = "en") -> LearnedModel | None:
    """The model of this deployment's corrections; None while no officer has relabelled a
    reply (triage is then the cues alone, at no cost). Rebuilt when a correction is added."""
    from sqlalchemy import func, select

    from broadcaster.storage.models import Reply

    replies = Reply.__table__  # type: ignore[attr-defined]
    with engine.connect() as connection:
        count, last = connection.execute(
            select(func.count(), func.max(replies.c.relabelled_at)).where(
                replies.c.relabelled_by.is_not(None)
            )
        ).one()
    if not count:
        return None
    state = _State(str(engine.url), int(count), last, language)
    with _LOCK:
        model = _MODELS.get(state)
        if model is None:
            corrections = stored_examples(engine)
            if not corrections:
                return None
            seed, known = _seed()
            model = LearnedModel([*seed, *corrections], language=language, known=known)
            if len(_MODELS) >= 4:
                _MODELS.clear()
            _MODELS[state] = model
    return model


def model_of_database(url: str, *, language: str = "en") -> LearnedModel | None:
    """`triage FILE --campaign`: the model of the deployment's database at `url`, or None
    when there is no database there yet (nothing was corrected) or it cannot be read
    (the cues alone still triage the file)."""
    from sqlalchemy.exc import SQLAlchemyError

    from broadcaster.storage.db import open_db, sqlite_path

    path = sqlite_path(url)
    if path is not None and not path.is_file():
        return None
    try:
        engine = open_db(url)
    except SQLAlchemyError:
        return None
    try:
        return deployment_model(engine, language=language)
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()
