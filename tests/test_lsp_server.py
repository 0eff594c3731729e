"""`argmap lsp` end to end: a real LSP client (pytest-lsp) starts `python -m argmap lsp` and
talks to it over stdio, as an editor does. Findings as `argmap check` gives them, hover,
definition, references, rename, completion, the outline, formatting and quick fixes."""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from conftest import MAPS, ROOT, run_cli
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

# One server for the module, as an editor has one for its session.
pytestmark = pytest.mark.asyncio(loop_scope="module")

SERVER = [sys.executable, "-m", "argmap", "lsp"]


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=ROOT.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


_versions: dict[str, int] = {}


async def published(client: LanguageClient, uri: str, version: int) -> list[lsp.Diagnostic]:
    """The findings published for this version of the document."""
    got: dict[int, list[lsp.Diagnostic]] = getattr(client, "_by_version", {})
    while version not in got.get(uri, {}):  # type: ignore[operator]
        params = await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), 30)
        by_uri = got.setdefault(params.uri, {})  # type: ignore[call-overload]
        by_uri[params.version] = list(params.diagnostics)
        client._by_version = got  # type: ignore[attr-defined]
    return got[uri][version]  # type: ignore[index,no-any-return]


async def open_doc(
    client: LanguageClient, text: str, name: str = "doc.argmap"
) -> tuple[str, list[lsp.Diagnostic]]:
    uri = (ROOT / "tests" / "data" / name).as_uri()
    _versions[uri] = 1
    getattr(client, "_by_version", {}).pop(uri, None)  # a document opened again starts afresh
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="argmap", version=1, text=text)
        )
    )
    return uri, await published(client, uri, 1)


async def edit(
    client: LanguageClient, uri: str, new_text: str, line: int, start: int, *, end: int | None = None
) -> list[lsp.Diagnostic]:
    """Replace columns start..end of a line, as an editor's keystroke does; the new findings."""
    _versions[uri] += 1
    version = _versions[uri]
    rng = lsp.Range(
        start=lsp.Position(line=line, character=start),
        end=lsp.Position(line=line, character=start if end is None else end),
    )
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangePartial(range=rng, text=new_text)],
        )
    )
    return await published(client, uri, version)


def pos(line: int, character: int) -> lsp.Position:
    return lsp.Position(line=line, character=character)


def check_json(tmp_path: Path, text: str, name: str = "doc.argmap") -> list[dict[str, object]]:
    """`argmap check --format json` on the text, as a file of the same name."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", "--format", "json", str(path))
    return json.loads(result.out)["diagnostics"]  # type: ignore[no-any-return]


def as_check(diags: list[lsp.Diagnostic]) -> list[tuple[object, ...]]:
    """Findings reduced to what both sides say: code, severity, 0-based place, message."""
    severity = {1: "error", 2: "warning", 3: "info"}
    return [
        (d.code, severity[int(d.severity or 1)], *_at(d.range.start), *_at(d.range.end), d.message)
        for d in diags
    ]


def _at(p: lsp.Position) -> tuple[int, int]:
    return p.line, p.character


def expected(found: list[dict[str, object]], text: str) -> list[tuple[object, ...]]:
    """`argmap check`'s findings as an editor gets them: a span is a stretch of the text (one
    that ends past its line's last character ends on the next line, at its start)."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def place(line: int, column: int) -> tuple[int, int]:
        offset = min(starts[line - 1] + column - 1, len(text))
        row = max(i for i, s in enumerate(starts) if s <= offset)
        return row, offset - starts[row]

    out = []
    for d in found:
        span = d["span"]
        assert isinstance(span, dict)
        message = str(d["message"]) + (f"\nhint: {d['hint']}" if d["hint"] else "")
        out.append(
            (
                d["code"],
                d["severity"],
                *place(span["line"], span["column"]),
                *place(span["end_line"], span["end_column"]),
                message,
            )
        )
    return out


BROKEN = 'claim a "A."\nclaim b\na suports b\nclaim c "C" @\n'
UNDEFINED = 'perspective p "P"\nclaim a "A." held by p\nclaim b "B."\na supports bb by pp\n'


