"""Every error a user can meet, named after its condition, and the exit codes they map to.

Messages are one sentence that names the file, field or agency and says how to fix it.
They never include a secret's value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any


class ExitStatus(IntEnum):
    """The same exit codes for every command (SPEC, "Commands")."""

    OK = 0
    BUG = 1
    INVALID = 2  # invalid input or usage: nothing was sent
    REFUSED = 3  # refused by policy: not approved, changed, already launched, expired
    PLATFORM_FAILED = 4  # a platform failed for some or all agencies
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)


class BroadcasterError(Exception):
    """Base of every error we expect; anything else is a bug (exit 1).

    `data` is what the command had to show when it failed (a launch's report, the audit
    verdict): with `--json` the CLI prints it with "error" and "exit_code" added."""

    exit_status: ExitStatus = ExitStatus.BUG

    def __init__(self, message: str, *, data: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.data: dict[str, Any] = dict(data or {})

    def __str__(self) -> str:
        return self.message


# -- exit 2: invalid input -------------------------------------------------------------


class InvalidInput(BroadcasterError):
    exit_status = ExitStatus.INVALID


class UsageInvalid(InvalidInput):
    """A flag or argument the command cannot use."""


class AgenciesInvalid(InvalidInput):
    """The agencies registry file is missing or wrong."""


class MissingCredentials(InvalidInput):
    """An agency's credential variables are not set (names them, never their values)."""


class TemplateInvalid(InvalidInput):
    """A template is missing, fails to parse, or uses an undefined variable."""


class MediaInvalid(InvalidInput):
    """A photo is missing, unreadable, or in a format the platform refuses."""


class InputFileInvalid(InvalidInput):
    """A file given to a command (replies to triage, say) cannot be read."""


class CampaignInvalid(InvalidInput):
    """A campaign file has one or more problems; all of them are listed."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        if len(self.problems) == 1:
            message = self.problems[0]
        else:
            message = f"{len(self.problems)} problems:\n" + "\n".join(
                f"  - {p}" for p in self.problems
            )
        super().__init__(message)


class CampaignNotFound(InvalidInput):
    """No campaign with this id or path."""

    @classmethod
    def in_database(cls, campaign_id: str) -> CampaignNotFound:
        """The one sentence for a campaign the database does not hold, whichever command."""
        return cls(
            f"no campaign {campaign_id!r} in the database; approve and launch it first "
            "(or pass --db for another database)."
        )


class CampaignFilesInvalid(InvalidInput):
    """`validate` found one or more invalid campaign files (each one's problems are said)."""


class CapProfileBreach(InvalidInput):
    """`export-cap --profile`: the alert breaks a rule of that network (names the field)."""


class OfficersInvalid(InvalidInput):
    """The officers registry (`officers.toml`) is missing or wrong, or an officer to add is."""


class SigningKeyInvalid(InvalidInput):
    """A private key given with --key cannot be read: missing, not OpenSSH Ed25519, open to
    other users, or its passphrase is wrong."""


class PassphraseRequired(SigningKeyInvalid):
    """The key is passphrase-protected and no passphrase was given."""


# -- exit 3: refused by policy --------------------------------------------------------


class PolicyRefused(BroadcasterError):
    exit_status = ExitStatus.REFUSED


class NotApproved(PolicyRefused):
    pass


class ChangedSinceApproval(PolicyRefused):
    pass


class AlreadyLaunched(PolicyRefused):
    pass


class CampaignClosed(PolicyRefused):
    """Resolved, cancelled or expired: nothing more may be posted for it."""


class UnknownOfficer(PolicyRefused):
    """A key that belongs to no officer in `officers.toml`."""


class RoleMissing(PolicyRefused):
    """The officer exists but lacks the role the action needs (approver, launcher, admin)."""


class ApprovalNotVerified(PolicyRefused):
    """A stored approval whose signature does not verify against `officers.toml`: the row was
    forged or edited in the database, or its officer is gone from the registry."""


class Busy(PolicyRefused):
    """Another process holds the campaign (a launch or resolve in progress)."""


# -- exit 4: a platform failed --------------------------------------------------------


class PlatformError(BroadcasterError):
    """A platform refused or failed a request. `transient` errors may be retried."""

    exit_status = ExitStatus.PLATFORM_FAILED
    transient: bool = False


class CredentialsInvalid(PlatformError):
    pass


class AgencyCheckFailed(PlatformError):
    """`agencies check`: one or more agencies cannot sign in or post."""


class AccountSuspended(PlatformError):
    pass


class RateLimited(PlatformError):
    transient = True

    def __init__(self, message: str, reset_at: datetime | None = None) -> None:
        super().__init__(message)
        self.reset_at = reset_at


class ServerError(PlatformError):
    transient = True


class Rejected(PlatformError):
    """The platform refused this content (duplicate, too long, bad media)."""


class DuplicateContent(Rejected):
    """The platform refused the post as a duplicate of one the account already made."""


class OutcomeUnknown(PlatformError):
    """The request may have been carried out but no answer came (timeout after sending)."""

    transient = True


class LaunchIncomplete(PlatformError):
    """Some agencies did not post; `status` says which and why."""


class Interrupted(BroadcasterError):
    """Ctrl-C: the sentence says what state the work was left in and how to go on."""

    exit_status = ExitStatus.INTERRUPTED


class ReplyNotFound(InvalidInput):
    """`tips --followed-up` names a reply the campaign does not have."""


class TrackingIncomplete(PlatformError):
    """Tracking failed for some posts (other than a rate limit, which only defers them)."""


class AuditBroken(PolicyRefused):
    """The audit log's hash chain does not hold: an entry was edited, deleted or moved."""


class FollowUpIncomplete(PlatformError):
    """A resolve, cancel or expiry left updates unsent or photo posts up; run it again."""


class ScheduledWorkFailed(PlatformError):
    """A `tick` pass ended with jobs that failed; `status` and the job list say why."""
