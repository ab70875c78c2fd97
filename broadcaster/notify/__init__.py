"""Notifications to the desks: new tips, incomplete launches and floods, through apprise.

`destinations` says where notices go (each agency's `notify` URLs in agencies.toml, the
coordination centre's in BROADCASTER_NOTIFY), `messages` what they say, `outbox` records
each one once before it is sent, `sender` sends through apprise and `sweep` finds what is
new after a tracking pass. Only `sender` imports apprise.
"""
