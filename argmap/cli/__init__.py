"""The ``argmap`` command: a thin shell over the library.

Each command is a plain function defined at module level in the module of its step
(:mod:`argmap.cli.check`, :mod:`argmap.cli.render`, :mod:`argmap.cli.evaluate`,
:mod:`argmap.cli.interchange`); this module puts them on one typer app and runs it.

Exit statuses: 0 clean, 1 findings at the failing level (or an input that does not parse),
2 usage or I/O error, 3 an internal error (a bug: please report it). Library errors map to
them in one table, :data:`argmap.cli.common.EXIT_STATUS`. No traceback reaches the user unless
ARGMAP_DEBUG=1 asks for one.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Annotated, NoReturn, Optional

import typer

from argmap import __version__
from argmap.cli import check, evaluate, interchange, lsp, render
from argmap.cli.common import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_USAGE,
    exit_status,
    report_error,
    with_limits,
)
from argmap.errors import ArgmapError

__all__ = ["app", "main"]

app = typer.Typer(
    name="argmap",
    help="Multi-perspective argument mapping: check, evaluate, render and convert .argmap files.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"argmap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """argmap: take debates apart, claim by claim and perspective by perspective."""


# The commands, in the order `argmap --help` lists them.
# Those that read maps take the options of argmap's limits too (common.with_limits).
app.command("check")(with_limits(check.check))
app.command("codes")(check.codes)
app.command("render")(with_limits(render.render))
app.command("evaluate")(with_limits(evaluate.evaluate))
app.command("explain")(with_limits(evaluate.explain))
app.command("perspectives")(with_limits(evaluate.perspectives))
app.command("framework")(with_limits(evaluate.framework))
app.command("export")(with_limits(interchange.export))
app.command("import")(with_limits(interchange.import_))
app.command("fmt")(with_limits(interchange.fmt))
app.command("lsp")(lsp.lsp)


def main(argv: Optional[list[str]] = None) -> None:  # noqa: UP045 - typer needs Optional on 3.10
    """Run the CLI; turn every failure into a message and an exit status, never a traceback."""
    try:
        app(args=argv, prog_name="argmap", standalone_mode=True)
    except ArgmapError as exc:
        report_error(exc)
        sys.exit(exit_status(exc))
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_FINDINGS)
    except OSError as exc:
        if exc.errno not in _FULL:
            _internal_error(exc)
        # A report printed to a full disk: print() fails when stdout is unbuffered or the
        # report outgrows its buffer (otherwise the exit's flush fails: see argmap.__main__).
        print(f"argmap: error: cannot write ({exc.strerror})", file=sys.stderr)
        _silence_stdout()
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # noqa: BLE001 - the last resort: a message, never a traceback
        _internal_error(exc)


#: The errors of a write to a full device, file system or quota, whatever the file.
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def _internal_error(exc: Exception) -> NoReturn:
    """An exception no command expected: a bug, said as one (ARGMAP_DEBUG=1: the traceback)."""
    if os.environ.get("ARGMAP_DEBUG"):
        raise exc
    print(f"argmap: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    print(
        "  hint: this is a bug in argmap; run with ARGMAP_DEBUG=1 for details and report it",
        file=sys.stderr,
    )
    sys.exit(EXIT_INTERNAL)


def _silence_stdout() -> None:
    """After a closed pipe or a full disk, point stdout at /dev/null so the exit's flush of what
    is left in its buffer stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
