"""The officers registry (`officers.toml`) and their keys: who may approve, launch, administer.

An officer is known by an OpenSSH Ed25519 key, never by a typed name: whoever's public key
matches the private key given with `--key` is the officer acting. Ids are compared after
NFKC normalisation and case folding, and an id holding an invisible character or a letter
outside a-z is refused, so `alice`, `alice` + a zero-width space and a Cyrillic `аlice` can
never be three officers. Keys are read and signatures made and checked by `cryptography`.

`officers.toml` sits next to `agencies.toml`; generated keys go to `keys/` beside it (0600).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from broadcaster.authoring.tomlfile import read_toml, where
from broadcaster.errors import (
    InvalidInput,
    OfficersInvalid,
    PassphraseRequired,
    RoleMissing,
    SigningKeyInvalid,
    UnknownOfficer,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

ROLES = ("approver", "launcher", "admin")
FIELDS = ("name", "agency", "roles", "key")
OPTIONAL = ("retired_keys",)
_NOT_PUBLIC = "is not an OpenSSH public key like 'ssh-ed25519 AAAAC3Nza... name'"
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# Characters that print as nothing but are not in the format/control/separator categories.
_INVISIBLE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0}
_INVISIBLE_RANGES = ((0x180B, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


def officers_path(agencies_path: Path) -> Path:
    """`officers.toml` beside the agencies registry."""
    return Path(agencies_path).with_name("officers.toml")


def _char(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED CHARACTER')}"


def _invisible(ch: str) -> bool:
    code = ord(ch)
    if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"}:
        return True
    return code in _INVISIBLE or any(lo <= code <= hi for lo, hi in _INVISIBLE_RANGES)


def normalize_id(raw: str) -> str:
    """The officer id as compared: NFKC, case-folded, a-z 0-9 . - _ only.

    Raises ValueError with the end of a sentence ("holds an invisible character ...")."""
    for ch in raw:
        if _invisible(ch):
            raise ValueError(f"holds an invisible character ({_char(ch)})")
    folded = unicodedata.normalize("NFKC", raw).casefold()
    for ch in folded:
        if not ch.isascii():
            kind = "a letter that can pass for a Latin one" if ch.isalpha() else "a character"
            raise ValueError(
                f"holds {kind} ({_char(ch)}); officer ids use only a-z, 0-9, '.', '-' and '_' "
                "so that no two look alike"
            )
    if not _ID.match(folded):
        raise ValueError(
            "must start with a letter or digit and use only a-z, 0-9, '.', '-' and '_'"
        )
    return folded


# -- keys --------------------------------------------------------------------------------


def parse_public_key(line: str) -> Ed25519PublicKey:
    """An OpenSSH `ssh-ed25519 AAAA... comment` line, or ValueError saying what it is not."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_ssh_public_key

    text = line.strip()
    if "PRIVATE KEY" in text:
        raise ValueError("is a private key; give the public one (the .pub file)")
    try:
        key = load_ssh_public_key(text.encode())
    except Exception:  # ValueError, binascii.Error, UnsupportedAlgorithm (an unknown type)
        raise ValueError(_NOT_PUBLIC) from None
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("is not an Ed25519 key (make one with ssh-keygen -t ed25519)")
    return key


