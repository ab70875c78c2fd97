"""Sending one message to one destination through apprise (the only module that imports it).

apprise speaks email, SMS gateways, Teams, Slack, ntfy, webhooks and a hundred more; it
reports a failure by returning False and logging why, so the reason is read from its log
(secrets masked) and raised as DeliveryFailed, which the retry policy tries again.
"""

from __future__ import annotations

import logging

from broadcaster.errors import PlatformError
from broadcaster.notify.destinations import Destination

# Seconds apprise waits to connect and to read: a desk that hangs must not hold tracking.
CONNECT_TIMEOUT = 4.0
READ_TIMEOUT = 6.0


class DeliveryFailed(PlatformError):
    """A destination did not take the message (exit 4 for `notify test`)."""

    transient = True


def send(destination: Destination, title: str, body: str) -> None:
    """Send, or raise DeliveryFailed with the service's reason."""
    import apprise

    notifier = apprise.Apprise()
    if not notifier.add(destination.url):
        raise DeliveryFailed(
            f"{destination.label}: apprise does not know this kind of URL; see apprise's "
            "list of services for the form it takes."
        )
    for service in notifier:
        service.socket_connect_timeout = CONNECT_TIMEOUT
        service.socket_read_timeout = READ_TIMEOUT
    with apprise.LogCapture(level=logging.WARNING) as captured:
        try:
            ok = notifier.notify(body=body, title=title)
        except Exception as error:  # a plug-in's own bug must not stop tracking
            raise DeliveryFailed(
                f"{destination.label}: {destination.scrub(type(error).__name__)}"
            ) from None
    if not ok:
        lines = [line.strip() for line in captured.getvalue().splitlines() if line.strip()]
        reason = destination.scrub(lines[-1] if lines else "the service refused the message")
        raise DeliveryFailed(f"{destination.label}: {reason[:300]}")
