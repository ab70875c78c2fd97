"""X's weighted length (twitter-text v3): URLs 23, CJK and emoji 2, NFC first."""

from __future__ import annotations

import unicodedata

from click.testing import CliRunner

from broadcaster.authoring.textlen import fits, limit_for, weighted_length
from broadcaster.cli import cli


def test_plain_text_counts_one_per_character() -> None:
    assert weighted_length("Wanted: call 416-222-8477") == 25


def test_every_url_counts_23() -> None:
    short = "https://t.co"
    long = "https://www.tps.ca/wanted/2026-0412/" + "x" * 100
    assert weighted_length(short) == 23
    assert weighted_length(long) == 23
    assert weighted_length(f"see {long} and www.222tips.com") == 4 + 23 + 5 + 23


def test_emoji_and_cjk_count_two() -> None:
    assert weighted_length("🚨") == 2
    assert weighted_length("👨‍👩‍👧") == 2  # one emoji made of five code points
    assert weighted_length("通缉") == 4
    assert weighted_length("지명수배") == 8


def test_latin_accents_count_one_after_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Montréal")
    assert len(decomposed) == 9
    assert weighted_length(decomposed) == weighted_length("Montréal") == 8


def test_limits() -> None:
    assert limit_for("x") == limit_for("sandbox") == 280
    assert fits("a" * 280)
    assert not fits("a" * 281)
    assert fits("🚨" * 140, "sandbox")
    assert not fits("🚨" * 141, "sandbox")


def test_a_post_over_the_limit_names_agency_and_length(workspace) -> None:
    text = workspace.campaign_text()
    french = text[text.index("[case.i18n.fr]") :]
    line = next(x for x in french.splitlines() if x.startswith("description"))
    workspace.edit_campaign(
        line, 'description = "Homme, environ 40 ans. ' + "Très grand. " * 15 + '"'
    )
    result = CliRunner().invoke(cli, ["validate", "campaigns/example.toml"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: campaigns/example.toml: the launch post for agency 'spvm' is 392 weighted "
        "characters; sandbox allows 280. Shorten the case text or the template.\n"
    )