@pytest.mark.parametrize("name", [p.name for p in sorted(MAPS.glob("*.argmap"))])
async def test_findings_of_each_map_are_argmap_checks(
    client: LanguageClient, name: str, tmp_path: Path
) -> None:
    text = (MAPS / name).read_text(encoding="utf-8")
    _, diags = await open_doc(client, text, name)
    assert as_check(diags) == expected(check_json(tmp_path, text, name), text)


ALLOWED = (
    'allow W304 "every speaker is listed"\nperspective silent "S"\n'
    'section s "S" allow W303\nclaim lonely "L." allow W303, W306\n'
)


@pytest.mark.parametrize(
    "text", [BROKEN, UNDEFINED, 'claim a "A."\nclaim a "again"\n', 'claim x """open\n', ALLOWED]
)
async def test_findings_of_broken_texts_are_argmap_checks(
    client: LanguageClient, text: str, tmp_path: Path
) -> None:
    _, diags = await open_doc(client, text)
    assert as_check(diags) == expected(check_json(tmp_path, text), text)
    assert all(d.source == "argmap" for d in diags)
    assert bool(diags) == (text is not ALLOWED)  # everything ALLOWED finds is allowed


async def test_findings_follow_each_edit(client: LanguageClient, tmp_path: Path) -> None:
    text = 'claim a "A."\nclaim b "B."\na supports b\n'
    uri, diags = await open_doc(client, text)
    assert diags == []
    diags = await edit(client, uri, "x", 2, 12)  # a supports bx: undefined
    assert [(d.code, d.range.start.line, d.range.start.character) for d in diags] == [
        ("W303", 1, 6),
        ("E201", 2, 11),
    ]
    diags = await edit(client, uri, '"', 0, 8)  # claim a ""A." : the text breaks
    now = 'claim a ""A."\nclaim b "B."\na supports bx\n'
    assert as_check(diags) == expected(check_json(tmp_path, now), now)
    diags = await edit(client, uri, "", 0, 8, end=9)
    diags = await edit(client, uri, "", 2, 12, end=13)
    assert diags == []


async def test_the_related_place_and_the_hint_reach_the_editor(client: LanguageClient) -> None:
    _, diags = await open_doc(client, 'claim a "A."\nclaim a "again"\na supports b\nclaim b "B."\n')
    dup = next(d for d in diags if d.code == "E200")
    assert dup.related_information and dup.related_information[0].location.range.start == pos(0, 6)
    _, diags = await open_doc(client, UNDEFINED)
    e201 = next(d for d in diags if d.code == "E201")
    assert e201.message.endswith("hint: did you mean 'b'?")
    assert e201.data == {"hint": "did you mean 'b'?"}


async def test_positions_in_utf16_past_wide_characters(client: LanguageClient) -> None:
    # '😀' is two UTF-16 code units: the editor's columns after it are one more than argmap's
    _, diags = await open_doc(client, 'claim a "😀" held by nobody\n')
    e201 = next(d for d in diags if d.code == "E201")
    assert e201.range == lsp.Range(start=pos(0, 21), end=pos(0, 27))  # argmap: columns 21 to 27


async def test_a_form_feed_is_not_a_line_break(client: LanguageClient, tmp_path: Path) -> None:
    """The editor's line 1 is argmap's line 2 (pygls's own documents break lines at form feeds)."""
    uri, _ = await open_doc(client, 'claim a "A."\f held by p\nclaim b "B."\n')
    diags = await edit(client, uri, "x", 1, 6)  # claim xb
    now = 'claim a "A."\f held by p\nclaim xb "B."\n'
    assert as_check(diags) == expected(check_json(tmp_path, now), now)
    assert any("'xb'" in d.message for d in diags)


async def test_hover_on_a_claim(client: LanguageClient) -> None:
    uri, _ = await open_doc(client, (MAPS / "tweety.argmap").read_text(encoding="utf-8"), "tweety.argmap")
    text = (MAPS / "tweety.argmap").read_text(encoding="utf-8").split("\n")
    line = next(i for i, ln in enumerate(text) if ln.startswith("claim flies"))
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos(line, 7))
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    value = hover.contents.value
    assert value.startswith("**claim** `flies` · grounded: **rejected (out)**")
    assert "> Tweety flies." in value
    assert "held by: `naive` (Default reasoner)" in value
    assert "rejected by: `ornithologist` (Ornithologist)" in value
    assert hover.range == lsp.Range(start=pos(line, 6), end=pos(line, 11))


