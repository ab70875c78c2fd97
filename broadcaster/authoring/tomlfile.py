"""Reading TOML files users write, with line numbers for the problems we find in them.

tomllib reports the line of a syntax error but keeps no positions for values, so
`line_of` finds a key's line by scanning the text under its table header. It is only used
to point the user at the right place; a miss just drops the line number.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from broadcaster.errors import InvalidInput
from broadcaster.safetext import unsafe_character

MAX_BYTES = 1024 * 1024  # a campaign or agencies file is a few kilobytes

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"']+)\s*=")
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_toml(path: Path, what: str) -> tuple[dict[str, Any], str]:
    """Parse a file, or raise one sentence naming the file (and line, for syntax errors)."""
    text = _read_text(path, what)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        at = _AT.search(message)
        if at:
            message = message[: at.start()].rstrip()
            place = f"{path}:{at.group(1)}:{at.group(2)}"
            raise InvalidInput(f"{place}: not valid TOML: {message}.") from None
        raise InvalidInput(f"{path}: not valid TOML: {message}.") from None


def _read_text(path: Path, what: str) -> str:
    """The file's text: a regular file (not /dev/zero, not a fifo) of at most MAX_BYTES."""
    import stat

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(f"{path}: not a regular file; give the {what} file itself.")
        if info.st_size > MAX_BYTES:
            raise InvalidInput(
                f"{path}: {info.st_size:,} bytes is too large for a {what} file "
                f"(at most {MAX_BYTES:,})."
            )
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InvalidInput(_not_found(path, what)) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or "not a usable file name"
        raise InvalidInput(f"{path}: cannot read the {what} file ({reason}).") from None
    if len(raw) > MAX_BYTES:
        raise InvalidInput(f"{path}: too large for a {what} file (at most {MAX_BYTES:,} bytes).")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not a UTF-8 text file.") from None


def _not_found(path: Path, what: str) -> str:
    """Where we looked: a relative path is read from the current folder, which a user who
    runs a command from another folder does not see."""
    looked = "" if path.is_absolute() else f" (looked in {Path.cwd()})"
    hint = (
        "; pass --agencies PATH or run from the folder that holds it" if what == "agencies" else ""
    )
    return f"{path}: {what} file not found{looked}{hint}."


def unsafe_strings(
    data: Any, location: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], str]]:
    """Every string value holding a control or bidi-override character, with its location
    (("case", "offence"), ("agencies", 1)) and the character as U+XXXX."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(data, str):
        bad = unsafe_character(data)
        if bad is not None:
            found.append((location, bad))
    elif isinstance(data, dict):
        for key, value in data.items():
            found.extend(unsafe_strings(value, (*location, str(key))))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(unsafe_strings(value, (*location, index)))
    return found


def dotted(location: Sequence[str | int]) -> str:
    out = ""
    for part in location:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _header_path(header: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in header.split("."))


def line_of(text: str, location: Sequence[str | int]) -> int | None:
    """1-based line of `location` (e.g. ("agency", "tps", "timezone")), best effort.

    When the key itself is absent (a missing field), the line of the deepest enclosing
    table or key that is present is returned instead.
    """
    names = tuple(str(p) for p in location if not isinstance(p, int))
    if not names:
        return None
    table: tuple[str, ...] = ()
    best: tuple[int, int] | None = None  # (depth matched, line)

    def consider(path: tuple[str, ...], number: int) -> None:
        nonlocal best
        if path and path == names[: len(path)] and (best is None or len(path) > best[0]):
            best = (len(path), number)

    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _header_path(header.group(1))
            consider(table, number)
            continue
        key = _KEY.match(line)
        if key:
            full = (*table, key.group(1).strip("\"'"))
            if full == names:
                return number
            consider(full, number)
    return best[1] if best else None


def where(path: Path, text: str, location: Sequence[str | int]) -> str:
    """`path:line` when the line is known, else `path`."""
    line = line_of(text, location)
    return f"{path}:{line}" if line else str(path)
