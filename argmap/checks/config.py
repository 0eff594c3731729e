"""The project's settings for the checks: a ``[tool.argmap]`` table in ``pyproject.toml``, or an
``argmap.toml`` (the same keys at its top level).

The settings of a map are found from the map's folder upwards: the first folder holding an
``argmap.toml``, or a ``pyproject.toml`` with a ``[tool.argmap]`` table, gives them (the
``argmap.toml`` first when a folder holds both). The keys::

    [tool.argmap]
    select = ["E", "W3"]      # report only these codes (codes or their starts)
    ignore = ["W303", "W305"] # never report these
    strict = true             # warnings fail `argmap check`, as with --strict

A file that is not TOML, an unknown key, a value of the wrong type or a code that matches no
code is a :class:`~argmap.errors.ConfigError` naming the file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import attrs

from argmap.errors import ConfigError

__all__ = ["KEYS", "Settings", "find_settings", "read_settings"]

#: The keys the settings may have, and what each is.
KEYS: dict[str, str] = {
    "select": "a list of codes (or starts of codes) to report, leaving out all others",
    "ignore": "a list of codes (or starts of codes) never to report",
    "strict": "true to make warnings fail `argmap check`, as --strict does",
}
_NAMES = ("argmap.toml", "pyproject.toml")


@attrs.frozen(slots=True)
class Settings:
    """The settings in force for a map, and the file they come from (None: no file, defaults)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    strict: bool | None = None
    path: Path | None = None

    @property
    def empty(self) -> bool:
        return self.select is None and not self.ignore and self.strict is None


_CACHE: dict[Path, tuple[int, Settings | None]] = {}


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}", hint="fix the file's syntax") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    return data


def _codes(path: Path, key: str, value: object) -> tuple[str, ...]:
    from argmap.checks.silence import unknown_patterns

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{path}: \'{key}\' must be a list of codes, such as ["W303", "W3"]')
    unknown = unknown_patterns(value)
    if unknown:
        raise ConfigError(
            f"{path}: '{key}' names {', '.join(map(repr, unknown))}, which matches no code",
            hint='`argmap codes` lists every code; a start such as "W3" matches a group',
        )
    return tuple(value)


def read_settings(path: Path) -> Settings | None:
    """The settings in one file: None for a ``pyproject.toml`` without ``[tool.argmap]``."""
    data = _load_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "argmap" not in tool:
            return None
        table = tool["argmap"]
        where = f"{path} [tool.argmap]"
    else:
        table, where = data, str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table of settings")
    unknown = [k for k in table if k not in KEYS]
    if unknown:
        from argmap.util.suggest import did_you_mean

        raise ConfigError(
            f"{where}: unknown setting {unknown[0]!r}",
            hint=did_you_mean(unknown[0], KEYS) or f"the settings are {', '.join(KEYS)}",
        )
    strict = table.get("strict")
    if strict is not None and not isinstance(strict, bool):
        raise ConfigError(f"{where}: 'strict' must be true or false")
    select = _codes(path, "select", table["select"]) if "select" in table else None
    ignore = _codes(path, "ignore", table["ignore"]) if "ignore" in table else ()
    return Settings(select, ignore, strict, path)


def _settings_in(folder: Path) -> Settings | None:
    for name in _NAMES:
        candidate = folder / name
        try:
            stamp = candidate.stat().st_mtime_ns
        except OSError:
            continue
        cached = _CACHE.get(candidate)
        if cached is not None and cached[0] == stamp:
            found = cached[1]
        else:
            found = read_settings(candidate)
            _CACHE[candidate] = (stamp, found)
        if found is not None:
            return found
    return None


def find_settings(start: str | Path | None) -> Settings:
    """The settings for a map at ``start`` (a file or a folder), from the nearest folder upwards
    that has them; the defaults when none has (or ``start`` is None)."""
    if start is None:
        return Settings()
    here = Path(start).expanduser().absolute()
    folder = here if here.is_dir() else here.parent
    for candidate in (folder, *folder.parents):
        found = _settings_in(candidate)
        if found is not None:
            return found
    return Settings()