async def test_hover_on_a_perspective_and_a_quote(client: LanguageClient) -> None:
    text = (
        'perspective p "Ada" role "analyst"\nquestion q "Q?"\n'
        'claim a "A." answers q held by p quote p "I said so."\nclaim b "B."\nb supports a\n'
    )
    uri, _ = await open_doc(client, text)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos(2, 32))
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert hover.contents.value.startswith(
        "**perspective** `p` — Ada\n\nrole: analyst\n\naccepts 1 claim, rejects 0"
    )
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos(4, 12))
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "`p` (Ada): “I said so.”" in hover.contents.value
    assert "answers: `q`" in hover.contents.value
    nothing = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos(2, 10))
    )
    assert nothing is None  # inside a text


KEYWORD_IDS = (
    'source source "A source called source."\n'
    'claim claim "A claim called claim." source source\n'
    'claim b "B." tags claim\n'
    "n: claim supports b\n"
    "b undercuts n\n"
)


async def test_definition_and_references_tell_ids_from_keywords(client: LanguageClient) -> None:
    uri, _ = await open_doc(client, KEYWORD_IDS)
    doc = lsp.TextDocumentIdentifier(uri=uri)
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=doc, position=pos(3, 4))
    )
    assert isinstance(found, list) and [
        (loc.range.start.line, loc.range.start.character) for loc in found
    ] == [(1, 6)]
    refs = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=doc, position=pos(1, 8), context=lsp.ReferenceContext(include_declaration=True)
        )
    )
    assert refs is not None
    # the definition, then `n: claim supports b`; not the keywords, not the tag `claim`
    assert [(r.range.start.line, r.range.start.character) for r in refs] == [(1, 6), (3, 3)]
    refs = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=doc, position=pos(0, 8), context=lsp.ReferenceContext(include_declaration=False)
        )
    )
    assert refs is not None and [(r.range.start.line, r.range.start.character) for r in refs] == [(1, 43)]
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=doc, position=pos(4, 13))
    )
    assert isinstance(found, list) and [
        (loc.range.start.line, loc.range.start.character) for loc in found
    ] == [(3, 0)]


async def test_rename_every_place_and_refuse_bad_names(client: LanguageClient) -> None:
    text = 'perspective p "P"\nclaim a "A." held by p\nclaim b "B."\np accepts b\na supports b by p\n'
    uri, _ = await open_doc(client, text)
    doc = lsp.TextDocumentIdentifier(uri=uri)
    prepared = await client.text_document_prepare_rename_async(
        lsp.PrepareRenameParams(text_document=doc, position=pos(3, 0))
    )
    assert isinstance(prepared, lsp.PrepareRenamePlaceholder) and prepared.placeholder == "p"
    result = await client.text_document_rename_async(
        lsp.RenameParams(text_document=doc, position=pos(3, 0), new_name="ada")
    )
    assert result is not None and result.changes is not None
    edits = sorted((e.range.start.line, e.range.start.character, e.new_text) for e in result.changes[uri])
    assert edits == [(0, 12, "ada"), (1, 21, "ada"), (3, 0, "ada"), (4, 16, "ada")]
    for bad, why in (("-x", "'-x' is not an id"), ("a", "'a' is already defined (line 2)")):
        with pytest.raises(Exception, match=re.escape(why)):
            await client.text_document_rename_async(
                lsp.RenameParams(text_document=doc, position=pos(3, 0), new_name=bad)
            )
    none = await client.text_document_prepare_rename_async(
        lsp.PrepareRenameParams(text_document=doc, position=pos(3, 4))
    )
    assert none is None  # the keyword `accepts`


async def _complete(client: LanguageClient, uri: str, line: int, character: int) -> list[str]:
    result = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos(line, character))
    )
    assert isinstance(result, lsp.CompletionList)
    return [item.label for item in result.items]


