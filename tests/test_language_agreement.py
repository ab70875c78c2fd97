"""Posts read as written by a native speaker: French agrees with the person's sex when the
campaign gives it (and writes both forms when it does not), and each language has its own
hashtags (#Wanted means nothing to a French reader)."""

from __future__ import annotations

from click.testing import CliRunner
from fixtures_workspace import Workspace

from broadcaster.authoring.prepare import prepare_campaign
from broadcaster.cli import cli


def french_post(workspace: Workspace) -> str:
    prepared = prepare_campaign(workspace.campaign, workspace.settings(), check_credentials=False)
    return next(p.text for p in prepared.posts if p.language.startswith("fr"))


def english_post(workspace: Workspace) -> str:
    prepared = prepare_campaign(workspace.campaign, workspace.settings(), check_credentials=False)
    return next(p.text for p in prepared.posts if p.language == "en")


def test_a_man_is_recherche_and_vu(workspace: Workspace) -> None:
    text = french_post(workspace)
    assert "RECHERCHÉ pour" in text and "Vu en dernier" in text
    assert "(E)" not in text and "(e)" not in text


def test_a_woman_is_recherchee_and_vue(workspace: Workspace) -> None:
    workspace.edit_campaign('sex = "male"', 'sex = "female"')
    text = french_post(workspace)
    assert "RECHERCHÉE pour" in text and "Vue en dernier" in text


def test_without_the_field_both_forms_are_written(workspace: Workspace) -> None:
    workspace.edit_campaign('sex = "male"\n', "")
    text = french_post(workspace)
    assert "RECHERCHÉ(E) pour" in text and "Vu(e) en dernier" in text


def test_each_language_has_its_own_hashtags(workspace: Workspace) -> None:
    assert french_post(workspace).rstrip().endswith("#Recherché")
    assert "#Wanted" not in french_post(workspace)
    assert english_post(workspace).rstrip().endswith("#Wanted")
    # A language without its own list uses the campaign's.
    workspace.edit_campaign('hashtags = ["#Recherché"]\n', "")
    assert french_post(workspace).rstrip().endswith("#Wanted")


def test_a_bad_hashtag_or_sex_is_named_with_its_line(workspace: Workspace) -> None:
    workspace.edit_campaign('hashtags = ["#Recherché"]', 'hashtags = ["Recherché"]')
    workspace.edit_campaign('sex = "male"', 'sex = "m"')
    result = CliRunner().invoke(cli, ["validate", str(workspace.campaign)])
    assert result.exit_code == 2
    assert "case.i18n.fr.hashtags" in result.stderr and "'Recherché' is not a hashtag" in (
        result.stderr
    )
    assert "case.sex" in result.stderr
    assert "Traceback" not in result.stderr
