"""The language's words, read off its grammar: what the highlighters and the editor know.

The Lark grammar (``argmap/syntax/argmap.lark``) is the one definition of the language. Its
``KW_*`` terminals are the keywords; where a keyword stands in the rules says what sort it is:

* ``declarations``: the first word of a definition statement (``title``, ``source``,
  ``perspective``, ``question``, ``section``, ``allow``); those followed by the id they define
  are also ``naming`` (not ``title`` nor ``allow``);
* ``kinds``: the words a claim statement may start with (``claim``, ``fact``, ``value`` ...);
* ``verbs``: the words inside a relation or stance statement (``supports``, ``rebuts``,
  ``accepts`` ...), which start with an id;
* ``attributes``: the words of a statement's parts (``held``, ``by``, ``note``, ``source``,
  ``quote`` ...) and the words inside a definition after its keyword (a section's ``in``);
* ``details``: the first word of a part of a part (a quote's ``from``, ``at`` and ``on``);
* ``constants``: a word that follows an id inside a part, as its value (a claim's side on a
  question: ``answers q yes``).

A keyword may be of two sorts (``source`` starts a definition and is a claim's attribute; ``on``
is a stance's attribute and a quote's detail). A keyword the rules never reach is an attribute.
``code_lists`` are the keywords followed by finding codes, not ids (``allow W302``): the grammar
reads codes as ids, so this is the one thing said here rather than read off the rules.

Reading the grammar is a few regular expressions over its text, so this module is light:
Pygments' lexer imports it, and the TextMate grammar is generated from it
(``editors/generate.py``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import attrs

__all__ = ["CODE_LIST_TERMINALS", "Lexicon", "grammar_file", "lexicon", "read_lexicon"]

#: The keyword terminals whose list names finding codes (``allow W302, W303``), not ids.
CODE_LIST_TERMINALS = ("KW_ALLOW",)


def grammar_file() -> Path:
    """The package's Lark grammar."""
    return Path(__file__).resolve().parent.parent / "syntax" / "argmap.lark"


@attrs.frozen
class Lexicon:
    """The keywords by sort (each tuple in the grammar's order), and the id pattern."""

    #: terminal name -> the word it matches, for every keyword.
    keywords: dict[str, str]
    declarations: tuple[str, ...]
    naming: tuple[str, ...]
    kinds: tuple[str, ...]
    verbs: tuple[str, ...]
    attributes: tuple[str, ...]
    details: tuple[str, ...]
    constants: tuple[str, ...]
    code_lists: tuple[str, ...]
    #: What an id looks like (the grammar's ID terminal, as a regular expression).
    id_pattern: str
    #: What a number looks like (the grammar's NUMBER terminal: a claim's base score).
    number_pattern: str

    @property
    def words(self) -> tuple[str, ...]:
        """Every keyword, once each."""
        return tuple(dict.fromkeys(self.keywords.values()))


_TERMINAL = re.compile(r"^([A-Z_][A-Z0-9_]*)(?:\.-?\d+)?\s*:\s*(.+?)\s*$", re.M)
_RULE = re.compile(r"^([?!]?)([a-z_][a-z0-9_]*)(?:\.-?\d+)?\s*:(.*(?:\n[ \t]+\|.*)*)", re.M)
_WORD_REGEX = re.compile(r"^/([\w-]+)\(\?!\[\\w-\]\)/[a-z]*$")
_WORD_STRING = re.compile(r'^"([\w-]+)"i?$')
_SYMBOL = re.compile(r'[A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\]|\\.)*"|/(?:[^/\\]|\\.)*/')


def _strip_comments(text: str) -> str:
    out = []
    for line in text.split("\n"):
        cut = line.find("//")
        out.append(line if cut < 0 else line[:cut])
    return "\n".join(out)


