"""Map <-> Argdown (https://argdown.org), the most used argument-mapping language.

Import reads the Argdown language as Argdown's own parser does (``lexer``: comments, escapes,
tags, data and titles where Argdown finds them, in linear time; ``reader``: the model):

* statements ``[Title]: text`` (and untitled paragraphs) become claims; statements with the
  same title are one claim (Argdown's equivalence class); a title that is not the id is kept as
  the claim's ``title``;
* arguments ``<Title>: text`` without a premise-conclusion structure become claims tagged
  ``argument``; an argument with one (``(1) ... ---- (3) ...``) becomes a linked support named
  after it (intermediate conclusions: ``-1``, ``-2``... steps), its description the support's
  note; it is also a claim (``<argument>-inference`` then names the support) only when a
  support or contradiction points at the argument itself;
* relations in both directions (``+ - _ ><``, ``<+ <- <_``, ``+> -> _>``), placed as Argdown's
  model places them: from a reconstructed argument they start at its main conclusion; an attack
  or undercut of a reconstructed argument is an undercut of its main inference (so the argument's
  conclusion loses that support, as Argdown means it); an attack that also attacks one of the
  argument's premises counts once, on the premise;
* ``#tags`` and ``#(longer tags)``; headings as nested sections; front matter ``title``;
  ``{data}``: ``source`` becomes a source of the claim, the rest the claim's note.

What the map cannot hold is listed (:attr:`Imported.losses`, kind, count and where).

Export writes claims, arguments, relations, premise-conclusion structures (for linked, named or
annotated supports) and sections (as headings) in Argdown's syntax, accepted by Argdown's CLI;
what Argdown has no syntax for (perspectives, stances, sources, questions, quotes, dates, notes,
kinds, linked attacks, undercuts of attacks, relation attributes ...) goes into argmap's data
(``{"argmap": ...}`` and the front matter), so argmap reads its own export back whole;
:func:`export_notes` lists what Argdown itself cannot say.
"""

from __future__ import annotations

from argmap.formats.argdown.reader import ARGUMENT_TAG, INFERENCE_SUFFIX, Imported, Loss, loads, read
from argmap.formats.argdown.writer import chunks, dumps, export_notes

__all__ = [
    "ARGUMENT_TAG",
    "INFERENCE_SUFFIX",
    "Imported",
    "Loss",
    "chunks",
    "dumps",
    "export_notes",
    "loads",
    "read",
]
