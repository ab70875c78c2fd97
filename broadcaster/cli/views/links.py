"""Links and errors printed whole under a table, one per line and numbered like its rows.

A table cell at 80 columns cuts a link (`…/status/213…`) or folds it across lines, and a
link that is cut does not open; printed on its own line without wrapping, the terminal
shows it whole and an officer can click or copy it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from broadcaster.safetext import for_terminal

if TYPE_CHECKING:
    from rich.console import Console


def print_whole_lines(out: Console, details: Iterable[tuple[int, str | None]]) -> None:
    """`  N. detail` for each row number that has a link or an error (platform text:
    shown as text, never markup, without control characters)."""
    from rich.text import Text

    for number, detail in details:
        if detail:
            out.print(Text(for_terminal(f"  {number}. {detail}")), soft_wrap=True)