def _alternatives(body: str) -> list[str]:
    """A rule's body cut at its top-level ``|`` (not those inside parentheses or brackets)."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch in '"/':  # a string or a regular expression: skip it whole
            end = i + 1
            while end < len(body) and body[end] != ch:
                end += 2 if body[end] == "\\" else 1
            i = end
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    out.append(body[start:])
    return out


def read_lexicon(grammar: str) -> Lexicon:
    """The keywords of a grammar's text, by sort (see the module docstring)."""
    text = _strip_comments(grammar)
    keywords: dict[str, str] = {}
    id_pattern = r"\w[\w-]*"
    number_pattern = r"[0-9]+(?:\.[0-9]+)?(?![\w-])"
    for name, body in _TERMINAL.findall(text):
        if name.startswith("KW_"):
            m = _WORD_REGEX.match(body) or _WORD_STRING.match(body)
            if m is None:
                raise ValueError(f"keyword terminal {name} is not a plain word: {body}")
            keywords[name] = m.group(1)
        elif name == "ID" and body.startswith("/"):
            id_pattern = body[1 : body.rindex("/")]
        elif name == "NUMBER" and body.startswith("/"):
            number_pattern = body[1 : body.rindex("/")]
    rules: dict[str, list[list[str]]] = {}
    inlined: set[str] = set()
    for flag, name, body in _RULE.findall(text):
        rules[name] = [_SYMBOL.findall(alt) for alt in _alternatives(body)]
        if flag == "?" or name.startswith("_"):
            inlined.add(name)
    # The rule an id is (its alternatives name ID): its keywords are ids there, not keywords.
    id_rules = {name for name, alts in rules.items() if any("ID" in alt for alt in alts)}

    def expand(symbols: list[str]) -> list[str]:
        """Symbols with the inlined rules among them (not the id rule) replaced by theirs."""
        out: list[str] = []
        for s in symbols:
            if s in inlined and s in rules and s not in id_rules:
                for alt in rules[s]:
                    out.extend(expand(alt))
            else:
                out.append(s)
        return out

    def is_choice(rule: str) -> bool:
        """A rule that is a choice of keywords (a claim's kind)."""
        return (
            rule in rules
            and rule not in id_rules
            and all(len(a) == 1 and a[0] in keywords for a in rules[rule])
        )

    sorts: dict[str, list[str]] = {
        sort: []
        for sort in ("declarations", "naming", "kinds", "verbs", "attributes", "details", "constants")
    }
    parts: list[tuple[str, int]] = []  # (rule, depth): 1 for a statement's part, 2 for a part's

    def reach(symbols: list[str], depth: int) -> None:
        for s in symbols:
            if s in rules and s not in id_rules:
                parts.append((s, depth))

    statements = [s for alt in rules.get("_statement", []) for s in expand(alt)]
    for statement in statements:
        for alt in rules.get(statement, []):
            if not alt:
                continue
            head = alt[0]
            if head in keywords or is_choice(head):
                if head in keywords:
                    sorts["declarations"].append(keywords[head])
                    if len(alt) > 1 and alt[1] in id_rules:
                        sorts["naming"].append(keywords[head])
                else:
                    sorts["kinds"].extend(keywords[a[0]] for a in rules[head])
                body = expand(alt[1:])
                sorts["attributes"].extend(keywords[s] for s in body if s in keywords)
            else:
                body = expand(alt)
                sorts["verbs"].extend(keywords[s] for s in body if s in keywords)
            reach(body, 1)
    seen: set[tuple[str, bool]] = set()
    while parts:
        rule, depth = parts.pop(0)
        if (rule, depth > 1) in seen:  # a part of a statement, or of a part: once each
            continue
        seen.add((rule, depth > 1))
        for alt in rules[rule]:
            body = expand(alt)
            after_id = False
            for i, s in enumerate(body):
                if s in keywords:
                    sort = "constants" if after_id else "details" if i == 0 and depth > 1 else "attributes"
                    sorts[sort].append(keywords[s])
                elif s in id_rules or (s in rules and any(x in id_rules for a in rules[s] for x in a)):
                    after_id = True
            reach(body, depth + 1)
    placed = {w for sort in sorts.values() for w in sort}
    sorts["attributes"].extend(w for w in keywords.values() if w not in placed)

    def once(sort: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(sorts[sort]))

    return Lexicon(
        keywords=keywords,
        declarations=once("declarations"),
        naming=once("naming"),
        kinds=once("kinds"),
        verbs=once("verbs"),
        attributes=once("attributes"),
        details=once("details"),
        constants=once("constants"),
        code_lists=tuple(keywords[t] for t in CODE_LIST_TERMINALS if t in keywords),
        id_pattern=id_pattern,
        number_pattern=number_pattern,
    )


