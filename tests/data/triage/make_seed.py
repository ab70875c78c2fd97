"""Rebuild broadcaster/responses/triage/seed_replies.jsonl, the shipped tuning data the
learned triage model starts from: tests/data/replies_labelled.jsonl and every file of
tests/data/floods/tuning/. Never the held-out sets (replies_heldout.jsonl,
floods/heldout/): they stay out of all training. Run: python tests/data/triage/make_seed.py
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
OUT = DATA.parent.parent / "broadcaster" / "responses" / "triage" / "seed_replies.jsonl"


def main() -> None:
    sources = [
        DATA / "replies_labelled.jsonl",
        *sorted((DATA / "floods" / "tuning").glob("*.jsonl")),
    ]
    seen: set[tuple[str, str]] = set()
    lines = []
    for path in sources:
        assert "heldout" not in str(path)
        source = path.stem
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            row = json.loads(raw)
            text, label = row["text"].strip(), row["label"]
            if not text or (text, label) in seen:
                continue
            seen.add((text, label))
            lines.append(
                json.dumps({"text": text, "label": label, "source": source}, ensure_ascii=False)
            )
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} examples -> {OUT}")


if __name__ == "__main__":
    main()