def _raw(public_key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_line(public_key: Ed25519PublicKey, comment: str = "") -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    line = public_key.public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).decode()
    return f"{line} {comment}".strip()


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """`SHA256:...` as `ssh-keygen -l` prints it."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    blob = public_key.public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).split()[1]
    digest = hashlib.sha256(base64.b64decode(blob)).digest()
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def read_private_key(path: Path, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """The officer's private key (OpenSSH Ed25519, as `ssh-keygen -t ed25519` writes it).

    Like ssh, a key that other users can read is refused. A passphrase-protected key without
    a passphrase raises PassphraseRequired, so the command can ask for it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_ssh_private_key

    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except FileNotFoundError:
        raise SigningKeyInvalid(f"--key {path}: no such file.") from None
    except OSError as error:
        raise SigningKeyInvalid(f"--key {path}: cannot read it ({error.strerror}).") from None
    if data.lstrip().startswith(b"ssh-"):  # `keys/lee.pub` given for `keys/lee`
        private = path.with_suffix("") if path.suffix == ".pub" else None
        hint = f" (probably {private})" if private is not None and private.exists() else ""
        raise SigningKeyInvalid(
            f"--key {path} is a public key; give the officer's private key{hint}, the file "
            "without .pub."
        )
    # What the file is comes before how it is kept: `--key agencies.toml` (0644) must not
    # be told to chmod 600 a file that is no key at all.
    if b"OPENSSH PRIVATE KEY" not in data:
        raise SigningKeyInvalid(
            f"--key {path}: not an OpenSSH private key (make one with ssh-keygen -t ed25519)."
        )
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SigningKeyInvalid(
            f"--key {path}: other users can read this private key (mode "
            f"{stat.S_IMODE(mode):04o}); run chmod 600 {path}."
        )
    try:
        key = load_ssh_private_key(data, passphrase)
    except TypeError:
        if passphrase is None:
            raise PassphraseRequired(
                f"--key {path} is protected by a passphrase; type it when asked or set "
                "BROADCASTER_KEY_PASSPHRASE."
            ) from None
        key = load_ssh_private_key(data, None)  # a passphrase was set but the key has none
    except ValueError:
        if passphrase is not None:
            raise SigningKeyInvalid(f"--key {path}: wrong passphrase.") from None
        raise SigningKeyInvalid(f"--key {path}: the private key is damaged.") from None
    except Exception:  # UnsupportedAlgorithm
        raise SigningKeyInvalid(f"--key {path}: not an Ed25519 key.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyInvalid(
            f"--key {path}: not an Ed25519 key (make one with ssh-keygen -t ed25519)."
        )
    return key


def generate_key(path: Path, comment: str) -> str:
    """A new Ed25519 key pair: `path` (0600, never overwritten) and `path.pub`; returns the
    public line."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH, NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise OfficersInvalid(f"{path} already exists; give its public key with --key.") from None
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    os.chmod(path, 0o600)  # whatever the umask
    line = public_line(key.public_key(), comment)
    Path(f"{path}.pub").write_text(line + "\n", encoding="utf-8")
    return line


def sign(private_key: Ed25519PrivateKey, data: bytes) -> str:
    return base64.b64encode(private_key.sign(data)).decode()


def signature_holds(public_key: Ed25519PublicKey, data: bytes, signature: str) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        public_key.verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


# -- the console's key ------------------------------------------------------------------
# The coordination console signs approvals for officers who re-entered their password
# there (approval.py `_signing_key`); its key lives in `keys/console` beside officers.toml.

CONSOLE_KEY_VARIABLE = "BROADCASTER_CONSOLE_KEY"


def console_key_path(agencies_path: Path, environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    named = env.get(CONSOLE_KEY_VARIABLE)
    return Path(named) if named else officers_path(agencies_path).parent / "keys" / "console"


def ensure_console_key(path: Path) -> tuple[str, bool]:
    """The console key's public line, and whether it was made just now (0600, never
    overwritten)."""
    if path.exists():
        return public_line(read_private_key(path).public_key(), "console"), False
    return generate_key(path, "console"), True


# -- the registry ------------------------------------------------------------------------


@dataclass(frozen=True)
class RetiredKey:
    """A key the officer no longer uses: `retired_keys = [{ key = "ssh-ed25519 ...",
    retired = 2026-11-23T14:00:00Z }]` in their table. Why a list in officers.toml rather
    than only a command's record: every agency's `audit verify` and `launch` read
    officers.toml, and they need the old public key to check the approvals it signed
    before it was retired, so the key travels with the registry that every agency already
    trusts; `officers retire-key` writes it for an admin, and audits it."""

    key: str  # the OpenSSH public key line, as written
    retired: datetime  # aware; approvals signed before it still verify, none after
    public_key: Ed25519PublicKey = field(repr=False, compare=False)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class Officer:
    id: str  # normalised
    name: str
    agency: str
    roles: tuple[str, ...]
    key: str  # the OpenSSH public key line, as written
    public_key: Ed25519PublicKey = field(repr=False, compare=False)
    retired_keys: tuple[RetiredKey, ...] = ()

    def has(self, role: str) -> bool:
        return role in self.roles

    def retired_key(self, public_key: Ed25519PublicKey) -> RetiredKey | None:
        raw = _raw(public_key)
        return next((r for r in self.retired_keys if _raw(r.public_key) == raw), None)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def verifies(self, data: bytes, signature: str) -> bool:
        return signature_holds(self.public_key, data, signature)


@dataclass(frozen=True)
class Officers:
    path: Path
    officers: dict[str, Officer]
    # `[console.NAME] key = "ssh-ed25519 ..."`: consoles whose key may attest an approval
    # made by an officer who signed in there and re-entered their password (approval.py).
    consoles: dict[str, Ed25519PublicKey] = field(default_factory=dict)

    def console_named(self, name: str) -> Ed25519PublicKey | None:
        return self.consoles.get(name)

    def console_of(self, public_key: Ed25519PublicKey) -> str | None:
        """The name under which this key is listed as a console, if it is."""
        raw = _raw(public_key)
        return next((n for n, k in self.consoles.items() if _raw(k) == raw), None)

    def __iter__(self) -> Iterator[Officer]:
        return iter(self.officers.values())

    def __len__(self) -> int:
        return len(self.officers)

    def get(self, officer_id: str) -> Officer | None:
        try:
            return self.officers.get(normalize_id(officer_id))
        except ValueError:
            return None

    def by_key(self, public_key: Ed25519PublicKey) -> Officer | None:
        """The officer whose current key this is (a retired key is no one's: retired_owner)."""
        raw = _raw(public_key)
        for officer in self:
            if _raw(officer.public_key) == raw:
                return officer
        return None

    def retired_owner(self, public_key: Ed25519PublicKey) -> tuple[Officer, RetiredKey] | None:
        for officer in self:
            retired = officer.retired_key(public_key)
            if retired is not None:
                return officer, retired
        return None


@dataclass(frozen=True)
class Signer:
    """An officer and the private key that proved it; repr() never shows the key.

    `via` is None when the key is the officer's own; `console:NAME` when it is the key of
    a console listed in officers.toml, attesting that the officer re-entered their password
    there."""

    officer: Officer
    private_key: Ed25519PrivateKey = field(repr=False, compare=False)
    via: str | None = None

    def sign(self, data: bytes) -> str:
        return sign(self.private_key, data)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.private_key.public_key())


