"""What every CLI command shares: exit statuses, reading a map (or failing cleanly), writing
output safely.

Commands call :func:`read_map` and :func:`write_output`; both end the command with a clear
message and the documented exit status instead of raising: 1 when the content is at fault (the
input has syntax errors), 2 for usage and I/O errors. Library errors become exit statuses in
one table, :data:`EXIT_STATUS`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional, TypeVar

from argmap.cli.files import atomic_write, write_all
from argmap.errors import (
    ArgmapError,
    BackendError,
    InterchangeError,
    LimitError,
    NoBackendError,
    SearchStopped,
    UnknownChoiceError,
    UnknownIdError,
    ViewError,
)
from argmap.syntax.errors import ParseError
from argmap.util.limits import first_surrogate

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.model import ArgumentMap

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_STATUS",
    "EXIT_USAGE",
    "CommandError",
    "atomic_write",
    "display_path",
    "exit_status",
    "expand_paths",
    "fail",
    "print_diagnostics",
    "read_bytes",
    "read_map",
    "read_text",
    "report_error",
    "with_limits",
    "write_output",
]

EXIT_OK = 0
#: The input is at fault: findings at the failing level, a map that does not parse or convert.
EXIT_FINDINGS = 1
#: The request is at fault: a usage error, a name the map does not have, an I/O error.
EXIT_USAGE = 2
#: A bug in argmap.
EXIT_INTERNAL = 3

#: Every error of the library, by class, to the exit status the CLI ends with (the first class
#: of an error's MRO found here decides). The one place where errors become exit statuses.
EXIT_STATUS: dict[type[BaseException], int] = {
    ParseError: EXIT_FINDINGS,
    InterchangeError: EXIT_FINDINGS,
    SearchStopped: EXIT_FINDINGS,
    LimitError: EXIT_FINDINGS,
    NoBackendError: EXIT_USAGE,
    BackendError: EXIT_FINDINGS,
    UnknownIdError: EXIT_USAGE,
    UnknownChoiceError: EXIT_USAGE,
    ViewError: EXIT_USAGE,
    ArgmapError: EXIT_USAGE,
}

STDIN_NAME = "<stdin>"

R = TypeVar("R")


def exit_status(exc: BaseException) -> int:
    """The exit status for an error (see :data:`EXIT_STATUS`); a CommandError carries its own."""
    if isinstance(exc, CommandError):
        return exc.code
    for cls in type(exc).__mro__:
        status = EXIT_STATUS.get(cls)
        if status is not None:
            return status
    return EXIT_INTERNAL


class CommandError(ArgmapError):
    """Ends a command: ``message`` (and ``hint``) go to stderr, ``code`` is the exit status."""

    def __init__(self, message: str, code: int = EXIT_USAGE, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.code = code

    @classmethod
    def about(cls, exc: ArgmapError, prefix: str = "") -> CommandError:
        """The command's end for a library error, with its exit status from :data:`EXIT_STATUS`."""
        return cls(f"{prefix}{exc.message}", exit_status(exc), exc.hint)


def fail(message: str, code: int = EXIT_USAGE, hint: str | None = None) -> NoReturn:
    """Stop the command with a message on stderr and an exit code."""
    raise CommandError(message, code, hint)


def display_path(path: str) -> str:
    """``path`` as it is shown in messages and reports: valid Unicode whatever the file's name.

    Python hands a file name that is not UTF-8 to a program with each of its stray bytes as a
    lone surrogate (``surrogateescape``), which no UTF-8 output can hold: printed as is, it
    kills the program or writes invalid bytes (invalid JSON). Here each such byte is written
    ``\\xNN`` (the name ``\xff\xfe.argmap`` is shown as ``\\xff\\xfe.argmap``); any other
    name is returned unchanged. The file is still opened by its real name."""
    if path.isascii() or first_surrogate(path) is None:
        return path
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte (a name made in Python)
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def expand_paths(paths: Iterable[str]) -> list[str]:
    """The files a command works on: files as given, folders searched for ``*.argmap`` (sorted),
    ``-`` for standard input. A missing path or a folder without maps ends the command (exit 2).

    The paths are the real names, to open files with; show them with :func:`display_path`."""
    found: list[str] = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            inside = sorted(str(f) for f in p.rglob("*.argmap") if f.is_file())
            if not inside:
                fail(f"{display_path(raw)}: folder holds no .argmap files")
            found.extend(inside)
        elif p.exists():
            found.append(raw)
        else:
            fail(f"{display_path(raw)}: no such file or folder")
    return found


