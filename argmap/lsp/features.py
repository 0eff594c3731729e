"""What the language server answers, as plain functions of an :class:`Analysis` and the
document: findings, hover, definitions and references, rename, completion, the outline,
formatting and quick fixes. :mod:`argmap.lsp.server` puts them on the protocol."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lsprotocol import types as lsp

from argmap.diagnostics import Diagnostic, Severity
from argmap.lsp.analysis import Analysis, Occurrence
from argmap.lsp.document import Document
from argmap.lsp.grammar import IdToken, id_keywords, tree_parser
from argmap.lsp.ids import AFTER_KEYWORD, ID_FIELDS, Kind
from argmap.model import Claim, Element, Perspective, Question, Source, Span, Support, Title, is_valid_id

__all__ = [
    "FeatureError",
    "code_actions",
    "completion",
    "definition",
    "diagnostics",
    "document_symbols",
    "formatting",
    "hover",
    "prepare_rename",
    "references",
    "rename",
]


class FeatureError(Exception):
    """A request that cannot be done, with the reason the editor shows."""


_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
#: Findings about something nothing uses: editors fade it.
_UNUSED = frozenset({"W303", "W304", "W305", "W306"})
_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")


# ---- positions -----------------------------------------------------------------------------------
def _where(doc: Document, position: lsp.Position) -> tuple[int, int]:
    """An editor's position as argmap's 0-based line and column (code points)."""
    return doc.span_position(doc.offset(position))


def _token_range(doc: Document, token: IdToken) -> lsp.Range:
    return doc.range(
        doc.span_offset(token.line + 1, token.start + 1), doc.span_offset(token.line + 1, token.end + 1)
    )


def _span_range(doc: Document, span: Span | None) -> lsp.Range:
    if span is None:
        return lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0))
    return doc.span_range(span)


# ---- findings ------------------------------------------------------------------------------------
def diagnostics(analysis: Analysis, doc: Document) -> list[lsp.Diagnostic]:
    """The findings of ``argmap check``, as the editor shows them."""
    return [_diagnostic(d, doc) for d in analysis.diagnostics]


def _diagnostic(d: Diagnostic, doc: Document) -> lsp.Diagnostic:
    related = [
        lsp.DiagnosticRelatedInformation(
            location=lsp.Location(uri=doc.uri, range=_span_range(doc, r.span)), message=r.message
        )
        for r in d.related
        if r.span is not None
    ]
    return lsp.Diagnostic(
        range=_span_range(doc, d.span),
        severity=_SEVERITY[d.severity],
        code=d.code,
        source="argmap",
        message=d.message + (f"\nhint: {d.hint}" if d.hint else ""),
        related_information=related or None,
        tags=[lsp.DiagnosticTag.Unnecessary] if d.code in _UNUSED else None,
        data={"hint": d.hint} if d.hint else None,
    )


# ---- hover ---------------------------------------------------------------------------------------
_LABEL_WORDS = {"in": "accepted (in)", "out": "rejected (out)", "undec": "undecided"}


def hover(analysis: Analysis, doc: Document, position: lsp.Position) -> lsp.Hover | None:
    """What the id under the cursor names: a claim's text, kind, holders, rejecters, quotes and
    grounded label; a perspective's name and role; a question, a source, a named relation."""
    occ = analysis.occurrence_at(*_where(doc, position))
    if occ is None:
        return None
    text = describe(analysis, occ.name)
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
        range=_token_range(doc, occ.token),
    )


def _code(value: str) -> str:
    return f"`{value}`"


def _names(analysis: Analysis, ids: Iterable[str]) -> str:
    out = []
    for i in ids:
        found = analysis.definitions.get(i)
        element = found[0][0] if found else None
        name = element.name if isinstance(element, Perspective) else None
        out.append(f"{_code(i)} ({name})" if name else _code(i))
    return ", ".join(out) or "none"


def _quote(text: str) -> str:
    return "\n".join("> " + line for line in text.split("\n"))


