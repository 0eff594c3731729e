"""Text -> model: the grammar (``argmap.lark``) and what is made from it (``grammar``), the
callbacks that build the model (``transformer``), the parser with its fast path (``parser``,
``fastpath``), the syntax diagnostics (E1xx) with their hints (``messages``, ``codes``), and
``locate``, which finds a name inside an element's text as the grammar reads it."""

from argmap.syntax import codes as codes  # registers E100-W107 whenever the parser runs