def read_bytes(path: str) -> tuple[bytes, str]:
    """The bytes of ``path`` (``-`` is standard input) and the name to show for it; a
    CommandError (exit 2) saying why when it cannot be read, a LimitError (exit 1) when it is
    over the input size limit (a file is measured before it is read, standard input is read
    no further than the limit)."""
    from argmap.util.limits import check_size, current

    limit = current().input_size
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        check_size(len(data), where=STDIN_NAME, at_least=True)
        return data, STDIN_NAME
    shown = display_path(path)
    try:
        if Path(path).is_dir():
            fail(f"{shown}: is a folder, not a .argmap file")
        data = _read_at_most(path, limit, shown)
        check_size(len(data), where=shown, at_least=True)  # it grew, or never ends (/dev/zero)
        return data, shown
    except FileNotFoundError:
        fail(f"{shown}: no such file")
    except PermissionError:
        fail(f"{shown}: permission denied")
    except OSError as exc:
        fail(f"{shown}: cannot read ({exc.strerror or exc})")


def _read_at_most(path: str, limit: int, shown: str) -> bytes:
    """The bytes of a file measured before it is read (LimitError when it is over ``limit``),
    and read no further than one byte past it: a file that grows meanwhile, or a device that
    never ends (/dev/zero), is still bounded."""
    from argmap.util.limits import check_size

    with open(path, "rb") as f:
        check_size(os.fstat(f.fileno()).st_size, where=shown)
        return f.read(limit + 1)


def read_text(path: str) -> tuple[str, str]:
    """The text of ``path`` (``-`` is standard input) and the name to show for it. Text that is
    not UTF-8 is reported (E105) and ends the command with exit 1."""
    from argmap.syntax.parser import decode

    data, name = read_bytes(path)
    try:
        return decode(data, name), name
    except ParseError as exc:
        print_diagnostics(exc.diagnostics, {})
        raise CommandError(f"{name}: not a valid map; nothing was done", EXIT_FINDINGS) from None


def print_diagnostics(diagnostics: Iterable[Diagnostic], sources: dict[str | None, str]) -> None:
    """Print findings to stderr in the compiler style (coloured on a terminal)."""
    from argmap.diagnostics.report import format_text, use_colour

    text = format_text(diagnostics, sources, colour=use_colour(sys.stderr))
    if text:
        print(text, file=sys.stderr)


def read_map(path: str) -> ArgumentMap:
    """Parse the map at ``path`` (``-``: stdin). On syntax errors print them all and exit 1.

    The map of a file keeps a way to read it again, not its text (see
    :class:`argmap.util.filetext.FileText`): a big map's text costs as much as its elements.
    A big text is read on two processors where the process can fork (as ``argmap check``)."""
    from argmap.syntax.parser import decode, parse_keeping
    from argmap.util.filetext import FileText

    data, name = read_bytes(path)
    try:
        text = decode(data, name)
    except ParseError as exc:
        print_diagnostics(exc.diagnostics, {})
        raise CommandError(f"{name}: not a valid map; nothing was done", EXIT_FINDINGS) from None
    source = text if path == "-" else FileText(path, data)
    del data
    try:
        return parse_keeping(text, source, name, jobs=None)
    except ParseError as exc:
        print_diagnostics(exc.diagnostics, {name: text})
        raise CommandError(f"{name}: not a valid map; nothing was done", EXIT_FINDINGS) from None


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