def identify(
    officers: Officers, private_key: Ed25519PrivateKey, key_path: Path, role: str | None
) -> Signer:
    """The officer whose public key matches, holding `role` (None: any officer of the
    registry); else exit 3 saying which."""
    officer = officers.by_key(private_key.public_key())
    retired = officers.retired_owner(private_key.public_key()) if officer is None else None
    if retired is not None:
        owner, old = retired
        raise KeyRetired(
            f"--key {key_path} ({old.fingerprint}) is a key of officer {owner.id!r} retired on "
            f"{old.retired.isoformat(timespec='seconds')} in {officers.path}; it can no longer "
            f"approve or launch. Use their current key ({owner.fingerprint})."
        )
    if officer is None:
        raise UnknownOfficer(
            f"--key {key_path} ({fingerprint(private_key.public_key())}) is the key of no officer "
            f"in {officers.path}; an admin adds its public key with `broadcaster officers add`."
        )
    if role is not None and not officer.has(role):
        raise RoleMissing(
            f"officer {officer.id!r} ({officer.name}) does not have the {role!r} role in "
            f"{officers.path}; only an officer with it may do this."
        )
    return Signer(officer, private_key)


def signer_for(
    officers: Officers, key_path: Path, role: str | None, passphrase: bytes | None = None
) -> Signer:
    """Read the private key at `key_path` and say whose it is (exit 2 / 3 as above)."""
    return identify(officers, read_private_key(key_path, passphrase), key_path, role)


class KeyRetired(UnknownOfficer):
    """A key listed in an officer's `retired_keys`: it verifies old approvals, acts no more."""


def _problems_error(problems: Sequence[str]) -> OfficersInvalid:
    if len(problems) == 1:
        return OfficersInvalid(problems[0])
    return OfficersInvalid(f"{len(problems)} problems:\n" + "\n".join(f"  - {p}" for p in problems))


