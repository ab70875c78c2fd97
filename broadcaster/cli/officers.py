"""The officer registry: officers list, officers add; and reading an officer's --key."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from broadcaster.cli.common import (
    AppContext,
    finish,
    pass_app,
    pass_settings,
    pressed_ctrl_c,
    prompt_quietly,
)

if TYPE_CHECKING:
    from broadcaster.authoring.officers import Officers, Signer
    from broadcaster.config import Settings


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(officers)


def key_path_of(settings: Settings, key_path: Path | None, command: str) -> Path:
    """--key, else BROADCASTER_KEY; an approval without a key is a usage error."""
    from broadcaster.errors import UsageInvalid

    if key_path is not None:
        return key_path
    from_env = settings.env.get("BROADCASTER_KEY")
    if from_env:
        return Path(from_env)
    raise UsageInvalid(
        f"{command} needs the officer's private key: --key PATH (or set BROADCASTER_KEY), "
        "e.g. --key keys/lee."
    )


def signer(settings: Settings, officers: Officers, key_path: Path, role: str | None) -> Signer:
    """The officer holding `key_path`; a passphrase comes from BROADCASTER_KEY_PASSPHRASE or
    is asked for (never echoed)."""
    from broadcaster.authoring.officers import signer_for
    from broadcaster.errors import PassphraseRequired

    passphrase = settings.env.get("BROADCASTER_KEY_PASSPHRASE")
    try:
        return signer_for(officers, key_path, role, passphrase.encode() if passphrase else None)
    except PassphraseRequired:
        if passphrase:
            raise
        return signer_for(officers, key_path, role, _ask_passphrase(key_path).encode())


def _ask_passphrase(key_path: Path) -> str:
    """The key's passphrase, typed (never echoed) at a terminal."""
    from getpass import GetPassWarning

    from broadcaster.errors import Interrupted, PassphraseRequired

    try:
        return prompt_quietly(f"Passphrase for {key_path}", hide_input=True)
    except GetPassWarning:
        raise PassphraseRequired(
            f"--key {key_path} is protected by a passphrase and there is no terminal to type "
            "it on; set BROADCASTER_KEY_PASSPHRASE."
        ) from None
    except click.exceptions.Abort as abort:
        if pressed_ctrl_c(abort):
            raise Interrupted("Interrupted at the passphrase; nothing was changed.") from None
        raise PassphraseRequired(
            f"--key {key_path} is protected by a passphrase; type it when asked or set "
            "BROADCASTER_KEY_PASSPHRASE."
        ) from None


def acting_officer(settings: Settings, key_path: Path | None, role: str) -> str:
    """Who the audit names: the officer of --key / BROADCASTER_KEY (who must hold `role`),
    else the operating-system user (so the scheduler, cron and drills keep working)."""
    from broadcaster.authoring.officers import load_officers_beside
    from broadcaster.storage.audit import operator_name

    if key_path is None and not settings.env.get("BROADCASTER_KEY"):
        return operator_name(settings)
    path = key_path_of(settings, key_path, "this command")
    return signer(settings, load_officers_beside(settings.agencies_path), path, role).officer.id


@click.group()
def officers() -> None:
    """The officer registry (officers.toml beside agencies.toml): who may approve and launch."""


@officers.command("list")
@pass_settings
def officers_list(settings: Settings) -> None:
    """List the officers, their agency, roles and key fingerprint.

    \b
    Example:
        broadcaster officers list
        broadcaster --json officers list
    """
    from broadcaster.authoring.officers import load_officers_beside
    from broadcaster.cli.views import officers as views

    registry = load_officers_beside(settings.agencies_path)
    finish(settings, views.officers_json(registry), lambda: views.print_officers(registry))


def _roles(values: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(r.strip() for v in values for r in v.split(",") if r.strip()))


