"""The sandbox drill platform: a real HTTP server on loopback speaking X API v2."""

from __future__ import annotations

from broadcaster.sandbox.options import FaultRates, parse_faults, parse_latency
from broadcaster.sandbox.server import SandboxServer, accounts_from_registry
from broadcaster.sandbox.store import SandboxAccount

__all__ = [
    "FaultRates",
    "SandboxAccount",
    "SandboxServer",
    "accounts_from_registry",
    "parse_faults",
    "parse_latency",
]
