"""The Pygments lexer: found by Pygments through its entry point, no error token on any example,
every keyword of the grammar highlighted as its sort."""

from __future__ import annotations

import subprocess
import sys

import pytest
from highlight_examples import EXAMPLES
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename, guess_lexer
from pygments.token import Comment, Error, Keyword, Name, Operator, Punctuation, String

from argmap.formats.lexicon import lexicon
from argmap.formats.pygments_lexer import ArgmapLexer

LEXER = ArgmapLexer()


def tokens(text: str) -> list[tuple[object, str]]:
    return [(t, v) for t, v in LEXER.get_tokens(text) if v.strip()]


def test_pygments_finds_the_lexer_by_name_and_file_name() -> None:
    assert isinstance(get_lexer_by_name("argmap"), ArgmapLexer)
    assert isinstance(get_lexer_for_filename("debate.argmap"), ArgmapLexer)


def test_pygments_guesses_argmap_text() -> None:
    assert isinstance(guess_lexer(EXAMPLES["maps/tweety.argmap"]), ArgmapLexer)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_no_error_token_and_the_text_round_trips(name: str) -> None:
    text = EXAMPLES[name]
    found = list(LEXER.get_tokens(text))
    assert [(t, v) for t, v in found if t in Error] == []
    assert "".join(v for _, v in found) == text if text.endswith("\n") else text + "\n"


def test_every_construct_token_by_token() -> None:
    text = (
        'title "T"\n'
        'source s "S" url "u"\n'
        'perspective p "P" role "r" color "#fff"\n'
        'question q "Q?" tags t, "two words"\n'
        'claim a "A \\"quoted\\" \\u00e9." answers q held by p rejected by r source s quote p "x"\n'
        '  note """long\ntext"""  # a comment\n'
        "n: a + b supports c by p\n"
        "policy rebuts value\n"
        "p accepts a, b\n"
    )
    Q = (String.Double, '"')  # a quote mark
    assert tokens(text) == [
        (Keyword.Declaration, "title"), Q, (String.Double, "T"), Q,
        (Keyword.Declaration, "source"), (Name.Function, "s"), Q, (String.Double, "S"),
        Q, (Keyword, "url"), Q, (String.Double, "u"), Q,
        (Keyword.Declaration, "perspective"), (Name.Function, "p"), Q, (String.Double, "P"),
        Q, (Keyword, "role"), Q, (String.Double, "r"),
        Q, (Keyword, "color"), Q, (String.Double, "#fff"),
        Q,
        (Keyword.Declaration, "question"), (Name.Function, "q"), Q, (String.Double, "Q?"),
        Q, (Keyword, "tags"), (Name, "t"), (Punctuation, ","), Q,
        (String.Double, "two words"), Q,
        (Keyword.Type, "claim"), (Name.Function, "a"), Q, (String.Double, "A "),
        (String.Escape, '\\"'), (String.Double, "quoted"), (String.Escape, '\\"'),
        (String.Escape, "\\u00e9"), (String.Double, "."), Q, (Keyword, "answers"),
        (Name, "q"), (Keyword, "held"), (Keyword, "by"), (Name, "p"), (Keyword, "rejected"), (Keyword, "by"),
        (Name, "r"), (Keyword, "source"), (Name, "s"), (Keyword, "quote"), (Name, "p"), Q,
        (String.Double, "x"), Q,
        (Keyword, "note"), (String.Doc, '"""'), (String.Doc, "long\ntext"), (String.Doc, '"""'),
        (Comment.Single, "# a comment"),
        (Name.Label, "n"), (Punctuation, ":"), (Name, "a"), (Operator, "+"), (Name, "b"),
        (Operator.Word, "supports"), (Name, "c"), (Keyword, "by"), (Name, "p"),
        (Name, "policy"), (Operator.Word, "rebuts"), (Name, "value"),
        (Name, "p"), (Operator.Word, "accepts"), (Name, "a"), (Punctuation, ","), (Name, "b"),
    ]  # fmt: skip


