"""What the language server answers, as plain functions of an :class:`Analysis` and the
document: findings, hover, definitions and references, rename, completion, the outline,
formatting and quick fixes. :mod:`argmap.lsp.server` puts them on the protocol."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from typing import Any

from lsprotocol import types as lsp

from argmap.diagnostics import Diagnostic, Severity
from argmap.formats.lexicon import CODE_LIST_TERMINALS
from argmap.lsp.analysis import Analysis, Occurrence
from argmap.lsp.document import Document
from argmap.lsp.grammar import IdToken, id_keywords, list_items, tree_parser
from argmap.lsp.ids import AFTER_KEYWORD, ID_FIELDS, Kind
from argmap.model import (
    Claim,
    Contradiction,
    Element,
    Perspective,
    Question,
    Quote,
    Rebuttal,
    Section,
    Source,
    Span,
    Support,
    Title,
    Undercut,
    is_valid_id,
)

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
    """What the word under the cursor names: a claim's text, kind, holders, rejecters, quotes
    and grounded label; a perspective's name and role; a question, a source, a section; what a
    named relation connects, who asserts and who rejects it; what a finding code means."""
    line, column = _where(doc, position)
    code = analysis.code_at(line, column)
    if code is not None:
        text = describe_code(code.value)
        token = code
    else:
        occ = analysis.occurrence_at(line, column)
        if occ is None:
            return None
        text = describe(analysis, occ.name)
        token = occ.token
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
        range=_token_range(doc, token),
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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def describe_code(code: str) -> str:
    """Markdown about a finding code named by ``allow``: what it reports."""
    from argmap.checks import CODES
    from argmap.util.suggest import did_you_mean

    info = CODES.get(code)
    if info is None:
        hint = did_you_mean(code, CODES)
        return f"{_code(code)} is not a finding code argmap knows" + (f"; {hint}" if hint else ".")
    return (
        f"**{code}** · {info.severity.value}: {info.title}\n\n*docs/diagnostics.md: an example and its fix*"
    )


def describe(analysis: Analysis, name: str) -> str:
    """Markdown about an id: what defines it and how the map uses it."""
    found = analysis.definitions.get(name)
    if not found:
        from argmap.util.suggest import did_you_mean

        hint = did_you_mean(name, analysis.definitions)
        return f"{_code(name)} is not defined in this map" + (f"; {hint}" if hint else ".")
    element = found[0][0]
    if isinstance(element, Claim):
        parts = _describe_claim(analysis, element)
    elif isinstance(element, Perspective):
        parts = _describe_perspective(analysis, element)
    elif isinstance(element, Question):
        parts = _describe_question(analysis, element)
    elif isinstance(element, Source):
        parts = _describe_source(analysis, element)
    elif isinstance(element, Section):
        parts = _describe_section(analysis, element)
    elif isinstance(element, (Support, Rebuttal, Undercut, Contradiction)):
        parts = _describe_relation(analysis, name, element)
    else:
        parts = [f"**{type(element).__name__.lower()}** {_code(name)}"]
    if len(found) > 1:
        parts.append(f"*defined {len(found)} times (error E200)*")
    return "\n\n".join(parts)


def _quotes(analysis: Analysis, quotes: Iterable[Quote]) -> list[str]:
    """Each quote: who said it, its words, and where and when (``from``, ``at``, ``on``)."""
    out = []
    for q in quotes:
        who = f"{_names(analysis, [q.speaker])}: " if q.speaker else ""
        where = [f"from {_code(q.source)}" if q.source else "", q.locator or "", q.date or ""]
        tail = ", ".join(w for w in where if w)
        out.append(f"{who}“{q.text}”" + (f" ({tail})" if tail else ""))
    return out


def _in_section(analysis: Analysis, element: Element) -> list[str]:
    section = analysis.map.section_of(element)
    return [f"in section {_code(section.id)}: {section.title}"] if section is not None else []


def _describe_claim(analysis: Analysis, element: Claim) -> list[str]:
    m, name = analysis.map, element.id
    kind = element.kind.value if element.kind is not None else "claim"
    head = f"**{kind}** {_code(name)}"
    label = analysis.labels.get(name)
    if label is not None:
        head += f" · grounded: **{_LABEL_WORDS.get(label, label)}**"
    parts = [head, _quote(element.text)]
    holders, rejecters = _names(analysis, m.holders(name)), _names(analysis, m.rejecters(name))
    parts.append(f"held by: {holders}  \nrejected by: {rejecters}")
    if element.answers:
        answers = [_code(q) + (f" ({side})" if (side := element.side(q)) else "") for q in element.answers]
        parts.append(f"answers: {', '.join(answers)}")
    if element.date:
        parts.append(f"date: {element.date}")
    if element.sources:
        parts.append(f"sources: {', '.join(map(_code, element.sources))}")
    parts.extend(_quotes(analysis, element.quotes))
    supporters, attackers = m.supporters(name), m.attackers(name)
    parts.append(
        f"supported by: {_names(analysis, supporters)}  \nattacked by: {_names(analysis, attackers)}"
    )
    if element.note:
        parts.append(f"note: {element.note}")
    return parts + _in_section(analysis, element)


def _describe_perspective(analysis: Analysis, element: Perspective) -> list[str]:
    m, name = analysis.map, element.id
    parts = [f"**perspective** {_code(name)} — {element.name}"]
    if element.role:
        parts.append(f"role: {element.role}")
    named = {r.name for r in m.relations if r.name is not None}
    claims = [c for c in m.accepted_by(name) if c not in named]
    rejected = [c for c in m.rejected_by(name) if c not in named]
    asserts = len(m.relations_by(name))
    parts.append(
        f"accepts {_plural(len(claims), 'claim')}, rejects {len(rejected)}; "
        f"asserts {_plural(asserts, 'relation')}"
    )
    accepted_relations = [_code(r) for r in m.accepted_by(name) if r in named]
    rejected_relations = [_code(r) for r in m.rejected_by(name) if r in named]
    if accepted_relations or rejected_relations:
        parts.append(
            f"accepts the relations: {', '.join(accepted_relations) or 'none'}  \n"
            f"rejects the relations: {', '.join(rejected_relations) or 'none'}"
        )
    asks = [q.id for q in m.questions if name in q.asked_by]
    if asks:
        parts.append(f"asks: {', '.join(map(_code, asks))}")
    if element.color:
        parts.append(f"colour: {element.color}")
    if element.note:
        parts.append(f"note: {element.note}")
    return parts


def _describe_question(analysis: Analysis, element: Question) -> list[str]:
    name = element.id
    answers = [
        _code(c.id) + (f" ({side})" if (side := c.side(name)) else "") for c in analysis.map.answers_to(name)
    ]
    parts = [f"**question** {_code(name)}", _quote(element.text)]
    if element.asked_by:
        parts.append(f"asked by: {_names(analysis, element.asked_by)}")
    parts.append(f"answered by: {', '.join(answers) or 'none'}")
    if element.note:
        parts.append(f"note: {element.note}")
    return parts


def _describe_source(analysis: Analysis, element: Source) -> list[str]:
    parts = [f"**source** {_code(element.id)}", _quote(element.title)]
    parts.extend(
        f"{key}: {value}"
        for key in ("author", "date", "url", "file", "note")
        if (value := getattr(element, key))
    )
    quoted = sum(1 for e in analysis.map.elements for q in getattr(e, "quotes", ()) if q.source == element.id)
    if quoted:
        parts.append(f"quoted {_plural(quoted, 'time')}")
    return parts


def _describe_section(analysis: Analysis, element: Section) -> list[str]:
    m, name = analysis.map, element.id
    parts = [f"**section** {_code(name)} — {element.title}"]
    if element.parent:
        parent = analysis.definitions.get(element.parent)
        title = parent[0][0].title if parent and isinstance(parent[0][0], Section) else None
        parts.append(f"in section {_code(element.parent)}" + (f": {title}" if title else ""))
    inner = [s.id for s in m.sections if s.parent == name and s.id != name]
    if inner:
        parts.append(f"sections in it: {', '.join(map(_code, inner))}")
    mine = {analysis.statement_of(e) for e in m.elements if m.section_of(e) is element}
    parts.append(f"{_plural(len(mine), 'statement')} under it")
    if element.allow:
        parts.append(f"allows: {', '.join(element.allow)}")
    if element.note:
        parts.append(f"note: {element.note}")
    return parts


def _connects(relation: Support | Rebuttal | Undercut | Contradiction) -> str:
    """What a relation connects, in its own words: `a` + `b` supports `c`."""
    if isinstance(relation, Support):
        return f"{' + '.join(map(_code, relation.premises))} supports {_code(relation.conclusion)}"
    if isinstance(relation, Contradiction):
        return f"{_code(relation.left)} contradicts {_code(relation.right)}"
    verb = "rebuts" if isinstance(relation, Rebuttal) else "undercuts"
    return f"{' + '.join(map(_code, relation.attackers))} {verb} {_code(relation.target)}"


_RELATION_WORDS = {
    Support: "support",
    Rebuttal: "rebuttal",
    Undercut: "undercut",
    Contradiction: "contradiction",
}


def _describe_relation(
    analysis: Analysis, name: str, element: Support | Rebuttal | Undercut | Contradiction
) -> list[str]:
    m = analysis.map
    parts = [f"**{_RELATION_WORDS[type(element)]}** {_code(name)}: {_connects(element)}"]
    if isinstance(element, Undercut):  # an attack on an attack: say what it attacks
        with contextlib.suppress(KeyError):
            parts.append(f"{_code(element.target)}: {_connects(m.relation(element.target))}")
    parts.append(f"by: {_names(analysis, element.by)}")
    holders, rejecters = _names(analysis, m.holders(name)), _names(analysis, m.rejecters(name))
    parts.append(f"accepted by: {holders}  \nrejected by: {rejecters}")
    undercuts = [" + ".join(u.attackers) for u in m.undercuts_of(name)]
    parts.append(f"undercut by: {_names(analysis, undercuts)}")
    if element.tags:
        parts.append(f"tags: {', '.join(element.tags)}")
    if element.sources:
        parts.append(f"sources: {', '.join(map(_code, element.sources))}")
    parts.extend(_quotes(analysis, element.quotes))
    if element.note:
        parts.append(f"note: {element.note}")
    return parts + _in_section(analysis, element)


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
    "section": lsp.CompletionItemKind.Folder,
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
    """Keywords, ids, tags and finding codes where the grammar allows them at the cursor."""
    from lark import Token
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
    context = _context(stack, keywords)
    if "ID" in accepts:
        # at the start of a statement: a relation's first claim or a stance's perspective
        kinds: tuple[Kind, ...] = (
            ("claim", "perspective") if context is None else AFTER_KEYWORD.get(context, ())
        )
        if context == "KW_TAGS":
            items.extend(_tag_items(analysis, replace))
        if context in CODE_LIST_TERMINALS:
            items.extend(_code_items(replace))
        for kind in kinds:
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


def _context(stack: list[Any], keywords: dict[str, str]) -> str | None:
    """What the grammar expects an id to name at the end of a parser's stack: the keyword or
    mark before the list the cursor is in decides (its terminal's name). None at the start of
    a statement; ``definition`` for the id a definition defines; ``done`` after anything else."""
    from lark import Token

    items = list_items()
    for i in range(len(stack) - 1, -1, -1):
        item = stack[i]
        if isinstance(item, Token):
            if item.type == "COMMA":
                continue
            if item.type in CODE_LIST_TERMINALS:
                return str(item.type)
            return "definition" if i == 0 and item.type in keywords else str(item.type)
        if item.data in items or str(item.data).startswith("__"):  # a list's items so far
            continue
        return "done"
    return None


def _code_items(replace: lsp.Range) -> list[lsp.CompletionItem]:
    """Every finding code, with what it reports (after ``allow``)."""
    from argmap.checks import CODES

    return [
        lsp.CompletionItem(
            label=code,
            kind=lsp.CompletionItemKind.Constant,
            detail=info.title,
            label_details=lsp.CompletionItemLabelDetails(description=info.severity.value),
            text_edit=lsp.TextEdit(range=replace, new_text=code),
            sort_text=f"0{code}",
        )
        for code, info in CODES.items()
    ]


def _detail(element: Element) -> str | None:
    """A line about an element: its text, name or title (a relation: what it links)."""
    if isinstance(element, Support):
        return f"{' + '.join(element.premises)} → {element.conclusion}"
    if isinstance(element, (Rebuttal, Undercut)):
        verb = "rebuts" if isinstance(element, Rebuttal) else "undercuts"
        return f"{' + '.join(element.attackers)} {verb} {element.target}"
    if isinstance(element, Contradiction):
        return f"{element.left} contradicts {element.right}"
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
    "section": lsp.SymbolKind.Namespace,
}


def document_symbols(analysis: Analysis, doc: Document) -> list[lsp.DocumentSymbol]:
    """The outline: the title, every section, perspective, question, source, claim and named
    relation, in the order they are written; what is written after a section is under it, and
    a section is under the section it is ``in``."""
    m = analysis.map
    sections: dict[str, Section] = {}
    for section in m.sections:
        sections.setdefault(section.id, section)
    top: list[lsp.DocumentSymbol] = []
    under: dict[int, list[lsp.DocumentSymbol]] = {}  # id() of a section -> what is under it
    symbols: dict[int, lsp.DocumentSymbol] = {}
    for element in m.elements:
        symbol = _symbol(analysis, doc, element)
        if symbol is None:
            continue
        parent = _nested_in(sections, element) if isinstance(element, Section) else m.section_of(element)
        (top if parent is None else under.setdefault(id(parent), [])).append(symbol)
        if isinstance(element, Section):
            symbols[id(element)] = symbol
    for key, children in under.items():
        symbols[key].children = children
    for symbol in top:
        _cover(symbol)
    return top


def _symbol(analysis: Analysis, doc: Document, element: Element) -> lsp.DocumentSymbol | None:
    """An element's entry in the outline (None for those that define no id)."""
    if element.span is None:
        return None
    whole = _span_range(doc, element.span)
    if isinstance(element, Title):
        return lsp.DocumentSymbol(
            name=element.text or "(title)", kind=lsp.SymbolKind.File, range=whole, selection_range=whole
        )
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
        return lsp.DocumentSymbol(
            name=name,
            detail=f"{kind}: {detail}" if detail else kind,
            kind=_SYMBOL_KIND[field.kind],
            range=whole,
            selection_range=selection,
            children=[] if isinstance(element, Section) else None,
        )
    return None


def _nested_in(by_id: dict[str, Section], section: Section) -> Section | None:
    """The section a section is ``in``, if that is a section of the map (``by_id``) and the
    sections above it do not lead back to it (a circle, error E208, is left at the top)."""
    parent = by_id.get(section.parent) if section.parent is not None else None
    seen = {id(section)}
    above = parent
    while above is not None:
        if id(above) in seen:
            return None if above is section else parent
        seen.add(id(above))
        above = by_id.get(above.parent) if above.parent is not None else None
    return parent


def _cover(symbol: lsp.DocumentSymbol) -> None:
    """Stretch a section's range over what is under it (an outline's entry holds its children)."""
    if not symbol.children:
        return
    start, end = symbol.range.start, symbol.range.end
    for child in symbol.children:
        _cover(child)
        start = min(start, child.range.start, key=lambda p: (p.line, p.character))
        end = max(end, child.range.end, key=lambda p: (p.line, p.character))
    symbol.range = lsp.Range(start=start, end=end)


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
