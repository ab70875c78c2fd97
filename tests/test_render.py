"""Templates: shipped en/fr for every kind, overrides file by file, sandbox, localized dates."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from broadcaster.authoring.prepare import prepare_campaign, render_for
from broadcaster.authoring.render import TEMPLATE_NAMES, shipped_templates
from broadcaster.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


FOLLOW_UP_EXTRA = {
    "cancel": {"reason": "wrong photo"},
    "repost": {"number": 3},
    "update/note": {"note": "Seen near the station.", "number": 1},
}


def test_shipped_templates_cover_every_kind_in_en_and_fr() -> None:
    root = shipped_templates()
    for name in TEMPLATE_NAMES:
        for language in ("en", "fr"):
            assert (root / name / f"{language}.txt.j2").is_file(), f"{name}/{language}"


@pytest.mark.parametrize("kind", ["wanted", "missing", "appeal"])
@pytest.mark.parametrize("status", ["exercise", "actual"])
def test_every_post_of_an_exercise_says_so(workspace, kind: str, status: str) -> None:
    from broadcaster.authoring.scaffold import write_campaign

    path = write_campaign(
        workspace.folder,
        campaign_id=f"c-{kind}",
        agencies=["tps", "rcmp", "nypd", "spvm"],
        lead="spvm",
        kind=kind,
        status=status,
    )
    prepared = prepare_campaign(path, workspace.settings())
    texts = [p.text for p in prepared.posts]
    for name in ("original", *TEMPLATE_NAMES):
        posts = render_for(prepared, name, extra=FOLLOW_UP_EXTRA.get(name))
        texts += [p.text for p in posts]
        assert all(p.weighted_length <= p.limit for p in posts)
    languages = ["en", "en", "en", "fr"] * (2 + len(TEMPLATE_NAMES))
    for text, language in zip(texts, languages, strict=True):
        marker = {"en": "DRILL", "fr": "EXERCICE"}[language]
        assert (marker in text) == (status == "exercise"), text


def test_override_without_the_marker_still_gets_it(workspace) -> None:
    workspace.write(
        "templates/wanted/en.txt.j2", "Wanted: {{ case.offence }}. {{ agency.tip_line }}"
    )
    prepared = prepare_campaign(workspace.campaign, workspace.settings())
    assert prepared.post_for("tps").text == "DRILL — Wanted: armed robbery. 416-222-8477"


def test_user_templates_override_file_by_file(workspace) -> None:
    workspace.write(
        "templates/wanted/en.txt.j2",
        "{{ drill }} Our own wording for {{ agency.name }}: {{ case.offence }}.",
    )
    prepared = prepare_campaign(workspace.campaign, workspace.settings())
    assert prepared.post_for("rcmp").text == (
        "DRILL Our own wording for RCMP New Brunswick: armed robbery."
    )
    # French still comes from the shipped template; follow-ups too.
    assert prepared.post_for("spvm").text.startswith("EXERCICE : RECHERCHÉ pour")
    assert render_for(prepared, "update/found", agencies=["tps"])[0].text.startswith(
        "DRILL: UPDATE, case 2026-0412"
    )


def test_localized_dates_in_the_agency_language_and_time_zone(workspace) -> None:
    text = workspace.campaign_text()
    launch = next(x for x in text.splitlines() if x.startswith("launch_at"))
    expires = next(x for x in text.splitlines() if x.startswith("expires_at"))
    workspace.edit_campaign(launch, "launch_at = 2031-03-05T03:30:00Z")
    workspace.edit_campaign(expires, "expires_at = 2031-04-05T03:30:00Z")
    line = (
        "{{ drill }} {{ campaign.launch_at | format_date }} / "
        "{{ campaign.launch_at | format_date('EEEE d MMMM') }} / "
        "{{ campaign.launch_at | format_datetime('short') }} {{ agency.tip_line }}"
    )
    workspace.write("templates/wanted/en.txt.j2", line)
    workspace.write("templates/wanted/fr.txt.j2", line)
    prepared = prepare_campaign(workspace.campaign, workspace.settings())
    # 03:30 UTC is the evening before in Toronto (UTC-5) and Moncton (UTC-4).
    assert prepared.post_for("tps").text == (
        "DRILL March 4, 2031 / Tuesday 4 March / 3/4/31, 10:30\u202fPM 416-222-8477"
    )
    assert prepared.post_for("rcmp").text.startswith(
        "DRILL March 4, 2031 / Tuesday 4 March / 3/4/31, 11:30\u202fPM"
    )
    assert prepared.post_for("spvm").text == (
        "EXERCICE 4 mars 2031 / mardi 4 mars / 04/03/2031 22:30 514-393-1133"
    )


def test_template_syntax_error_names_file_and_line(workspace) -> None:
    workspace.write("templates/wanted/en.txt.j2", "Wanted\n{% if case.offence %}\nno end")
    code, _, err = run("validate", "campaigns/example.toml")
    assert code == 2
    assert err.startswith(
        "Error: templates/wanted/en.txt.j2:3: template syntax error: Unexpected end of "
        "template. Jinja was looking for the following tags: "
    )


def test_undefined_variable_names_file_and_line(workspace) -> None:
    workspace.write("templates/repost/fr.txt.j2", "Rappel\n\n{{ case.surnom }}")
    code, _, err = run("validate", "campaigns/example.toml")
    assert code == 2
    assert err == (
        "Error: templates/repost/fr.txt.j2:3: template error for agency 'spvm': "
        "'dict object' has no attribute 'surnom'.\n"
    )


def test_sandbox_refuses_python_internals(workspace) -> None:
    workspace.write(
        "templates/wanted/en.txt.j2",
        "{{ agency.__class__.__init__.__globals__ }}",
    )
    code, out, err = run("preview", "campaigns/example.toml")
    assert code == 2
    assert "  - templates/wanted/en.txt.j2:1: template error for agency 'tps': access to " in err
    assert "__globals__" not in out


def test_language_without_a_template_is_invalid(workspace) -> None:
    text = workspace.agencies_path.read_text()
    workspace.agencies_path.write_text(text.replace('language = "fr"', 'language = "de"'))
    workspace.campaign.write_text(
        workspace.campaign_text()
        + '\n[case.i18n.de]\noffence = "bewaffneter Raub"\ndescription = "Mann, etwa 40."\n'
        'last_seen = "Saint John, 20. November"\nphoto_alt = "Foto eines Mannes."\n'
    )
    code, _, err = run("validate", "campaigns/example.toml")
    assert code == 2
    assert (
        "no template wanted/de.txt.j2 (shipped or in templates/); write one for language 'de'."
        in err
    )
    workspace.write("templates/wanted/de.txt.j2", "{{ drill }} GESUCHT: {{ case.offence }}")
    for name in TEMPLATE_NAMES[3:]:
        workspace.write(f"templates/{name}/de.txt.j2", "{{ agency.tip_line }} " + name)
    code, out, err = run("--json", "preview", "campaigns/example.toml", "--agency", "spvm")
    assert code == 0, err
    assert '"text": "ÜBUNG GESUCHT: bewaffneter Raub"' in out


def test_case_text_is_data_never_a_template(workspace) -> None:
    workspace.edit_campaign(
        'offence = "armed robbery"\n', 'offence = "armed robbery {{ 7*7 }} {% if x %}"\n', count=2
    )
    prepared = prepare_campaign(workspace.campaign, workspace.settings())
    assert "WANTED for armed robbery {{ 7*7 }} {% if x %}." in prepared.post_for("tps").text


def test_runaway_templates_are_refused(workspace) -> None:
    workspace.write("templates/wanted/en.txt.j2", "{{ 'x' * 10**9 }}")
    code, _, err = run("validate", "campaigns/example.toml")
    assert code == 2
    assert "templates/wanted/en.txt.j2:1: template error for agency 'tps': " in err
