"""A map read by the command line keeps a way to read its file again, not its text: the same
text while the file is unchanged, None once it has changed, and findings still quote lines."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from argmap.model import ArgumentMap
from argmap.syntax.parser import parse_keeping
from argmap.util.filetext import FileText


def test_the_same_text_while_the_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "m.argmap"
    data = '\ufeffclaim a "Ağrı."\n'.encode()
    path.write_bytes(data)
    source = FileText(str(path), data)
    assert source() == 'claim a "Ağrı."\n'  # decoded, without the byte-order mark
    assert source() is source()  # read once


def test_none_once_the_file_has_changed_or_gone(tmp_path: Path) -> None:
    path = tmp_path / "m.argmap"
    data = b'claim a "A."\n'
    path.write_bytes(data)
    changed = FileText(str(path), data)
    path.write_bytes(b'claim a "B."\n')  # same size, other bytes
    assert changed() is None
    path.unlink()
    assert FileText(str(path), data)() is None
    path.write_bytes(b"\xff\xfe")
    assert FileText(str(path), b"\xff\xfe")() is None  # no longer UTF-8 text


def test_a_map_keeps_either_its_text_or_a_way_to_it(tmp_path: Path) -> None:
    path = tmp_path / "m.argmap"
    text = 'claim a "A."\n'
    path.write_text(text, encoding="utf-8")
    lazy = parse_keeping(text, FileText(str(path), text.encode()), str(path))
    assert lazy.source_text == text
    assert lazy.with_elements(lazy.elements).source_text == text
    assert ArgumentMap((), source_text=text).source_text == text
    assert ArgumentMap((), source_text=lambda: None).source_text is None
    assert lazy == parse_keeping(text, text, str(path))  # the source is not part of equality


def test_cli_findings_still_quote_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "m.argmap"
    path.write_text('claim a "A."\nclaim a "Again."\nperspective p "Ağrı"\n', encoding="utf-8")
    for command in (["check"], ["check", "-j", "2"]):
        result = run_cli(*command, str(path))
        assert result.code == 1
        assert 'claim a "Again."' in result.out
        assert "^" in result.out
    evaluated = run_cli("evaluate", str(path))
    assert evaluated.code == 1
    assert 'claim a "Again."' in evaluated.err