def _officer(
    path: Path, text: str, key: str, table: Any, agencies: Collection[str] | None
) -> tuple[Officer | None, list[str]]:
    place = where(path, text, ("officer", key))
    if not isinstance(table, dict):
        return None, [f"{place}: officer {key!r} is not a table."]
    problems: list[str] = []

    def at(name: str) -> str:
        return where(path, text, ("officer", key, name))

    for name in sorted(set(table) - set(FIELDS) - set(OPTIONAL)):
        problems.append(f"{at(name)}: officer {key!r} has an unknown field {name!r}.")
    for name in FIELDS:
        if name not in table:
            problems.append(f"{place}: officer {key!r} lacks the field {name!r}.")
    name = table.get("name")
    if "name" in table and (not isinstance(name, str) or not name.strip()):
        problems.append(f"{at('name')}: officer {key!r} field 'name' must be the officer's name.")
    agency = table.get("agency")
    if "agency" in table:
        if not isinstance(agency, str) or not agency:
            problems.append(
                f"{at('agency')}: officer {key!r} field 'agency' must be an agency key."
            )
        elif agencies is not None and agency not in agencies:
            problems.append(
                f"{at('agency')}: officer {key!r} belongs to agency {agency!r}, which is not in "
                "the agencies registry."
            )
    roles = table.get("roles")
    if "roles" in table:
        if not isinstance(roles, list) or not roles or not all(isinstance(r, str) for r in roles):
            problems.append(
                f"{at('roles')}: officer {key!r} field 'roles' must be a list like "
                '["approver", "launcher"].'
            )
        else:
            for role in roles:
                if role not in ROLES:
                    problems.append(
                        f"{at('roles')}: officer {key!r} has the unknown role {role!r}; "
                        f"use {', '.join(ROLES)}."
                    )
    public_key = None
    line = table.get("key")
    if "key" in table:
        try:
            if not isinstance(line, str):
                raise ValueError("is not an OpenSSH public key line")
            public_key = parse_public_key(line)
        except ValueError as error:
            problems.append(f"{at('key')}: officer {key!r} field 'key' {error}.")
    retired = _retired_keys(table.get("retired_keys", []), key, at("retired_keys"), problems)
    if problems or public_key is None:
        return None, problems
    assert isinstance(name, str) and isinstance(agency, str) and isinstance(line, str)
    assert isinstance(roles, list)
    officer = Officer(
        id=normalize_id(key),
        name=" ".join(name.split()),
        agency=agency,
        roles=tuple(dict.fromkeys(roles)),
        key=line.strip(),
        public_key=public_key,
        retired_keys=retired,
    )
    return officer, []


def _retired_keys(value: Any, key: str, place: str, problems: list[str]) -> tuple[RetiredKey, ...]:
    """`retired_keys = [{ key = "ssh-ed25519 ...", retired = 2026-11-23T14:00:00Z }, ...]`."""
    shape = (
        f"{place}: officer {key!r} field 'retired_keys' must be a list like "
        '[{ key = "ssh-ed25519 AAAA...", retired = 2026-11-23T14:00:00Z }].'
    )
    if not isinstance(value, list):
        problems.append(shape)
        return ()
    found: list[RetiredKey] = []
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != {"key", "retired"}:
            problems.append(shape)
            continue
        when = entry["retired"]
        if not isinstance(when, datetime) or when.tzinfo is None:
            problems.append(
                f"{place}: officer {key!r} has a retired key whose 'retired' is not a time "
                "with its zone, like 2026-11-23T14:00:00Z."
            )
            continue
        try:
            if not isinstance(entry["key"], str):
                raise ValueError(_NOT_PUBLIC)
            public_key = parse_public_key(entry["key"])
        except ValueError as error:
            problems.append(f"{place}: officer {key!r} retired key {error}.")
            continue
        found.append(RetiredKey(entry["key"].strip(), when, public_key))
    return tuple(found)


