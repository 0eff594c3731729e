"""CLI commands for the check step: ``argmap check`` (consistency findings) and ``argmap codes``
(the catalogue of diagnostic codes)."""

from __future__ import annotations

import sys
from typing import Annotated, Literal, get_args

import typer

from argmap.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CommandError

__all__ = ["COLOUR_CHOICES", "REPORT_FORMATS", "check", "codes"]

ReportFormat = Literal["text", "json", "jsonl", "github", "sarif"]
#: How the catalogue of codes can be printed.
CodesFormat = Literal["text", "json", "jsonl"]
#: How findings can be printed.
REPORT_FORMATS: tuple[ReportFormat, ...] = get_args(ReportFormat)
#: When the text report is coloured.
Colour = Literal["auto", "always", "never"]
COLOUR_CHOICES: tuple[Colour, ...] = get_args(Colour)


def check(  # noqa: PLR0917 - typer maps parameters to options
    paths: Annotated[list[str], typer.Argument(help="Files or folders to check; - reads standard input.")],
    format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for people; json (one document) or jsonl for tools; github (workflow "
            "annotations) or sarif (SARIF 2.1.0, for code scanning) for CI.",
        ),
    ] = "text",
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict",
            help="Warnings fail the check too (default: the project's `strict` setting, else no).",
            show_default=False,
        ),
    ] = None,
    colour: Annotated[Colour, typer.Option("--color", "--colour", help="Colour the text output.")] = "auto",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print findings only, no summary line.")
    ] = False,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch", "-w", help="Check again whenever a file is saved, until Ctrl-C (the watch extra)."
        ),
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Report only these codes: codes or their starts (W3: every W3xx), comma-separated "
            "or repeated.",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="Never report these codes: codes or their starts, comma-separated or repeated.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            max=2,
            help="Processors to read and check a map on: 1, or 2 (part of the text read, and half "
            "the checks run, in a forked copy; the same findings). Default: 2 for texts of "
            "500,000 characters and maps of 20,000 elements (claims, relations, stances) or more, "
            "where the system can fork.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check maps for consistency: syntax, structure, each perspective's coherence.

    Findings the map allows (`allow CODES` on a statement, a section or a line of its own),
    --select/--ignore and the project's settings ([tool.argmap] in pyproject.toml, or
    argmap.toml) leave out are not reported; the summary counts them. Exit 0 when clean, 1 when
    there are errors (or warnings with --strict), 2 on usage or I/O errors.
    """
    from pathlib import Path

    from argmap.checks import CODES, check_map
    from argmap.checks.config import find_settings
    from argmap.cli.common import display_path, expand_paths, read_bytes
    from argmap.diagnostics import Diagnostic, Severity, sort_key
    from argmap.diagnostics.report import (
        format_summary,
        format_text,
        to_github,
        to_json,
        to_json_lines,
        to_sarif,
        use_colour,
    )
    from argmap.errors import ArgmapError
    from argmap.model import Span
    from argmap.syntax.errors import ParseError
    from argmap.syntax.parser import decode, parse_keeping
    from argmap.util.filetext import FileText

    if watch:
        from argmap.cli.watch import watch as watch_files

        if "-" in paths:
            raise CommandError("--watch checks files, not standard input", EXIT_USAGE)
        expand_paths(paths)  # a missing path ends the command before the watch starts
        watch_files(
            [p for p in paths if not Path(p).is_dir()],
            lambda: check(paths, format, strict, colour, quiet, False, select, ignore, 1),
            recursive=[p for p in paths if Path(p).is_dir()],
        )
        return
    files = expand_paths(paths)
    findings: list[Diagnostic] = []
    sources: dict[str | None, str | FileText] = {}
    names: list[str] = []
    io_failed = False
    failed = False
    silenced: dict[str, int] = {}
    for path in files:
        try:
            data, name = read_bytes(path)
        except CommandError as exc:
            io_failed = True
            where = Span(display_path(path), 1, 1, 1, 1)
            findings.append(Diagnostic.make("E106", where, exc.message, "check the path and its permissions"))
            continue
        names.append(name)
        try:  # the project's settings, from the map's folder up (from here for standard input)
            settings = find_settings(Path.cwd() if path == "-" else path)  # the real name
        except ArgmapError as exc:
            raise CommandError.about(exc) from None
        try:
            text = decode(data, name)
            # A file is read again if a finding quotes it: a big map should not hold its text.
            source = text if path == "-" else FileText(path, data)
            del data
            sources[name] = source
            parsed = parse_keeping(text, source, name, jobs=jobs)
            del text
            result = check_map(parsed, select=select, ignore=ignore, settings=settings, jobs=jobs)
            del parsed
            found = result.findings
            for by, n in result.silenced_by().items():
                silenced[by] = silenced.get(by, 0) + n
        except ParseError as exc:  # syntax errors are never silenced
            found = exc.diagnostics
        except ArgmapError as exc:  # --select/--ignore naming no code
            raise CommandError.about(exc) from None
        findings.extend(found)
        file_strict = strict if strict is not None else bool(settings.strict)
        failing = {Severity.ERROR, Severity.WARNING} if file_strict else {Severity.ERROR}
        failed = failed or any(d.severity in failing for d in found)
    findings.sort(key=sort_key)
    if format == "json":
        print(to_json(findings, names, ok=not failed and not io_failed, silenced=silenced))
    elif format == "jsonl":
        sys.stdout.write(to_json_lines(findings))
    elif format == "github":
        sys.stdout.write(to_github(findings))
    elif format == "sarif":
        print(to_sarif(findings, names, CODES))
    else:
        paint = use_colour(sys.stdout, colour)
        if findings:
            texts = {n: (t if isinstance(t, str) else t() or "") for n, t in sources.items()}
            print(format_text(findings, texts, colour=paint))
            if not quiet:
                print()
        if not quiet:
            print(format_summary(findings, len(names), colour=paint, silenced=silenced))
    if io_failed:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def codes(
    format: Annotated[CodesFormat, typer.Option("--format", "-f", help="text, json or jsonl.")] = "text",
) -> None:
    """List every diagnostic code with its severity and meaning (see docs/diagnostics.md)."""
    import json

    from argmap.checks import CODES

    if format == "text":
        for code, info in CODES.items():
            print(f"{code}  {info.severity.value:<7}  {info.title}")
        return
    rows = [{"code": c, "severity": i.severity.value, "title": i.title} for c, i in CODES.items()]
    if format == "json":
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(json.dumps(row))
