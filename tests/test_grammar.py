"""The grammar module: finding the grammar, the facts read off it (and their cache file), and the
scanners made of its terminal patterns."""

from __future__ import annotations

import re
from pathlib import Path

import lark
import pytest
from conftest import DATA, MAPS

from argmap.model import ID_PATTERN
from argmap.syntax.grammar import Facts, facts, grammar_path, grammar_text, scanner
from argmap.syntax.parser import parse

_TEXTS = [*sorted((DATA / "parser" / "ok").glob("*.argmap")), *sorted(MAPS.glob("*.argmap"))]


def test_grammar_id_pattern_matches_model() -> None:
    match = re.search(r"^ID: /(.*)/$", grammar_text(), re.M)
    assert match is not None
    assert match.group(1) == ID_PATTERN


def test_grammar_is_found() -> None:
    assert grammar_path().name == "argmap.lark"


def test_cached_terminals_are_lark_s_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cached terminal patterns (and rules) are exactly those Lark compiles, and a damaged
    cache file is learnt again rather than trusted."""
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path))
    read_facts = facts.__wrapped__  # without the copy kept for this process
    learnt = read_facts()
    own = lark.Lark(grammar_text(), parser="lalr", lexer="contextual", maybe_placeholders=False)
    (cached,) = tmp_path.glob("grammar-facts-*.json")
    assert learnt.terminals == {t.name: t.pattern.to_regexp() for t in own.terminals}
    rules: dict[str, list[list[str]]] = {}
    for rule in own.rules:
        rules.setdefault(rule.origin.name, []).append([s.name for s in rule.expansion])
    assert learnt.rules == rules
    assert read_facts() == learnt  # read back from the file
    for damaged in ['{"WS": 3', '{"terminals": {"WS": 3}, "rules": {}}', "[]", '{"terminals": {}}']:
        cached.write_text(damaged, encoding="utf-8")
        assert read_facts() == learnt
    text = 'title "T"\nclaim a "A"\n'
    assert parse(text) == parse(text + "\n")


def test_terminals_are_in_the_order_lark_tries_them() -> None:
    own = lark.Lark(grammar_text(), parser="lalr", lexer="contextual")
    priorities = {t.name: t.priority for t in own.terminals}
    ranks = [priorities[name] for name in facts().terminals]
    assert ranks == sorted(ranks, reverse=True)


def test_keywords_are_the_grammar_s_keyword_terminals() -> None:
    keywords = facts().keywords()
    assert set(keywords.values()) == {name for name in facts().terminals if name.startswith("KW_")}
    assert keywords["supports"] == "KW_SUPPORTS" and keywords["by"] == "KW_BY"


def test_a_keyword_that_is_not_a_whole_word_is_refused() -> None:
    odd = Facts({**facts().terminals, "KW_ODD": "odd"}, facts().rules)
    with pytest.raises(ValueError, match="KW_ODD"):
        odd.keywords()


def test_rules_keywords_and_alternatives() -> None:
    g = facts()
    assert g.keywords_of("held") == ["KW_HELD", "KW_BY"]
    assert g.keywords_of("support") == ["KW_SUPPORTS", "KW_SUPPORT"]
    assert g.alternatives("_perspective_attr") == ["role", "color", "note", "allow"]
    with pytest.raises(KeyError):
        g.keywords_of("no_such_rule")
    with pytest.raises(KeyError):
        g.alternatives("no_such_rule")


def _lark_tokens(text: str) -> list[tuple[str, str, int]]:
    """Lark's own lexer on ``text`` (every terminal, keywords read as ids)."""
    basic = lark.Lark(grammar_text(), parser="lalr", lexer="basic")
    return [
        ("ID" if t.type.startswith("KW_") else t.type, str(t), t.start_pos)
        for t in basic.lex(text, dont_ignore=True)
    ]


@pytest.mark.parametrize("path", _TEXTS, ids=lambda p: p.stem)
def test_scanner_reads_what_lark_s_lexer_reads(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    names = [n for n in facts().terminals if not n.startswith("KW_")]
    regex = scanner(**{n: (n,) for n in names})
    tokens = []
    pos = 0
    while pos < len(text):
        m = regex.match(text, pos)
        assert m is not None, (path, pos, text[pos : pos + 20])
        assert m.lastgroup is not None
        tokens.append((m.lastgroup, m.group(), pos))
        pos = m.end()
    assert tokens == _lark_tokens(text)


def test_scanner_groups_and_line_breaks() -> None:
    regex = scanner(text=("STRING", "LONG_STRING"), word=("ID",), line_break="nl")
    assert regex is scanner(text=("STRING", "LONG_STRING"), word=("ID",), line_break="nl")  # made once
    found = [(m.lastgroup, m.group()) for m in regex.finditer('a """x""" "y"\r\nb')]
    assert found == [("word", "a"), ("text", '"""x"""'), ("text", '"y"'), ("nl", "\r\n"), ("word", "b")]


def test_scanner_refuses_unknown_terminals() -> None:
    with pytest.raises(KeyError, match="NOPE"):
        facts().scanner(word=("NOPE",))
    with pytest.raises(KeyError):
        facts().scanner(word=())
