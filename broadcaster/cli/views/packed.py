"""Packing whole pieces into lines lives in broadcaster/responses/packed.py, where the reach
report (a response, which may not import the CLI) uses it too; the views import it here."""

from __future__ import annotations

from broadcaster.responses.packed import pack, print_packed

__all__ = ["pack", "print_packed"]
