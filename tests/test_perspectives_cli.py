"""`argmap perspectives` through the real entry point after the speed-ups of issue 20 item 2:
every format prints what the straightforward computation (each perspective's part translated
on its own) prints, and a big map with an error is still refused (its checks now run on two
processors where the system can fork)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.semantics import agreement, parts
from argmap.semantics.evaluate import claim_labels_of_part
from bench.genmap import generate
from tests.conftest import MAPS, Result

Cli = Callable[..., Result]


def _translated_anew(
    argmap: object, index: parts.PartIndex, perspective: str, semantics: str, time_limit: float | None
) -> dict[str, str]:
    return claim_labels_of_part(argmap, perspective, semantics, index.translation.rule, time_limit)  # type: ignore[arg-type]


@pytest.mark.parametrize("semantics", ["grounded", "complete"])
def test_every_format_prints_what_the_straightforward_computation_prints(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, semantics: str
) -> None:
    path = tmp_path / "gen.argmap"
    path.write_text(generate(1200, 4).argmap_text, encoding="utf-8")
    sources = [str(path), *(str(p) for p in sorted(MAPS.glob("*.argmap")))]
    formats = ["table", "csv", "json", "markdown"]
    args = [("perspectives", s, "-f", f, "-s", semantics, "--width", "100") for s in sources for f in formats]
    fast = [cli(*a) for a in args]
    monkeypatch.setattr(agreement, "part_labels", _translated_anew)
    slow = [cli(*a) for a in args]
    for a, f, s in zip(args, fast, slow, strict=True):
        assert (f.code, f.out) == (s.code, s.out), a
    assert all(r.code == 0 for r in fast)


def test_a_big_map_with_an_error_is_not_evaluated(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "gen.argmap"
    path.write_text(generate(8000, 1).argmap_text + 'claim c5 "the same id again"\n', encoding="utf-8")
    r = cli("perspectives", str(path))
    assert r.code == 1
    assert "E200" in r.err and "was not evaluated" in r.err
    assert r.out == ""