def describe(analysis: Analysis, name: str) -> str:
    """Markdown about an id: what defines it and how the map uses it."""
    found = analysis.definitions.get(name)
    if not found:
        from argmap.util.suggest import did_you_mean

        hint = did_you_mean(name, analysis.definitions)
        return f"{_code(name)} is not defined in this map" + (f"; {hint}" if hint else ".")
    element = found[0][0]
    m = analysis.map
    parts: list[str]
    if isinstance(element, Claim):
        kind = element.kind.value if element.kind is not None else "claim"
        head = f"**{kind}** {_code(name)}"
        label = analysis.labels.get(name)
        if label is not None:
            head += f" · grounded: **{_LABEL_WORDS.get(label, label)}**"
        parts = [head, _quote(element.text)]
        holders, rejecters = _names(analysis, m.holders(name)), _names(analysis, m.rejecters(name))
        parts.append(f"held by: {holders}  \nrejected by: {rejecters}")
        if element.answers:
            parts.append(f"answers: {', '.join(map(_code, element.answers))}")
        if element.sources:
            parts.append(f"sources: {', '.join(map(_code, element.sources))}")
        for q in element.quotes:
            who = f"{_names(analysis, [q.speaker])}: " if q.speaker else ""
            parts.append(f"{who}“{q.text}”")
        supporters, attackers = m.supporters(name), m.attackers(name)
        parts.append(
            f"supported by: {_names(analysis, supporters)}  \nattacked by: {_names(analysis, attackers)}"
        )
        if element.note:
            parts.append(f"note: {element.note}")
    elif isinstance(element, Perspective):
        parts = [f"**perspective** {_code(name)} — {element.name}"]
        if element.role:
            parts.append(f"role: {element.role}")
        accepted, rejected = m.accepted_by(name), m.rejected_by(name)
        parts.append(
            f"accepts {len(accepted)} claim{'s' * (len(accepted) != 1)}, rejects {len(rejected)}; "
            f"asserts {len(m.relations_by(name))} relation{'s' * (len(m.relations_by(name)) != 1)}"
        )
        if element.color:
            parts.append(f"colour: {element.color}")
        if element.note:
            parts.append(f"note: {element.note}")
    elif isinstance(element, Question):
        answers = [c.id for c in m.answers_to(name)]
        parts = [
            f"**question** {_code(name)}",
            _quote(element.text),
            f"answered by: {_names(analysis, answers)}",
        ]
        if element.note:
            parts.append(f"note: {element.note}")
    elif isinstance(element, Source):
        parts = [f"**source** {_code(name)}", _quote(element.title)]
        parts.extend(
            f"{key}: {value}" for key in ("author", "date", "url", "note") if (value := getattr(element, key))
        )
    elif isinstance(element, Support):
        premises = " + ".join(map(_code, element.premises))
        parts = [f"**support** {_code(name)}: {premises} → {_code(element.conclusion)}"]
        if element.by:
            parts.append(f"by: {_names(analysis, element.by)}")
        undercuts = [u.attacker for u in m.undercuts_of(name)]
        parts.append(f"undercut by: {_names(analysis, undercuts)}")
        if element.note:
            parts.append(f"note: {element.note}")
    else:
        parts = [f"**{type(element).__name__.lower()}** {_code(name)}"]
    if len(found) > 1:
        parts.append(f"*defined {len(found)} times (error E200)*")
    return "\n\n".join(parts)


# ---- definitions, references, rename -------------------------------------------------------------
def _at(analysis: Analysis, doc: Document, position: lsp.Position) -> Occurrence | None:
    return analysis.occurrence_at(*_where(doc, position))


def definition(analysis: Analysis, doc: Document, position: lsp.Position) -> list[lsp.Location]:
    """Where the id under the cursor is defined."""
    occ = _at(analysis, doc, position)
    if occ is None:
        return []
    return [
        lsp.Location(uri=doc.uri, range=_token_range(doc, t)) for t in analysis.definition_places(occ.name)
    ]


