"""Every error a template raises while it renders ends as one sentence naming the template
file, exit 2: the empty-sequence filters, and what the fuzzer once found outside the
errors render.py expected (`cycler()` without items raises RuntimeError,
`truncate(-1)` an AssertionError)."""

from __future__ import annotations

import pytest
from test_hostile_templates import TEMPLATE, validate


def said(workspace, template: str) -> str:
    """Write the template, validate, and return the reason given for agency tps, checking
    that it is one sentence naming the template's file and line, exit 2, no traceback."""
    workspace.write(TEMPLATE, template)
    code, _, err = validate()
    assert code == 2, err
    assert "Traceback" not in err
    (line,) = [x for x in err.splitlines() if "agency 'tps'" in x]
    for kind in ("template error", "template failed"):
        head = f"  - {TEMPLATE}:1: {kind} for agency 'tps': "
        if line.startswith(head):
            return line.removeprefix(head)
    raise AssertionError(line)


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("{{ [] | random }}", "No random item, sequence was empty."),
        ("{{ [] | first }}", "No first item, sequence was empty."),
        ("{{ [] | last }}", "No last item, sequence was empty."),
        ("{{ [] | min }}", "No aggregated item, sequence was empty."),
        ("{{ [] | max }}", "No aggregated item, sequence was empty."),
        ("{{ cycler() }}", "at least one item has to be provided."),
        ("{{ cycler().next() }}", "at least one item has to be provided."),
        ("{{ 'a' | truncate(-1) }}", "expected length >= 3, got -1."),
        ("{{ 'a' | wordwrap(0) }}", "invalid width 0 (must be > 0)."),
        ("{{ [1, 2] | slice(0) | list }}", "integer division or modulo by zero."),
    ],
)
def test_a_template_error_is_one_sentence_naming_the_file(
    workspace, template: str, reason: str
) -> None:
    assert said(workspace, template) == reason


def test_an_error_without_words_says_its_kind() -> None:
    from broadcaster.authoring.render import _reason

    assert _reason(AssertionError()) == "AssertionError raised"
    assert _reason(RuntimeError("at least one item has to be provided.")) == (
        "at least one item has to be provided"
    )