def test_every_language_2_construct_token_by_token() -> None:
    """Sections, allow, named relations of every kind, attacks on attacks, linked attacks,
    stances on relations, quotes with their source, dates and sides (docs/language.md)."""
    text = (
        'section readings "Readings" in top note "n" allow W303\n'
        'allow W304, W305 "every speaker"\n'
        'source ko "Kosovo Online" file "ko.txt"\n'
        'question conflict "Tensions?" asked by vuckovic\n'
        'prediction calm "No tensions." answers conflict no, q2 yes date "2024-05"\n'
        '  quote radic "Brothers." from ko at "para. 6" on "2013"\n'
        "r1: a + b rebuts c by p rejected by q\n"
        "u1: d undercuts r1\n"
        "c1: e contradicts f\n"
        'q accepts r1 on "2023" allow W302\n'
    )
    Q = (String.Double, '"')  # a quote mark

    def s(value: str) -> list[tuple[object, str]]:
        return [Q, (String.Double, value), Q]

    assert tokens(text) == [
        (Keyword.Declaration, "section"), (Name.Function, "readings"), *s("Readings"),
        (Keyword, "in"), (Name, "top"), (Keyword, "note"), *s("n"),
        (Keyword, "allow"), (Name.Constant, "W303"),
        (Keyword.Declaration, "allow"), (Name.Constant, "W304"), (Punctuation, ","), (Name.Constant, "W305"),
        *s("every speaker"),
        (Keyword.Declaration, "source"), (Name.Function, "ko"), *s("Kosovo Online"), (Keyword, "file"),
        *s("ko.txt"),
        (Keyword.Declaration, "question"), (Name.Function, "conflict"), *s("Tensions?"), (Keyword, "asked"),
        (Keyword, "by"), (Name, "vuckovic"),
        (Keyword.Type, "prediction"), (Name.Function, "calm"), *s("No tensions."), (Keyword, "answers"),
        (Name, "conflict"), (Keyword.Constant, "no"), (Punctuation, ","),
        (Name, "q2"), (Keyword.Constant, "yes"), (Keyword, "date"), *s("2024-05"),
        (Keyword, "quote"), (Name, "radic"), *s("Brothers."),
        (Keyword, "from"), (Name, "ko"), (Keyword, "at"), *s("para. 6"), (Keyword, "on"), *s("2013"),
        (Name.Label, "r1"), (Punctuation, ":"), (Name, "a"), (Operator, "+"), (Name, "b"),
        (Operator.Word, "rebuts"), (Name, "c"), (Keyword, "by"), (Name, "p"), (Keyword, "rejected"),
        (Keyword, "by"), (Name, "q"),
        (Name.Label, "u1"), (Punctuation, ":"), (Name, "d"), (Operator.Word, "undercuts"), (Name, "r1"),
        (Name.Label, "c1"), (Punctuation, ":"), (Name, "e"), (Operator.Word, "contradicts"), (Name, "f"),
        (Name, "q"), (Operator.Word, "accepts"), (Name, "r1"), (Keyword, "on"), *s("2023"),
        (Keyword, "allow"), (Name.Constant, "W302"),
    ]  # fmt: skip


def test_keywords_as_ids_in_language_2_statements() -> None:
    """`section` and `allow` are ids where a relation or stance starts with them."""
    found = tokens("section supports value\nallow accepts section\n")
    assert found == [
        (Name, "section"), (Operator.Word, "supports"), (Name, "value"),
        (Name, "allow"), (Operator.Word, "accepts"), (Name, "section"),
    ]  # fmt: skip


def _sort_of(word: str, line: str) -> object:
    for t, v in LEXER.get_tokens(line):
        if v == word:
            return t
    raise AssertionError(f"{word!r} not found in {line!r}")


def test_every_keyword_of_the_grammar_is_highlighted_as_its_sort() -> None:
    lex = lexicon()
    for word in lex.kinds:
        assert _sort_of(word, f'{word} x "X."\n') is Keyword.Type
    for word in lex.declarations:
        assert _sort_of(word, f'{word} x "X."\n') is Keyword.Declaration
    for word in lex.verbs:
        assert _sort_of(word, f"a {word} b\n") is Operator.Word
    for word in (*lex.attributes, *lex.details):
        assert _sort_of(word, f'claim a "A."\n  {word} b\n') is Keyword
    for word in lex.constants:
        assert _sort_of(word, f'claim a "A." answers q {word}\n') is Keyword.Constant
    for word in lex.code_lists:
        assert _sort_of("W303", f'claim a "A." {word} W303\n') is Name.Constant
        assert _sort_of(word, f'{word} W303 "why"\n') is Keyword.Declaration


def test_an_unclosed_text_ends_at_its_line() -> None:
    found = tokens('claim a "never closed\nclaim b "B."\n')
    assert found[3:5] == [(String.Double, "never closed"), (Keyword.Type, "claim")]
    assert (Name.Function, "b") in found


def test_pygmentize_highlights_a_map(tmp_path: object) -> None:
    """The command users run, through the entry point (a process of its own)."""
    done = subprocess.run(
        [sys.executable, "-m", "pygments", "-l", "argmap", "-f", "html"],
        input='claim a "A."\n',
        capture_output=True,
        text=True,
        check=True,
    )
    assert '<span class="kt">claim</span>' in done.stdout
    assert '<span class="nf">a</span>' in done.stdout
