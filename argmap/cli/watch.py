"""``--watch`` for ``argmap render`` and ``argmap check``: run the command again whenever one of
its files is saved, until Ctrl-C.

Uses watchfiles (the ``watch`` extra). The folders holding the files are watched, not the
files themselves, so that editors that save by writing a new file and renaming it over the old
one are seen too. Changes are debounced: a save that touches the file several times, or several
files saved at once, make one run, after the writes have been quiet for a moment. A run that
fails (a save that leaves a syntax error, say) prints why and the watch goes on.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import typer

from argmap.cli.common import EXIT_USAGE, CommandError, report_error
from argmap.errors import ArgmapError

__all__ = ["DEBOUNCE_MS", "QUIET_MS", "watch"]

#: Changes are gathered for at most this long before a run.
DEBOUNCE_MS = 1600
#: ... and a run starts once the files have been quiet this long.
QUIET_MS = 150


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _run(command: Callable[[], None]) -> None:
    """One run: whatever it raises is reported, nothing ends the watch but Ctrl-C."""

    try:
        command()
    except typer.Exit:
        pass
    except ArgmapError as exc:  # a map that does not parse, a Graphviz failure ...
        report_error(exc)
    except OSError as exc:
        print(f"argmap: error: {exc.strerror or exc}", file=sys.stderr)
    sys.stdout.flush()


def watch(paths: Sequence[str], command: Callable[[], None], *, recursive: Sequence[str] = ()) -> None:
    """Run ``command`` now and after every change to one of ``paths`` (files) or to a ``.argmap``
    file under one of the ``recursive`` folders; return on Ctrl-C."""
    try:
        import watchfiles
    except ImportError:
        raise CommandError(
            "--watch needs watchfiles, which is not installed", EXIT_USAGE, hint="pip install 'argmap[watch]'"
        ) from None
    files = {Path(p).resolve() for p in paths}
    folders = [Path(p).resolve() for p in recursive]
    roots = sorted({str(f.parent) for f in files} | {str(f) for f in folders})

    def wanted(_change: object, path: str) -> bool:
        p = Path(path)
        return p in files or (p.suffix == ".argmap" and any(p.is_relative_to(f) for f in folders))

    _run(command)
    ready = False
    try:
        for changes in watchfiles.watch(
            *roots,
            watch_filter=wanted,
            debounce=DEBOUNCE_MS,
            step=QUIET_MS,
            rust_timeout=_READY_MS,
            yield_on_timeout=True,  # an empty first yield: the watch is in place
            recursive=bool(folders),
            raise_interrupt=True,
        ):
            if not ready:
                ready = True
                _say(f"watching {', '.join([*paths, *recursive])} (Ctrl-C stops)")
            if not changes:
                continue
            _say(f"{', '.join(sorted({_shown(path) for _, path in changes}))} changed")
            _run(command)
    except KeyboardInterrupt:
        _say("stopped watching")


#: How often the watch wakes when nothing changes (its first wake says it is in place).
_READY_MS = 250


def _shown(path: str) -> str:
    """A changed file's path, relative to the working folder when it is inside it."""
    p, here = Path(path), Path.cwd()
    return str(p.relative_to(here)) if p.is_relative_to(here) else path
