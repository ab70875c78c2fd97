"""The platform registry: adapters register like plugins, the built-ins the same way.

`@register` on a `Platform` subclass (see `broadcaster.platforms.base` for the class
attributes it must state) makes `platform = "<name>"` valid in agencies.toml, gives
validation its length rule, photo limits, handle format and credential names, and lets
`platform_for` build it. Other packages add a platform through the entry point group
`broadcaster.platforms` (`name = "package.module:AdapterClass"`); loading the module
registers the class.
"""

from __future__ import annotations

import importlib
import threading
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, TypeVar

from broadcaster.errors import UsageInvalid

if TYPE_CHECKING:
    from broadcaster.platforms.base import Platform

# The built-in adapters: importing each registers it (`@register` at its class).
BUILTIN_MODULES = (
    "broadcaster.platforms.x",
    "broadcaster.platforms.bluesky",
    "broadcaster.platforms.mastodon",
)
ENTRY_POINT_GROUP = "broadcaster.platforms"

_ADAPTERS: dict[str, type[Platform]] = {}
_lock = threading.Lock()
_loaded = False

P = TypeVar("P", bound="type[Platform]")


def register(cls: P) -> P:
    """Class decorator: make `cls` the adapter for `cls.name`."""
    from broadcaster.platforms.base import Platform

    name = getattr(cls, "name", "")
    if not isinstance(cls, type) or not issubclass(cls, Platform):
        raise TypeError(f"{cls!r} is not a Platform adapter")
    if not name or name != name.lower() or not name.isidentifier():
        raise TypeError(f"{cls.__name__}: `name` must be a lower-case word, not {name!r}")
    missing = [a for a in ("max_length", "photo_limits", "handle_pattern") if not hasattr(cls, a)]
    if missing:
        raise TypeError(f"{cls.__name__}: missing {', '.join(missing)}")
    if cls.build.__func__ is Platform.build.__func__:  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}: define the classmethod `build`")
    existing = _ADAPTERS.get(name)
    if existing is not None and existing is not cls:
        raise TypeError(
            f"platform {name!r} is registered twice ({existing.__name__}, {cls.__name__})"
        )
    _ADAPTERS[name] = cls
    return cls


def _load() -> None:
    """Import the built-ins and installed plugins once (lazily: authoring asks the registry
    while the adapters' own modules may still be importing it)."""
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        for module in BUILTIN_MODULES:
            importlib.import_module(module)
        for point in entry_points(group=ENTRY_POINT_GROUP):
            point.load()
        _loaded = True


def names() -> tuple[str, ...]:
    """Every registered platform name: the built-ins in BUILTIN_MODULES' order (whatever
    imported them first), then plugins in registration order."""
    _load()

    def rank(name: str) -> int:
        module = _ADAPTERS[name].__module__
        return BUILTIN_MODULES.index(module) if module in BUILTIN_MODULES else len(BUILTIN_MODULES)

    return tuple(sorted(_ADAPTERS, key=rank))


def is_registered(name: str) -> bool:
    _load()
    return name in _ADAPTERS


def adapter(name: str) -> type[Platform]:
    """The adapter class for a platform name; UsageInvalid (exit 2) for an unknown one."""
    _load()
    try:
        return _ADAPTERS[name]
    except KeyError:
        raise UsageInvalid(
            f"no adapter for platform {name!r}; use one of {', '.join(_ADAPTERS)}."
        ) from None