def parse_officers(
    path: Path, data: dict[str, Any], text: str, agencies: Collection[str] | None = None
) -> Officers:
    problems: list[str] = []
    for name in sorted(set(data) - {"officer", "console"}):
        problems.append(f"{where(path, text, (name,))}: unknown top-level key {name!r}.")
    consoles = _consoles(path, data.get("console", {}), text, problems)
    tables = data.get("officer")
    if not isinstance(tables, dict) or not tables:
        problems.append(f"{path}: no officers; add one with `broadcaster officers add`.")
        raise _problems_error(problems)
    officers: dict[str, Officer] = {}
    keys: dict[bytes, str] = {}
    for key, table in tables.items():
        try:
            officer_id = normalize_id(key)
        except ValueError as error:
            problems.append(f"{where(path, text, ('officer', key))}: officer id {key!r} {error}.")
            continue
        if officer_id in officers:
            problems.append(
                f"{where(path, text, ('officer', key))}: officer id {key!r} is the same officer "
                f"as {officer_id!r} once normalised; give each officer one table."
            )
            continue
        officer, found = _officer(path, text, key, table, agencies)
        problems.extend(found)
        if officer is None:
            continue
        raw = _raw(officer.public_key)
        if raw in keys:
            problems.append(
                f"{where(path, text, ('officer', key, 'key'))}: officers {keys[raw]!r} and "
                f"{officer.id!r} share one key; each officer needs a key of their own."
            )
            continue
        retired = [_raw(r.public_key) for r in officer.retired_keys]
        reused = next((r for r in retired if r in keys or r == raw), None)
        if reused is not None or len(set(retired)) != len(retired):
            owner = keys.get(reused, officer.id) if reused is not None else officer.id
            problems.append(
                f"{where(path, text, ('officer', key, 'retired_keys'))}: officer {officer.id!r} "
                f"lists a retired key that is still in use by {owner!r} or listed twice; a "
                "retired key is never used again."
            )
            continue
        keys[raw] = officer.id
        keys.update(dict.fromkeys(retired, officer.id))
        officers[officer.id] = officer
    for name, console_key in consoles.items():
        if _raw(console_key) in keys:
            problems.append(
                f"{where(path, text, ('console', name, 'key'))}: console {name!r} has the key "
                f"of officer {keys[_raw(console_key)]!r}; a console needs a key of its own."
            )
    if problems:
        raise _problems_error(problems)
    return Officers(path=path, officers=officers, consoles=consoles)


def _consoles(
    path: Path, tables: Any, text: str, problems: list[str]
) -> dict[str, Ed25519PublicKey]:
    """`[console.NAME]` tables, each with one `key` (the console's OpenSSH public key)."""
    if not isinstance(tables, dict):
        problems.append(f"{where(path, text, ('console',))}: 'console' must hold tables.")
        return {}
    found: dict[str, Ed25519PublicKey] = {}
    for name, table in tables.items():
        place = where(path, text, ("console", name))
        if not isinstance(table, dict) or set(table) != {"key"}:
            problems.append(f"{place}: console {name!r} must have exactly one field, 'key'.")
            continue
        try:
            if not isinstance(table["key"], str):
                raise ValueError(_NOT_PUBLIC)
            found[name] = parse_public_key(table["key"])
        except ValueError as error:
            problems.append(f"{place}: console {name!r} field 'key' {error}.")
    return found


def load_officers(path: Path, agencies: Collection[str] | None = None) -> Officers:
    """Read and check `officers.toml`; `agencies`, when given, are the known agency keys."""
    if not path.is_file():
        raise OfficersInvalid(
            f"{path}: officers file not found; `broadcaster officers add` writes it "
            "(`broadcaster init` writes two drill officers)."
        )
    try:
        data, text = read_toml(path, "officers")
    except InvalidInput as error:
        raise OfficersInvalid(error.message) from None
    return parse_officers(path, data, text, agencies)


def agency_keys(agencies_path: Path) -> Collection[str] | None:
    """The agency keys of the registry, to check officers' agencies; None if unreadable."""
    from broadcaster.authoring.agencies import load_registry

    try:
        return load_registry(agencies_path).agencies.keys()
    except InvalidInput:
        return None


def load_officers_beside(agencies_path: Path) -> Officers:
    """`officers.toml` beside `agencies.toml`, checked against the agencies in it."""
    return load_officers(officers_path(agencies_path), agency_keys(agencies_path))


# -- adding an officer -------------------------------------------------------------------


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def officer_toml(
    officer_id: str,
    name: str,
    agency: str,
    roles: Sequence[str],
    key: str,
    retired: Sequence[tuple[str, datetime]] = (),
) -> str:
    table = officer_id if "." not in officer_id else _toml_string(officer_id)
    block = (
        f"[officer.{table}]\n"
        f"name = {_toml_string(name)}\n"
        f"agency = {_toml_string(agency)}\n"
        f"roles = [{', '.join(_toml_string(r) for r in roles)}]\n"
        f"key = {_toml_string(key)}\n"
    )
    if retired:
        entries = "".join(
            f"  {{ key = {_toml_string(line)}, "
            f"retired = {when.isoformat(timespec='microseconds')} }},\n"
            for line, when in retired
        )
        block += f"retired_keys = [\n{entries}]\n"
    return block


