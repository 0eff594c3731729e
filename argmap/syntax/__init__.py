"""Text -> model: the grammar (``argmap.lark``), the parser that runs it, and the syntax
diagnostics (E1xx) with their hints."""

from argmap.syntax import codes as codes  # registers E100-W107 whenever the parser runs
