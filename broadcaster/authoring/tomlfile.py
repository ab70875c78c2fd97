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
            line, column = int(at.group(1)), int(at.group(2))
            date = _bad_date(text, line, column)
            if date is not None:
                raise InvalidInput(f"{path}:{line}: {date}.") from None
            words = in_words(message[: at.start()].rstrip())
            raise InvalidInput(f"{path}:{line}:{column}: not valid TOML: {words}.") from None
        message = message.replace("(at end of document)", "").strip()
        raise InvalidInput(
            f"{path}: not valid TOML at the end of the file: {in_words(message)}."
        ) from None


# A bare value that starts like a date (2026-12-08 …): TOML reads a date and stumbles on
# what follows (a time without seconds, a space before the offset, month 13), so its own
# message ("something follows the value") would send the officer looking for a stray word.
_DATE_START = re.compile(r"(?<![\w.:-])(\d{4}-\d{1,2}(?:-\d{1,2})?)")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
_TYPED = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?")
DATE_EXAMPLE = "2026-12-08T09:00:00-05:00"


def _bad_date(text: str, line: int, column: int) -> str | None:
    """'launch_at: not a valid date and time; write it like …' when the syntax error at
    `line`:`column` sits in a bare date-like value of a `key = value` line; else None."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    source = lines[line - 1]
    key = _KEY.match(source)
    if key is None:
        return None
    # Quoted text is blanked, not removed, so that positions still match the column.
    bare = _QUOTED.sub(lambda quoted: " " * len(quoted.group()), source)
    dates = [
        d
        for d in _DATE_START.finditer(bare, key.end())
        if d.start() <= column - 1 and bare[: d.start()].rstrip()[-1:] in ("=", "[", ",")
    ]
    if not dates:
        return None
    name = key.group(1).strip("\"'")
    return (
        f"{name}: not a valid date and time; write it like {_example(source[dates[-1].start() :])} "
        "(the date, T, the time with seconds, then Z for UTC or the offset)"
    )


def _example(typed: str) -> str:
    """The officer's own date and time written the way TOML reads it, when they exist."""
    from datetime import datetime

    match = _TYPED.match(typed)
    if match is None:
        return DATE_EXAMPLE
    day, hour, minute, second = match.groups()
    local = f"{day}T{hour}:{minute}:{second or '00'}"
    try:
        datetime.fromisoformat(local)
    except ValueError:
        return DATE_EXAMPLE
    return f"{local}-05:00"


_QUOTE_HINT = 'add the closing quote, or use """ … """ for text on several lines'
_BACKSLASH = (
    'a backslash in a "…" string starts an escape (\\n, \\t, \\uXXXX): write \\\\ '
    "for a backslash itself, or use '…' quotes"
)
# tomllib's messages (CPython's Lib/tomllib/_parser.py) → what is wrong, in words.
_WORDS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^Illegal character '\\n'$"),
        f"a string is not closed before the end of the line ({_QUOTE_HINT})",
    ),
    (
        re.compile(r"^Illegal character '(.*)'$"),
        "a string holds a control character TOML does not allow ({0}); remove it",
    ),
    (
        re.compile(r"^Unterminated string$"),
        f"a string is not closed: its closing quote is missing ({_QUOTE_HINT})",
    ),
    (
        re.compile(r"^Expected \"'(?:'')?\"$"),
        "a '…' string is not closed: its closing ' is missing",
    ),
    (
        re.compile(r"^Invalid value$"),
        'the value after = is not one TOML knows: text needs quotes ("like this"), a list '
        "brackets ([…]), a date the form 2026-11-23T14:00:00Z",
    ),
    (
        re.compile(r"^Expected newline or end of document after a statement$"),
        "something follows the value on the same line: one key = value per line, text in quotes",
    ),
    (
        re.compile(r"^Expected '\]' at the end of a table declaration$"),
        "a [table] header is not closed with ]",
    ),
    (
        re.compile(r"^Expected '\]\]' at the end of an array declaration$"),
        "a [[table]] header is not closed with ]]",
    ),
    (
        re.compile(r"^Expected '=' after a key in a key/value pair$"),
        "a key has no = and value after it",
    ),
    (
        re.compile(r"^Unclosed array$"),
        "a list [ … ] is not closed with ] (or a comma is missing between its items)",
    ),
    (
        re.compile(r"^Unclosed inline table$"),
        "a table { … } is not closed with } (it must stay on one line)",
    ),
    (
        re.compile(
            r"^(?:Cannot overwrite a value|Cannot declare .* twice|Duplicate inline table key .*"
            r"|Cannot redefine namespace .*|Cannot mutate immutable namespace .*)$"
        ),
        "a key or table is given twice; keep one",
    ),
    (
        re.compile(
            r"^(?:Unescaped '\\' in a string|Invalid hex value"
            r"|Escaped character is not a Unicode scalar value)$"
        ),
        _BACKSLASH,
    ),
    (
        re.compile(r"^(?:Invalid statement|Invalid initial character for a key part)$"),
        "a line must hold a key = value, a [table] header or a # comment",
    ),
    (
        re.compile(r"^Invalid date or datetime$"),
        "a date or time that does not exist; write it like 2026-11-23T14:00:00Z",
    ),
    (re.compile(r"^Found invalid character '(.*)'$"), "an unexpected character here ({0})"),
]


def in_words(message: str) -> str:
    """A TOML parser message said as what is wrong; one we do not know is kept as it is."""
    for pattern, words in _WORDS:
        match = pattern.match(message)
        if match:
            return words.format(*match.groups()) if match.groups() else words
    return message


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