COMPLETE = (
    'perspective p "P"\nperspective q "Q"\nquestion why "Why?"\nsource s "S"\n'
    'claim a "A."\nclaim b "B."\nn: a supports b\n'
)


async def test_completion_offers_what_the_grammar_allows_there(client: LanguageClient) -> None:
    more = 'a rebuts \nclaim c "C." held by \nclaim d "D."\n  answers \nx undercuts \n\n'
    uri, _ = await open_doc(client, COMPLETE + more)
    assert set(await _complete(client, uri, 7, 9)) == {"a", "b"}  # claims after a relation
    assert set(await _complete(client, uri, 8, 21)) == {"p", "q"}  # perspectives after `held by`
    assert set(await _complete(client, uri, 10, 10)) == {"why"}  # questions after `answers`
    assert set(await _complete(client, uri, 11, 12)) == {"n"}  # named relations after `undercuts`
    start = set(await _complete(client, uri, 12, 0))  # a new statement
    assert {"claim", "fact", "perspective", "question", "source", "title", "a", "b", "p", "q"} <= start
    assert "held by" not in start and "why" not in start


async def test_completion_of_attributes_and_partial_words(client: LanguageClient) -> None:
    uri, _ = await open_doc(
        client, COMPLETE + 'claim c "C." \n  \nclaim d "D." held by p, \nclaim e "E." source \n'
    )
    after_text = set(await _complete(client, uri, 7, 13))
    assert after_text == {
        "answers", "held by", "rejected by", "tags", "source", "quote", "note", "date", "allow",
        "title", "base",
    }  # fmt: skip
    assert set(await _complete(client, uri, 8, 2)) == after_text  # an indented line continues the claim
    assert set(await _complete(client, uri, 9, 24)) == {"p", "q"}  # after a comma, the list goes on
    assert set(await _complete(client, uri, 10, 20)) == {"s"}
    result = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos(6, 15))
    )
    assert isinstance(result, lsp.CompletionList)
    item = next(i for i in result.items if i.label == "b")  # the word before the cursor is replaced
    assert isinstance(item.text_edit, lsp.TextEdit) and item.text_edit.range == lsp.Range(
        start=pos(6, 14), end=pos(6, 15)
    )
    assert item.detail == "B."


async def test_document_symbols_are_the_outline(client: LanguageClient) -> None:
    uri, _ = await open_doc(client, 'title "T"\n' + COMPLETE)
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert symbols is not None
    rows = [(s.name, s.kind, s.detail) for s in symbols if isinstance(s, lsp.DocumentSymbol)]
    assert rows == [
        ("T", lsp.SymbolKind.File, None),
        ("p", lsp.SymbolKind.Class, "perspective: P"),
        ("q", lsp.SymbolKind.Class, "perspective: Q"),
        ("why", lsp.SymbolKind.Interface, "question: Why?"),
        ("s", lsp.SymbolKind.Module, "source: S"),
        ("a", lsp.SymbolKind.Constant, "claim: A."),
        ("b", lsp.SymbolKind.Constant, "claim: B."),
        ("n", lsp.SymbolKind.Operator, "relation: a → b"),
    ]
    first = next(s for s in symbols if isinstance(s, lsp.DocumentSymbol) and s.name == "p")
    assert first.selection_range == lsp.Range(start=pos(1, 12), end=pos(1, 13))


