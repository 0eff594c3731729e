"""CLI commands for the formats step: ``argmap export``, ``argmap import``, ``argmap fmt``.

Exit statuses as everywhere: 0 ok, 1 the content is at fault (an input that does not parse or
does not convert, a file fmt --check finds unformatted), 2 usage or I/O errors. The formats
offered are the registry's (:mod:`argmap.formats`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Optional

import typer

from argmap.formats import EXPORT_FORMATS, IMPORT_FORMATS, ExportFormat, ImportFormat

__all__ = ["export", "fmt", "import_"]


def _note(message: str) -> None:
    print(f"argmap: note: {message}", file=sys.stderr)


def export(
    file: Annotated[str, typer.Argument(help="The .argmap file to export; - reads standard input.")],
    to: Annotated[
        Optional[ExportFormat],  # noqa: UP045 - typer needs Optional on 3.10
        typer.Option("--to", "-t", help="The format to write (default: from -o's suffix)."),
    ] = None,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--output", "-o", help="Write here (atomically) instead of standard output."),
    ] = None,
    indent: Annotated[
        bool,
        typer.Option(
            "--indent", help="Lay JSON (argmap's or AIF) out for people; argmap JSON is compact otherwise."
        ),
    ] = False,
) -> None:
    """Export a map to another format: argmap's JSON, AIF (AIFdb/OVA), Argdown, DOT or GraphML."""
    from argmap.cli.common import EXIT_FINDINGS, fail, read_map, write_output
    from argmap.formats import as_export_format, export_chunks, guess_format
    from argmap.util.gcpause import paused_gc

    fmt = to
    if fmt is None and output is not None and output != "-":
        guessed = guess_format(output)
        fmt = as_export_format(guessed) if guessed in EXPORT_FORMATS else None
    if fmt is None:
        fail("say which format to export to", hint=f"--to {'|'.join(EXPORT_FORMATS)}")
    m = read_map(file)
    text: str | Iterable[bytes]
    notes: list[str] = []
    try:
        if indent and fmt == "json":
            from argmap.formats import jsonio

            text = (piece.encode("utf-8") for piece in jsonio.indented_chunks(m))
        elif indent and fmt == "aif":
            from argmap.formats import aif

            text = aif.dumps(m, indent=2)
            notes = aif.export_notes(m)
        else:
            # In pieces, written as they are made: a big map's text is never held whole
            # (issue 20). Lone surrogates are refused before the first piece.
            text = (piece.encode("utf-8") for piece in export_chunks(m, fmt, notes=notes, jobs=None))
    except ImportError as exc:
        fail(f"cannot export to {fmt}: {exc}", hint="is argmap installed completely?")
    except ValueError as exc:
        fail(f"{file}: cannot export to {fmt}: {exc}", code=EXIT_FINDINGS)
    try:
        with paused_gc():  # the writers make strings by the million, and no cycles
            write_output(text, output, inputs=[file])
    except ImportError as exc:  # (a streamed writer loads its modules when it starts)
        fail(f"cannot export to {fmt}: {exc}", hint="is argmap installed completely?")
    except ValueError as exc:  # found while writing (the output file is left as it was)
        fail(f"{file}: cannot export to {fmt}: {exc}", code=EXIT_FINDINGS)
    for message in notes:
        _note(message)


