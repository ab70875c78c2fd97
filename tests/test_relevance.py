"""Relevance to the case: a tip is about this case, in the officer's language."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from broadcaster.cli import cli
from broadcaster.responses.triage.classify import Triager
from broadcaster.responses.triage.relevance import CaseProfile

ROOT = Path(__file__).resolve().parent.parent
CASE_EN = CaseProfile.from_texts(
    [
        "Man, about 35, shaved head, scar through the right eyebrow, star tattoo behind the ear.",
        "grey zip hoodie, black cargo pants, white high-top sneakers",
        "dark green Kia Soul, dent in the rear bumper",
    ],
    places=["Dunmore Plaza, Harrowgate Falls", "Route 9, Lisle"],
    language="en",
    details=["scar eyebrow tattoo hoodie cargo sneakers Kia Soul bumper dent", "Dunmore Plaza"],
)
CASE_FR = CaseProfile.from_texts(
    ["Fille de 12 ans, manteau rose, tuque à pompon, sac à dos licorne."],
    places=["Dépanneur Giroux, rue Principale, Sainte-Aurélie"],
    language="fr",
    details=["manteau rose tuque pompon sac licorne", "Dépanneur Giroux"],
)


def label(text: str, case: CaseProfile | None = None) -> tuple[str, tuple[str, ...]]:
    verdict = Triager(case=case).label(text)
    return verdict.label, verdict.reasons


def test_a_sighting_at_a_concert_or_in_fiction_is_not_a_tip() -> None:
    assert label("I saw him at the NOVA9 concert in Lisle last night")[0] == "spam"
    got, reasons = label("I saw him at the NOVA9 concert in Lisle last night", CASE_EN)
    assert got == "spam"
    assert reasons[0] == "not about this case: 'concert'"
    got, reasons = label("spotted him at Hogwarts with a grey hoodie 🤣", CASE_EN)
    assert (got, reasons[0]) == ("spam", "not about this case: 'hogwarts'")


def test_a_tip_that_names_the_case_says_so() -> None:
    got, reasons = label(
        "I saw a green Kia Soul with a dented bumper at Dunmore Plaza at 9pm", CASE_EN
    )
    assert got == "tip"
    assert reasons[-1] == "matches the case: 'Dunmore Plaza', 'green', 'Kia'"


def test_reasons_are_in_the_lead_agencys_language() -> None:
    got, reasons = label("Vu la petite avec un manteau rose au Dépanneur Giroux vers 16h", CASE_FR)
    assert got == "tip"
    assert reasons[-1] == "correspond à l'affaire : 'Dépanneur Giroux', 'manteau', 'rose'"
    got, reasons = label("j'ai vu la petite au spectacle de LUMINA, en spectacle hier", CASE_FR)
    assert (got, reasons[0]) == ("spam", "sans rapport avec l'affaire : « en spectacle »")


def test_a_joke_marker_counts_only_against_a_tip_that_names_little_of_the_case() -> None:
    # Without a case, "mdr" proves nothing: plenty of real tips laugh.
    assert label("mdr il fait ses courses au Leclerc tous les samedis vers 10h")[0] == "tip"
    got, reasons = label("the driver is at my ex's house lol", CASE_EN)
    assert (got, reasons[0]) == ("spam", "not about this case: 'lol'")
    # A laughing emoji or "(not)" is the writer saying it is a joke, whatever it names.
    got, reasons = label("the grey hoodie guy is at Dunmore Plaza in a Kia (not)", CASE_EN)
    assert (got, reasons[0]) == ("spam", "not about this case: '(not)'")


def test_someone_else_and_the_writers_own_people_are_not_tips() -> None:
    got, reasons = label("Sharing. My daughter works evenings at a gas station. Scary stuff.")
    assert got == "support"
    assert reasons[0] == "about the writer's own people: 'my daughter works'"
    got, reasons = label("Elle ressemble TELLEMENT à ma nièce en Floride c'est fou", CASE_FR)
    assert (got, reasons[0]) == (
        "spam",
        "au sujet de quelqu'un d'autre : « ressemble tellement a ma »",
    )
    # A likeness with whereabouts is a recognition: a tip.
    text = "looks exactly like my neighbour's nephew Kyle, he's been staying with them since March"
    assert label(text)[0] == "tip"
    got, reasons = label("Elle est partie à pied de l'école? Personne l'a vu sortir?", CASE_FR)
    assert (got, reasons[0]) == ("question", "personne n'a vu : « personne l a vu »")


def test_a_reply_with_no_cue_that_names_the_case_details_is_a_tip() -> None:
    text = "Il avait un Kia vert avec le bumper enfoncé"
    assert label(text)[0] == "spam"  # no cue at all without the case
    got, reasons = label(text, CASE_EN)
    assert (got, reasons) == ("tip", ("matches the case: 'Kia', 'bumper'",))


def test_a_question_first_with_the_writers_own_life_is_a_question() -> None:
    assert label("Is the Esso in Lisle safe now? My kid works there")[0] == "question"
    assert label("Has anyone checked the Wexley motel? someone said the truck was there")[0] == (
        "question"
    )


def triage_cli(*args: str, path: Path, json_output: bool = True) -> tuple[int, str, str]:
    head = ["--agencies", str(ROOT / "agencies.toml")] + (["--json"] if json_output else [])
    result = CliRunner().invoke(cli, [*head, "triage", str(path), *args])
    return result.exit_code, result.stdout, result.stderr


def test_triage_file_with_the_campaign(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    rows = [
        {"id": 1, "text": "I saw him at the concert in Saint John last night"},
        {"id": 2, "text": "he had a tattoo on the left forearm, short dark hair, in Saint John"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, out, err = triage_cli("--campaign", str(ROOT / "campaigns" / "example.toml"), path=path)
    assert (code, err) == (0, "")
    got = json.loads(out)
    assert [r["label"] for r in got] == ["spam", "tip"]
    assert got[0]["reasons"][0] == "not about this case: 'concert'"
    assert got[1]["reasons"] == ["matches the case: 'tattoo', 'forearm', 'dark'"]
    # Without the campaign, the second reply has no cue at all.
    code, out, _ = triage_cli(path=path)
    assert [r["label"] for r in json.loads(out)] == ["spam", "spam"]


def test_triage_with_a_missing_campaign_file_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    path.write_text('{"id": 1, "text": "hello"}\n', encoding="utf-8")
    code, out, err = triage_cli(
        "--campaign", str(tmp_path / "nope.toml"), path=path, json_output=False
    )
    assert (code, out) == (2, "")
    assert err == f"Error: {tmp_path / 'nope.toml'}: campaign file not found.\n"