async def test_formatting_is_argmap_fmt(client: LanguageClient, tmp_path: Path) -> None:
    text = 'perspective p   "P"\nclaim a "A."    held by p\n\n\n\na supports   b\nclaim b "B."\n'
    uri, _ = await open_doc(client, text)
    edits = await client.text_document_formatting_async(
        lsp.DocumentFormattingParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            options=lsp.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert edits
    lines = text.split("\n")
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        assert e.range.start.character == 0 and e.range.end.character == 0
        lines[e.range.start.line : e.range.end.line] = e.new_text.split("\n")[:-1]
    path = tmp_path / "doc.argmap"
    path.write_text(text, encoding="utf-8")
    run_cli("fmt", str(path))
    assert "\n".join(lines) == path.read_text(encoding="utf-8")


async def test_formatting_a_text_that_does_not_parse_changes_nothing(client: LanguageClient) -> None:
    uri, _ = await open_doc(client, BROKEN)
    edits = await client.text_document_formatting_async(
        lsp.DocumentFormattingParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            options=lsp.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert edits is None


async def test_quick_fixes_for_did_you_mean(client: LanguageClient) -> None:
    text = (
        'perspective pp "P"\nclaim a "A." held by pp\nclaim b "B."\na suports b\nclam c "C."\na rebuts bb\n'
    )
    uri, diags = await open_doc(client, text)
    titles = []
    for d in diags:
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=d.range,
                context=lsp.CodeActionContext(diagnostics=[d]),
            )
        )
        for action in actions or []:
            assert isinstance(action, lsp.CodeAction) and action.edit and action.edit.changes
            (change,) = action.edit.changes[uri]
            titles.append((action.title, change.range.start.line, change.range.start.character))
    assert ("Replace 'suports' with 'supports'", 3, 2) in titles
    assert ("Replace 'clam' with 'claim'", 4, 0) in titles
    # after the syntax is fixed, the undefined id gets its own fix
    await edit(client, uri, "claim", 4, 0, end=4)
    diags = await edit(client, uri, "supports", 3, 2, end=9)
    (e201,) = [d for d in diags if d.code == "E201"]
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=e201.range,
            context=lsp.CodeActionContext(diagnostics=[e201]),
        )
    )
    assert actions and isinstance(actions[0], lsp.CodeAction) and actions[0].title == "Replace 'bb' with 'b'"


async def test_a_burst_of_edits_ends_with_the_last_texts_findings(client: LanguageClient) -> None:
    uri, _ = await open_doc(client, 'claim a "A."\nclaim b "B."\n')
    version = _versions[uri]
    for i, ch in enumerate("a supports b"):
        version += 1
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(start=pos(2, i), end=pos(2, i)), text=ch
                    )
                ],
            )
        )
    _versions[uri] = version
    assert await published(client, uri, version) == []


# ---- language 2: named relations, sections, quotes with their source, allow -------------------
L2 = (
    'perspective p "Ada"\n'  # 0
    'perspective q "Bo"\n'  # 1
    'question why "Why?" asked by p\n'  # 2
    'source ko "Kosovo Online" file "ko.txt"\n'  # 3
    'section top "Top"\n'  # 4
    'section inner "Inner" in top\n'  # 5
    'claim a "A." answers why yes\n'  # 6
    '  quote p "said" from ko at "para. 6" on "2013"\n'  # 7
    'claim b "B." allow W303\n'  # 8
    'claim c "C."\n'  # 9
    "r1: a + b rebuts c by p rejected by q\n"  # 10
    "u1: c undercuts r1 by q\n"  # 11
    "n: a supports c\n"  # 12
    "k: a contradicts b\n"  # 13
    'q accepts r1, n on "2023"\n'  # 14
    'section other "Other"\n'  # 15
    'claim d "D." tags t1, t2\n'  # 16
    'allow W304 "why"\n'  # 17
)
L2_LINES = L2.split("\n")


def at(line: int, word: str, nth: int = 0) -> lsp.Position:
    """The position of the nth whole word ``word`` on a line of L2."""
    found = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", L2_LINES[line])]
    return pos(line, found[nth])


def _places(locations: object) -> list[tuple[int, int]]:
    assert isinstance(locations, (list, tuple))
    return sorted((loc.range.start.line, loc.range.start.character) for loc in locations)


def _tuple(p: lsp.Position) -> tuple[int, int]:
    return p.line, p.character


async def _hover(client: LanguageClient, uri: str, where: lsp.Position) -> str:
    found = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=where)
    )
    assert found is not None and isinstance(found.contents, lsp.MarkupContent)
    return found.contents.value


async def _references(client: LanguageClient, uri: str, where: lsp.Position) -> list[tuple[int, int]]:
    refs = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=where,
            context=lsp.ReferenceContext(include_declaration=True),
        )
    )
    return _places(refs)


