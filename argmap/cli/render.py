"""CLI command for the render step: ``argmap render FILE`` draws a map with Graphviz, the whole
map or one of the views (``--perspective``, ``--compare``, ``--question``, ``--focus``), in any
of :data:`argmap.drawing.FORMATS` (svg, png, pdf, the DOT text itself, or html: the interactive
page, where ``--perspective``, ``--compare``, ``--labels`` and ``--focus`` say what it opens with).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from argmap.drawing import FORMATS, BackendName, EngineName, LegendMode, RankDir, RenderFormat
from argmap.semantics import AnySemanticsName

__all__ = ["render"]

#: Whether the embedded renderer's note was printed already (once a process: --watch draws again).
_NOTED = False

#: Output file suffixes that name a format.
_SUFFIXES: dict[str, RenderFormat] = {**{f".{f}": f for f in FORMATS}, ".gv": "dot", ".htm": "html"}


def _format_for(out: str | None, given: RenderFormat | None) -> RenderFormat:
    """The output format: as given, else from OUT's suffix, else svg."""
    from argmap.cli.common import fail

    if given is not None:
        return given
    if out is None or out == "-":
        return "svg"
    suffix = Path(out).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    fail(
        f"{out}: cannot tell the format from the suffix {suffix or '(none)'}",
        hint=f"use a {', '.join(_SUFFIXES)} file name, or give --format",
    )


