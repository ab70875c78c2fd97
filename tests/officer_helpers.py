"""The drill officers' keys, for tests (officers area).

`write_drill_officers` (init, the drill workspace and the `workspace` fixture call it) puts
`officers.toml` beside `agencies.toml` and each officer's private key in `keys/ID`:
- `signer(folder, officer_id="lee", role="approver")` → that officer's Signer.
- `key_of(folder, officer_id)` → the private key's path, for CLI runs (`--key`).
"""

from __future__ import annotations

from pathlib import Path

from broadcaster.authoring.officers import Signer, load_officers_beside, signer_for


def key_of(folder: Path, officer_id: str) -> Path:
    return Path(folder) / "keys" / officer_id


def signer(folder: Path, officer_id: str = "lee", role: str = "approver") -> Signer:
    officers = load_officers_beside(Path(folder) / "agencies.toml")
    return signer_for(officers, key_of(folder, officer_id), role)