async def test_language_2_findings_are_argmap_checks(client: LanguageClient, tmp_path: Path) -> None:
    _, diags = await open_doc(client, L2)
    assert as_check(diags) == expected(check_json(tmp_path, L2), L2)


ALLOWED_MAP = """allow W305 "the source is listed for the record"
source s "Unused source"
perspective p "P"
perspective quiet "Listed, silent"
  allow W304
claim lonely "Alone, on purpose." allow W303 "kept for the record"
claim a "A."
claim b "B."
a contradicts b
p accepts a,
  b
  allow W302 "p contradicts itself: the point of the map"
claim c "C."
"""


async def test_allowed_findings_are_left_out_as_argmap_check_leaves_them(
    client: LanguageClient, tmp_path: Path
) -> None:
    """SILENCING (allow): the editor shows what `argmap check` prints, allowed findings left out."""
    _, diags = await open_doc(client, ALLOWED_MAP, "allowed.argmap")
    assert as_check(diags) == expected(check_json(tmp_path, ALLOWED_MAP, "allowed.argmap"), ALLOWED_MAP)
    assert [d.code for d in diags] == ["W303"]  # only the claim nobody allows to stand alone
    assert diags[0].range.start.line == 12


async def test_definition_and_references_of_relation_names(client: LanguageClient) -> None:
    """A named relation of any kind: where it is defined, undercut, taken a stance on."""
    uri, _ = await open_doc(client, L2)
    doc = lsp.TextDocumentIdentifier(uri=uri)
    for where in (at(11, "r1"), at(14, "r1")):  # an undercut's target, a stance's
        found = await client.text_document_definition_async(
            lsp.DefinitionParams(text_document=doc, position=where)
        )
        assert _places(found) == [_tuple(at(10, "r1"))]
    assert await _references(client, uri, at(10, "r1")) == [
        _tuple(at(10, "r1")), _tuple(at(11, "r1")), _tuple(at(14, "r1"))
    ]  # fmt: skip
    assert await _references(client, uri, at(12, "n")) == [_tuple(at(12, "n")), _tuple(at(14, "n"))]
    assert await _references(client, uri, at(13, "k")) == [_tuple(at(13, "k"))]
    # `rejected by q` on r1 and `q accepts r1`: the perspective's places
    assert await _references(client, uri, at(10, "q")) == [
        _tuple(at(1, "q")), _tuple(at(10, "q")), _tuple(at(11, "q")), _tuple(at(14, "q"))
    ]  # fmt: skip


async def test_definition_and_references_of_sections_sources_and_askers(client: LanguageClient) -> None:
    uri, _ = await open_doc(client, L2)
    doc = lsp.TextDocumentIdentifier(uri=uri)
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=doc, position=at(5, "top"))
    )
    assert _places(found) == [_tuple(at(4, "top"))]  # a section's `in`
    assert await _references(client, uri, at(4, "top")) == [_tuple(at(4, "top")), _tuple(at(5, "top"))]
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=doc, position=at(7, "ko"))
    )
    assert _places(found) == [_tuple(at(3, "ko"))]  # a quote's `from`
    assert await _references(client, uri, at(0, "p")) == [
        _tuple(at(0, "p")),
        _tuple(at(2, "p")),
        _tuple(at(7, "p")),
        _tuple(at(10, "p")),
    ]  # fmt: skip  (asked by, a quote's speaker, a relation's by)


async def test_a_finding_code_is_not_an_id(client: LanguageClient) -> None:
    """`allow W303`: no definition, no rename; hover says what the code reports."""
    uri, _ = await open_doc(client, L2)
    doc = lsp.TextDocumentIdentifier(uri=uri)
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=doc, position=at(8, "W303"))
    )
    assert found == []
    prepared = await client.text_document_prepare_rename_async(
        lsp.PrepareRenameParams(text_document=doc, position=at(8, "W303"))
    )
    assert prepared is None
    assert (await _hover(client, uri, at(8, "W303"))).startswith("**W303** · warning: orphan claim")
    assert (await _hover(client, uri, at(17, "W304"))).startswith("**W304** · warning: unused perspective")
    uri, _ = await open_doc(client, 'claim a "A." allow W33\n')
    value = await _hover(client, uri, pos(0, 20))
    assert value.startswith("`W33` is not a finding code argmap knows")


