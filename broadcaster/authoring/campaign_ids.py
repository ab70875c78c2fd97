"""A campaign id given where the campaign file is needed (`approve`, `launch`, `preview`,
`validate`).

`approve` and `launch` check the file's content (its hash, every rendered text) against the
approvals, and `preview` and `validate` read the file itself, so an id cannot stand in for
it. When the database knows the id, the officer
is told the file it recorded, or that the campaign has already ended, rather than "campaign
file not found".
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from broadcaster.authoring.approval import shown_path
from broadcaster.errors import CampaignClosed, UsageInvalid
from broadcaster.states import CAMPAIGN_CLOSED
from broadcaster.storage.db import Engine
from broadcaster.storage.models import CampaignRecord


def may_be_an_id(reference: Path) -> bool:
    """Not a file here, and not written like a path (campaign_id_of's rule)."""
    text = str(reference)
    looks_like_file = reference.suffix == ".toml" or "/" in text or "\\" in text
    return not looks_like_file and not reference.exists()


# Commands that only read the file: an ended campaign's file is still worth reading there.
READING_COMMANDS = frozenset({"preview", "validate"})


def refuse_an_id(engine: Engine, campaign_id: str, command: str) -> None:
    """Raise the sentence for a campaign id the database knows; return when it does not
    (the file-not-found sentence then says where it looked)."""
    with Session(engine) as session:
        record = session.get(CampaignRecord, campaign_id)
    if record is None:
        return
    if record.state in CAMPAIGN_CLOSED and command not in READING_COMMANDS:
        when = f" on {record.closed_at:%Y-%m-%d %H:%M} UTC" if record.closed_at else ""
        raise CampaignClosed(
            f"{campaign_id}: the campaign already ended ({record.state}{when}); nothing more "
            "may be posted for it."
        )
    recorded = Path(record.path)
    if recorded.is_file():
        raise UsageInvalid(
            f"{campaign_id} is a campaign id; {command} needs the campaign file: "
            f"broadcaster {command} {shown_path(recorded)}."
        )
    raise UsageInvalid(
        f"{campaign_id} is a campaign id; {command} needs the campaign file, which was "
        f"{shown_path(recorded)} and is no longer there: give its path."
    )