def references(
    analysis: Analysis, doc: Document, position: lsp.Position, declaration: bool
) -> list[lsp.Location]:
    """Every place the id under the cursor is written (its definitions too, if asked)."""
    occ = _at(analysis, doc, position)
    if occ is None:
        return []
    return [
        lsp.Location(uri=doc.uri, range=_token_range(doc, o.token))
        for o in analysis.occurrences(occ.name)
        if declaration or not o.defines
    ]


def prepare_rename(
    analysis: Analysis, doc: Document, position: lsp.Position
) -> lsp.PrepareRenamePlaceholder | None:
    """The id under the cursor and its range, if there is one to rename."""
    occ = _at(analysis, doc, position)
    if occ is None:
        return None
    return lsp.PrepareRenamePlaceholder(range=_token_range(doc, occ.token), placeholder=occ.name)


def rename(
    analysis: Analysis, doc: Document, position: lsp.Position, new_name: str
) -> lsp.WorkspaceEdit | None:
    """Every place of the id under the cursor, renamed. A name that is not an id, or that the
    map already defines, is refused with the reason."""
    occ = _at(analysis, doc, position)
    if occ is None:
        return None
    if not is_valid_id(new_name):
        raise FeatureError(f"'{new_name}' is not an id: use letters, digits, _ and -, not starting with -")
    if new_name != occ.name and new_name in analysis.definitions:
        token = analysis.definition_places(new_name)
        where = f" (line {token[0].line + 1})" if token else ""
        raise FeatureError(f"'{new_name}' is already defined{where}: the two would become one")
    edits = [
        lsp.TextEdit(range=_token_range(doc, o.token), new_text=new_name)
        for o in analysis.occurrences(occ.name)
    ]
    return lsp.WorkspaceEdit(changes={doc.uri: edits})


# ---- completion ----------------------------------------------------------------------------------
_ITEM_KIND: dict[Kind, lsp.CompletionItemKind] = {
    "claim": lsp.CompletionItemKind.Value,
    "perspective": lsp.CompletionItemKind.Class,
    "question": lsp.CompletionItemKind.Interface,
    "source": lsp.CompletionItemKind.Reference,
    "relation": lsp.CompletionItemKind.Operator,
}
_PARTIAL = re.compile(r"[\w][\w-]*$")


def _statement_start(analysis: Analysis, doc: Document, line: int) -> int:
    """Offset where the statement holding the cursor's line starts: that line itself unless it
    is indented (a continuation) or inside a statement the parser read over several lines."""
    text = analysis.lines[line] if line < len(analysis.lines) else ""
    index = analysis.statement_at(line)
    first = analysis.starts[index]
    if first != line and text[:1] not in (" ", "\t") and not _inside_long_text(analysis, index, line):
        first = line
    return doc.span_offset(first + 1, 1)


def _inside_long_text(analysis: Analysis, index: int, line: int) -> bool:
    before = "\n".join(analysis.lines[analysis.starts[index] : line])
    return before.count('"""') % 2 == 1