async def test_hover_on_a_named_relation(client: LanguageClient) -> None:
    """What it connects, who asserts it, who accepts and who rejects it, what undercuts it."""
    uri, _ = await open_doc(client, L2)
    value = await _hover(client, uri, at(11, "r1"))
    assert value.startswith("**rebuttal** `r1`: `a` + `b` rebuts `c`\n\nby: `p` (Ada)")
    assert "accepted by: `q` (Bo)  \nrejected by: `q` (Bo)" in value
    assert "undercut by: `c`" in value
    assert "in section `inner`: Inner" in value
    value = await _hover(client, uri, at(11, "u1"))  # an attack on an attack says what it attacks
    assert value.startswith(
        "**undercut** `u1`: `c` undercuts `r1`\n\n`r1`: `a` + `b` rebuts `c`\n\nby: `q` (Bo)"
    )
    value = await _hover(client, uri, at(13, "k"))
    assert value.startswith("**contradiction** `k`: `a` contradicts `b`\n\nby: none")


async def test_hover_on_language_2_definitions(client: LanguageClient) -> None:
    uri, _ = await open_doc(client, L2)
    value = await _hover(client, uri, at(10, "a"))
    assert "answers: `why` (yes)" in value
    assert "`p` (Ada): “said” (from `ko`, para. 6, 2013)" in value
    value = await _hover(client, uri, at(6, "why"))
    assert "asked by: `p` (Ada)" in value and "answered by: `a` (yes)" in value
    value = await _hover(client, uri, at(5, "top"))
    assert value.startswith("**section** `top` — Top\n\nsections in it: `inner`\n\n0 statements under it")
    value = await _hover(client, uri, at(7, "ko"))
    assert "file: ko.txt" in value and "quoted 1 time" in value
    value = await _hover(client, uri, at(0, "p"))
    assert "accepts 0 claims, rejects 0; asserts 1 relation" in value
    assert "asks: `why`" in value
    value = await _hover(client, uri, at(1, "q"))
    assert "accepts the relations: `r1`, `n`  \nrejects the relations: `r1`" in value


async def test_rename_a_relation_name_and_a_section(client: LanguageClient) -> None:
    uri, _ = await open_doc(client, L2)
    doc = lsp.TextDocumentIdentifier(uri=uri)
    for where, new, expect in (
        (at(14, "r1"), "objection", [at(10, "r1"), at(11, "r1"), at(14, "r1")]),
        (at(5, "top"), "readings", [at(4, "top"), at(5, "top")]),
        (at(3, "ko"), "kosovo-online", [at(3, "ko"), at(7, "ko")]),
    ):
        result = await client.text_document_rename_async(
            lsp.RenameParams(text_document=doc, position=where, new_name=new)
        )
        assert result is not None and result.changes is not None
        edits = sorted((e.range.start.line, e.range.start.character, e.new_text) for e in result.changes[uri])
        assert edits == [(p.line, p.character, new) for p in expect]
    with pytest.raises(Exception, match=re.escape("'inner' is already defined (line 6)")):
        await client.text_document_rename_async(
            lsp.RenameParams(text_document=doc, position=at(10, "r1"), new_name="inner")
        )


