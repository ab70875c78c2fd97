"""Malformed campaign, agency and template files (fuzzed): exit 0 or 2, never a traceback.

Campaign files travel between agencies and are edited by hand under pressure; whatever
arrives, the answer is a sentence. Bugs re-raise under tests (BROADCASTER_RAISE_BUGS), so
any exception other than the CLI's own exit fails the example.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadcaster.cli import cli

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure reproduces
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values of every TOML type, plus the strings that trip validators.
toml_values = st.sampled_from(
    [
        '""',
        '"x"',
        '"  "',
        '"é🚨通缉"',
        '"{{ 7*7 }}"',
        '"{% if %}"',
        '"../../../etc/passwd"',
        '"America/Nowhere"',
        '"zz-ZZ"',
        '"@"',
        '"12h"',
        '"0h"',
        '"-5h"',
        '"25:00"',
        '["08:00"]',
        '["21:00", "08:00"]',
        "0",
        "-1",
        "99999999999999999999",
        "1.5",
        "nan",
        "true",
        "[]",
        "[1, 2]",
        '["tps", "tps"]',
        "{}",
        "{ a = 1 }",
        "2020-01-01",
        "2020-01-01T00:00:00",
        "2099-01-01T00:00:00Z",
        "1999-12-31T23:59:59-05:00",
        "09:00:00",
    ]
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(
            st.sampled_from(["value", "delete", "duplicate", "swap", "key", "chars", "table"])
        )
        line = lines[index]
        if action == "value" and "=" in line:
            key = line.split("=", 1)[0]
            lines[index] = f"{key}= {draw(toml_values)}"
        elif action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "key" and "=" in line:
            key, value = line.split("=", 1)
            new_key = draw(st.sampled_from(["kindd", "photo", "i18n", "case", "lead", "x-y"]))
            lines[index] = f"{new_key} ={value}" if key.strip() else line
        elif action == "table":
            header = draw(
                st.sampled_from(
                    ["[case]", "[[reposts]]", "[case.i18n.de]", "[agency.new]", "[agency]", "[x]"]
                )
            )
            lines.insert(index, header)
        else:
            junk = draw(st.text(st.characters(codec="utf-8"), max_size=12))
            cut = draw(st.integers(0, len(line)))
            lines[index] = line[:cut] + junk + line[cut + draw(st.integers(0, 5)) :]
    return "\n".join(lines) + "\n"


def check(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.stderr.startswith("Error: ")


@FUZZ
@given(data=st.data())
def test_mutated_campaign_files(workspace, data: st.DataObject) -> None:
    original = workspace.campaign.read_text() if not hasattr(workspace, "_orig") else None
    base = getattr(workspace, "_orig", None) or original
    workspace._orig = base  # type: ignore[attr-defined]
    workspace.campaign.write_text(data.draw(mutated(base)), encoding="utf-8")
    check(["validate", "campaigns/example.toml"])
    check(["--json", "preview", "campaigns/example.toml"])


@FUZZ
@given(data=st.data())
def test_mutated_agency_files(workspace, data: st.DataObject) -> None:
    base = getattr(workspace, "_orig", None) or workspace.agencies_path.read_text()
    workspace._orig = base  # type: ignore[attr-defined]
    workspace.agencies_path.write_text(data.draw(mutated(base)), encoding="utf-8")
    check(["validate", "campaigns/example.toml"])
    check(["agencies", "list"])


TEMPLATE_SNIPPETS = [
    "{{ case.offence }}",
    "{{ case.nope }}",
    "{{ nope }}",
    "{% if %}",
    "{% for x in hashtags %}{{ x }}{% endfor %}",
    "{{ campaign.launch_at | format_date }}",
    "{{ campaign.launch_at | format_date('zzzz') }}",
    "{{ campaign.launch_at | format_date('yyyy-MM-dd HH:mm') }}",
    "{{ case.description | format_date }}",
    "{{ 1 / 0 }}",
    "{{ agency.__class__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ range(10**9) | list | length }}",
    "{{ 'x' * 400 }}",
    "{{ 'x' * 10**9 }}",
    "{{ 9 ** 999999 }}",
    "{{ [1] * 100000000 }}",
    "{% include 'wanted/fr.txt.j2' %}",
    "{% include 'nothing.j2' %}",
    "{% extends 'wanted/en.txt.j2' %}",
    "{{ campaign.case.photo.read_bytes() }}",
    "{{ hashtags[9] }}",
    "{{ link.upper() }}",
    "{% raw %}",
    "}}{{",
]


@FUZZ
@given(
    name=st.sampled_from(["wanted/en", "wanted/fr", "repost/en", "cancel/fr", "update/found/en"]),
    parts=st.lists(st.one_of(st.sampled_from(TEMPLATE_SNIPPETS), st.text(max_size=20)), max_size=5),
)
def test_mutated_templates(workspace, name: str, parts: list[str]) -> None:
    for old in (workspace.folder / "templates").rglob("*.j2"):
        old.unlink()
    path = workspace.folder / "templates" / f"{name}.txt.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(parts), encoding="utf-8")
    check(["validate", "campaigns/example.toml"])


def test_binary_and_empty_files(workspace) -> None:
    for content in (b"", b"\x00\xff\xfe garbage", "é".encode("latin-1")):
        workspace.campaign.write_bytes(content)
        check(["validate", "campaigns/example.toml"])
    Path(workspace.agencies_path).write_bytes(b"\xff\xfe")
    check(["agencies", "list"])
