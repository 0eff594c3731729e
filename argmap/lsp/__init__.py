"""The language server (``argmap lsp``): findings as you type, hover, definitions, references,
rename, completion, the outline, formatting and quick fixes, for any editor that speaks the
Language Server Protocol.

Needs the ``lsp`` extra (``pip install 'argmap[lsp]'``: pygls and lsprotocol); nothing here is
imported by ``import argmap``. The modules, bottom up: :mod:`~argmap.lsp.ids` (which fields of
the model are ids), :mod:`~argmap.lsp.grammar` (where ids are written), :mod:`~argmap.lsp.incremental`
(reading a text again after an edit), :mod:`~argmap.lsp.document` (positions),
:mod:`~argmap.lsp.analysis`, :mod:`~argmap.lsp.features` and :mod:`~argmap.lsp.server`.
"""