def render(  # noqa: PLR0917 - typer maps parameters to options
    file: Annotated[str, typer.Argument(help="The .argmap file to draw; - reads standard input.")],
    out: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on 3.10
        typer.Option(
            "--output",
            "-o",
            help="Where to write the picture; - is standard output. Default: FILE, format's suffix.",
        ),
    ] = None,
    format: Annotated[
        Optional[RenderFormat],  # noqa: UP045
        typer.Option("--format", "-f", help="The picture's format. Default: from OUT's suffix, else svg."),
    ] = None,
    engine: Annotated[EngineName, typer.Option("--engine", help="Graphviz layout engine.")] = "dot",
    rankdir: Annotated[
        Optional[RankDir],  # noqa: UP045
        typer.Option("--rankdir", help="Which way the arrows run. Default: chosen from the map's shape."),
    ] = None,
    perspective: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--perspective", "-p", help="Make this perspective's claims and relations stand out."),
    ] = None,
    only: Annotated[
        bool, typer.Option("--only", help="With --perspective: leave out everything else.")
    ] = False,
    compare: Annotated[
        Optional[tuple[str, str]],  # noqa: UP045
        typer.Option("--compare", help="Show where two perspectives agree and differ: --compare P Q."),
    ] = None,
    question: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--question", help="Only the claims answering this question and what bears on them."),
    ] = None,
    focus: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--focus", help="Only the neighbourhood of this claim (see --depth)."),
    ] = None,
    depth: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--depth", min=0, help="Steps from --focus (default 2) or from --question's answers."),
    ] = None,
    labels: Annotated[
        Optional[AnySemanticsName],  # noqa: UP045
        typer.Option(
            "--labels", help="Mark claims in/out/undecided (or shade them by strength) under this semantics."
        ),
    ] = None,
    explain: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--explain", help="Only what explains this claim's label (see argmap explain)."),
    ] = None,
    backend: Annotated[
        Optional[BackendName],  # noqa: UP045
        typer.Option(
            "--backend",
            help="auto (dot if installed, else graphviz-pure), dot or graphviz-pure. "
            "Default: $ARGMAP_BACKEND, else auto.",
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Stop a layout that takes longer (seconds).")
    ] = 60.0,
    no_legend: Annotated[
        bool, typer.Option("--no-legend", help="Leave out the legend (--legend none).")
    ] = False,
    legend: Annotated[
        LegendMode,
        typer.Option("--legend", help="compact (one small table), full (drawn samples) or none."),
    ] = "compact",
    quotes: Annotated[
        bool, typer.Option("--quotes", help="Print each claim's quotes under it (for a printed version).")
    ] = False,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch", "-w", help="Draw again whenever FILE is saved, until Ctrl-C (the watch extra)."
        ),
    ] = False,
) -> None:
    """Draw a map with Graphviz: the whole map, one perspective, two compared, a question or a claim.

    The format follows OUT's suffix unless --format is given. html is one interactive page
    (pan, zoom, search, a panel per claim, perspectives and labels to switch) that works
    offline; there --perspective, --compare, --labels and --focus are what it opens with.
    Exit 0 when drawn, 1 when the map does not parse or Graphviz fails, 2 on usage or I/O
    errors (or when no backend can write the format).
    """
    from argmap.cli.common import CommandError, fail, print_diagnostics, read_map, write_output
    from argmap.drawing.render import render as draw
    from argmap.errors import BackendError, UnknownIdError, ViewError
    from argmap.semantics import SEMANTICS

    fmt = _format_for(out, format)
    if out is None:
        out = "-" if file == "-" else str(Path(file).with_suffix("." + fmt))
    if only and perspective is None:
        fail("--only needs --perspective", hint="e.g. argmap render map.argmap --perspective P --only")
    if depth is not None and focus is None and question is None:
        fail("--depth needs --focus or --question")
    if out != "-" and file != "-" and Path(out).resolve() == Path(file).resolve():
        fail(f"{out}: refusing to overwrite the input file", hint="choose another output path with -o")
    if watch:
        if file == "-" or out == "-":
            fail("--watch draws a file to a file", hint="give the map's path and, with -o, a file to write")
        if not Path(file).is_file():
            fail(f"{file}: no such file")
        from argmap.cli.watch import watch as watch_files

        watch_files(
            [file],
            lambda: render(
                file, out, fmt, engine, rankdir, perspective, only, compare, question, focus, depth, labels,
                explain, backend, timeout, no_legend, legend, quotes,
            ),
        )  # fmt: skip
        return
    amap = read_map(file)
    from argmap.drawing.palette import colour_findings

    findings = colour_findings(amap)
    if findings:
        print_diagnostics(findings, {amap.path: amap.source_text or ""})
    warnings: list[str] = []
    given: AnySemanticsName | dict[str, str] | None = labels
    try:
        if explain is not None:  # just the explanation's part of the map, with its labels
            from argmap.drawing.explain import explain_view

            dung = labels if labels in SEMANTICS else "grounded"
            amap, given = explain_view(amap, explain, dung, perspective)
        if labels in ("df-quad", "quadratic-energy"):  # shaded by strength (drawing.styles)
            from argmap.drawing.styles import strength_status
            from argmap.semantics.graded import strengths

            graded = strengths(amap, labels, perspective if only else None)
            given = {c: strength_status(v) for c, v in graded.strengths.items()}
        data = draw(
            amap,
            fmt,
            backend=backend,
            timeout=timeout,
            engine=engine,
            warnings=warnings,
            perspective=perspective,
            only=only,
            compare=compare,
            question=question,
            focus=focus,
            depth=depth,
            labels=given,  # type: ignore[arg-type]  # graded ones were made a mapping above
            rankdir=rankdir,
            legend="none" if no_legend else legend,
            quotes=quotes,
        )
    except (ViewError, UnknownIdError) as exc:
        raise CommandError.about(exc, f"{file}: ") from None
    except BackendError as exc:
        if exc.stderr:
            print(exc.stderr.rstrip(), file=sys.stderr)
        raise CommandError.about(exc) from None
    global _NOTED
    for line in dict.fromkeys(ln for text in warnings for ln in text.rstrip().splitlines()):
        if line.startswith("note: "):
            if not _NOTED:
                print(f"argmap: {line}", file=sys.stderr)
            _NOTED = True
        else:
            print(f"argmap: graphviz: {line}", file=sys.stderr)
    write_output(data, out, inputs=[file])
    if out != "-":
        print(f"wrote {out} ({fmt}, {len(data):,} bytes)", file=sys.stderr)