@dataclass(frozen=True)
class Added:
    officer: Officer
    path: Path
    private_key: Path | None  # the key pair generated for the officer, if any


def add_officer(
    path: Path,
    officer_id: str,
    *,
    name: str,
    agency: str,
    roles: Sequence[str],
    public_key_path: Path | None = None,
    agencies: Collection[str] | None = None,
) -> Added:
    """Add one officer to `officers.toml` (created if missing). Without a public key, a new
    key pair is generated under `keys/ID` beside the file. The file is checked whole before
    it is replaced, so a refused officer leaves it as it was."""
    try:
        clean_id = normalize_id(officer_id)
    except ValueError as error:
        raise OfficersInvalid(f"officer id {officer_id!r} {error}.") from None
    if not roles:
        raise OfficersInvalid(f"officer {clean_id!r} needs a role: --role {' | '.join(ROLES)}.")
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise OfficersInvalid(f"--role {bad[0]!r} is not a role; use {', '.join(ROLES)}.")
    existing = current_registry(path, agencies)
    if existing is not None and existing.get(clean_id) is not None:
        raise OfficersInvalid(f"{path}: officer {clean_id!r} is already registered.")
    if agencies is not None and agency not in agencies:
        raise OfficersInvalid(f"--agency {agency!r} is not in the agencies registry.")
    generated = None
    if public_key_path is not None:
        try:
            line = public_key_path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            raise OfficersInvalid(f"--key {public_key_path}: cannot read the public key.") from None
        try:
            parse_public_key(line)
        except ValueError as error:
            raise OfficersInvalid(f"--key {public_key_path} {error}.") from None
    else:
        generated = path.parent / "keys" / clean_id
        if generated.exists():
            raise OfficersInvalid(
                f"{generated} already exists; give its public key with --key {generated}.pub."
            )
        line = None
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    if line is not None:
        _check_new(path, before, officer_toml(clean_id, name, agency, roles, line), agencies)
    else:
        assert generated is not None
        line = generate_key(generated, f"{clean_id}@{agency}")
    block = officer_toml(clean_id, name, agency, roles, line)
    registry = _check_new(path, before, block, agencies)
    _replace(path, _joined(before, block))
    officer = registry.get(clean_id)
    assert officer is not None
    return Added(officer, path, generated)


def current_registry(path: Path, agencies: Collection[str] | None = None) -> Officers | None:
    """The registry, or None while there is none yet: the file is absent or holds no
    officer (so the first officer may be added without an admin: officer_admin.py)."""
    import tomllib

    if not path.exists():
        return None
    try:
        data, _ = read_toml(path, "officers")
    except (InvalidInput, tomllib.TOMLDecodeError):
        data = {"officer": True}  # unreadable: load_officers says why
    if not data.get("officer"):
        return None
    return load_officers(path, agencies)


@dataclass(frozen=True)
class Rekeyed:
    officer: Officer  # as registered now, with the new key
    retired: RetiredKey
    private_key: Path | None  # the key pair generated for the officer, if any


