"""Text -> model: the grammar (``argmap.lark``), the parser that runs it, and the syntax
diagnostics (E1xx) with their hints."""