def completion(analysis: Analysis, doc: Document, position: lsp.Position) -> lsp.CompletionList:
    """Keywords, ids and tags where the grammar allows them at the cursor."""
    from lark import Token, Tree
    from lark.exceptions import LarkError, UnexpectedInput

    from argmap.formats.lexicon import lexicon

    offset = doc.offset(position)
    line, _ = doc.span_position(offset)
    start = _statement_start(analysis, doc, line)
    before = doc.text[start:offset]
    partial = _PARTIAL.search(before)
    word_start = offset - (len(partial.group(0)) if partial else 0)
    replace = doc.range(word_start, offset)
    keywords = lexicon().keywords
    items: list[lsp.CompletionItem] = []
    prefix = doc.text[start:word_start]
    try:
        # A word after the cursor lets the lexer see an indented line as a continuation (at the
        # end of the text it would end the statement); the parser is not fed that word.
        ip = tree_parser().parse_interactive(prefix + "x")
        try:
            for token in ip.iter_parse():
                if token.start_pos is not None and token.start_pos >= len(prefix):
                    break
        except UnexpectedInput as exc:
            if exc.pos_in_stream is None or exc.pos_in_stream < len(prefix):
                raise
        accepts = set(ip.accepts())  # type: ignore[no-untyped-call]
    except LarkError:
        return lsp.CompletionList(is_incomplete=False, items=[])
    stack = list(ip.parser_state.value_stack)
    # What the grammar expects an id to name here: the keyword or mark before it decides.
    context: str | None = None
    for i in range(len(stack) - 1, -1, -1):
        item = stack[i]
        if (isinstance(item, Tree) and item.data == "ident") or (
            isinstance(item, Token) and item.type == "COMMA"
        ):
            continue
        if isinstance(item, Token):
            context = "definition" if i == 0 and item.type in keywords else item.type
        else:
            context = "done"
        break
    if "ID" in accepts:
        kinds: tuple[Kind, ...] | None
        if context is None:
            kinds = ("claim", "perspective")
        elif context in AFTER_KEYWORD:
            kinds = (AFTER_KEYWORD[context],)
        else:
            kinds = ()
        if context == "KW_TAGS":
            items.extend(_tag_items(analysis, replace))
        for kind in kinds or ():
            items.extend(_id_items(analysis, kind, replace))
    as_ids = id_keywords() if stack and "ID" in accepts else frozenset()
    for terminal in sorted(accepts - as_ids):
        word = keywords.get(terminal)
        if word is None:
            continue
        label = word
        after = ip.copy()  # type: ignore[no-untyped-call]
        try:
            after.feed_token(Token(terminal, word))
            then = [t for t in after.accepts() if t in keywords]
            if len(then) == 1 and not after.accepts() - {then[0]}:
                label = f"{word} {keywords[then[0]]}"
        except LarkError:
            pass
        items.append(
            lsp.CompletionItem(
                label=label,
                kind=lsp.CompletionItemKind.Keyword,
                text_edit=lsp.TextEdit(range=replace, new_text=label),
                sort_text=f"1{label}",
            )
        )
    return lsp.CompletionList(is_incomplete=False, items=items)


def _detail(element: Element) -> str | None:
    """A line about an element: its text, name or title (a relation: what it links)."""
    if isinstance(element, Support):
        return f"{' + '.join(element.premises)} → {element.conclusion}"
    for name in ("text", "name", "title"):
        value = getattr(element, name, None)
        if isinstance(value, str) and value:
            return value if len(value) <= 80 else value[:79] + "…"
    return None


def _id_items(analysis: Analysis, kind: Kind, replace: lsp.Range) -> list[lsp.CompletionItem]:
    return [
        lsp.CompletionItem(
            label=name,
            kind=_ITEM_KIND[kind],
            detail=_detail(element),
            label_details=lsp.CompletionItemLabelDetails(description=kind),
            text_edit=lsp.TextEdit(range=replace, new_text=name),
            sort_text=f"0{name}",
        )
        for name, element, _ in analysis.defined(kind)
    ]


def _tag_items(analysis: Analysis, replace: lsp.Range) -> list[lsp.CompletionItem]:
    tags: dict[str, None] = {}
    for e in analysis.map.elements:
        for tag in getattr(e, "tags", ()):
            if is_valid_id(tag):
                tags[tag] = None
    return [
        lsp.CompletionItem(
            label=t,
            kind=lsp.CompletionItemKind.EnumMember,
            text_edit=lsp.TextEdit(range=replace, new_text=t),
            sort_text=f"0{t}",
        )
        for t in tags
    ]


# ---- the outline ---------------------------------------------------------------------------------
_SYMBOL_KIND: dict[Kind, lsp.SymbolKind] = {
    "claim": lsp.SymbolKind.Constant,
    "perspective": lsp.SymbolKind.Class,
    "question": lsp.SymbolKind.Interface,
    "source": lsp.SymbolKind.Module,
    "relation": lsp.SymbolKind.Operator,
}