def _admin(settings: Settings, registry: Officers | None, admin_key: Path | None) -> Signer | None:
    """The admin of --admin-key / BROADCASTER_KEY, checked against the registry as it is;
    None while there is no registry yet (the first officer) or when no key was given (the
    core then refuses, exit 3, saying what is needed)."""
    if registry is None:
        return None
    path = admin_key or (
        Path(settings.env["BROADCASTER_KEY"]) if settings.env.get("BROADCASTER_KEY") else None
    )
    return signer(settings, registry, path, "admin") if path is not None else None


ADMIN_KEY_HELP = (
    "The admin's own OpenSSH private key (an officer with the admin role) "
    "[env var: BROADCASTER_KEY]; not needed for the first officer of an empty registry."
)


@officers.command("add")
@click.argument("officer_id", metavar="ID")
@click.option("--name", required=True, metavar="N", help="The officer's name and rank.")
@click.option("--agency", required=True, metavar="A", help="The officer's agency key.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    metavar="R",
    help="approver, launcher or admin (repeat, or comma-separated).",
)
@click.option(
    "--key",
    "--public-key",
    "public_key",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PUBKEY_FILE",
    help="The new officer's OpenSSH public key (.pub), not a private key; the admin's own "
    "private key goes in --admin-key [default: generate a pair in keys/ID].",
)
@click.option(
    "--admin-key",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PRIVATE_KEY",
    help=ADMIN_KEY_HELP,
)
@pass_app
def officers_add(
    app: AppContext,
    officer_id: str,
    name: str,
    agency: str,
    roles: tuple[str, ...],
    public_key: Path | None,
    admin_key: Path | None,
) -> None:
    """Register an officer in officers.toml (written for you), by their public key.

    An admin signs for it with their own private key (--admin-key, or BROADCASTER_KEY), and
    the audit log names them; only the first officer of an empty registry, who must have
    the admin role, is added without one.

    \b
    Example:
        broadcaster officers add lee --name "Sgt. Dana Lee" --agency tps \\
            --role approver --role launcher --key ~/.ssh/id_ed25519.pub --admin-key keys/roy
    """
    from broadcaster.authoring.officer_admin import add_officer_as
    from broadcaster.authoring.officers import agency_keys, current_registry, officers_path
    from broadcaster.cli.views import officers as views
    from broadcaster.storage.audit import operator_name

    settings = app.settings
    path = officers_path(settings.agencies_path)
    agencies = agency_keys(settings.agencies_path)
    added = add_officer_as(
        app.engine,
        path,
        officer_id,
        admin=_admin(settings, current_registry(path, agencies), admin_key),
        operator=operator_name(settings),
        name=name,
        agency=agency,
        roles=_roles(roles),
        public_key_path=public_key,
        agencies=agencies,
    )
    finish(settings, views.added_json(added), lambda: views.print_added(added))


@officers.command("retire-key")
@click.argument("officer_id", metavar="ID")
@click.option(
    "--key",
    "--admin-key",
    "admin_key",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="ADMIN_PRIVATE_KEY",
    help="The admin's own OpenSSH private key (an officer with the admin role), not the "
    "officer's; their new public key goes in --new-key [env var: BROADCASTER_KEY].",
)
@click.option(
    "--new-key",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PUBKEY_FILE",
    help="The officer's new OpenSSH public key (.pub) [default: generate a pair in keys/ID-N].",
)
@pass_app
def officers_retire_key(
    app: AppContext, officer_id: str, admin_key: Path | None, new_key: Path | None
) -> None:
    """Retire an officer's key (lost, leaked, or simply replaced) and give them a new one.

    The old key moves to the officer's retired_keys in officers.toml, with the time: the
    approvals it signed before then still verify (`audit verify`), but it can no longer
    approve or launch (exit 3), and an approval it made for a campaign not yet launched no
    longer counts. An admin signs for it; the audit log names them.

    \b
    Example:
        broadcaster officers retire-key lee --key keys/roy --new-key lee-2026.pub
    """
    from broadcaster.authoring.officer_admin import retire_key_as
    from broadcaster.authoring.officers import agency_keys, current_registry, officers_path
    from broadcaster.storage.audit import operator_name

    settings = app.settings
    path = officers_path(settings.agencies_path)
    agencies = agency_keys(settings.agencies_path)
    done = retire_key_as(
        app.engine,
        path,
        officer_id,
        admin=_admin(settings, current_registry(path, agencies), admin_key),
        operator=operator_name(settings),
        public_key_path=new_key,
        agencies=agencies,
    )
    officer = done.officer
    data = {
        "officer": officer.id,
        "retired_key": done.retired.fingerprint,
        "retired": done.retired.retired.isoformat(),
        "key": officer.fingerprint,
        "private_key": str(done.private_key) if done.private_key else None,
    }

    def view() -> None:
        click.echo(
            f"Retired key {done.retired.fingerprint} of officer {officer.id} ({officer.name}) "
            f"in {path}; their key is now {officer.fingerprint}."
        )
        if done.private_key is not None:
            click.echo(
                f"Their new private key is {done.private_key} (mode 0600): hand it to them "
                "alone, and delete this copy once they have it."
            )

    finish(settings, data, view)


