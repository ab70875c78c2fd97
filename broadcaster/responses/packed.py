"""A line of whole pieces: a handle, an id, a time never broken inside, at any width.

Rich wraps a long line at any space and folds a word longer than the line, so at 80
columns `id 2130034688004194304` can leave its number alone on the next line, and an at://
id or a long handle is cut mid-word. Here each piece is kept whole: pieces go on one line
while they fit, the rest continue on indented lines, and a piece wider than the terminal
gets a line of its own, printed unwrapped (as links are, views/links.py) so that it can
still be copied whole.

It sits under responses/ so that both the CLI views (status, tips, preview) and the reach
report may use it: the layers forbid a response importing the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def pack(pieces: Sequence[Text], width: int, indent: int = 2, gap: int = 2) -> list[Text]:
    """The lines `pieces` make at `width` columns: `gap` spaces between pieces on a line,
    `indent` spaces before each continuation line; no piece is ever split."""
    from rich.text import Text

    lines: list[Text] = []
    line: Text | None = None
    for piece in pieces:
        if line is None:
            line = piece.copy()
        elif line.cell_len + gap + piece.cell_len <= width:
            line.append(" " * gap)
            line.append_text(piece)
        else:
            lines.append(line)
            # A piece too wide for an indented line starts at the margin instead.
            margin = indent if indent + piece.cell_len <= width else 0
            line = Text(" " * margin) + piece
    if line is not None:
        lines.append(line)
    return lines


def print_packed(out: Console, pieces: Sequence[Text], indent: int = 2, gap: int = 2) -> None:
    """Print `pieces` packed to the console's width (never wrapped again by rich)."""
    for line in pack(pieces, out.width, indent, gap):
        out.print(line, soft_wrap=True)
