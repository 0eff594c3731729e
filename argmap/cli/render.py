"""CLI commands for the render step (registered on the main app by argmap.cli).

``argmap render FILE`` draws a map with Graphviz: the whole map or one of the views
(``--perspective``, ``--compare``, ``--question``, ``--focus``), in svg, png, pdf or as DOT text.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from argmap.cli.common import SemanticsChoice


class _Format(str, enum.Enum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"


class _Engine(str, enum.Enum):
    dot = "dot"
    neato = "neato"
    fdp = "fdp"
    sfdp = "sfdp"


class _Rankdir(str, enum.Enum):
    TB = "TB"
    BT = "BT"
    LR = "LR"
    RL = "RL"


class _Backend(str, enum.Enum):
    auto = "auto"
    dot = "dot"
    graphviz_pure = "graphviz-pure"


_SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


def _format_for(out: str | None, given: _Format | None) -> str:
    """The output format: as given, else from OUT's suffix, else svg."""
    from argmap.cli.common import fail

    if given is not None:
        return given.value
    if out is None or out == "-":
        return "svg"
    suffix = Path(out).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    fail(
        f"{out}: cannot tell the format from the suffix {suffix or '(none)'}",
        hint="use a .svg, .png, .pdf or .dot file name, or give --format",
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the argmap app."""

    @app.command()
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
            Optional[_Format],  # noqa: UP045
            typer.Option(
                "--format", "-f", help="svg, png, pdf or dot. Default: from OUT's suffix, else svg."
            ),
        ] = None,
        engine: Annotated[_Engine, typer.Option("--engine", help="Graphviz layout engine.")] = _Engine.dot,
        rankdir: Annotated[
            _Rankdir, typer.Option("--rankdir", help="Which way the arrows run: TB, BT, LR or RL.")
        ] = _Rankdir.TB,
        perspective: Annotated[
            Optional[str],  # noqa: UP045
            typer.Option(
                "--perspective", "-p", help="Make this perspective's claims and relations stand out."
            ),
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
            typer.Option(
                "--question", "-q", help="Only the claims answering this question and what bears on them."
            ),
        ] = None,
        focus: Annotated[
            Optional[str],  # noqa: UP045
            typer.Option("--focus", help="Only the neighbourhood of this claim (see --depth)."),
        ] = None,
        depth: Annotated[
            Optional[int],  # noqa: UP045
            typer.Option(
                "--depth", min=0, help="Steps from --focus (default 2) or from --question's answers."
            ),
        ] = None,
        labels: Annotated[
            Optional[SemanticsChoice],  # noqa: UP045
            typer.Option("--labels", help="Mark claims in/out/undecided under this semantics."),
        ] = None,
        backend: Annotated[
            Optional[_Backend],  # noqa: UP045
            typer.Option(
                "--backend",
                help="auto (dot if installed, else graphviz-pure), dot or graphviz-pure. "
                "Default: $ARGMAP_BACKEND, else auto.",
            ),
        ] = None,
        timeout: Annotated[
            float, typer.Option("--timeout", min=0.1, help="Stop a layout that takes longer (seconds).")
        ] = 60.0,
        no_legend: Annotated[bool, typer.Option("--no-legend", help="Leave out the legend.")] = False,
    ) -> None:
        """Draw a map with Graphviz: the whole map, one perspective, two compared, a question or a claim.

        The format follows OUT's suffix unless --format is given. Exit 0 when drawn, 1 when the map
        does not parse or Graphviz fails, 2 on usage or I/O errors (or when no backend can write the
        format).
        """
        from argmap.cli.common import EXIT_FINDINGS, EXIT_USAGE, fail, read_map, write_output
        from argmap.drawing.backends import BackendError, NoBackendError
        from argmap.drawing.render import ViewError
        from argmap.drawing.render import render as draw

        fmt = _format_for(out, format)
        if out is None:
            out = "-" if file == "-" else str(Path(file).with_suffix("." + fmt))
        if only and perspective is None:
            fail("--only needs --perspective", hint="e.g. argmap render map.argmap --perspective P --only")
        if depth is not None and focus is None and question is None:
            fail("--depth needs --focus or --question")
        if out != "-" and file != "-" and Path(out).resolve() == Path(file).resolve():
            fail(f"{out}: refusing to overwrite the input file", hint="choose another output path with -o")
        amap = read_map(file)
        warnings: list[str] = []
        try:
            data = draw(
                amap,
                fmt,
                backend=backend.value if backend is not None else None,
                timeout=timeout,
                engine=engine.value,
                warnings=warnings,
                perspective=perspective,
                only=only,
                compare=compare,
                question=question,
                focus=focus,
                depth=depth,
                labels=labels.value if labels is not None else None,
                rankdir=rankdir.value,
                legend=not no_legend,
            )
        except ViewError as exc:
            fail(f"{file}: {exc}")
        except NoBackendError as exc:
            fail(exc.message, EXIT_USAGE, hint=exc.hint)
        except BackendError as exc:
            if exc.stderr:
                print(exc.stderr.rstrip(), file=sys.stderr)
            fail(exc.message, EXIT_FINDINGS, hint=exc.hint)
        except ValueError as exc:  # a bad ARGMAP_BACKEND value
            fail(str(exc))
        for line in dict.fromkeys(ln for text in warnings for ln in text.rstrip().splitlines()):
            print(f"argmap: graphviz: {line}", file=sys.stderr)
        write_output(data, out, inputs=[file])
        if out != "-":
            print(f"wrote {out} ({fmt}, {len(data):,} bytes)", file=sys.stderr)
