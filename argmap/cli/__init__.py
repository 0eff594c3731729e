"""The ``argmap`` command: a thin shell over the library.

Exit codes: 0 clean, 1 findings at the failing level (or an input that does not parse),
2 usage or I/O error, 3 an internal error (a bug: please report it). No traceback reaches the
user unless ARGMAP_DEBUG=1 asks for one.
"""

from __future__ import annotations

import enum
import errno
import importlib
import os
import sys
from typing import Annotated, NoReturn, Optional

import typer

from argmap import __version__
from argmap.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CommandError

__all__ = ["app", "main"]

EXIT_INTERNAL = 3

app = typer.Typer(
    name="argmap",
    help="Multi-perspective argument mapping: check, evaluate, render and convert .argmap files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Modules that add the commands of later steps (render, evaluate, interchange).
_COMMAND_MODULES = ("argmap.cli.render", "argmap.cli.evaluate", "argmap.cli.interchange")


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


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class ColourChoice(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to check; - reads standard input.")],
    format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="text for people; json (one document) or jsonl for tools."),
    ] = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
    colour: Annotated[ColourChoice, typer.Option("--color", "--colour", help="Colour the text output.")] = (
        ColourChoice.auto
    ),
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print findings only, no summary line.")
    ] = False,
) -> None:
    """Check maps for consistency: syntax, structure, each perspective's coherence.

    Exit 0 when clean, 1 when there are errors (or warnings with --strict), 2 on usage or I/O
    errors.
    """
    from argmap.checks import check as run_checks
    from argmap.cli.common import expand_paths, read_bytes
    from argmap.diagnostics import Diagnostic, Severity, sort_key
    from argmap.diagnostics.report import format_summary, format_text, to_json, to_json_lines, use_colour
    from argmap.model import Span
    from argmap.syntax.parser import ParseError, decode, parse

    files = expand_paths(paths)
    findings: list[Diagnostic] = []
    sources: dict[str | None, str] = {}
    names: list[str] = []
    io_failed = False
    for path in files:
        try:
            data, name = read_bytes(path)
        except CommandError as exc:
            io_failed = True
            where = Span(path, 1, 1, 1, 1)
            findings.append(Diagnostic.make("E106", where, exc.message, "check the path and its permissions"))
            continue
        names.append(name)
        try:
            text = decode(data, name)
            del data  # only the text is needed from here on; big maps should not hold both
            sources[name] = text
            findings.extend(run_checks(parse(text, name)))
        except ParseError as exc:
            findings.extend(exc.diagnostics)
    findings.sort(key=sort_key)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    failed = any(d.severity in failing for d in findings)
    if format is OutputFormat.json:
        print(to_json(findings, names, ok=not failed and not io_failed))
    elif format is OutputFormat.jsonl:
        sys.stdout.write(to_json_lines(findings))
    else:
        paint = use_colour(sys.stdout, colour.value)
        if findings:
            print(format_text(findings, sources, colour=paint))
            if not quiet:
                print()
        if not quiet:
            print(format_summary(findings, len(names), colour=paint))
    if io_failed:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command()
def codes(
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text, json or jsonl.")
    ] = OutputFormat.text,
) -> None:
    """List every diagnostic code with its severity and meaning (see docs/diagnostics.md)."""
    import json

    from argmap.checks import CODES

    if format is OutputFormat.text:
        for code, info in CODES.items():
            print(f"{code}  {info.severity.value:<7}  {info.title}")
        return
    rows = [{"code": c, "severity": i.severity.value, "title": i.title} for c, i in CODES.items()]
    if format is OutputFormat.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(json.dumps(row))


for _module in _COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def main(argv: Optional[list[str]] = None) -> None:  # noqa: UP045 - typer needs Optional on 3.10
    """Run the CLI; turn every failure into a message and an exit code, never a traceback."""
    try:
        app(args=argv, prog_name="argmap", standalone_mode=True)
    except CommandError as exc:
        if exc.message:
            print(f"argmap: error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  hint: {exc.hint}", file=sys.stderr)
        sys.exit(exc.code)
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