def retire_key(
    path: Path,
    officer_id: str,
    *,
    at: datetime,
    public_key_path: Path | None = None,
    agencies: Collection[str] | None = None,
) -> Rekeyed:
    """Move the officer's key to their `retired_keys` (retired `at`) and give them a new
    one: `public_key_path`, or a pair generated under keys/ beside the file. The officer's
    table is written anew (comments inside it are not kept); the rest of the file is left
    as it was, and the result is checked to differ from the old registry in this officer's
    keys only before it replaces the file."""
    registry = load_officers(path, agencies)
    officer = registry.get(officer_id)
    if officer is None:
        raise OfficersInvalid(f"{path}: no officer {officer_id!r}.")
    text = path.read_text(encoding="utf-8")
    span = _table_span(text, officer.id)
    if span is None:
        raise OfficersInvalid(
            f"{path}: cannot find the [officer.{officer.id}] table to rewrite; move the key to "
            "its retired_keys by hand."
        )
    generated = None
    if public_key_path is not None:
        try:
            line = public_key_path.read_text(encoding="utf-8").strip()
            parse_public_key(line)
        except (OSError, UnicodeDecodeError):
            raise OfficersInvalid(
                f"--new-key {public_key_path}: cannot read the public key."
            ) from None
        except ValueError as error:
            raise OfficersInvalid(f"--new-key {public_key_path} {error}.") from None
    else:
        number = 2
        while (path.parent / "keys" / f"{officer.id}-{number}").exists():
            number += 1
        generated = path.parent / "keys" / f"{officer.id}-{number}"
        line = None
    retired = [(r.key, r.retired) for r in officer.retired_keys] + [(officer.key, at)]

    def rewritten(key_line: str) -> str:
        block = officer_toml(
            officer.id, officer.name, officer.agency, officer.roles, key_line, retired
        )
        lines = text.splitlines(keepends=True)
        start, end = span
        return "".join(lines[:start]) + block + "\n" + "".join(lines[end:]).lstrip("\n")

    if line is not None:
        _check_rekeyed(path, registry, rewritten(line), officer.id, agencies)
    else:
        assert generated is not None
        line = generate_key(generated, f"{officer.id}@{officer.agency}")
    new_text = rewritten(line)
    after = _check_rekeyed(path, registry, new_text, officer.id, agencies)
    _replace(path, new_text)
    now = after.get(officer.id)
    assert now is not None
    return Rekeyed(now, now.retired_keys[-1], generated)


def _table_span(text: str, officer_id: str) -> tuple[int, int] | None:
    """The lines [start, end) of the officer's `[officer.ID]` table: its header up to the
    next table header."""
    import tomllib

    lines = text.splitlines()
    start = None
    for number, line in enumerate(lines):
        header = _TABLE.match(line)
        if not header:
            continue
        if start is not None:  # a comment just above the next table stays with it
            while number - 1 > start and (
                not lines[number - 1].strip() or lines[number - 1].lstrip().startswith("#")
            ):
                number -= 1
            return start, number
        try:
            parsed = tomllib.loads(f"[{header.group(1)}]")
        except tomllib.TOMLDecodeError:
            continue
        names: list[str] = []
        while isinstance(parsed, dict) and len(parsed) == 1:
            name, parsed = next(iter(parsed.items()))
            names.append(name)
        if len(names) == 2 and names[0] == "officer":
            try:
                if normalize_id(names[1]) == officer_id:
                    start = number
            except ValueError:
                continue
    return (start, len(lines)) if start is not None else None


_TABLE = re.compile(r"^\s*\[([^\[\]]+)\]\s*(?:#.*)?$")


def _check_rekeyed(
    path: Path, before: Officers, text: str, officer_id: str, agencies: Collection[str] | None
) -> Officers:
    import tomllib

    try:
        after = parse_officers(path, tomllib.loads(text), text, agencies)
    except tomllib.TOMLDecodeError as error:
        raise OfficersInvalid(f"{path}: rewriting it would not be valid TOML ({error}).") from None

    def shape(registry: Officers, skip: str) -> object:
        return (
            [
                (o.id, o.name, o.agency, o.roles, o.key, o.retired_keys)
                for o in registry
                if o.id != skip
            ],
            sorted(registry.consoles),
        )

    if shape(after, officer_id) != shape(before, officer_id) or after.get(officer_id) is None:
        raise OfficersInvalid(
            f"{path}: rewriting officer {officer_id!r}'s table would change other entries; "
            "move the key to its retired_keys by hand."
        )
    return after


def _joined(before: str, block: str) -> str:
    if not before.strip():
        return "# Officers who may approve, launch and administer (see README).\n\n" + block
    return before.rstrip("\n") + "\n\n" + block


def _check_new(path: Path, before: str, block: str, agencies: Collection[str] | None) -> Officers:
    import tomllib

    text = _joined(before, block)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise OfficersInvalid(f"{path}: not valid TOML ({error}); fix it first.") from None
    return parse_officers(path, data, text, agencies)


