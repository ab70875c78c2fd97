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
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from broadcaster.errors import TemplateInvalid

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from broadcaster.authoring.agencies import Agency
    from broadcaster.authoring.campaigns import Campaign

TEMPLATE_NAMES = (
    "wanted",
    "missing",
    "appeal",
    "repost",
    "amplify",
    "update/arrested",
    "update/found",
    "update/withdrawn",
    "cancel",
)
SUFFIX = ".txt.j2"

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


def _format_date(
    context: Any, value: date | datetime | None, format: str = "long", time: bool = False
) -> str:
    from babel.dates import format_date, format_datetime

    if value is None:
        return ""
    agency = context.get("agency")
    locale = _locale(agency.language) if agency is not None else "en"
    if isinstance(value, datetime):
        zone = agency.zone if agency is not None else None
        if time:
            return str(format_datetime(value, format=format, tzinfo=zone, locale=locale))
        local = value.astimezone(zone) if zone is not None and value.tzinfo else value
        return str(format_date(local.date(), format=format, locale=locale))
    return str(format_date(value, format=format, locale=locale))


MAX_PRODUCT = 10_000  # a post is 280 characters; nothing in a template needs more


def _sandbox_class() -> type[SandboxedEnvironment]:
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    class PostSandbox(SandboxedEnvironment):
        """Also refuses `'x' * 10**9` and `9 ** 999999`: a template must not hang a launch."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
                raise SecurityError("exponent too large for a post")
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(times, int)
                        and len(seq) * times > MAX_PRODUCT
                    ):
                        raise SecurityError("repetition too long for a post")
            return super().call_binop(context, operator, left, right)

    return PostSandbox


@lru_cache(maxsize=32)
def environment(user_folder: str | None) -> SandboxedEnvironment:
    """One sandboxed environment per override folder (Jinja reloads changed files itself)."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, pass_context

    loaders = []
    if user_folder:
        loaders.append(FileSystemLoader(user_folder))
    loaders.append(FileSystemLoader(str(shipped_templates())))
    env = _sandbox_class()(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,  # plain text posts, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["format_date"] = pass_context(_format_date)
    env.filters["format_datetime"] = pass_context(
        lambda ctx, value, format="long": _format_date(ctx, value, format, time=True)
    )
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
        from jinja2 import TemplateError, TemplateNotFound, TemplatesNotFound
        from jinja2.exceptions import TemplateSyntaxError

        candidates = template_candidates(name, agency.language)
        context: dict[str, Any] = {
            "campaign": campaign,
            "case": dict(case),
            "agency": agency,
            "hashtags": list(campaign.hashtags),
            "link": campaign.link,
            "drill": drill_marker(agency.language) if campaign.is_exercise else None,
        }
        if extra:
            context.update(extra)
        try:
            template = self.env.select_template(candidates)
        except (TemplateNotFound, TemplatesNotFound):
            raise self._missing(name, agency.language) from None
        except TemplateSyntaxError as error:
            raise TemplateInvalid(
                f"{_shown(error.filename or candidates[0])}:{error.lineno}: template syntax "
                f"error: {str(error.message).rstrip('.')}."
            ) from None
        try:
            text = template.render(context)
        except TemplateError as error:
            place = _where(error, template.filename or candidates[0])
            raise TemplateInvalid(
                f"{place}: template error for agency {agency.key!r}: {str(error).rstrip('.')}."
            ) from None
        except (TypeError, ValueError, AttributeError, LookupError, ArithmeticError) as error:
            place = _where(error, template.filename or candidates[0])
            raise TemplateInvalid(
                f"{place}: template failed for agency {agency.key!r}: {str(error).rstrip('.')}."
            ) from None
        text = _tidy(text)
        if campaign.is_exercise:
            text = mark_drill(text, agency.language)
        return text


def mark_drill(text: str, language: str) -> str:
    """Put the drill marker first unless the text already says it."""
    marker = drill_marker(language)
    if re.search(rf"(?<!\w){re.escape(marker)}(?!\w)", text):
        return text
    return f"{marker} — {text}"
