"""CLI commands for the evaluate step.

``argmap evaluate FILE`` labels every claim under a semantics (for the whole map or one
perspective); ``argmap perspectives FILE`` prints the agreement matrix, the pairwise agreement
and the cruxes; ``argmap framework FILE --to apx|i23`` exports the derived Dung framework for
ICCMA solvers. A thin shell over :mod:`argmap.semantics`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, Optional, get_args

import typer

from argmap.semantics import AnySemanticsName, IccmaFormat, RuleName, SemanticsName

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.semantics.agreement import AgreementReport
    from argmap.semantics.evaluate import Evaluation
    from argmap.semantics.graded import Strengths

__all__ = ["EVAL_FORMATS", "TABLE_FORMATS", "evaluate", "explain", "framework", "perspectives"]

#: How ``evaluate`` prints its result.
EvalFormat = Literal["text", "json"]
EVAL_FORMATS: tuple[EvalFormat, ...] = get_args(EvalFormat)
#: How ``perspectives`` prints its report.
TableFormat = Literal["table", "csv", "json", "markdown"]
TABLE_FORMATS: tuple[TableFormat, ...] = get_args(TableFormat)

_SYMBOL = {"accept": "+", "reject": "-", "silent": "."}


def _load(file: str) -> ArgumentMap:
    """Read and check a map; a map with errors is not evaluated (exit 1)."""
    from argmap.checks import check_map
    from argmap.cli.common import EXIT_FINDINGS, fail, print_diagnostics, read_map

    argmap = read_map(file)
    # only errors stop an evaluation: the checks that can only warn are not run; a big map's
    # on two processors, as `argmap check` does (no thread runs yet: the fork is safe)
    found = check_map(argmap, semantics=False, allow=False, settings=None, select=["E"], jobs=None).findings
    errors = [d for d in found if d.is_error]
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


def _text(argmap: ArgumentMap, ev: Evaluation, width: int = 100, full: bool = False) -> str:
    """An evaluation for people: a heading, the claims by label (their text cut to ``width``),
    the labellings summarised (all of them listed with ``full``), and a perspective's view."""
    from argmap.semantics.display import natural_sorted, plural

    af = ev.translation.framework
    who = f"perspective '{ev.perspective}'" if ev.perspective else "the whole map"
    import textwrap

    lines = textwrap.wrap(
        f"{ev.semantics} semantics, {ev.rule} rule, {who}: {plural(len(ev.labels), 'claim')}, "
        f"{plural(af.n, 'argument')}, {plural(af.attack_count(), 'attack')}",
        width,
    )
    if ev.semantics in ("preferred", "stable", "complete"):
        if not ev.exists:
            lines.append(f"no {ev.semantics} labelling exists: every claim is undec")
        else:
            count = (
                f"more than {len(ev.extensions)} {ev.semantics} labellings"
                if ev.count is None
                else plural(ev.count, f"{ev.semantics} labelling")
            )
            lines += textwrap.wrap(f"{count}; in = in every one, out = out in every one", width)
    idw = max((len(c) for c in ev.labels), default=0)
    texts = {c.id: c.text for c in argmap.claims}
    for label in ("in", "out", "undec"):
        ids = [c for c, v in ev.labels.items() if v == label]
        if not ids:
            continue
        lines.append("")
        lines.append(f"{label.upper()} ({len(ids)})")
        for c in ids:
            mark = " (credulously in)" if label != "in" and c in ev.credulous else ""
            room = width - 2 - idw - 2 - len(mark)
            lines.append(f"  {c:<{idw}}  {_short(texts.get(c, ''), room)}{mark}".rstrip())
    if ev.semantics != "grounded" and ev.exists:
        lines.append("")
        scep, cred = natural_sorted(ev.sceptical), natural_sorted(ev.credulous)
        lines.append(f"Sceptically accepted (in every labelling): {plural(len(scep), 'claim')}")
        lines.extend(_wrapped(scep, width))
        lines.append(f"Credulously accepted (in some labelling): {plural(len(cred), 'claim')}")
        lines.extend(_wrapped(cred, width))
        if ev.extensions:
            lines.append("")
            if full:
                more = (
                    ""
                    if ev.exhaustive
                    else f" (the first {len(ev.extensions)}; stopped by the {ev.stopped_by})"
                )
                lines.append(f"Extensions, claims only{more}:")
                for k, ext in enumerate(ev.extensions, 1):
                    lines.extend(_wrapped(natural_sorted(ext), width, f"  {k}. "))
            else:
                n = len(ev.extensions)
                lines += textwrap.wrap(
                    f"{plural(n, 'extension')} found; --all lists "
                    f"{'it' if n == 1 else 'them'} (claims only; at most --limit)",
                    width,
                )
    v = ev.view
    if v is not None:
        lines.append("")
        lines.append(f"Perspective '{v.perspective}' in the whole map:")
        lines.append(f"  accepts {plural(len(v.accepts), 'claim')}, rejects {len(v.rejects)}")
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
            lines.append("  IN by its own relations but not accepted:")
            lines.extend(_wrapped(list(v.defends_unaccepted), width, "    "))
        if v.against_map:
            lines.append("  accepted, but not IN in the whole map:")
            for c, label in v.against_map.items():
                lines.append(f"    {c}: {label}")
    return "\n".join(lines) + "\n"