def document_symbols(analysis: Analysis, doc: Document) -> list[lsp.DocumentSymbol]:
    """The outline: the title, then every perspective, question, source, claim and named
    relation, in the order they are written."""
    out: list[lsp.DocumentSymbol] = []
    for element in analysis.map.elements:
        if element.span is None:
            continue
        whole = _span_range(doc, element.span)
        if isinstance(element, Title):
            out.append(
                lsp.DocumentSymbol(
                    name=element.text or "(title)",
                    kind=lsp.SymbolKind.File,
                    range=whole,
                    selection_range=whole,
                )
            )
            continue
        for field in ID_FIELDS.get(type(element), ()):
            if not field.defines:
                continue
            name = getattr(element, field.path, None)
            if not isinstance(name, str):
                continue
            place = analysis.name_in(element, name)
            selection = (
                doc.range(
                    doc.span_offset(place[0] + 1, place[1] + 1), doc.span_offset(place[0] + 1, place[2] + 1)
                )
                if place is not None
                else whole
            )
            kind = element.kind.value if isinstance(element, Claim) and element.kind else field.kind
            detail = _detail(element)
            out.append(
                lsp.DocumentSymbol(
                    name=name,
                    detail=f"{kind}: {detail}" if detail else kind,
                    kind=_SYMBOL_KIND[field.kind],
                    range=whole,
                    selection_range=selection,
                )
            )
    return out


# ---- formatting ----------------------------------------------------------------------------------
def formatting(doc: Document, path: str | None) -> list[lsp.TextEdit] | None:
    """The edit that gives the document ``argmap fmt``'s layout: one edit over the lines from the
    first that changes to the last (the lines around it are left alone, so the editor keeps the
    cursor and folds there); None when the text does not parse."""
    from argmap.formats.fmt import format_text
    from argmap.syntax.errors import ParseError

    try:
        formatted = format_text(doc.text, path=path)
    except ParseError:
        return None
    if formatted == doc.text:
        return []
    old = doc.text.splitlines(keepends=True)
    new = formatted.splitlines(keepends=True)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = sum(len(line) for line in old[:head])
    end = len(doc.text) - sum(len(line) for line in old[len(old) - tail :])
    return [lsp.TextEdit(range=doc.range(start, end), new_text="".join(new[head : len(new) - tail]))]


# ---- quick fixes ---------------------------------------------------------------------------------
def code_actions(doc: Document, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """For each finding with a did-you-mean hint: replace the misspelt word with the suggestion."""
    from argmap.util.suggest import closest

    out = []
    for diag in params.context.diagnostics:
        if diag.source != "argmap":
            continue
        hint = diag.data.get("hint") if isinstance(diag.data, dict) else None
        found = _DID_YOU_MEAN.search(hint or diag.message)
        if found is None:
            continue
        suggestion = found.group(1)
        start, end = doc.offset(diag.range.start), doc.offset(diag.range.end)
        word = doc.text[start:end]
        if not (re.fullmatch(r"[\w][\w-]*", word) and closest(suggestion, [word])):
            # the hint may be about another word of the line (`clam x "X"`: did you mean 'claim'?)
            line_start = doc.text.rfind("\n", 0, start) + 1
            line_end = doc.text.find("\n", start)
            line_end = len(doc.text) if line_end < 0 else line_end
            words = [
                (m.start(), m.end(), m.group(0))
                for m in re.finditer(r"[\w][\w-]*", doc.text[line_start:line_end])
            ]
            best = closest(suggestion, [w for _, _, w in words])
            if best is None:
                continue
            s, e, word = next(w for w in words if w[2] == best)
            start, end = line_start + s, line_start + e
        out.append(
            lsp.CodeAction(
                title=f"Replace '{word}' with '{suggestion}'",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag],
                is_preferred=True,
                edit=lsp.WorkspaceEdit(
                    changes={doc.uri: [lsp.TextEdit(range=doc.range(start, end), new_text=suggestion)]}
                ),
            )
        )
    return out