# Writing files safely lives in argmap.cli.files (links, owner and mode kept, no litter).
_write_all = write_all


def write_output(data: bytes | str | Iterable[bytes], out: str | None, inputs: Iterable[str] = ()) -> None:
    """Write a command's result to ``out`` (None or ``-``: stdout), atomically, refusing to
    overwrite any of the command's own input files."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if out is None or out == "-":
        try:
            sys.stdout.flush()  # what the command printed comes first
            _write_all(sys.stdout.buffer, payload)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise  # the reader went away: argmap.cli.main ends quietly
        except OSError as exc:
            fail(f"standard output: cannot write ({exc.strerror or exc})")
        return
    for source in inputs:
        if source != "-" and _same_file(source, out):
            fail(
                f"{out}: refusing to overwrite the input file",
                hint="choose another output path with -o",
            )
    if Path(out).is_dir():
        fail(f"{out}: is a folder", hint="give a file name with -o")
    try:
        atomic_write(out, payload)
    except OSError as exc:
        fail(f"{out}: cannot write ({exc.strerror or exc})")


def report_error(exc: ArgmapError) -> None:
    """An error on stderr: the findings of a text that does not parse, then the message and hint."""
    if isinstance(exc, ParseError):
        print_diagnostics(exc.diagnostics, {})
    if exc.message:
        print(f"argmap: error: {exc.message}", file=sys.stderr)
    if exc.hint:
        print(f"  hint: {exc.hint}", file=sys.stderr)


# ---- limits: the options every command that reads input shares -----------------------------------
#: Each limit's option: parameter name -> (the Limits field, its help).
_LIMIT_OPTIONS: dict[str, tuple[str, str]] = {
    "max_input_size": (
        "input_size",
        "Refuse an input file larger than this (bytes; k, M, G allowed) [default: 32M].",
    ),
    "max_statement_length": (
        "statement_length",
        "Refuse a .argmap statement longer than this many characters [default: 1M].",
    ),
    "max_text_length": ("text_length", "Refuse a text longer than this many characters [default: 100000]."),
    "max_depth": ("depth", "Refuse JSON or AIF nested deeper than this [default: 200]."),
}


def with_limits(command: Callable[..., R]) -> Callable[..., R]:
    """``command`` with the options that raise (or lower) argmap's limits on what it reads:
    ``--max-input-size``, ``--max-statement-length``, ``--max-text-length``, ``--max-depth``
    (see :mod:`argmap.util.limits`). The limits hold while the command runs, then the previous
    ones are back; a value that is not a size ends the command (exit 2)."""
    import functools
    import inspect
    import typing

    import typer

    from argmap.util.limits import DEFAULT, parse_size, using

    signature = inspect.signature(command, eval_str=True)
    hints = typing.get_type_hints(command, include_extras=True)
    added: dict[str, object] = {}
    for name, (_, help_text) in _LIMIT_OPTIONS.items():
        flag = "--" + name.replace("_", "-")
        added[name] = Annotated[Optional[str], typer.Option(flag, help=help_text, metavar="N")]  # noqa: UP045

    @functools.wraps(command)
    def run(*args: object, **kwargs: object) -> R:
        changes: dict[str, int | None] = {}
        for name, (field, _) in _LIMIT_OPTIONS.items():
            value = kwargs.pop(name, None)
            if value is None:
                continue
            try:
                changes[field] = parse_size(str(value))
            except ValueError as exc:
                fail(f"--{name.replace('_', '-')}: {exc}")
        with using(DEFAULT.raised(**changes)):
            return command(*args, **kwargs)

    parameters = [
        *signature.parameters.values(),
        *(
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
            for name, annotation in added.items()
        ),
    ]
    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {**hints, **added}
    return run
