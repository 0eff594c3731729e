"""The grammar: where ``argmap.lark`` is, Lark's parser built from it (tables cached on disk), and
what other readers of the language take from it: its terminals and rules (:func:`facts`) and
scanners made of its terminal patterns (:func:`scanner`).

The grammar is the one source of the language. The fast path (:mod:`argmap.syntax.fastpath`),
the formatter's comment scanner and the checker's name finder copy no keyword or pattern: they
are built from :func:`facts`, which Lark reads off the grammar once and a small cache file keeps.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from lark import Lark

__all__ = ["Facts", "build_lark", "facts", "grammar_path", "grammar_text", "scanner"]


def grammar_path() -> Path:
    """Where the grammar is: ``argmap.lark`` beside this module, inside the package (the
    checkout's ``grammars/argmap.lark`` is a link to it)."""
    path = Path(__file__).resolve().with_name("argmap.lark")
    if not path.is_file():
        raise FileNotFoundError("argmap's grammar (argmap.lark) is missing from this installation")
    return path


def grammar_text() -> str:
    """The grammar's source text."""
    return grammar_path().read_text(encoding="utf-8")


def cache_dir() -> Path | None:
    """The folder for argmap's caches (``$ARGMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/argmap`` or
    ``~/.cache/argmap``), or None when it cannot be written."""
    base = os.environ.get("ARGMAP_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("ARGMAP_CACHE_DIR"):
        root = root / "argmap"
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return root if os.access(root, os.W_OK) else None


def build_lark(transformer: Any) -> Lark:
    """The LALR parser with the contextual lexer, running ``transformer``'s callbacks as it
    reduces (no tree is built). Its tables are cached in a file (Lark's own cache, keyed by a
    hash of the grammar and the options, checked on load), so they are built once."""
    import lark

    grammar = grammar_text()
    folder = cache_dir()
    # One file per grammar, so that two versions of argmap on one machine do not take turns.
    digest = hashlib.sha256(f"{lark.__version__}\0{sys.version}\0{grammar}".encode()).hexdigest()[:16]
    cache: str | bool = str(folder / f"grammar-{digest}.lark") if folder is not None else False
    return lark.Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        maybe_placeholders=False,
        propagate_positions=False,
        transformer=transformer,
        cache=cache,
    )


class Facts(NamedTuple):
    """What the grammar says, as Lark compiles it.

    ``terminals``: each terminal's regex source, highest priority first (the order in which
    Lark's lexer tries them where several match). ``rules``: each rule's expansions, as lists
    of symbol names, after Lark has expanded ``?``, ``*`` and alternatives (helper rules are
    named ``__<rule>_star_<n>`` and so on).
    """

    terminals: dict[str, str]
    rules: dict[str, list[list[str]]]

    def keywords(self) -> dict[str, str]:
        """The keywords: word -> terminal name (every ``KW_`` terminal is a whole word)."""
        words: dict[str, str] = {}
        for name, pattern in self.terminals.items():
            if name.startswith("KW_"):
                word = re.fullmatch(r"([a-z]+)\(\?!\[\\w-\]\)", pattern)
                if word is None:
                    raise ValueError(f"keyword {name} is not a whole-word pattern: {pattern}")
                words[word.group(1)] = name
        return words

    def keywords_of(self, rule: str) -> list[str]:
        """The keyword terminals a rule is written with, in the order they first appear, those
        of the inlined rules it uses (``_name``) included."""
        if rule not in self.rules:
            raise KeyError(f"the grammar has no rule {rule!r}")
        found: list[str] = []
        seen = {rule}
        todo = [rule]
        while todo:
            for expansion in self.rules[todo.pop(0)]:
                for symbol in expansion:
                    if symbol.startswith("KW_"):
                        found.append(symbol)
                    elif symbol.startswith("_") and symbol in self.rules and symbol not in seen:
                        seen.add(symbol)
                        todo.append(symbol)
        return list(dict.fromkeys(found))

    def alternatives(self, rule: str) -> list[str]:
        """The rules a rule of the form ``a: b | c | d`` chooses from."""
        if rule not in self.rules:
            raise KeyError(f"the grammar has no rule {rule!r}")
        return [symbol for expansion in self.rules[rule] for symbol in expansion]

    def scanner(self, *, line_break: str | None = None, **groups: tuple[str, ...]) -> re.Pattern[str]:
        """A regex of the grammar's own terminal patterns: one named group per keyword argument,
        matching any of the terminals it names.

        The groups are tried in the order of their terminals' priorities (the highest first), as
        Lark's lexer tries them, so that three quotes open a LONG_STRING, not an empty STRING.
        The grammar has no terminal for one line break (``_NL`` and ``_CONTINUATION`` take
        blank and comment lines with it): ``line_break`` names a group, tried last, for one."""
        rank = {name: i for i, name in enumerate(self.terminals)}
        for names in groups.values():
            missing = [n for n in names if n not in rank]
            if missing or not names:
                raise KeyError(f"the grammar has no terminal {missing}" if missing else "an empty group")
        ordered = sorted(groups.items(), key=lambda item: min(rank[n] for n in item[1]))
        parts = [
            f"(?P<{group}>" + "|".join(self.terminals[n] for n in sorted(names, key=rank.__getitem__)) + ")"
            for group, names in ordered
        ]
        if line_break is not None:
            parts.append(rf"(?P<{line_break}>\r?\n)")
        return re.compile("|".join(parts))


_FACTS_FORMAT = "facts 1"


@functools.cache
def facts() -> Facts:
    """The grammar's terminals and rules. They are kept in a small file beside Lark's cache,
    keyed by a hash of the grammar, so that a run that never needs Lark's parser does not
    load Lark to learn them."""
    grammar = grammar_text()
    folder = cache_dir()
    digest = hashlib.sha256(f"{_FACTS_FORMAT}\0{grammar}".encode()).hexdigest()[:16]
    cached = folder / f"grammar-facts-{digest}.json" if folder is not None else None
    if cached is not None:
        try:
            found = _valid(json.loads(cached.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            found = None  # missing or damaged: learn them from Lark again
        if found is not None:
            return found
    learnt = learn_facts()
    if cached is not None:
        try:
            temporary = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
            # ASCII: the patterns hold lone surrogates (refused characters), which UTF-8 cannot
            temporary.write_text(json.dumps(learnt._asdict()), encoding="ascii")
            os.replace(temporary, cached)
        except OSError:
            pass  # a read-only cache: learn them again next time
    return learnt


def learn_facts() -> Facts:
    """The grammar's terminals and rules, from Lark (the attributes ``terminals`` and ``rules``
    of a :class:`lark.Lark`, which ``hypothesis.extra.lark`` reads too)."""
    parser = build_lark(None)
    ranked = sorted(parser.terminals, key=lambda t: -t.priority)  # stable: grammar order next
    rules: dict[str, list[list[str]]] = {}
    for rule in parser.rules:
        rules.setdefault(rule.origin.name, []).append([symbol.name for symbol in rule.expansion])
    return Facts({t.name: t.pattern.to_regexp() for t in ranked}, rules)


def _valid(data: Any) -> Facts | None:
    """The facts in a cache file's JSON, or None if it is not what :func:`facts` writes."""
    if not isinstance(data, dict) or set(data) != set(Facts._fields):
        return None
    terminals, rules = data["terminals"], data["rules"]
    if not isinstance(terminals, dict) or not isinstance(rules, dict):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in terminals.items()):
        return None
    for name, expansions in rules.items():
        if not isinstance(name, str) or not isinstance(expansions, list):
            return None
        for expansion in expansions:
            if not isinstance(expansion, list) or not all(isinstance(s, str) for s in expansion):
                return None
    return Facts(terminals, rules)


@functools.cache
def scanner(*, line_break: str | None = None, **groups: tuple[str, ...]) -> re.Pattern[str]:
    """:meth:`Facts.scanner` of this grammar (made once for each set of groups)."""
    return facts().scanner(line_break=line_break, **groups)