def _graded_text(argmap: ArgumentMap, g: Strengths, width: int) -> str:
    """Strengths for people: every claim, strongest first, with its base score and text."""
    import textwrap

    from argmap.semantics.display import natural_key, plural

    who = f"perspective '{g.perspective}'" if g.perspective else "the whole map"
    lines = textwrap.wrap(
        f"{g.semantics} strengths, {who}: {plural(len(g.strengths), 'claim')}; strength in [0, 1] "
        "from each claim's base score (0.5 unless given), its attackers and its supporters",
        width,
    )
    if not g.converged:
        lines += textwrap.wrap(
            f"the strengths did not settle in {g.rounds} rounds (a cycle): shown as they are", width
        )
    texts = {c.id: c.text for c in argmap.claims}
    idw = max((len(c) for c in g.strengths), default=0)
    lines.append("")
    lines.append(f"  {'claim':<{idw}}  strength  base")
    for c in sorted(g.strengths, key=lambda c: (-round(g.strengths[c], 9), natural_key(c))):
        text = _short(texts.get(c, ""), width - 2 - idw - 18)
        lines.append(f"  {c:<{idw}}  {g.strengths[c]:8.3f}  {g.bases[c]:4.2f}  {text}".rstrip())
    return "\n".join(lines) + "\n"


def _wrapped(ids: list[str], width: int, first: str = "  ") -> list[str]:
    """Ids in braces, wrapped to ``width``, continuation lines indented under the first."""
    import textwrap

    text = "{" + ", ".join(ids) + "}"
    return textwrap.wrap(
        text, max(width, 20), initial_indent=first, subsequent_indent=" " * (len(first) + 1),
        break_on_hyphens=False, break_long_words=False,
    ) or [first + "{}"]  # fmt: skip


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    width = max(width, 12)
    return text if len(text) <= width else text[: width - 1] + "…"


def _agreement_rows(report: AgreementReport) -> list[tuple[str, str, str, int, int]]:
    rows = []
    for p, q in report.pairs():
        score = report.agreement[(p, q)]
        n, r = report.shared[(p, q)], report.shared_relations.get((p, q), 0)
        rows.append((p, q, "-" if score is None else f"{score:.2f}", n - r, r))
    return rows


def _shared(claims: int, relations: int) -> str:
    from argmap.semantics.display import plural

    if relations:
        return f"{plural(claims, 'shared claim')} and {plural(relations, 'shared relation')}"
    return plural(claims, "shared claim")


def _columns(header: list[str], body: list[list[str]], width: int, fixed: int) -> list[str]:
    """A plain text table, split into blocks of columns that fit ``width`` (the first ``fixed``
    columns repeated in each block)."""
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    base = sum(widths[:fixed]) + 2 * fixed
    blocks: list[list[int]] = [[]]
    used = base
    for i in range(fixed, len(header)):
        if blocks[-1] and used + widths[i] + 2 > width:
            blocks.append([])
            used = base
        blocks[-1].append(i)
        used += widths[i] + 2
    out: list[str] = []
    for k, block in enumerate(blocks):
        if k:
            out.append("")
        cols = list(range(fixed)) + block
        out.append("  ".join(header[i].ljust(widths[i]) for i in cols).rstrip())
        out.extend("  ".join(r[i].ljust(widths[i]) for i in cols).rstrip() for r in body)
    return out


