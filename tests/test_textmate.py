"""The TextMate grammar (grammars/argmap.tmLanguage.json, also in the VS Code extension): made
from the Lark grammar and kept in step with it, checked token by token with vscode-tmgrammar-test
(from npm, installed by `.ci/run`), and in agreement with the Pygments lexer on every example."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from highlight_examples import EXAMPLES
from node_tools import node_tool
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String

from argmap.formats.lexicon import lexicon

sys.path.insert(0, str(ROOT / "editors"))
from generate import files

GRAMMAR = ROOT / "grammars" / "argmap.tmLanguage.json"


def test_the_grammar_files_are_what_the_lark_grammar_gives() -> None:
    """Fails when the language gains a keyword until `python editors/generate.py` is run."""
    for target, text in files().items():
        assert target.read_text(encoding="utf-8") == text, f"{target} is stale: run editors/generate.py"


def _patterns(node: object) -> list[tuple[str, str]]:
    """(scope, regex) of every match rule in the grammar."""
    out: list[tuple[str, str]] = []
    if isinstance(node, dict):
        if "match" in node:
            out.append((str(node.get("name", "")), str(node["match"])))
        for value in node.values():
            out.extend(_patterns(value))
    elif isinstance(node, list):
        for value in node:
            out.extend(_patterns(value))
    return out


def test_every_keyword_of_the_grammar_is_in_the_textmate_grammar() -> None:
    tm = json.loads(GRAMMAR.read_text(encoding="utf-8"))
    rules = dict(_patterns(tm["repository"]["keywords"]))
    verbs = re.compile(rules["keyword.control.relation.argmap"])
    attributes = re.compile(rules["keyword.other.attribute.argmap"])
    constants = re.compile(rules["constant.language.argmap"])
    lex = lexicon()
    for word in lex.verbs:
        assert verbs.fullmatch(word), word
    for word in (*lex.attributes, *lex.details):
        if word not in lex.code_lists:
            assert attributes.fullmatch(word), word
    for word in lex.constants:
        assert constants.fullmatch(word), word
    codes = [p["match"] for p in tm["repository"]["keywords"]["patterns"] if "codes" in p.get("comment", "")]
    for word in lex.code_lists:
        assert any(re.fullmatch(p, f"{word} W302, W303") for p in codes), word
    definitions = tm["repository"]["definition"]["patterns"]
    for word in (*lex.kinds, *lex.declarations):
        assert any(re.match(p["match"], f'{word} x "X"') for p in definitions), word


def test_every_construct_token_by_token() -> None:
    """tests/data/tmgrammar/constructs.argmap: each construct of docs/language.md with the scope
    of each of its tokens asserted under it."""
    tool = node_tool("vscode-tmgrammar-test")
    done = subprocess.run(
        [tool, "-g", str(GRAMMAR), str(DATA / "tmgrammar" / "constructs.argmap")],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_syntax_test_fails_on_a_wrong_scope(tmp_path: Path) -> None:
    """The runner really checks: a wrong assertion fails."""
    tool = node_tool("vscode-tmgrammar-test")
    case = tmp_path / "wrong.argmap"
    case.write_text('# SYNTAX TEST "source.argmap"\nclaim a "A."\n# <----- keyword.other.attribute.argmap\n')
    done = subprocess.run(
        [tool, "-g", str(GRAMMAR), str(case)], check=False, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0


_PYGMENTS_SCOPE = {
    Keyword.Type: "storage.type.kind.argmap",
    Keyword.Declaration: "storage.type.declaration.argmap",
    Name.Function: "entity.name.function.argmap",
    Name.Label: "entity.name.label.argmap",
    Operator.Word: "keyword.control.relation.argmap",
    Keyword: "keyword.other.attribute.argmap",
    Keyword.Constant: "constant.language.argmap",
    Name.Constant: "constant.other.code.argmap",
    Name: "variable.other.id.argmap",
    Number: "constant.numeric.argmap",
    String.Double: "string.quoted.double.argmap",
    String.Doc: "string.quoted.triple.argmap",
    String.Escape: "constant.character.escape.argmap",
    Comment.Single: "comment.line.number-sign.argmap",
    Operator: "keyword.operator.plus.argmap",
}


def _snapshot_scopes(snap: str) -> list[dict[int, str]]:
    """Per line of the text, column -> the innermost scope the grammar gives it."""
    lines: list[dict[int, str]] = []
    for row in snap.split("\n"):
        if row.startswith(">"):
            lines.append({})
        elif row.startswith("#") and lines:
            m = re.match(r"#( *)(\^+) (.*)$", row)
            assert m, row
            scope = m.group(3).split()[-1]
            start = len(m.group(1))
            for col in range(start, start + len(m.group(2))):
                lines[-1][col] = scope
    return lines


def _pygments_scopes(text: str) -> list[dict[int, str]]:
    """Per line of the text, column -> the scope the Pygments lexer's token stands for."""
    from argmap.formats.pygments_lexer import ArgmapLexer

    lines: list[dict[int, str]] = [{}]
    col = 0
    for token, value in ArgmapLexer().get_tokens(text if text.endswith("\n") else text + "\n"):
        for ch in value:
            if ch == "\n":
                lines.append({})
                col = 0
                continue
            scope = _PYGMENTS_SCOPE.get(token, str(token))
            if token is Punctuation:
                scope = f"punctuation.separator.{'comma' if ch == ',' else 'colon'}.argmap"
            lines[-1][col] = scope
            col += 1
    return lines


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every example, scoped by the TextMate grammar (vscode-tmgrammar-snap, one run)."""
    tool = node_tool("vscode-tmgrammar-snap")
    folder = tmp_path_factory.mktemp("snap")
    names = {}
    for i, (name, text) in enumerate(sorted(EXAMPLES.items())):
        path = folder / f"example{i:03}.argmap"
        path.write_text(text, encoding="utf-8")
        names[name] = path
    done = subprocess.run(
        [tool, "-g", str(GRAMMAR), "-s", "source.argmap", "-u", str(folder / "*.argmap")],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {name: Path(f"{path}.snap").read_text(encoding="utf-8") for name, path in names.items()}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_textmate_grammar_scopes_every_example_as_pygments_does(
    name: str, snapshots: dict[str, str]
) -> None:
    """No token marked invalid, none left without a scope, and each character in the same class
    as the Pygments lexer puts it."""
    snap = snapshots[name]
    assert "invalid." not in snap
    text = EXAMPLES[name]
    tm = _snapshot_scopes(snap)
    pyg = _pygments_scopes(text)
    for number, line in enumerate(text.split("\n")):
        for col, ch in enumerate(line):
            if ch.isspace():
                continue
            here = tm[number].get(col)
            assert here not in (None, "source.argmap"), f"{name}:{number + 1}:{col + 1}: no scope for {ch!r}"
            assert here == pyg[number][col], (
                f"{name}:{number + 1}:{col + 1} ({line!r}): {here} != {pyg[number][col]}"
            )
