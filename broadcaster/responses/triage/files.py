"""Replies from elsewhere, to triage: JSON lines `{"id", "text"}` or CSV with those columns.

A tip line's SMS export, another platform's comments. Files are read as a stream, one line
at a time, so a file of any size fits in bounded memory; every problem is one sentence
naming the file and the line (exit 2).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from broadcaster.errors import InputFileInvalid
from broadcaster.responses.triage.classify import Triager, Verdict
from broadcaster.responses.triage.floods import FloodIndex
from broadcaster.responses.triage.relevance import CaseProfile
from broadcaster.timeutil import as_utc

if TYPE_CHECKING:
    from broadcaster.responses.triage.learned import LearnedModel

STDIN = "-"
# Spreadsheets are exported by English- and French-speaking agencies alike.
_TRUE = {"1", "true", "yes", "y", "t", "oui", "vrai", "o"}
_FALSE = {"", "0", "false", "no", "n", "f", "non", "faux"}


class IncomingReply(NamedTuple):
    id: str | int
    text: str
    has_media: bool
    line: int
    author_id: str | None = None
    author_created_at: datetime | None = None
    created_at: datetime | None = None
    author_handle: str | None = None


def file_format(path: str | Path, first_line: bytes = b"") -> str:
    """The format, jsonl or csv: from the file name, else from its first character."""
    suffix = Path(str(path)).suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".txt"):
        return "csv"
    return "jsonl" if first_line.lstrip(b"\xef\xbb\xbf \t").startswith(b"{") else "csv"


def read_replies(path: str | Path, *, check_ids: bool = True) -> Iterator[IncomingReply]:
    """Each reply of the file in order; raises InputFileInvalid at the first bad line (an
    id already used is one, unless `check_ids` is false)."""
    name = _name(path)
    if str(path) == STDIN:
        opened: AbstractContextManager[IO[bytes]] = nullcontext(sys.stdin.buffer)
    else:
        try:
            opened = open(path, "rb")  # noqa: SIM115
        except OSError as error:
            reason = error.strerror or str(error)
            raise InputFileInvalid(f"{name}: cannot read it ({reason}).") from None
    with opened as stream:
        yield from _replies(stream, name, path, check_ids=check_ids)


def check_replies(path: str | Path) -> int:
    """Read the whole file once to find any problem before anything is printed."""
    return sum(1 for _ in read_replies(path))


def triage_file(
    path: str | Path,
    triager: Triager | None = None,
    *,
    case: CaseProfile | None = None,
    model: LearnedModel | None = None,
) -> Iterator[tuple[IncomingReply, Verdict]]:
    """Each reply of the file with its verdict, one stream-aware triager for the file,
    weighed against the case when one is given. Verdicts come out LOOKAHEAD replies
    late, settled: the first replies of a flood are spam too. With the deployment's
    learned model (learned.py), its corrections count too.

    The file is read twice, and the first reading happens here, before anything is
    returned: every problem of the file is raised before the first verdict, and every
    member of a flood gives the flood's size and window as they are at the end of the file
    (a flood's first copies were labelled when it was smaller). Standard input is kept in
    a temporary file for the second reading; memory stays bounded either way."""
    triager = triager or Triager(case=case, model=model)
    spool: IO[bytes] | None = None
    if str(path) == STDIN:
        spool = _spooled_stdin()

    def replies(check_ids: bool) -> Iterator[IncomingReply]:
        if spool is None:
            return read_replies(path, check_ids=check_ids)
        spool.seek(0)
        return _replies(spool, _name(path), path, check_ids=check_ids)

    try:
        census = _census(replies(check_ids=True), triager)
    except BaseException:
        if spool is not None:
            spool.close()
        raise
    # The second reading finds what the first did: its ids were checked then.
    return _labelled(replies(check_ids=False), triager, census, spool)


def _labelled(
    replies: Iterator[IncomingReply],
    triager: Triager,
    census: FloodIndex | None,
    spool: IO[bytes] | None,
) -> Iterator[tuple[IncomingReply, Verdict]]:
    label = triager.label

    def one(reply: IncomingReply) -> Verdict:
        return label(
            reply.text,
            has_media=reply.has_media,
            author_id=reply.author_id,
            author_created_at=reply.author_created_at,
            created_at=reply.created_at,
            author_handle=reply.author_handle,
        )

    try:
        for reply, verdict in triager.settled(replies, one, text=lambda reply: reply.text):
            cluster_id = verdict.cluster
            if census is not None and cluster_id is not None and verdict.reasons:
                final = census.get(cluster_id)
                if final is not None:
                    reasons = tuple(map(final.restate, verdict.reasons))
                    if reasons != verdict.reasons:
                        verdict = verdict._replace(reasons=reasons)
            yield reply, verdict
    finally:
        if spool is not None:
            spool.close()


def _census(replies: Iterator[IncomingReply], triager: Triager) -> FloodIndex | None:
    """The clusters of the whole file as they end, from a triager like `triager` that sees
    the replies in the same order (the same clusters, the same ids); None when `triager`
    looks for no floods (then the file is only checked)."""
    if triager.floods is None:
        for _ in replies:
            pass
        return None
    counting = Triager(
        capacity=triager.capacity,
        cache_size=triager.cache_size,
        case=triager.case,
        floods=FloodIndex(capacity=triager.floods.capacity),
    )
    label = counting.label
    for reply in replies:
        label(
            reply.text,
            has_media=reply.has_media,
            author_id=reply.author_id,
            author_created_at=reply.author_created_at,
            created_at=reply.created_at,
            author_handle=reply.author_handle,
        )
    return counting.floods


def _spooled_stdin() -> IO[bytes]:
    """Standard input in a temporary file (on disk past a few megabytes), to read twice."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    try:
        shutil.copyfileobj(sys.stdin.buffer, spool)
    except OSError as error:
        spool.close()
        reason = error.strerror or str(error)
        raise InputFileInvalid(f"standard input: cannot read it ({reason}).") from None
    return spool


def _name(path: str | Path) -> str:
    return "standard input" if str(path) == STDIN else str(path)


def _replies(
    stream: IO[bytes], name: str, path: str | Path, *, check_ids: bool = True
) -> Iterator[IncomingReply]:
    lines = _numbered_lines(stream, name)
    first = next(lines, None)
    if first is None:
        return
    lines = _chain(first, lines)
    if file_format(path, first[1].encode()) == "jsonl":
        replies = _json_lines(lines, name)
    else:
        replies = _csv_rows(lines, name)
    if not check_ids:
        yield from replies
        return
    # An officer finds a reply again by its id: two replies with one id are an export gone
    # wrong. Kept: the hash of each id (as printed: 7 and "7" are one) and its line, a few
    # dozen bytes a reply. Said once the whole file is read: a line that cannot be read at
    # all is the first thing to fix.
    seen: dict[int, int] = {}
    again: str | None = None
    for reply in replies:
        key = hash(str(reply.id))
        first_line = seen.setdefault(key, reply.line)
        if first_line != reply.line and again is None:
            again = (
                f"{name} line {reply.line}: the id {str(reply.id)!r} is already the id of "
                f"line {first_line}; each reply needs an id of its own."
            )
        yield reply
    if again is not None:
        raise InputFileInvalid(again)


# -- reading ------------------------------------------------------------------------------


def _numbered_lines(stream: IO[bytes], name: str) -> Iterator[tuple[int, str]]:
    try:
        for number, raw in enumerate(stream, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputFileInvalid(
                    f"{name} line {number}: not UTF-8 text; save the file as UTF-8."
                ) from None
            if number == 1:
                text = text.removeprefix("\ufeff")
            yield number, text
    except OSError as error:
        raise InputFileInvalid(f"{name}: cannot read it ({error.strerror or error}).") from None


def _chain(first: tuple[int, str], rest: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    yield first
    yield from rest


def _json_lines(lines: Iterable[tuple[int, str]], name: str) -> Iterator[IncomingReply]:
    loads = json.loads
    for number, line in lines:
        if not line.strip():
            continue
        try:
            row = loads(line)
        except json.JSONDecodeError as error:
            raise InputFileInvalid(
                f"{name} line {number}: not valid JSON ({error.msg} at column {error.colno})."
            ) from None
        if not isinstance(row, dict):
            raise InputFileInvalid(
                f'{name} line {number}: expected an object like {{"id": 1, "text": "..."}}.'
            )
        yield _reply(row, name, number)


def _delimiter(header: str) -> str:
    """The separator the header line uses: "," or ";" (French-Canadian Excel saves
    "id;text", as the decimal comma takes ","), or a tab; "," when none names both id and
    text (the missing column is then reported)."""
    for separator in (",", ";", "\t"):
        fields = {field.strip().strip('"').strip().lower() for field in header.split(separator)}
        if "id" in fields and "text" in fields:
            return separator
    return ","


def _csv_rows(lines: Iterator[tuple[int, str]], name: str) -> Iterator[IncomingReply]:
    state = {"line": 0}
    record_lines: list[str] = []  # the physical lines of the record being read
    first = next(lines, None)
    if first is None:
        return
    delimiter = _delimiter(first[1])

    def text_lines() -> Iterator[str]:
        for number, line in chain((first,), lines):
            state["line"] = number
            record_lines.append(line)
            yield line

    reader = csv.reader(text_lines(), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise InputFileInvalid(f"{name} line {state['line']}: not valid CSV ({error}).") from None
    if header is None:
        return
    columns = [column.strip().lower() for column in header]
    for required in ("id", "text"):
        if required not in columns:
            raise InputFileInvalid(
                f'{name}: no "{required}" column; the first line must name the columns, '
                f"for example: id,text (found: {', '.join(header) or 'nothing'})."
            )
    wanted = (
        "id",
        "text",
        "has_media",
        "author_id",
        "author_created_at",
        "created_at",
        "author_handle",
        "author",
    )
    where = {column: columns.index(column) for column in wanted if column in columns}
    width = max(where.values()) + 1
    last_line: tuple[int, str] | None = None
    while True:
        start = state["line"] + 1
        record_lines.clear()
        try:
            record = next(reader, None)
        except csv.Error as error:
            if len(record_lines) > 1:  # a field ran on over lines until the reader gave up
                raise InputFileInvalid(_unclosed(name, start)) from None
            raise InputFileInvalid(f"{name} line {start}: not valid CSV ({error}).") from None
        if record is None:
            # Only the file's last line can end inside a quote and still be one line.
            if last_line and _ends_inside_quotes(last_line[1]):
                raise InputFileInvalid(_unclosed(name, last_line[0]))
            return
        if len(record_lines) > 1:
            if _quote_left_open(record_lines, where["id"], width, delimiter):
                raise InputFileInvalid(_unclosed(name, start))
            last_line = None
        else:
            last_line = (start, record_lines[0]) if '"' in record_lines[0] else None
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        if len(record) < width:
            missing = [c for c, i in where.items() if i >= len(record)]
            raise InputFileInvalid(
                f"{name} line {start}: {len(record)} field(s), no value for {', '.join(missing)}."
            )
        yield _reply({c: record[i] for c, i in where.items()}, name, start, from_csv=True)


def _unclosed(name: str, line: int) -> str:
    return (
        f"{name} line {line}: a quote opened here is never closed; close it, or write a "
        'quote inside a text as two ("").'
    )


# Python's csv reader is lenient: a quote that is never closed makes the rest of the file
# one text, and no error. A text may span lines (an SMS with line breaks), so a record of
# several lines is fine unless its quote was never really closed: the reader ran into the
# end of the file, or the closing quote is followed by more text ("he was 6'2"), or the
# lines it swallowed read as rows of their own (an id like the record's, then the columns).
_ID_CLASSES = re.compile(r"[0-9]+|[^\W\d_]+")
_ROWS_SWALLOWED = 2  # row-like lines in one text before it is taken for swallowed rows


def _quote_left_open(lines: list[str], id_column: int, width: int, delimiter: str = ",") -> bool:
    """Whether a record of several lines is a quote left open rather than one text."""
    if _ends_inside_quotes("".join(lines)) or not _strictly_valid(lines, delimiter):
        return True
    record = next(csv.reader(lines[:1], delimiter=delimiter), [])
    shape = _id_shape(record[id_column]) if id_column < len(record) else None
    if shape is None:
        return False
    swallowed = 0
    for line in lines[1:]:
        fields = next(csv.reader([line], delimiter=delimiter), [])
        if len(fields) >= width and _id_shape(fields[id_column]) == shape:
            swallowed += 1
            if swallowed >= _ROWS_SWALLOWED:
                return True
    return False


def _id_shape(value: str) -> str | None:
    """An id's look: "s11" and "s12" are letters then digits, "1" and "27" digits; a
    phrase ("on King St") is no id at all."""
    if not value or len(value) > 64 or any(c.isspace() for c in value):
        return None
    return _ID_CLASSES.sub(lambda m: "9" if m.group(0)[0].isdigit() else "a", value)


def _ends_inside_quotes(text: str) -> bool:
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


def _strictly_valid(lines: list[str], delimiter: str = ",") -> bool:
    try:
        for _ in csv.reader(lines, strict=True, delimiter=delimiter):
            pass
    except csv.Error:
        return False
    return True


def _reply(row: dict[str, Any], name: str, number: int, *, from_csv: bool = False) -> IncomingReply:
    where = f"{name} line {number}"
    if "id" not in row or row["id"] is None or row["id"] == "":
        raise InputFileInvalid(f'{where}: no "id".')
    reply_id = row["id"]
    if isinstance(reply_id, bool) or not isinstance(reply_id, str | int):
        raise InputFileInvalid(f'{where}: "id" must be a string or a whole number.')
    if "text" not in row:
        raise InputFileInvalid(f'{where}: no "text".')
    text = row["text"]
    if text is None:
        text = ""
    elif not isinstance(text, str):
        raise InputFileInvalid(f'{where}: "text" must be a string.')
    if "\x00" in text:
        # A NUL between two words ("saw\x00him") still parts them: a space, not nothing.
        text = text.replace("\x00", " ")
    return IncomingReply(
        reply_id,
        text,
        _flag(row.get("has_media"), where, from_csv),
        number,
        _optional_str(row.get("author_id"), where, "author_id"),
        _instant(row.get("author_created_at"), where, "author_created_at"),
        _instant(row.get("created_at"), where, "created_at"),
        _author(row, where),
    )


def _author(row: dict[str, Any], where: str) -> str | None:
    """The replier's handle: `author` (the SPEC's name) or `author_handle` (tracking's)."""
    handle = _optional_str(row.get("author_handle"), where, "author_handle")
    if handle is None:
        handle = _optional_str(row.get("author"), where, "author")
    return handle


def _flag(value: Any, where: str, from_csv: bool) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and from_csv:
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise InputFileInvalid(f'{where}: "has_media" must be true or false, not {value!r}.')


def _optional_str(value: Any, where: str, field: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    raise InputFileInvalid(f'{where}: "{field}" must be a string.')


def _instant(value: Any, where: str, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return as_utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
        except ValueError:
            pass
    raise InputFileInvalid(
        f'{where}: "{field}" must be an ISO 8601 time such as 2026-11-23T14:00:00Z.'
    )
