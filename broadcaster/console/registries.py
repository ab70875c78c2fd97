"""The agencies and officers registries, read once per version of their files.

Every page checks the session against officers.toml and prepares its campaign against
agencies.toml; for a 100-agency registry, reading them is most of a page's time. A file is
read again as soon as it changes (its inode, size or modification time), so an officer
removed or a role taken away still takes effect on the next request."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from broadcaster.authoring.agencies import Registry
    from broadcaster.authoring.officers import Officers

_LOCK = threading.Lock()
_CACHE: dict[tuple[str, Path], tuple[tuple[Any, ...], Any]] = {}


def _version(*paths: Path) -> tuple[Any, ...]:
    marks: list[Any] = []
    for path in paths:
        try:
            found = path.stat()
        except OSError:
            marks.append(None)
        else:
            marks.append((found.st_ino, found.st_size, found.st_mtime_ns))
    return tuple(marks)


def agencies(path: Path) -> Registry:
    from broadcaster.authoring.agencies import load_registry

    return _cached("agencies", Path(path), (Path(path),), lambda: load_registry(path))


def officers(agencies_path: Path) -> Officers:
    """officers.toml beside agencies.toml, checked against it (as load_officers_beside)."""
    from broadcaster.authoring.officers import load_officers, officers_path
    from broadcaster.errors import InvalidInput

    path = Path(agencies_path)
    beside = officers_path(path)

    def load() -> Officers:
        try:
            keys = agencies(path).agencies.keys()
        except InvalidInput:
            keys = None
        return load_officers(beside, keys)

    return _cached("officers", beside, (beside, path), load)


def _cached(kind: str, key: Path, files: tuple[Path, ...], load: Any) -> Any:
    version = _version(*files)
    with _LOCK:
        hit = _CACHE.get((kind, key))
    if hit is not None and hit[0] == version:
        return hit[1]
    value = load()  # an error is raised each time, never cached
    with _LOCK:
        _CACHE[(kind, key)] = (version, value)
    return value
