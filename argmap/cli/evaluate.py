"""CLI commands for the evaluate step.

``argmap evaluate FILE`` labels every claim under a semantics (for the whole map or one
perspective); ``argmap perspectives FILE`` prints the agreement matrix, the pairwise agreement
and the cruxes; ``argmap framework FILE --to apx|i23`` exports the derived Dung framework for
ICCMA solvers. A thin shell over :mod:`argmap.semantics`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, Optional, get_args

import typer

from argmap.semantics import IccmaFormat, RuleName, SemanticsName

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.semantics.agreement import AgreementReport
    from argmap.semantics.evaluate import Evaluation

__all__ = ["EVAL_FORMATS", "TABLE_FORMATS", "evaluate", "framework", "perspectives"]

#: How ``evaluate`` prints its result.
EvalFormat = Literal["text", "json"]
EVAL_FORMATS: tuple[EvalFormat, ...] = get_args(EvalFormat)
#: How ``perspectives`` prints its report.
TableFormat = Literal["table", "csv", "json", "markdown"]
TABLE_FORMATS: tuple[TableFormat, ...] = get_args(TableFormat)

_SYMBOL = {"accept": "+", "reject": "-", "silent": "."}


def _load(file: str) -> ArgumentMap:
    """Read and check a map; a map with errors is not evaluated (exit 1)."""
    from argmap.checks import check
    from argmap.cli.common import EXIT_FINDINGS, fail, print_diagnostics, read_map

    argmap = read_map(file)
    errors = [d for d in check(argmap, semantics=False, allow=False, settings=None) if d.is_error]
    if errors:
        sources = {argmap.path: argmap.source_text} if argmap.source_text is not None else {}
        print_diagnostics(errors, sources)
        fail(
            f"{argmap.path or file}: the map has errors; it was not evaluated",
            EXIT_FINDINGS,
            hint="fix them first (argmap check lists them)",
        )
    return argmap


def _stopped(exc: Exception, semantics: str) -> None:
    from argmap.cli.common import EXIT_FINDINGS, fail

    fail(
        f"{exc}",
        EXIT_FINDINGS,
        hint=getattr(exc, "hint", None)
        or f"raise --time-limit, or use --semantics grounded (always fast) instead of {semantics}",
    )


def _text(argmap: ArgumentMap, ev: Evaluation) -> str:
    af = ev.translation.framework
    who = f"perspective '{ev.perspective}'" if ev.perspective else "the whole map"
    lines = [
        f"{ev.semantics} semantics, {ev.rule} rule, {who}: "
        f"{len(ev.labels)} claims, {af.n} arguments, {af.attack_count()} attacks"
    ]
    if ev.semantics in ("preferred", "stable", "complete"):
        if not ev.exists:
            lines.append(f"no {ev.semantics} labelling exists: every claim is undec")
        else:
            count = "an unknown number of" if ev.count is None else str(ev.count)
            plural = "" if ev.count == 1 else "s"
            lines.append(
                f"{count} {ev.semantics} labelling{plural}; in = in every one, out = out in every one"
            )
    width = max((len(c) for c in ev.labels), default=0)
    texts = {c.id: c.text for c in argmap.claims}
    for label in ("in", "out", "undec"):
        ids = [c for c, v in ev.labels.items() if v == label]
        if not ids:
            continue
        lines.append("")
        lines.append(f"{label.upper()} ({len(ids)})")
        for c in ids:
            mark = " (credulously in)" if label != "in" and c in ev.credulous else ""
            lines.append(f"  {c:<{width}}  {_short(texts.get(c, ''))}{mark}")
    if ev.semantics != "grounded" and ev.extensions:
        lines.append("")
        more = "" if ev.exhaustive else f" (the first {len(ev.extensions)}; stopped by the {ev.stopped_by})"
        lines.append(f"Extensions, claims only{more}:")
        for k, ext in enumerate(ev.extensions, 1):
            lines.append(f"  {k}. {{{', '.join(sorted(ext))}}}")
    v = ev.view
    if v is not None:
        lines.append("")
        lines.append(f"Perspective '{v.perspective}' in the whole map:")
        lines.append(f"  accepts {len(v.accepts)} claims, rejects {len(v.rejects)}")
        lines.append(f"  conflict-free: {'yes' if v.conflict_free else 'no'}")
        for a, b in v.conflicts:
            lines.append(f"    '{a}' attacks '{b}', and it accepts both")
        lines.append(f"  admissible: {'yes' if v.admissible else 'no'}")
        for t, a in v.unanswered:
            lines.append(f"    '{a}' attacks '{t}' and nothing it accepts answers '{a}'")
        if v.owes:
            lines.append("  unanswered attacks it grants itself (W400):")
            for t, a in v.owes:
                lines.append(f"    '{a}' attacks '{t}'")
        if v.defends_unaccepted:
            lines.append(f"  IN by its own relations but not accepted: {', '.join(v.defends_unaccepted)}")
        if v.against_map:
            lines.append("  accepted, but not IN in the whole map:")
            for c, label in v.against_map.items():
                lines.append(f"    {c}: {label}")
    return "\n".join(lines) + "\n"


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _agreement_rows(report: AgreementReport) -> list[tuple[str, str, str, int]]:
    rows = []
    ps = report.perspectives
    for i, p in enumerate(ps):
        for q in ps[i + 1 :]:
            score = report.agreement[(p, q)]
            rows.append((p, q, "-" if score is None else f"{score:.2f}", report.shared[(p, q)]))
    return rows


def _table(report: AgreementReport, markdown: bool) -> str:
    ps = report.perspectives
    header = ["claim", report.semantics, *ps]
    body = [
        [c, report.labels.get(c, ""), *(_SYMBOL[v] if not markdown else _md(v) for v in report.row(c))]
        for c in report.claims
    ]
    out: list[str] = []
    if markdown:
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "|".join("---" for _ in header) + "|")
        out.extend("| " + " | ".join(r) + " |" for r in body)
    else:
        widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
        out.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
        out.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body)
        out.append("")
        out.append("+ accepts, - rejects, . silent")
    out.append("")
    agreement = _agreement_rows(report)
    if agreement:
        if markdown:
            out.append("| perspective | perspective | agreement | shared claims |")
            out.append("|---|---|---|---|")
            out.extend(f"| {p} | {q} | {s} | {n} |" for p, q, s, n in agreement)
        else:
            out.append("Agreement (share of the claims both take a stance on where they agree):")
            out.extend(f"  {p} / {q}: {s} over {n} shared claims" for p, q, s, n in agreement)
        out.append("")
    cruxes = [c for c in report.cruxes if c.weight > 0]
    title = "Cruxes (disputed claims other positions depend on):"
    out.append(f"**{title}**" if markdown else title)
    if not cruxes:
        out.append("  none")
    for c in cruxes:
        bullet = "-" if markdown else " "
        depend = "position depends" if c.weight == 1 else "positions depend"
        out.append(
            f"{bullet} {c.claim}: accepted by {', '.join(c.accepted_by)}; rejected by "
            f"{', '.join(c.rejected_by)}; {c.weight} {depend} on it "
            f"(via {', '.join(c.depends)})"
        )
    return "\n".join(out) + "\n"


def _md(value: str) -> str:
    return {"accept": "accepts", "reject": "rejects", "silent": ""}[value]


def _csv(report: AgreementReport) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["claim", report.semantics, *report.perspectives])
    for c in report.claims:
        w.writerow([c, report.labels.get(c, ""), *report.row(c)])
    return buf.getvalue()


def evaluate(  # noqa: PLR0917 - typer maps parameters to options
    file: Annotated[str, typer.Argument(help="The .argmap file; - reads standard input.")],
    semantics: Annotated[
        SemanticsName, typer.Option("--semantics", "-s", help="Which semantics labels the claims.")
    ] = "grounded",
    perspective: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on 3.10
        typer.Option("--perspective", "-p", help="Evaluate only what this perspective asserts."),
    ] = None,
    format: Annotated[EvalFormat, typer.Option("--format", "-f", help="text or json.")] = "text",
    rule: Annotated[
        RuleName, typer.Option("--rule", help="How supports enter the framework (docs/semantics.md).")
    ] = "structured",
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds a preferred or stable search may take.")
    ] = 10.0,
    limit: Annotated[int, typer.Option("--limit", help="List at most this many extensions.")] = 100,
) -> None:
    """Label every claim IN, OUT or UNDEC under a formal argumentation semantics.

    For preferred and stable, IN means in every labelling (sceptical), OUT out in every one.
    Exit 0 when done, 1 when the map has errors or the time limit was hit, 2 on usage errors.
    """
    import json

    from argmap.cli.common import write_output
    from argmap.semantics.evaluate import evaluate as run
    from argmap.semantics.solvers import SearchStopped

    argmap = _load(file)
    try:
        ev = run(
            argmap,
            semantics,
            perspective,
            rule=rule,
            limit=max(limit, 0),
            time_limit=time_limit if time_limit > 0 else None,
        )
    except SearchStopped as exc:
        _stopped(exc, semantics)
        return
    if format == "json":
        write_output(json.dumps(ev.to_dict(), indent=2, ensure_ascii=False) + "\n", None)
    else:
        write_output(_text(argmap, ev), None)


def perspectives(
    file: Annotated[str, typer.Argument(help="The .argmap file; - reads standard input.")],
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv, json or markdown.")] = (
        "table"
    ),
    semantics: Annotated[
        SemanticsName, typer.Option("--semantics", "-s", help="The semantics of the map's verdict column.")
    ] = "grounded",
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds a preferred or stable search may take.")
    ] = 10.0,
) -> None:
    """The agreement matrix: who accepts and rejects which claim, how far the perspectives
    agree, and the cruxes (disputed claims other positions depend on)."""
    import json

    from argmap.cli.common import write_output
    from argmap.semantics.agreement import perspectives as run
    from argmap.semantics.solvers import SearchStopped

    argmap = _load(file)
    try:
        report = run(argmap, semantics, time_limit=time_limit if time_limit > 0 else None)
    except SearchStopped as exc:
        _stopped(exc, semantics)
        return
    if format == "json":
        text = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif format == "csv":
        text = _csv(report)
    else:
        text = _table(report, markdown=format == "markdown")
    write_output(text, None)


def framework(  # noqa: PLR0917 - typer maps parameters to options
    file: Annotated[str, typer.Argument(help="The .argmap file; - reads standard input.")],
    to: Annotated[IccmaFormat, typer.Option("--to", "-t", help="apx or i23 (ICCMA 2023).")] = "apx",
    out: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on 3.10
        typer.Option("--output", "-o", help="Where to write; - or none is standard output."),
    ] = None,
    perspective: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--perspective", "-p", help="Only what this perspective asserts."),
    ] = None,
    rule: Annotated[RuleName, typer.Option("--rule", help="How supports enter the framework.")] = (
        "structured"
    ),
    names: Annotated[
        bool, typer.Option("--names/--no-names", help="i23: name the arguments in # comment lines.")
    ] = True,
) -> None:
    """Export the map's Dung framework in an ICCMA format, for any ICCMA solver."""
    from argmap.cli.common import write_output
    from argmap.semantics.evaluate import framework as derive
    from argmap.semantics.iccma import to_apx, to_i23

    argmap = _load(file)
    af = derive(argmap, rule=rule, perspective=perspective).framework
    text = to_apx(af) if to == "apx" else to_i23(af, names=names)
    write_output(text, out, inputs=[file])
