"""`notify test`: one test message to every destination, and how each went."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from broadcaster.notify.destinations import DestinationInvalid, usable_destinations
from broadcaster.notify.messages import trial_message

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Registry
    from broadcaster.config import Settings
    from broadcaster.notify.outbox import Sender


@dataclass(frozen=True)
class TrialResult:
    destination: str  # the redacted label
    ok: bool
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"destination": self.destination, "ok": self.ok, "error": self.error}


def send_trial(
    settings: Settings, registry: Registry, *, send: Sender | None = None
) -> list[TrialResult]:
    """Send the test message to each destination (no retry: the officer sees at once
    what answers). DestinationInvalid when a URL cannot be filled in or none is set."""
    from broadcaster.notify.sender import DeliveryFailed
    from broadcaster.notify.sender import send as apprise_send

    destinations, problems = usable_destinations(registry, settings.env)
    if problems:
        raise DestinationInvalid(problems[0])
    if not destinations:
        raise DestinationInvalid(
            "no notification destinations: set BROADCASTER_NOTIFY (space-separated apprise "
            f"URLs) in the environment or .env, or notify = [...] for an agency in "
            f"{registry.path}."
        )
    sender = send or apprise_send
    message = trial_message()
    results = []
    for destination in destinations:
        try:
            sender(destination, message.title, message.body)
        except DeliveryFailed as error:
            results.append(TrialResult(destination.label, False, error.message))
        else:
            results.append(TrialResult(destination.label, True))
    return results
