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

# The built-in platforms and the module whose import registers each (`@register` at its
# class). A module is imported only when its platform is asked for: validating an X-only
# deployment must not pay for the Bluesky SDK's import (about 0.6 s).
BUILTINS: dict[str, str] = {
    "x": "broadcaster.platforms.x",
    "sandbox": "broadcaster.platforms.x",
    "bluesky": "broadcaster.platforms.bluesky",
    "mastodon": "broadcaster.platforms.mastodon",
}
BUILTIN_MODULES = tuple(dict.fromkeys(BUILTINS.values()))
ENTRY_POINT_GROUP = "broadcaster.platforms"

_ADAPTERS: dict[str, type[Platform]] = {}
_lock = threading.RLock()  # an adapter module being imported may ask the registry again

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


def _plugins() -> dict[str, object]:
    """Installed plugins by platform name (the entry point's name), not yet imported."""
    global _plugin_points
    if _plugin_points is None:
        _plugin_points = {p.name: p for p in entry_points(group=ENTRY_POINT_GROUP)}
    return _plugin_points


_plugin_points: dict[str, object] | None = None


def _load(name: str) -> None:
    """Import what registers `name`, once (lazily: authoring asks the registry while the
    adapters' own modules may still be importing it)."""
    if name in _ADAPTERS:
        return
    with _lock:
        if name in _ADAPTERS:
            return
        if name in BUILTINS:
            importlib.import_module(BUILTINS[name])
        elif name in _plugins():
            _plugins()[name].load()  # type: ignore[attr-defined]


def names() -> tuple[str, ...]:
    """Every platform name: the built-ins in BUILTINS' order, then plugins (registered in
    this process, or installed), without importing any adapter."""
    others = [n for n in _ADAPTERS if n not in BUILTINS]
    others += [n for n in _plugins() if n not in BUILTINS and n not in others]
    return (*BUILTINS, *others)


def is_registered(name: str) -> bool:
    return name in _ADAPTERS or name in BUILTINS or name in _plugins()


def adapter(name: str) -> type[Platform]:
    """The adapter class for a platform name; UsageInvalid (exit 2) for an unknown one."""
    _load(name)
    try:
        return _ADAPTERS[name]
    except KeyError:
        raise UsageInvalid(
            f"no adapter for platform {name!r}; use one of {', '.join(names())}."
        ) from None


def reported_metrics(name: str) -> frozenset[str] | None:
    """The metrics platform `name` reports, as its adapter's capabilities state them; None
    when no adapter for it is installed here (then a view keeps what was stored). Where a
    platform reports no such figure, views show "—", never a 0 that reads as "nobody saw
    it"."""
    try:
        return frozenset(adapter(name).capabilities.metrics)
    except UsageInvalid:
        return None