def _ask_password(officer_id: str) -> str:
    """The new console password, typed twice (never echoed) at a terminal."""
    from getpass import GetPassWarning

    from broadcaster.errors import Interrupted, UsageInvalid

    try:
        return prompt_quietly(
            f"Console password for {officer_id}", hide_input=True, confirmation_prompt=True
        )
    except GetPassWarning:
        raise UsageInvalid(
            "officers passwd has no terminal to type the password on; pipe it in with "
            "--password-stdin."
        ) from None
    except click.exceptions.Abort as abort:
        if pressed_ctrl_c(abort):
            raise Interrupted(
                f"Interrupted; the console password of {officer_id} was not changed."
            ) from None
        raise UsageInvalid(
            "officers passwd needs the password typed twice, or --password-stdin."
        ) from None


@officers.command("passwd")
@click.argument("officer_id", metavar="ID")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input (for scripts).",
)
@click.option(
    "--totp/--no-totp",
    "totp",
    default=None,
    help="Enrol a new TOTP second factor (its otpauth URI is printed once), or end it "
    "[default: keep it as it is].",
)
@pass_settings
def officers_passwd(
    settings: Settings, officer_id: str, password_stdin: bool, totp: bool | None
) -> None:
    """Set an officer's console password (argon2 hash in officers.passwd, 0600).

    With --totp, the console also asks for the 6-digit code of an authenticator app: the
    otpauth URI (and its secret) is printed once, to add to the officer's app.

    \b
    Example:
        broadcaster officers passwd lee
        broadcaster officers passwd lee --totp
        printf '%s\\n' "$PASSWORD" | broadcaster officers passwd lee --password-stdin
    """
    from broadcaster.authoring import totp as second_factor
    from broadcaster.authoring.officers import (
        KEEP,
        load_officers_beside,
        passwd_path,
        set_password,
    )

    registry = load_officers_beside(settings.agencies_path)
    if password_stdin:
        password = str(sys.stdin.readline()).rstrip("\r\n")
    else:
        password = _ask_password(officer_id)
    secret = second_factor.new_secret() if totp else None
    officer = set_password(registry, officer_id, password, KEEP if totp is None else secret)
    path = passwd_path(registry.path)
    data: dict[str, object] = {"officer": officer.id, "passwd_file": str(path)}
    if totp is not None:
        data["totp"] = bool(totp)
    uri = second_factor.provisioning_uri(secret, officer.id) if secret else None
    if secret and uri:
        data.update(totp_uri=uri, totp_secret=secret)

    def view() -> None:
        click.echo(f"Console password set for {officer.id} ({path}).")
        if uri:
            click.echo(
                "TOTP enrolled: add this to the officer's authenticator app now; it is not "
                f"shown again.\n  {uri}\n  secret: {secret}"
            )
        elif totp is False:
            click.echo(f"TOTP ended for {officer.id}: the console asks for the password only.")

    finish(settings, data, view)
