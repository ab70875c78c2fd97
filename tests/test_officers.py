"""The officer registry: officers.toml validated with file:line, ids that cannot look alike,
keys read with `cryptography`, `officers list` / `officers add`."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_workspace import Workspace
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_files import check, mutated

from broadcaster.authoring.officers import (
    generate_key,
    load_officers,
    load_officers_beside,
    normalize_id,
    read_private_key,
    signer_for,
)
from broadcaster.cli import cli
from broadcaster.errors import (
    OfficersInvalid,
    PassphraseRequired,
    RoleMissing,
    SigningKeyInvalid,
    UnknownOfficer,
)

ZWSP = "\u200b"
CYRILLIC_A = "\u0430"


def _pub(folder: Path, name: str) -> str:
    return generate_key(folder / "k" / name, name)


def _write(folder: Path, body: str) -> Path:
    path = folder / "officers.toml"
    path.write_text(body, encoding="utf-8")
    return path


def _table(officer_id: str, key: str, *, agency: str = "tps", roles: str = '["approver"]') -> str:
    return (
        f"[officer.{json.dumps(officer_id, ensure_ascii=False)}]\n"
        f'name = "Officer {officer_id}"\nagency = "{agency}"\nroles = {roles}\nkey = "{key}"\n\n'
    )


def test_ids_are_normalised_and_look_alikes_refused() -> None:
    assert normalize_id("Dana.Lee") == "dana.lee"
    assert normalize_id("ｌｅｅ") == "lee"  # fullwidth letters are the same officer as lee
    with pytest.raises(ValueError) as invisible:
        normalize_id(f"alice{ZWSP}")
    assert str(invisible.value) == "holds an invisible character (U+200B ZERO WIDTH SPACE)"
    with pytest.raises(ValueError) as confusable:
        normalize_id(f"{CYRILLIC_A}lice")
    assert str(confusable.value) == (
        "holds a letter that can pass for a Latin one (U+0430 CYRILLIC SMALL LETTER A); "
        "officer ids use only a-z, 0-9, '.', '-' and '_' so that no two look alike"
    )
    with pytest.raises(ValueError, match=r"holds an invisible character \(U\+0020 SPACE\)"):
        normalize_id("dana lee")


def test_look_alike_and_duplicate_officers_are_refused_with_their_line(tmp_path: Path) -> None:
    keys = [_pub(tmp_path, n) for n in ("a", "b", "c", "d")]
    path = _write(
        tmp_path,
        _table("alice", keys[0])
        + _table(f"alice{ZWSP}", keys[1])
        + _table(f"{CYRILLIC_A}lice", keys[2])
        + _table("ALICE", keys[3]),
    )
    with pytest.raises(OfficersInvalid) as refused:
        load_officers(path)
    assert str(refused.value) == (
        "3 problems:\n"
        f"  - {path}:7: officer id 'alice\\u200b' holds an invisible character "
        "(U+200B ZERO WIDTH SPACE).\n"
        f"  - {path}:13: officer id 'аlice' holds a letter that can pass for a Latin one "
        "(U+0430 CYRILLIC SMALL LETTER A); officer ids use only a-z, 0-9, '.', '-' and '_' so "
        "that no two look alike.\n"
        f"  - {path}:19: officer id 'ALICE' is the same officer as 'alice' once normalised; "
        "give each officer one table."
    )


def test_fields_are_checked_with_file_and_line(tmp_path: Path) -> None:
    key = _pub(tmp_path, "a")
    path = _write(
        tmp_path,
        "[officer.lee]\n"
        'name = "Sgt. Lee"\n'
        'agency = "opp"\n'
        'roles = ["approver", "boss"]\n'
        'key = "ssh-rsa AAAAB3NzaC1yc2E nope"\n'
        'badge = "123"\n\n' + _table("roy", key) + _table("kim", key),
    )
    with pytest.raises(OfficersInvalid) as refused:
        load_officers(path, agencies={"tps", "rcmp"})
    assert str(refused.value).splitlines() == [
        "5 problems:",
        f"  - {path}:6: officer 'lee' has an unknown field 'badge'.",
        f"  - {path}:3: officer 'lee' belongs to agency 'opp', which is not in the agencies "
        "registry.",
        f"  - {path}:4: officer 'lee' has the unknown role 'boss'; use approver, launcher, admin.",
        f"  - {path}:5: officer 'lee' field 'key' is not an OpenSSH public key like "
        "'ssh-ed25519 AAAAC3Nza... name'.",
        f"  - {path}:18: officers 'roy' and 'kim' share one key; each officer needs a key of "
        "their own.",
    ]


def test_a_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(OfficersInvalid) as refused:
        load_officers(tmp_path / "officers.toml")
    assert str(refused.value) == (
        f"{tmp_path / 'officers.toml'}: officers file not found; `broadcaster officers add` "
        "writes it (`broadcaster init` writes two drill officers)."
    )


def test_private_keys_are_read_like_ssh_reads_them(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        Encoding,
        PrivateFormat,
    )

    generate_key(tmp_path / "plain", "plain")
    assert stat.S_IMODE((tmp_path / "plain").stat().st_mode) == 0o600
    read_private_key(tmp_path / "plain")
    locked = tmp_path / "locked"
    locked.write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            Encoding.PEM, PrivateFormat.OpenSSH, BestAvailableEncryption(b"correct horse")
        )
    )
    locked.chmod(0o600)
    with pytest.raises(PassphraseRequired) as asked:
        read_private_key(locked)
    assert str(asked.value) == (
        f"--key {locked} is protected by a passphrase; type it when asked or set "
        "BROADCASTER_KEY_PASSPHRASE."
    )
    with pytest.raises(SigningKeyInvalid, match="wrong passphrase"):
        read_private_key(locked, b"wrong")
    read_private_key(locked, b"correct horse")
    (tmp_path / "plain").chmod(0o644)
    with pytest.raises(SigningKeyInvalid) as open_key:
        read_private_key(tmp_path / "plain")
    assert str(open_key.value) == (
        f"--key {tmp_path / 'plain'}: other users can read this private key (mode 0644); "
        f"run chmod 600 {tmp_path / 'plain'}."
    )
    with pytest.raises(SigningKeyInvalid, match="no such file"):
        read_private_key(tmp_path / "absent")
    (tmp_path / "pub").write_text((tmp_path / "plain.pub").read_text())
    (tmp_path / "pub").chmod(0o600)
    with pytest.raises(SigningKeyInvalid, match="is a public key; give the officer's private"):
        read_private_key(tmp_path / "pub")
    # The usual slip: the .pub beside the private key (0644, as ssh-keygen leaves it).
    (tmp_path / "plain").chmod(0o600)
    with pytest.raises(SigningKeyInvalid) as public:
        read_private_key(tmp_path / "plain.pub")
    assert str(public.value) == (
        f"--key {tmp_path / 'plain.pub'} is a public key; give the officer's private key "
        f"(probably {tmp_path / 'plain'}), the file without .pub."
    )
    (tmp_path / "junk").write_text("not a key")
    (tmp_path / "junk").chmod(0o600)
    with pytest.raises(SigningKeyInvalid, match="not an OpenSSH private key"):
        read_private_key(tmp_path / "junk")


def test_a_key_of_no_officer_and_a_missing_role(workspace: Workspace) -> None:
    officers = load_officers_beside(workspace.agencies_path)
    stranger = workspace.folder / "stranger"
    generate_key(stranger, "stranger")
    with pytest.raises(UnknownOfficer) as unknown:
        signer_for(officers, stranger, "approver")
    assert str(unknown.value).startswith(f"--key {stranger} (SHA256:")
    assert str(unknown.value).endswith(
        f") is the key of no officer in {officers.path}; an admin adds its public key with "
        "`broadcaster officers add`."
    )
    with pytest.raises(RoleMissing) as role:
        signer_for(officers, workspace.folder / "keys" / "lee", "admin")
    assert str(role.value) == (
        f"officer 'lee' (Sgt. Dana Lee) does not have the 'admin' role in {officers.path}; "
        "only an officer with it may do this."
    )


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input, env=env)


def test_cli_officers_list(workspace: Workspace) -> None:
    result = run("--json", "officers", "list")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(o["id"], o["agency"], o["roles"]) for o in data] == [
        ("lee", "tps", ["approver", "launcher"]),
        ("roy", "tps", ["approver", "launcher", "admin"]),
    ]
    assert all(o["fingerprint"].startswith("SHA256:") for o in data)
    table = run("officers", "list")
    assert table.exit_code == 0 and "Sgt. Dana Lee" in table.stdout


def test_cli_officers_add_with_a_public_key_and_generated(workspace: Workspace) -> None:
    before = (workspace.folder / "officers.toml").read_text()
    generate_key(workspace.folder / "kim_key", "kim")
    added = run(
        "officers",
        "add",
        "kim",
        "--name",
        "Cst. Kim",
        "--agency",
        "rcmp",
        "--role",
        "approver,launcher",
        "--key",
        "kim_key.pub",
        "--admin-key",
        "keys/roy",
    )
    assert added.exit_code == 0, added.output
    assert added.stdout.startswith(
        "Added officer kim (Cst. Kim, rcmp; approver, launcher) to officers.toml, key SHA256:"
    )
    made = run(
        "--json",
        "officers",
        "add",
        "diaz",
        "--name",
        "Det. Diaz",
        "--agency",
        "nypd",
        "--role",
        "approver",
        env={"BROADCASTER_KEY": "keys/roy"},
    )
    assert made.exit_code == 0, made.output
    data = json.loads(made.stdout)
    assert data["private_key"] == "keys/diaz" and data["roles"] == ["approver"]
    assert stat.S_IMODE((workspace.folder / "keys" / "diaz").stat().st_mode) == 0o600
    text = (workspace.folder / "officers.toml").read_text()
    assert text.startswith(before.rstrip("\n")) and "[officer.diaz]" in text
    officers = load_officers_beside(workspace.agencies_path)
    assert [o.id for o in officers] == ["lee", "roy", "kim", "diaz"]
    assert signer_for(officers, workspace.folder / "keys" / "diaz", "approver").officer.id == "diaz"


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (
            ["lee", "--name", "Lee again", "--agency", "tps", "--role", "approver"],
            "Error: officers.toml: officer 'lee' is already registered.\n",
        ),
        (
            ["LEE", "--name", "Lee again", "--agency", "tps", "--role", "approver"],
            "Error: officers.toml: officer 'lee' is already registered.\n",
        ),
        (
            [f"l{ZWSP}ee", "--name", "Lee", "--agency", "tps", "--role", "approver"],
            "Error: officer id 'l\\u200bee' holds an invisible character "
            "(U+200B ZERO WIDTH SPACE).\n",
        ),
        (
            ["kim", "--name", "Kim", "--agency", "opp", "--role", "approver"],
            "Error: --agency 'opp' is not in the agencies registry.\n",
        ),
        (
            ["kim", "--name", "Kim", "--agency", "tps", "--role", "chief"],
            "Error: --role 'chief' is not a role; use approver, launcher, admin.\n",
        ),
        (
            ["kim", "--name", "Kim", "--agency", "tps", "--role", "approver", "--key", "keys/lee"],
            "Error: --key keys/lee is a private key; give the public one (the .pub file).\n",
        ),
        (
            [
                "kim",
                "--name",
                "Kim",
                "--agency",
                "tps",
                "--role",
                "approver",
                "--key",
                "keys/roy.pub",
            ],
            "Error: officers.toml:20: officers 'roy' and 'kim' share one key; each officer needs "
            "a key of their own.\n",
        ),
    ],
)
def test_cli_officers_add_refusals(workspace: Workspace, args: list[str], sentence: str) -> None:
    before = (workspace.folder / "officers.toml").read_text()
    result = run("officers", "add", *args, "--admin-key", "keys/roy")
    assert result.exit_code == 2, result.output
    assert result.stderr == sentence
    assert (workspace.folder / "officers.toml").read_text() == before
    assert not (workspace.folder / "keys" / "kim").exists()


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_officer_files(workspace: Workspace, data: st.DataObject) -> None:
    # officers.toml is edited by hand: whatever it holds, the answer is a sentence (exit 2).
    path = workspace.folder / "officers.toml"
    base = getattr(workspace, "_officers", None) or path.read_text()
    workspace._officers = base  # type: ignore[attr-defined]
    path.write_text(data.draw(mutated(base)), encoding="utf-8")
    check(["officers", "list"])
    result = CliRunner().invoke(cli, ["approve", "campaigns/example.toml", "--key", "keys/lee"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 2, 3), result.output  # 3: lee's key or role was mutated
    assert result.exit_code == 0 or result.stderr.startswith("Error: ")