def _table(report: AgreementReport, markdown: bool, width: int = 100) -> str:
    from argmap.semantics.display import plural

    ps = report.perspectives
    rows = [*report.claims, *report.relations]
    labels = {**dict.fromkeys(report.relations, "(relation)"), **report.labels}
    body = [
        [c, labels.get(c, ""), *(_SYMBOL[v] if not markdown else _md(v) for v in report.row(c))] for c in rows
    ]
    out: list[str] = []
    if markdown:
        header = ["claim", report.semantics, *ps]
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "|".join("---" for _ in header) + "|")
        out.extend("| " + " | ".join(r) + " |" for r in body)
    else:
        header = ["claim", report.semantics, *ps]
        if sum(len(h) + 2 for h in header) > width and ps:
            # perspective names as column numbers, with a key
            header = ["claim", report.semantics, *(str(k) for k in range(1, len(ps) + 1))]
            out.append("Perspectives: " + ", ".join(f"{k} {p}" for k, p in enumerate(ps, 1)))
            out.append("")
        out.extend(_columns(header, body, width, 2))
        out.append("")
        out.append("+ accepts, - rejects, . silent")
    out.append("")
    agreement = _agreement_rows(report)
    apart = report.apart()
    if agreement or apart:
        if markdown:
            out.append("| perspective | perspective | agreement | shared claims | shared relations |")
            out.append("|---|---|---|---|---|")
            out.extend(f"| {p} | {q} | {s} | {n} | {r} |" for p, q, s, n, r in agreement)
            out.append("")
        else:
            out.append(
                "Agreement (share of the claims and relations both take a stance on where they agree):"
            )
            out.extend(f"  {p} / {q}: {s} over {_shared(n, r)}" for p, q, s, n, r in agreement)
        if apart:
            pairs = plural(apart, "pair")
            verb = "is" if apart == 1 else "are"
            lead = "" if markdown else "  "
            out.append(f"{lead}{pairs} of perspectives with no claim or relation in common {verb} left out")
        out.append("")
    _answers(report, markdown, out)
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


def _answers(report: AgreementReport, markdown: bool, out: list[str]) -> None:
    """Each question, and what each perspective answers it (the claims answering it that the
    perspective accepts or rejects, with their sides)."""
    asked = [q for q in report.questions if report.answers_to(q)]
    if not asked:
        return
    title = "Answers (per question, what each perspective holds):"
    out.append(f"**{title}**" if markdown else title)
    if markdown:
        out.append("")
        out.append("| question | perspective | answer |")
        out.append("|---|---|---|")
    for q in asked:
        given = report.answers_to(q)
        if not markdown:
            out.append(f"  {q}: {report.questions[q]}")
        for p, answers in given.items():
            said = "; ".join(a.said() for a in answers)
            out.append(f"| {q} | {p} | {said} |" if markdown else f"    {p}: {said}")
    out.append("")


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
    for r in report.relations:
        w.writerow([r, "(relation)", *report.row(r)])
    return buf.getvalue()


def evaluate(  # noqa: PLR0917 - typer maps parameters to options
    file: Annotated[str, typer.Argument(help="The .argmap file; - reads standard input.")],
    semantics: Annotated[
        AnySemanticsName,
        typer.Option("--semantics", "-s", help="Which semantics labels the claims (or grades them)."),
    ] = "grounded",
    perspective: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on 3.10
        typer.Option("--perspective", "-p", help="Evaluate only what this perspective asserts."),
    ] = None,
    format: Annotated[EvalFormat, typer.Option("--format", "-f", help="text or json.")] = "text",
    rule: Annotated[
        RuleName, typer.Option("--rule", help="How supports enter the framework (docs/semantics.md).")
    ] = "evidential",
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds a preferred or stable search may take.")
    ] = 10.0,
    limit: Annotated[int, typer.Option("--limit", help="List at most this many extensions.")] = 100,
    all_: Annotated[
        bool, typer.Option("--all", help="List every extension found (default: a summary).")
    ] = False,
    width: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--width", min=20, help="Text width (default: the terminal's)."),
    ] = None,
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
    if semantics in ("df-quad", "quadratic-energy"):
        from argmap.semantics.graded import strengths

        graded = strengths(argmap, semantics, perspective, supports=rule != "attacks")
        if format == "json":
            write_output(json.dumps(graded.to_dict(), indent=2, ensure_ascii=False) + "\n", None)
        else:
            write_output(_graded_text(argmap, graded, _width(width)), None)
        return
    try:
        ev = run(
            argmap,
            semantics,  # type: ignore[arg-type]  # not a graded one: handled above
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
        write_output(_text(argmap, ev, _width(width), all_), None)


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
    width: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--width", min=20, help="Text width (default: the terminal's)."),
    ] = None,
) -> None:
    """The agreement matrix: who accepts and rejects which claim, how far the perspectives
    agree, and the cruxes (disputed claims other positions depend on)."""

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
        text = report.to_json() + "\n"
    elif format == "csv":
        text = _csv(report)
    else:
        text = _table(report, markdown=format == "markdown", width=_width(width))
    write_output(text, None)


