"""Templates → post texts, in Jinja2's sandbox (campaign files travel between agencies).

Templates live at `<name>/<language>.txt.j2` (`wanted/en.txt.j2`, `update/found/fr.txt.j2`).
A user's `templates/` folder next to the campaigns folder overrides the shipped ones file by
file. `fr-CA` looks for `fr-CA.txt.j2`, then `fr.txt.j2`. Undefined variables are errors.
An exercise campaign's posts always carry the drill marker, whatever the template says.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from broadcaster.errors import TemplateInvalid

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Agency
    from broadcaster.authoring.campaigns import Campaign
    from broadcaster.authoring.jinjabox import BoundedSandbox

TEMPLATE_NAMES = (
    "wanted",
    "missing",
    "appeal",
    "repost",
    "amplify",
    "update/arrested",
    "update/found",
    "update/withdrawn",
    "update/note",
    "cancel",
)
SUFFIX = ".txt.j2"
MAX_PATTERN = 64  # characters in a date filter's Babel pattern

# Said in every post of an exercise campaign, in the agency's language.
DRILL_MARKERS = {
    "en": "DRILL",
    "fr": "EXERCICE",
    "es": "SIMULACRO",
    "de": "ÜBUNG",
    "it": "ESERCITAZIONE",
    "pt": "SIMULADO",
    "nl": "OEFENING",
}
DEFAULT_DRILL_MARKER = "DRILL/EXERCICE"


def drill_marker(language: str) -> str:
    return DRILL_MARKERS.get(language.split("-")[0].lower(), DEFAULT_DRILL_MARKER)


def shipped_templates() -> Path:
    """The templates shipped in the wheel, or the source tree's in a development checkout."""
    from importlib.resources import files

    packaged = Path(str(files("broadcaster") / "_shipped_templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def user_templates_for(campaign_path: Path) -> Path:
    """`templates/` next to the campaigns folder (or next to a campaign file kept elsewhere)."""
    folder = campaign_path.resolve().parent
    if folder.name == "campaigns":
        return folder.parent / "templates"
    return folder / "templates"


def _locale(language: str) -> str:
    return language.replace("-", "_")


def _as_date(value: Any, filter_name: str) -> date | datetime:
    """Dates reach templates as text (`str(datetime)`); the date filters read them back."""
    from jinja2.exceptions import FilterArgumentError

    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    shown = f"the text {value[:40]!r}" if isinstance(value, str) else type(value).__name__
    raise FilterArgumentError(f"{filter_name} needs a date, like campaign.launch_at, not {shown}")


def _format_date(context: Any, value: Any, format: str = "long", time: bool = False) -> str:
    from zoneinfo import ZoneInfo

    from babel.dates import format_date, format_datetime
    from jinja2.exceptions import FilterArgumentError

    name = "format_datetime" if time else "format_date"
    if value is None:
        return ""
    if not isinstance(format, str) or len(format) > MAX_PATTERN:
        raise FilterArgumentError(
            f"{name} takes a Babel pattern of at most {MAX_PATTERN} characters"
        )
    moment = _as_date(value, name)
    agency = context.get("agency")
    agency = agency if isinstance(agency, Mapping) else {}
    locale = _locale(agency.get("language") or "en")
    zone = ZoneInfo(agency["timezone"]) if agency.get("timezone") else None
    if isinstance(moment, datetime):
        if time:
            return str(format_datetime(moment, format=format, tzinfo=zone, locale=locale))
        local = moment.astimezone(zone) if zone is not None and moment.tzinfo else moment
        return str(format_date(local.date(), format=format, locale=locale))
    return str(format_date(moment, format=format, locale=locale))


def _format_datetime(context: Any, value: Any, format: str = "long") -> str:
    return _format_date(context, value, format, time=True)


# -- what templates see: plain data only ------------------------------------------------------


def plain(value: Any) -> Any:
    """`value` as templates may see it: text, numbers, booleans, None, lists and dicts.

    Never a Path (it reads and writes files), a model or a settings object: templates
    travel between agencies. Dates become their text; the date filters read it back.
    """
    if value is None or type(value) in (str, bool, int, float):
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, date | timedelta):
        return str(value)
    if isinstance(value, PurePath):
        return value.name
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    raise TypeError(f"templates see plain data only, not a {type(value).__name__}")


AGENCY_FIELDS = (
    "key", "name", "platform", "handle", "language", "timezone", "tip_line", "tip_url",
)  # fmt: skip
CAMPAIGN_FIELDS = (
    "id", "kind", "status", "lead", "agencies", "mode", "amplify_with", "identical_content",
    "launch_at", "expires_at", "approvals_required", "hashtags", "link",
)  # fmt: skip
CASE_FIELDS = ("number", "name", "offence", "description", "last_seen", "photo", "photo_alt")


def agency_data(agency: Agency) -> dict[str, Any]:
    return {name: plain(getattr(agency, name)) for name in AGENCY_FIELDS}


def campaign_data(campaign: Campaign) -> dict[str, Any]:
    data = {name: plain(getattr(campaign, name)) for name in CAMPAIGN_FIELDS}
    data["is_exercise"] = campaign.is_exercise
    data["partners"] = list(campaign.partners)
    data["case"] = {name: plain(getattr(campaign.case, name)) for name in CASE_FIELDS}
    return data


@lru_cache(maxsize=32)
def environment(user_folder: str | None) -> BoundedSandbox:
    """One sandboxed environment per override folder (Jinja reloads changed files itself)."""
    from jinja2 import ChoiceLoader, StrictUndefined, pass_context

    from broadcaster.authoring.jinjabox import BoundedLoader, BoundedSandbox

    loaders = []
    if user_folder:
        loaders.append(BoundedLoader(user_folder))
    loaders.append(BoundedLoader(str(shipped_templates())))
    env = BoundedSandbox(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,  # plain text posts, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.add_filter("format_date", pass_context(_format_date))
    env.add_filter("format_datetime", pass_context(_format_datetime))
    return env


def template_candidates(name: str, language: str) -> list[str]:
    tags = [language]
    base = language.split("-")[0].lower()
    if base != language:
        tags.append(base)
    return [f"{name}/{tag}{SUFFIX}" for tag in tags]


def _shown(filename: str) -> str:
    """A template's path as the user would type it: relative when under the working folder."""
    path = Path(filename)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return filename


def _where(error: BaseException, fallback: str) -> str:
    """`file:line` of the template frame that raised, as Jinja rewrites its tracebacks."""
    frames = traceback.extract_tb(error.__traceback__)
    for frame in reversed(frames):
        if frame.filename.endswith(SUFFIX):
            return f"{_shown(frame.filename)}:{frame.lineno}"
    return _shown(fallback)


def _reason(error: Exception) -> str:
    """The exception's own words, or its kind when it has none (a bare AssertionError)."""
    said = str(error).strip().rstrip(".")
    return said or f"{type(error).__name__} raised"


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


class Renderer:
    """Renders named templates for agencies, with a campaign's override folder."""

    def __init__(self, user_folder: Path | None) -> None:
        folder = str(user_folder.resolve()) if user_folder and user_folder.is_dir() else None
        self.env = environment(folder)
        self.user_folder = folder

    def _missing(self, name: str, language: str) -> TemplateInvalid:
        where = self.user_folder or "templates/"
        return TemplateInvalid(
            f"no template {name}/{language}{SUFFIX} (shipped or in {where}); "
            f"write one for language {language!r}."
        )

    def render(
        self,
        name: str,
        *,
        campaign: Campaign,
        agency: Agency,
        case: Mapping[str, Any],
        extra: Mapping[str, Any] | None = None,
    ) -> str:
        """The post text; a TemplateInvalid naming the template for anything wrong in it."""
        from jinja2 import TemplateError, TemplateNotFound, TemplatesNotFound
        from jinja2.exceptions import TemplateSyntaxError

        from broadcaster.authoring.jinjabox import bounded, count_output

        candidates = template_candidates(name, agency.language)
        fields = dict(case)
        hashtags = fields.pop("hashtags", None)  # the agency's language's own, when given
        context: dict[str, Any] = {
            "campaign": campaign_data(campaign),
            "case": plain(fields),
            "agency": agency_data(agency),
            "hashtags": list(campaign.hashtags if hashtags is None else hashtags),
            "link": campaign.link,
            "drill": drill_marker(agency.language) if campaign.is_exercise else None,
        }
        for key, value in (extra or {}).items():
            context[key] = agency_data(value) if _is_agency(value) else plain(value)
        try:
            template = self.env.select_template(candidates)
        except (TemplateNotFound, TemplatesNotFound):
            raise self._missing(name, agency.language) from None
        except TemplateSyntaxError as error:
            raise TemplateInvalid(
                f"{_shown(error.filename or candidates[0])}:{error.lineno}: template syntax "
                f"error: {str(error.message).rstrip('.')}."
            ) from None
        except TemplateError as error:  # not a small regular UTF-8 file, control characters
            raise TemplateInvalid(f"{str(error).rstrip('.')}.") from None
        except Exception as error:  # a template is input: never a traceback
            raise TemplateInvalid(
                f"{_shown(candidates[0])}: template {name!r} cannot be compiled for agency "
                f"{agency.key!r}: {_reason(error)}."
            ) from None
        fallback = template.filename or candidates[0]
        try:
            with bounded() as budget:
                pieces = []
                for piece in template.generate(context):
                    count_output(budget, len(piece))
                    pieces.append(piece)
            text = "".join(pieces)
        except (TemplateNotFound, TemplatesNotFound) as error:
            where = self.user_folder or "templates/"
            raise TemplateInvalid(
                f"{_where(error, fallback)}: template error for agency {agency.key!r}: it "
                f"includes {error.name!r}, which is neither shipped nor in {where}."
            ) from None
        except TemplateError as error:
            place = _where(error, fallback)
            raise TemplateInvalid(
                f"{place}: template error for agency {agency.key!r}: {str(error).rstrip('.')}."
            ) from None
        except RecursionError:
            raise TemplateInvalid(
                f"{_shown(fallback)}: template error for agency {agency.key!r}: "
                "it calls or includes itself without end."
            ) from None
        except Exception as error:  # a template is input: never a traceback
            # Whatever Python or Jinja raises from the template's own code: TypeError,
            # ValueError... and also the RuntimeError of `cycler()` without items or the
            # AssertionError of `truncate(-1)`. The sandbox's limits are TemplateErrors above.
            place = _where(error, fallback)
            raise TemplateInvalid(
                f"{place}: template failed for agency {agency.key!r}: {_reason(error)}."
            ) from None
        text = _tidy(text)
        if campaign.is_exercise:
            text = mark_drill(text, agency.language)
        return text


def _is_agency(value: Any) -> bool:
    from broadcaster.authoring.agencies import Agency

    return isinstance(value, Agency)


def mark_drill(text: str, language: str) -> str:
    """Put the drill marker first unless the text already says it."""
    marker = drill_marker(language)
    if re.search(rf"(?<!\w){re.escape(marker)}(?!\w)", text):
        return text
    return f"{marker} — {text}"