def _replace(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".officers-", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- console passwords -------------------------------------------------------------------
# The console's sign-in passwords, as argon2id hashes, live in `officers.passwd` beside
# officers.toml (0600), never in officers.toml itself: officers.toml (public keys, roles)
# is shared between agencies, and a password hash is a secret of the one console host that
# checks it. Nor in the database, which partner agencies' workers read. One line per
# officer: `ID $argon2id$...`, then `totp:BASE32` for an officer enrolled in the optional
# second factor (authoring/totp.py).
#
# Why the TOTP secret sits there in clear: a TOTP check recomputes the code from the
# secret (an HMAC key), so unlike a password it cannot be kept as a one-way hash. It is
# kept where the password hashes are, in a 0600 file of the console host and nowhere else
# (not officers.toml, not the database partners' workers read, never printed after the
# enrolment). Encrypting it with a key would only move the question to that key, which on
# an unattended console would sit on the same disk beside it; the file's mode and host
# are the protection, as they are for the console's signing key.

MIN_PASSWORD = 12
_PASSWD_HEADER = (
    "# Console password hashes (argon2id) and TOTP secrets, written by "
    "`broadcaster officers passwd`.\n"
)
_TOTP_PREFIX = "totp:"


class _Keep:
    """`set_password(..., totp=KEEP)`: leave the officer's TOTP enrolment as it is."""


KEEP = _Keep()


@dataclass(frozen=True)
class Credential:
    """One line of officers.passwd; repr() shows neither the hash nor the secret."""

    hash: str = field(repr=False)
    totp: str | None = field(default=None, repr=False)  # the base32 TOTP secret, if enrolled


def passwd_path(officers_file: Path) -> Path:
    """`officers.passwd` beside `officers.toml`."""
    return Path(officers_file).with_name("officers.passwd")


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def read_credentials(path: Path) -> dict[str, Credential]:
    """officer id -> their password hash and TOTP secret; a file other users can read is
    refused, like a key."""
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError):
        raise OfficersInvalid(f"{path}: cannot read the console password file.") from None
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise OfficersInvalid(
            f"{path}: other users can read the console password hashes (mode "
            f"{stat.S_IMODE(mode):04o}); run chmod 600 {path}."
        )
    found: dict[str, Credential] = {}
    for line in text.splitlines():
        parts = line.split()
        if line.startswith("#") or len(parts) not in (2, 3) or not parts[1].startswith("$argon2"):
            continue
        totp = None
        if len(parts) == 3:
            if not parts[2].startswith(_TOTP_PREFIX):
                continue  # a line this version cannot read signs no one in
            totp = parts[2].removeprefix(_TOTP_PREFIX)
        found[parts[0]] = Credential(parts[1], totp)
    return found


def read_password_hashes(path: Path) -> dict[str, str]:
    """officer id -> argon2 hash."""
    return {key: value.hash for key, value in read_credentials(path).items()}


def set_password(
    officers: Officers, officer_id: str, password: str, totp: str | _Keep | None = KEEP
) -> Officer:
    """Hash `password` (argon2id) for a registered officer into `officers.passwd` (0600).

    `totp`: a new base32 secret to enrol, None to end the officer's TOTP, KEEP (the
    default) to leave it as it was, so changing a password never drops a second factor."""
    officer = officers.get(officer_id)
    if officer is None:
        raise OfficersInvalid(
            f"{officers.path}: no officer {officer_id!r}; add them with `broadcaster officers add`."
        )
    if len(password) < MIN_PASSWORD:
        raise OfficersInvalid(
            f"the password for {officer.id!r} is {len(password)} characters; "
            f"use at least {MIN_PASSWORD}."
        )
    path = passwd_path(officers.path)
    found = read_credentials(path)
    secret = found[officer.id].totp if officer.id in found else None
    if not isinstance(totp, _Keep):
        secret = totp
    found[officer.id] = Credential(_hasher().hash(password), secret)
    lines = [
        f"{key} {value.hash}" + (f" {_TOTP_PREFIX}{value.totp}" if value.totp else "") + "\n"
        for key, value in sorted(found.items())
    ]
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".officers-", suffix=".passwd")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(_PASSWD_HEADER + "".join(lines))
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return officer


_DUMMY_HASH: list[str] = []


def check_password(officers: Officers, officer_id: str, password: str) -> Officer | None:
    """The officer if `password` is theirs; None otherwise (an unknown officer, or one with
    no password set, costs the same hashing time as a wrong password). A TOTP code, when
    the officer has one, is checked apart (authoring/totp.py `check_code`)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = _hasher()
    officer = officers.get(officer_id)
    stored = read_password_hashes(passwd_path(officers.path)).get(officer.id) if officer else None
    if stored is None:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(hasher.hash("not a password of anyone"))
        stored, officer = _DUMMY_HASH[0], None
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return officer