def explain(  # noqa: PLR0917 - typer maps parameters to options
    file: Annotated[str, typer.Argument(help="The .argmap file; - reads standard input.")],
    claim: Annotated[str, typer.Argument(help="The claim whose label to explain.")],
    semantics: Annotated[
        AnySemanticsName,
        typer.Option("--semantics", "-s", help="Which semantics labels (or grades) the claims."),
    ] = "grounded",
    perspective: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on 3.10
        typer.Option("--perspective", "-p", help="Explain the label in this perspective's own framework."),
    ] = None,
    format: Annotated[EvalFormat, typer.Option("--format", "-f", help="text or json.")] = "text",
    rule: Annotated[
        RuleName, typer.Option("--rule", help="How supports enter the framework (docs/semantics.md).")
    ] = "evidential",
    width: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--width", min=20, help="Text width (default: the terminal's)."),
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds a preferred or stable search may take.")
    ] = 10.0,
) -> None:
    """Say why a claim is IN, OUT or UNDEC: IN, the defence (every attack on it defeated, by
    arguments that are themselves defended); OUT, the attacks that go through and the relation
    that carries each; UNDEC, the cycle of attacks it hangs on.

    Exit 0 when done, 1 when the map has errors or the time limit was hit, 2 on usage errors
    (an unknown claim or perspective).
    """
    import json

    from argmap.cli.common import CommandError, write_output
    from argmap.errors import UnknownIdError
    from argmap.semantics.explain import explain as run
    from argmap.semantics.solvers import SearchStopped

    argmap = _load(file)
    if semantics in ("df-quad", "quadratic-energy"):
        from argmap.semantics.graded import strengths

        graded = strengths(argmap, semantics, perspective, supports=rule != "attacks")
        if claim not in graded.strengths:
            from argmap.util.suggest import did_you_mean

            raise CommandError(
                f"{file}: no claim '{claim}' in the framework",
                hint=did_you_mean(claim, list(graded.strengths)),
            )
        if format == "json":
            doc = {
                "claim": claim,
                "semantics": semantics,
                "perspective": perspective,
                "strength": graded.strengths[claim],
                "base": graded.bases[claim],
                "influences": [{"relation": w, "brings": v} for w, v in graded.influences.get(claim, ())],
            }
            write_output(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", None)
        else:
            write_output(graded.explain(claim), None)
        return
    try:
        found = run(
            argmap,
            claim,
            semantics,  # type: ignore[arg-type]  # not a graded one: handled above
            perspective,
            rule=rule,
            time_limit=time_limit if time_limit > 0 else None,
        )
    except SearchStopped as exc:
        _stopped(exc, semantics)
        return
    except UnknownIdError as exc:
        raise CommandError.about(exc, f"{file}: ") from None
    if format == "json":
        write_output(json.dumps(found.to_dict(), indent=2, ensure_ascii=False) + "\n", None)
    else:
        write_output(found.to_text(_width(width)), None)


def _width(width: int | None) -> int:
    """The text width: as asked, else the terminal's (COLUMNS, then the terminal), else 100."""
    if width is not None:
        return width
    import shutil

    return max(shutil.get_terminal_size((100, 24)).columns, 40)


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
        "evidential"
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
