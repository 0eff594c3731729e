"""Finding and running a Graphviz executable: the real ``dot`` or the embedded ``graphviz-pure``.

argmap builds DOT text itself (:mod:`argmap.drawing.render`) and hands it to an executable here, with a
timeout. Two backends are known:

* ``dot``: system Graphviz on PATH (every format it was built with, pdf included);
* ``graphviz-pure``: the Rust port of Graphviz that the ``graphviz-pure`` pip package installs
  next to the Python interpreter's scripts (svg, png, dot, json, plain ...; no pdf).

``auto`` (the default) takes ``dot`` when it is on PATH and ``graphviz-pure`` otherwise, and
passes over a backend that cannot make the format asked for. The environment variable
``ARGMAP_BACKEND`` (``auto``, ``dot`` or ``graphviz-pure``) sets the default; an explicit
``backend=`` argument wins over it. Warnings the executable prints on stderr are handed back,
not raised; only a failed run is an error.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import attrs

from argmap.drawing import BACKENDS, BackendName, EngineName
from argmap.errors import BackendError, NoBackendError, UnknownChoiceError

__all__ = [
    "BACKENDS",
    "DEFAULT_TIMEOUT",
    "ENV_VAR",
    "Backend",
    "BackendError",
    "LayoutResult",
    "NoBackendError",
    "UnknownChoiceError",
    "find_backend",
    "find_executable",
    "run_layout",
]

#: Environment variable that picks the backend when the caller does not.
ENV_VAR = "ARGMAP_BACKEND"
#: Seconds a layout may take before it is stopped.
DEFAULT_TIMEOUT = 60.0

#: Formats graphviz-pure can write (from ``graphviz-pure -T?``).
_PURE_FORMATS = frozenset(
    {
        "canon",
        "dot",
        "dot_json",
        "gv",
        "jpe",
        "jpeg",
        "jpg",
        "json",
        "json0",
        "plain",
        "plain-ext",
        "png",
        "svg",
        "xdot",
        "xdot1.2",
        "xdot1.4",
        "xdot_json",
    }
)
#: Formats a usual system Graphviz build writes, assumed when ``dot -T?`` cannot be asked.
_DOT_FORMATS = _PURE_FORMATS | {
    "pdf",
    "ps",
    "eps",
    "gif",
    "bmp",
    "tif",
    "tiff",
    "webp",
    "svgz",
    "cmapx",
    "imap",
}

_INSTALL_DOT = (
    "install Graphviz (https://graphviz.org/download/; Debian/Ubuntu: apt-get install graphviz, "
    "macOS: brew install graphviz) so that `dot` is on PATH"
)
_INSTALL_PURE = "pip install graphviz-pure"

#: The backends that are one executable each (``auto`` picks one of them).
ExecutableName = Literal["dot", "graphviz-pure"]
_EXECUTABLES: tuple[ExecutableName, ...] = ("dot", "graphviz-pure")


@attrs.frozen
class Backend:
    """One usable Graphviz executable."""

    name: ExecutableName
    executable: str
    formats: frozenset[str]

    def can_write(self, fmt: str) -> bool:
        """Whether this backend can write ``fmt``."""
        return fmt in self.formats


@attrs.frozen
class LayoutResult:
    """What a run gave: the output bytes, the warnings printed on stderr, who made it."""

    data: bytes
    warnings: str
    backend: Backend
    seconds: float


def _scripts_dirs() -> list[Path]:
    """Where pip puts console scripts for this interpreter (and for --user installs)."""
    dirs: list[Path] = []
    for scheme_path in (sysconfig.get_path("scripts"), Path(sys.executable).parent):
        if scheme_path:
            dirs.append(Path(scheme_path))
    try:
        user = sysconfig.get_path("scripts", f"{os.name}_user")
    except KeyError:  # pragma: no cover - schemes differ per platform
        user = None
    if user:
        dirs.append(Path(user))
    return list(dict.fromkeys(dirs))


def find_executable(name: ExecutableName) -> str | None:
    """The path of backend ``name``'s executable, or None when it is not installed (an unknown
    name raises :class:`UnknownChoiceError`)."""
    if name == "dot":
        return shutil.which("dot")
    if name == "graphviz-pure":
        suffixes = (".exe", "") if os.name == "nt" else ("",)
        for folder in _scripts_dirs():
            for suffix in suffixes:
                candidate = folder / f"graphviz-pure{suffix}"
                if candidate.is_file() and os.access(candidate, os.X_OK):
                    return str(candidate)
        return shutil.which("graphviz-pure")
    raise UnknownChoiceError("backend", name, _EXECUTABLES)


@functools.lru_cache(maxsize=8)
def _formats_of(executable: str) -> frozenset[str]:
    """The output formats a Graphviz executable lists for ``-T?`` (a usual set if it will not say)."""
    try:
        proc = subprocess.run([executable, "-T?"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return _DOT_FORMATS
    text = proc.stderr.decode("utf-8", "replace") + proc.stdout.decode("utf-8", "replace")
    _, sep, listed = text.partition("Use one of:")
    formats = frozenset(word.split(":")[0] for word in listed.split()) if sep else frozenset()
    return formats or _DOT_FORMATS


def _requested(backend: str | None) -> BackendName:
    """The backend asked for: ``backend``, else ``$ARGMAP_BACKEND``, else ``auto``."""
    chosen = backend or os.environ.get(ENV_VAR, "").strip() or "auto"
    for name in BACKENDS:
        if chosen == name:
            return name
    source = "backend" if backend else ENV_VAR
    message = f"{source} {chosen!r} is not a backend; choose one of {', '.join(BACKENDS)}"
    raise UnknownChoiceError("backend", chosen, BACKENDS, message)


def find_backend(fmt: str = "svg", backend: BackendName | None = None) -> Backend:
    """The backend to run for output format ``fmt``.

    ``backend`` is ``auto``, ``dot`` or ``graphviz-pure`` (None: ``$ARGMAP_BACKEND``, else
    ``auto``; any other name raises :class:`UnknownChoiceError`). Raises
    :class:`NoBackendError` naming what to install when nothing fits.
    """
    chosen = _requested(backend)
    names = _EXECUTABLES if chosen == "auto" else (chosen,)
    found: list[Backend] = []
    for name in names:
        path = find_executable(name)
        if path is not None:
            formats = _formats_of(path) if name == "dot" else _PURE_FORMATS
            found.append(Backend(name, path, formats))
    for candidate in found:
        if candidate.can_write(fmt):
            return candidate
    if chosen == "auto":
        if found:
            have = ", ".join(b.name for b in found)
            raise NoBackendError(
                f"no installed Graphviz backend can write {fmt} (found: {have})",
                hint=f"{_INSTALL_DOT}; or pick another format (svg, png)",
            )
        raise NoBackendError(
            "no Graphviz backend is installed",
            hint=f"{_INSTALL_PURE} (svg and png), or {_INSTALL_DOT} (every format, pdf too)",
        )
    if not found:
        install = _INSTALL_DOT if chosen == "dot" else _INSTALL_PURE
        raise NoBackendError(f"backend {chosen} is not installed", hint=install)
    hint = _INSTALL_DOT + " and use --backend dot" if chosen == "graphviz-pure" else None
    raise NoBackendError(f"backend {chosen} cannot write {fmt}", hint=hint or "pick another format")


def run_layout(
    dot_source: str,
    fmt: str = "svg",
    *,
    engine: EngineName = "dot",
    backend: BackendName | Backend | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    extra_args: Sequence[str] = (),
) -> LayoutResult:
    """Lay out ``dot_source`` with ``engine`` and return the ``fmt`` output.

    Runs the executable with the DOT text on stdin, stops it after ``timeout`` seconds
    (None: no limit). A non-zero exit status raises :class:`BackendError` with the executable's
    message; warnings on stderr come back in :attr:`LayoutResult.warnings`.
    """
    import time

    chosen = backend if isinstance(backend, Backend) else find_backend(fmt, backend)
    command = [chosen.executable, f"-T{fmt}", f"-K{engine}", *extra_args]
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            command,
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BackendError(
            f"{chosen.name} took longer than {timeout:g} s and was stopped",
            hint="raise the limit with --timeout, or draw less (--focus, --question, --only)",
        ) from None
    except OSError as exc:
        raise BackendError(f"cannot run {chosen.executable}: {exc.strerror or exc}") from None
    seconds = time.perf_counter() - started
    warnings = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0 or not proc.stdout:
        first = warnings.strip().splitlines()
        detail = first[-1] if first else f"exit status {proc.returncode}"
        raise BackendError(
            f"{chosen.name} failed ({detail})",
            hint="this is likely a bug in argmap's DOT output; please report it with the map",
            stderr=warnings,
        )
    return LayoutResult(proc.stdout, warnings, chosen, seconds)
