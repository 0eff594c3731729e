"""Text -> model: the grammar (``argmap.lark``) and what is made from it (``grammar``), the
callbacks that build the model (``transformer``), the parser with its fast path (``parser``,
``fastpath``), and the syntax diagnostics (E1xx) with their hints (``messages``)."""
