"""Model -> verdicts: abstract (Dung) frameworks and their solvers, the translation of a map
into a framework, evaluation per perspective, the agreement report, and the ICCMA formats."""
