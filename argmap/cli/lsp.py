"""CLI command for editors: ``argmap lsp`` runs the language server on standard input and output."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["lsp"]


def lsp(
    stdio: Annotated[
        bool, typer.Option("--stdio", help="Talk over standard input and output (the default and only way).")
    ] = True,
) -> None:
    """Run the language server for editors (findings as you type, hover, go to definition, rename,
    completion, outline, formatting). Editors start it; see docs/editors.md.

    Needs the lsp extra: pip install 'argmap[lsp]'.
    """
    import importlib.util

    from argmap.cli.common import EXIT_USAGE, CommandError

    missing = [name for name in ("pygls", "lsprotocol") if importlib.util.find_spec(name) is None]
    if missing:
        raise CommandError(
            f"the language server needs {' and '.join(missing)}, "
            f"which {'is' if len(missing) == 1 else 'are'} not installed",
            EXIT_USAGE,
            hint="pip install 'argmap[lsp]'",
        )
    from argmap.lsp.server import serve

    serve()