async def test_completion_of_language_2(client: LanguageClient) -> None:
    more = (
        "x undercuts \n"  # 18: every named relation
        "p rejects a, \n"  # 19: claims and named relations
        'section s2 "S" \n'  # 20: a section's words
        'section s3 "S" in \n'  # 21: sections
        'claim e "E." quote "x" \n'  # 22: a quote's details
        'claim f "F." quote "x" from \n'  # 23: sources
        'claim g "G." answers why \n'  # 24: a side
        'claim h "H." answers why yes, \n'  # 25: the list goes on
        "allow \n"  # 26: codes
        'claim i "I." allow W303, \n'  # 27: codes
        'question w "W?" \n'  # 28
        'question v "V?" asked by \n'  # 29
        "r2: a rebuts c \n"  # 30: a named relation may be rejected
        "a rebuts c \n"  # 31: an unnamed one may not
        'claim j "J." tags t2, t1, \n'  # 32: the map's tags
        'source s9 "S" \n'  # 33
        "q rejects c \n"  # 34
        "\n"
    )
    uri, _ = await open_doc(client, L2 + more)
    lines = (L2 + more).split("\n")

    async def complete(line: int) -> set[str]:
        return set(await _complete(client, uri, line, len(lines[line])))

    assert await complete(18) == {"r1", "u1", "n", "k", "r2"}  # r2 is named below
    # the claims of the statements that parse (f, h, i, j are unfinished) and every named relation
    assert await complete(19) == {"a", "b", "c", "d", "e", "g", "r1", "u1", "n", "k", "r2"}
    assert await complete(20) == {"in", "note", "allow"}
    assert await complete(21) == {"top", "inner", "other", "s2"}
    assert {"from", "at", "on"} <= await complete(22)
    assert await complete(23) == {"ko", "s9"}
    assert {"yes", "no"} <= await complete(24)
    assert await complete(25) == {"why", "w"}  # (v is unfinished)
    codes = await complete(26)
    assert {"W303", "W304", "E201"} <= codes and "a" not in codes
    assert {"W303", "W302"} <= await complete(27)
    assert {"asked by", "tags", "note", "allow"} == await complete(28)
    assert await complete(29) == {"p", "q"}
    assert "rejected by" in await complete(30)
    assert "rejected by" not in await complete(31)
    assert await complete(32) == {"t1", "t2"}
    assert {"url", "date", "author", "note", "file", "allow"} == await complete(33)
    assert {"note", "on", "allow"} == await complete(34)
    start = await complete(35)
    assert {"section", "allow", "claim", "title"} <= start


async def test_completion_items_say_what_they_are(client: LanguageClient) -> None:
    uri, _ = await open_doc(client, L2 + "x undercuts \nallow \n")
    result = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos(18, 12))
    )
    assert isinstance(result, lsp.CompletionList)
    details = {i.label: i.detail for i in result.items}
    assert details == {"r1": "a + b rebuts c", "u1": "c undercuts r1", "n": "a → c", "k": "a contradicts b"}
    result = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos(19, 6))
    )
    assert isinstance(result, lsp.CompletionList)
    w303 = next(i for i in result.items if i.label == "W303")
    assert w303.detail == "orphan claim" and w303.label_details is not None
    assert w303.label_details.description == "warning"


async def test_document_symbols_nest_under_sections(client: LanguageClient) -> None:
    uri, _ = await open_doc(client, L2)
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert symbols is not None

    def tree(items: object) -> list[object]:
        assert isinstance(items, (list, tuple))
        return [(s.name, tree(s.children)) if s.children else s.name for s in items]

    assert tree(symbols) == [
        "p", "q", "why", "ko",
        ("top", [("inner", ["a", "b", "c", "r1", "u1", "n", "k"])]),
        ("other", ["d"]),
    ]  # fmt: skip
    top = next(s for s in symbols if isinstance(s, lsp.DocumentSymbol) and s.name == "top")
    assert top.kind == lsp.SymbolKind.Namespace and top.detail == "section: Top"
    assert top.selection_range == lsp.Range(start=at(4, "top"), end=pos(4, 11))
    # a section covers what is under it, so that editors fold and follow it
    assert (top.range.start, top.range.end) == (pos(4, 0), pos(13, 18))
    inner = top.children[0] if top.children else None
    assert inner is not None and (inner.range.start, inner.range.end) == (pos(5, 0), pos(13, 18))
    (relation,) = [c for c in inner.children or () if c.name == "u1"]
    assert relation.detail == "relation: c undercuts r1"


async def test_sections_in_a_circle_stay_at_the_top(client: LanguageClient) -> None:
    text = 'section a "A" in b\nclaim x "X."\nsection b "B" in a\nsection c "C" in a\nsection d "D" in d\n'
    uri, _ = await open_doc(client, text)
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert symbols is not None
    rows = [
        (s.name, [c.name for c in s.children or ()]) for s in symbols if isinstance(s, lsp.DocumentSymbol)
    ]
    assert rows == [("a", ["x", "c"]), ("b", []), ("d", [])]
