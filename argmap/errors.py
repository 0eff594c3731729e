"""Every error argmap raises on purpose, as one family under :class:`ArgmapError`.

A program that embeds argmap can catch ``ArgmapError`` for "the input or the request is at
fault" and let anything else through as a bug. Each error has a message that stands on its own
and, where one helps, a ``hint``; the CLI maps the classes to exit statuses in one table
(:data:`argmap.cli.common.EXIT_STATUS`).

The classes also derive from the built-in exception a Python caller would expect (``ValueError``
for bad input, ``LookupError`` for an unknown name, ``RuntimeError`` for a run that failed), so
code written against those keeps working. This module imports nothing of argmap: it sits below
every layer. The one error that needs the model's types, :class:`argmap.syntax.errors.ParseError`
(a text that does not parse), lives with the parser.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "ArgmapError",
    "BackendError",
    "ConfigError",
    "IccmaError",
    "InterchangeError",
    "InvalidElementError",
    "LimitError",
    "NoBackendError",
    "RuleError",
    "SearchStopped",
    "UnknownChoiceError",
    "UnknownIdError",
    "UnknownPerspectiveError",
    "ViewError",
]


class ArgmapError(Exception):
    """The base of every error argmap raises on purpose: ``message`` says what is wrong,
    ``hint`` (or None) what to do about it."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InvalidElementError(ArgmapError, ValueError):
    """A model element built with a value it cannot have (an id that is not an id, a support
    without premises)."""


class InterchangeError(ArgmapError, ValueError):
    """A document that cannot be read (or a map that cannot be written) in another format: the
    message says where (a JSON path, a node, a line) and what was expected."""


class IccmaError(InterchangeError):
    """A file that is not valid in the ICCMA format it was read as: ``line`` says where."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"line {line}: {message}" if line is not None else message)
        self.line = line


class UnknownChoiceError(ArgmapError, ValueError):
    """A name that is not one of the choices (a format, a semantics, a backend ...)."""

    def __init__(self, what: str, value: str, choices: Sequence[str], message: str | None = None) -> None:
        from argmap.util.suggest import did_you_mean

        super().__init__(
            message or f"unknown {what} {value!r}; choose one of: {', '.join(choices)}",
            hint=did_you_mean(value, choices),
        )
        self.what, self.value, self.choices = what, value, tuple(choices)

    @classmethod
    def check(cls, what: str, value: object, choices: Sequence[str]) -> None:
        """Raise unless ``value`` is one of ``choices`` (a caller may pass any value where the
        types say a ``Literal``)."""
        if value not in choices:
            raise cls(what, str(value), choices)


class UnknownIdError(ArgmapError, KeyError):
    """An id the map does not define, asked for by name (a claim, a question, a perspective).

    It is a ``KeyError`` too, as a failed look-up in a mapping is."""

    def __init__(self, what: str, value: str, known: Sequence[str], path: str | None = None) -> None:
        from argmap.util.suggest import did_you_mean

        where = f"{path}: " if path else ""
        hint = did_you_mean(value, known)
        if hint is None and len(known) <= 12:
            hint = f"the map's {what}s: {', '.join(known) or 'none'}"
        super().__init__(f"{where}the map has no {what} {value!r}", hint=hint)
        self.what, self.value = what, value

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return self.message


class UnknownPerspectiveError(UnknownIdError):
    """A perspective the map does not define, asked for by name."""

    def __init__(self, value: str, known: Sequence[str], path: str | None = None) -> None:
        super().__init__("perspective", value, known, path)


class ViewError(ArgmapError, ValueError):
    """A drawing asks for something the map does not have, or for options that do not go
    together."""


class SearchStopped(ArgmapError, RuntimeError):
    """A search stopped before it could give an exact answer: ``reason`` is "time" (the time
    limit) or "limit" (more labellings than the limit allows)."""

    def __init__(self, message: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


class BackendError(ArgmapError, RuntimeError):
    """A Graphviz run failed (bad exit status, timeout, or the executable vanished)."""

    def __init__(self, message: str, hint: str | None = None, stderr: str = "") -> None:
        super().__init__(message, hint=hint)
        self.stderr = stderr


class NoBackendError(BackendError):
    """No backend that can make the format asked for is installed."""


class RuleError(ArgmapError, ValueError):
    """A map that the chosen evaluation rule cannot read without dropping part of it (an
    undercut of a support under the attacks rule): refused rather than silently ignored."""


class ConfigError(ArgmapError, ValueError):
    """A project's settings file (``argmap.toml``, ``[tool.argmap]`` in ``pyproject.toml``)
    that cannot be used: not TOML, an unknown key, a value of the wrong type."""


class LimitError(ArgmapError, ValueError):
    """An input beyond one of argmap's stated limits (size, length, depth): the message names
    the limit and the hint how to raise it (:mod:`argmap.util.limits`).

    ``limit`` is the limit's name (``input_size``, ``statement_length``, ``text_length``,
    ``depth``; None for an error that is not about one of them), ``maximum`` its value and
    ``found`` what the input had (at least; a scan may stop as soon as it is over)."""

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        limit: str | None = None,
        maximum: int | None = None,
        found: int | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.limit, self.maximum, self.found = limit, maximum, found
