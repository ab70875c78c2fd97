"""The console's optional second factor: a TOTP code (RFC 6238, 6 digits, 30 s) from the
officer's authenticator app, on top of the password.

`officers passwd ID --totp` enrols: a new secret is kept beside the password hash in
`officers.passwd` (0600; officers.py says why in clear there), and the otpauth URI is
printed once for the app. At sign-in a code is accepted one step either side of now (a
phone's clock drifts), and never twice: the last step accepted for each officer is kept in
`officers.totp-used` beside it, and only a later step is accepted after it (RFC 6238
section 5.2). That record is a file, not the process's memory, so restarting the console
does not reopen a code that was just used; it holds step numbers only, no secret.
"""

from __future__ import annotations

import hmac
import os
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from broadcaster.authoring.officers import Officer, Officers

ISSUER = "broadcaster"
DIGITS = 6
STEP_SECONDS = 30
WINDOW = 1  # steps accepted either side of now
_LOCK = threading.Lock()  # the console's threads; flock below covers other processes


def new_secret() -> str:
    import pyotp

    return str(pyotp.random_base32())


def provisioning_uri(secret: str, officer_id: str, issuer: str = ISSUER) -> str:
    """The otpauth:// URI an authenticator app reads (as text or a QR code)."""
    import pyotp

    return str(pyotp.TOTP(secret).provisioning_uri(name=officer_id, issuer_name=issuer))


def code_at(secret: str, at: datetime) -> str:
    """The code for the step holding `at` (tests and the drill use it as the app would)."""
    import pyotp

    return str(pyotp.TOTP(secret).at(at))


def used_path(passwd_file: Path) -> Path:
    """`officers.totp-used` beside `officers.passwd`."""
    return Path(passwd_file).with_name("officers.totp-used")


def matching_step(secret: str, code: str, at: datetime) -> int | None:
    """The time step whose code `code` is, within WINDOW steps of `at`; None if none."""
    import pyotp

    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    now = totp.timecode(at)
    found = None
    for step in range(now - WINDOW, now + WINDOW + 1):  # all three compared, whichever matches
        if hmac.compare_digest(totp.generate_otp(step).encode(), code.encode()):
            found = step
    return found


def check_code(passwd_file: Path, officer_id: str, secret: str, code: str, at: datetime) -> bool:
    """Whether `code` is the officer's, now, and not used before; an accepted code's step is
    recorded at once, so the same code (or an earlier one) is refused from then on."""
    step = matching_step(secret, code, at)
    if step is None:
        return False
    with _used(used_path(passwd_file)) as used:
        if step <= used.get(officer_id, -1):
            return False  # replayed: this step or a later one was already used
        used[officer_id] = step
    return True


@contextmanager
def _used(path: Path) -> Iterator[dict[str, int]]:
    """officer id -> last accepted step, read and written back under a lock (threads of
    this console and, through flock, any other process on the same file)."""
    with _LOCK:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
            with os.fdopen(os.dup(fd), "r+", encoding="utf-8") as handle:
                used = _parse(handle.read())
                before = dict(used)
                yield used
                if used != before:
                    handle.seek(0)
                    handle.truncate()
                    handle.write("".join(f"{k} {v}\n" for k, v in sorted(used.items())))
                    handle.flush()
                    os.fsync(handle.fileno())
        finally:
            os.close(fd)  # releases the flock


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # not POSIX: the thread lock alone (one console process)
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _parse(text: str) -> dict[str, int]:
    used: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            used[parts[0]] = int(parts[1])
    return used


def second_factor_holds(officers: Officers, officer: Officer, code: str, at: datetime) -> bool:
    """True for an officer without TOTP; for one enrolled, whether `code` is valid and new."""
    from broadcaster.authoring.officers import passwd_path, read_credentials

    path = passwd_path(officers.path)
    found = read_credentials(path).get(officer.id)
    if found is None or found.totp is None:
        return True
    return check_code(path, officer.id, found.totp, code, at)