def import_(
    file: Annotated[str, typer.Argument(help="The file to import; - reads standard input.")],
    from_: Annotated[
        Optional[ImportFormat],  # noqa: UP045
        typer.Option(
            "--from", "-f", help="The format to read (default: from the file's suffix and content)."
        ),
    ] = None,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the .argmap text here instead of standard output."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not list what was not imported.")] = False,
) -> None:
    """Import a map from argmap's JSON, AIF or Argdown, as .argmap text in the canonical layout.

    What the source says that argmap cannot is listed on standard error and at the top of
    the output as comments; nothing is dropped silently.
    """
    from argmap.cli.common import EXIT_FINDINGS, fail, read_text, write_output
    from argmap.errors import InterchangeError
    from argmap.formats import as_import_format, guess_format, import_with_notes
    from argmap.formats.writer import unexpressible, write
    from argmap.syntax.errors import ParseError

    text, name = read_text(file)
    fmt = from_
    if fmt is None and file != "-":
        guessed = guess_format(file, text)
        if guessed is not None and guessed not in IMPORT_FORMATS:
            fail(f"{name}: argmap cannot read {guessed} files", hint=f"it reads {', '.join(IMPORT_FORMATS)}")
        fmt = None if guessed is None else as_import_format(guessed)
    if fmt is None:
        fail(
            f"{name}: cannot tell the format from the file name",
            hint=f"say it with --from {'|'.join(IMPORT_FORMATS)}",
        )
    try:
        m, notes = import_with_notes(text, fmt, path=name)
    except InterchangeError as exc:
        fail(f"{name}: not a valid {fmt} file: {exc}", code=EXIT_FINDINGS, hint=exc.hint)
    except ParseError as exc:
        from argmap.cli.common import print_diagnostics

        print_diagnostics(exc.diagnostics, {name: text})
        fail(f"{name}: not a valid map; nothing was done", code=EXIT_FINDINGS)
    try:
        body = write(m)
    except ValueError as exc:
        fail(f"{name}: the map cannot be written as .argmap text: {exc}", code=EXIT_FINDINGS)
    notes = [*notes, *unexpressible(m)]  # what the text cannot say exactly (inline stances ...)
    header = ""
    if notes:
        lines = [f"# Imported from {Path(name).name} ({fmt}) by argmap import. Not represented:"]
        lines += [f"# - {n}" for n in notes]
        header = "\n".join(line.replace("\n", " ") for line in lines) + "\n\n"
        if not quiet:
            for n in notes:
                _note(n)
    write_output(header + body, output, inputs=[file])


def fmt(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (*.argmap inside); - formats stdin to stdout.")
    ],
    check: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; exit 1 and show a diff if a file is not formatted."),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Change nothing; show what formatting would change.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Rewrite read-only files too (they are left alone otherwise).")
    ] = False,
) -> None:
    """Format .argmap files in the canonical layout, in place, keeping their comments.

    Files are rewritten atomically (a symbolic link's target is written; hard links, owner,
    group and mode are kept); a file that does not parse is left alone (exit 1), and so is a
    read-only file unless --force (exit 2).
    """
    from argmap.cli.common import (
        EXIT_FINDINGS,
        EXIT_OK,
        EXIT_USAGE,
        CommandError,
        atomic_write,
        expand_paths,
        print_diagnostics,
        read_text,
    )
    from argmap.cli.files import is_read_only
    from argmap.formats.fmt import format_with_warnings
    from argmap.syntax.errors import ParseError

    files = expand_paths(paths)
    status = EXIT_OK
    changed = unchanged = failed = 0
    for path in files:
        try:
            text, name = read_text(path)
        except CommandError as exc:
            if exc.message:
                print(f"argmap: error: {exc.message}", file=sys.stderr)
            status = max(status, exc.code)
            continue
        try:
            formatted, warnings = format_with_warnings(text, path=name, jobs=None)
        except ParseError as exc:
            print_diagnostics(exc.diagnostics, {name: text})
            print(f"argmap: error: {name}: does not parse; left unchanged", file=sys.stderr)
            status = max(status, EXIT_FINDINGS)
            continue
        if warnings:
            print_diagnostics(warnings, {name: text})
        if path == "-":
            if check or diff:
                if formatted != text:
                    _show_diff(text, formatted, name)
                    if check:
                        status = max(status, EXIT_FINDINGS)
            else:
                sys.stdout.write(formatted)
            continue
        if formatted == text:
            unchanged += 1
            continue
        if check or diff:
            changed += 1
            _show_diff(text, formatted, name)
            if check:
                status = max(status, EXIT_FINDINGS)
            continue
        if not force and is_read_only(path):
            print(
                f"argmap: error: {path}: is read-only; left unchanged (--force rewrites it)",
                file=sys.stderr,
            )
            failed += 1
            status = max(status, EXIT_USAGE)
            continue
        try:
            atomic_write(path, formatted.encode("utf-8"))
        except OSError as exc:
            print(
                f"argmap: error: {path}: cannot write ({exc.strerror or exc}); left unchanged",
                file=sys.stderr,
            )
            failed += 1
            status = max(status, EXIT_USAGE)
            continue
        changed += 1
        print(f"reformatted {path}", file=sys.stderr)
    if files and files != ["-"]:
        verb = "would be reformatted" if check or diff else "reformatted"
        summary = f"{changed} file(s) {verb}, {unchanged} unchanged"
        if failed:
            summary += f", {failed} could not be written"
        print(summary, file=sys.stderr)
    raise typer.Exit(status)


def _show_diff(before: str, after: str, name: str) -> None:
    """A unified diff of the formatting on standard output."""
    import difflib

    for line in difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"{name}", f"{name} (formatted)"
    ):
        sys.stdout.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