@functools.cache
def lexicon() -> Lexicon:
    """The package grammar's keywords, by sort."""
    return read_lexicon(grammar_file().read_text(encoding="utf-8"))


def _words(items: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


def code_list_pattern(lex: Lexicon) -> str:
    """The codes after a code-list keyword (``W302, W303`` of ``allow W302, W303``), on its
    line: ids joined by commas."""
    ident = lex.id_pattern
    return rf"{ident}(?:[\t \f]*,[\t \f]*{ident})*"


def textmate_grammar(lex: Lexicon | None = None) -> dict[str, object]:
    """The TextMate grammar of the language (VS Code, Sublime Text, GitHub's Linguist ...), made
    from the keywords of ``lex`` (default: the package grammar's). ``editors/generate.py`` writes
    it to ``grammars/argmap.tmLanguage.json`` and the VS Code extension; a test keeps them in step."""
    lex = lex or lexicon()
    end = r"(?![\w-])"
    start = r"(?<![\w-])"
    ident = lex.id_pattern
    escape = r'\\(?:["\\nt]|u[0-9A-Fa-f]{4}|u\{[0-9A-Fa-f]{1,6}\})'
    verb = rf"(?:{_words(lex.verbs)}){end}"
    not_verb = rf"(?!{verb})"
    # A keyword followed by finding codes (allow), as a statement and as an attribute.
    code_word = rf"({_words(lex.code_lists)}){end}"
    code_list = rf"(?:([\t \f]+)({code_list_pattern(lex)}))?"
    code_captures = {"patterns": [{"include": "#code"}, {"include": "#punctuation"}]}
    code_statement: list[dict[str, object]] = []
    code_attribute: list[dict[str, object]] = []
    if lex.code_lists:
        code_statement.append(
            {
                "comment": "A statement of codes (allow) at the start of a line, then the codes.",
                "match": rf"^{code_word}(?![\t \f]+{verb}){code_list}",
                "captures": {"1": {"name": "storage.type.declaration.argmap"}, "3": code_captures},
            }
        )
        code_attribute.append(
            {
                "comment": "An attribute of codes (allow), then the codes.",
                "match": rf"{start}{code_word}{code_list}",
                "captures": {"1": {"name": "keyword.other.attribute.argmap"}, "3": code_captures},
            }
        )
    attribute_words = tuple(w for w in (*lex.attributes, *lex.details) if w not in lex.code_lists)
    return {
        "name": "argmap",
        "scopeName": "source.argmap",
        "fileTypes": ["argmap"],
        "comment": "Generated from argmap's Lark grammar by editors/generate.py; do not edit by hand.",
        "patterns": [
            {"include": "#comment"},
            {"include": "#definition"},
            {"include": "#named-relation"},
            {"include": "#subject"},
            {"include": "#keywords"},
            {"include": "#texts"},
            {"include": "#punctuation"},
            {"include": "#number"},
            {"include": "#id"},
        ],
        "repository": {
            "comment": {"name": "comment.line.number-sign.argmap", "match": r"#.*$"},
            "definition": {
                "patterns": [
                    {
                        "comment": "A claim: its kind at the start of a line, then the id it defines.",
                        "match": rf"^({_words(lex.kinds)}){end}[\t \f]+{not_verb}({ident})",
                        "captures": {
                            "1": {"name": "storage.type.kind.argmap"},
                            "2": {"name": "entity.name.function.argmap"},
                        },
                    },
                    {
                        "comment": "A definition: its keyword at the start of a line, then its id.",
                        "match": rf"^({_words(lex.naming)}){end}[\t \f]+{not_verb}({ident})",
                        "captures": {
                            "1": {"name": "storage.type.declaration.argmap"},
                            "2": {"name": "entity.name.function.argmap"},
                        },
                    },
                    *code_statement,
                    {
                        "comment": "A definition keyword with no id after it (the title).",
                        "match": rf"^({_words(lex.declarations)}){end}(?![\t \f]+{verb})",
                        "name": "storage.type.declaration.argmap",
                    },
                ]
            },
            "named-relation": {
                "match": rf"^({ident})[\t \f]*(:)",
                "captures": {
                    "1": {"name": "entity.name.label.argmap"},
                    "2": {"name": "punctuation.separator.colon.argmap"},
                },
            },
            "subject": {
                "comment": "The id a relation or stance starts with (a keyword's word too).",
                "match": rf"^{ident}(?=[\t \f]+(?:{_words(lex.verbs)}){end})",
                "name": "variable.other.id.argmap",
            },
            "keywords": {
                "patterns": [
                    {
                        "name": "keyword.control.relation.argmap",
                        "match": rf"{start}(?:{_words(lex.verbs)}){end}",
                    },
                    *code_attribute,
                    {
                        "name": "keyword.other.attribute.argmap",
                        "match": rf"{start}(?:{_words(attribute_words)}){end}",
                    },
                    {
                        "name": "constant.language.argmap",
                        "match": rf"{start}(?:{_words(lex.constants)}){end}",
                    },
                ]
            },
            "texts": {
                "patterns": [
                    {
                        "name": "string.quoted.triple.argmap",
                        "begin": '"""',
                        "end": '"""',
                        "patterns": [{"include": "#escape"}],
                    },
                    {
                        "name": "string.quoted.double.argmap",
                        "begin": '"',
                        "end": r'"|$',
                        "patterns": [{"include": "#escape"}],
                    },
                ]
            },
            "escape": {
                "patterns": [
                    {"name": "constant.character.escape.argmap", "match": escape},
                    {"name": "invalid.illegal.escape.argmap", "match": r"\\."},
                ]
            },
            "punctuation": {
                "patterns": [
                    {"name": "keyword.operator.plus.argmap", "match": r"\+"},
                    {"name": "punctuation.separator.comma.argmap", "match": ","},
                    {"name": "punctuation.separator.colon.argmap", "match": ":"},
                    {"name": "invalid.illegal.character.argmap", "match": r"[^\s\w\"#]"},
                ]
            },
            "code": {"name": "constant.other.code.argmap", "match": ident},
            "number": {"name": "constant.numeric.argmap", "match": rf"(?<![\w-]){lex.number_pattern}"},
            "id": {"name": "variable.other.id.argmap", "match": ident},
        },
    }


def language_configuration(lex: Lexicon | None = None) -> dict[str, object]:
    """VS Code's language configuration for .argmap: ``#`` comments, quotes that close
    themselves, ids (with their hyphens) as words, and a line that starts a statement moved back
    to the margin as its keyword is typed (an indented line continues the statement above)."""
    lex = lex or lexicon()
    starters = [w for w in (*lex.kinds, *lex.declarations) if w not in lex.attributes]
    return {
        "comments": {"lineComment": "#"},
        "brackets": [],
        "autoClosingPairs": [
            {"open": '"""', "close": '"""', "notIn": ["comment"]},
            {"open": '"', "close": '"', "notIn": ["string", "comment"]},
        ],
        "autoCloseBefore": ";:.,=}])> \n\t",
        "surroundingPairs": [['"', '"']],
        # a run of anything but the language's separators (JavaScript's \w is ASCII only)
        "wordPattern": r"[^\s\"#,:+.;!?'()\[\]{}<>]+",
        "indentationRules": {
            "increaseIndentPattern": r"^(?!)",
            "decreaseIndentPattern": rf"^[\t ]+(?:{_words(tuple(starters))})[\t ]+[^\s\"#]",
        },
    }
