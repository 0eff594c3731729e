"""The built wheel carries the grammar and the JSON schema: build it, install it in a fresh venv,
parse and read JSON from there."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_parses(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode != 0 and "No module named build" in build.stderr:
        pytest.skip("the 'build' package is not installed (pip install build)")
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = dist.glob("argmap-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "argmap/syntax/argmap.lark" in names
    # the interactive page's script, style and skeleton (argmap.drawing.html reads them)
    assert {f"argmap/drawing/page/page.{ext}" for ext in ("js", "css", "html")} <= set(names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names
    assert "argmap/formats/schema/argmap.schema.json" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    # The dependencies come from this interpreter's site-packages (added after the venv's own,
    # so the installed wheel is what imports; a path in a .pth file does not run that folder's
    # own .pth files, so an editable install of the checkout stays out of sight).
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "_argmap_test_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import argmap, argmap.syntax.parser as p, pathlib;"
        'm = argmap.parse(\'claim a "A"\\nclaim b "B"\\na supports b\\n\');'
        "root = pathlib.Path(argmap.__file__).parent;"
        "print(m.supporters('b'), pathlib.Path(p.grammar_path()).relative_to(root));"
        "from argmap.drawing.html import assemble;"
        "print('argmap-ready' in assemble('<svg/>', {'title': 't'}))"
    )
    # Run outside the checkout so that only the installed copy can be imported.
    out = subprocess.run(
        [str(python), "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True
    ).stdout
    assert out.split() == ["('a',)", "syntax/argmap.lark", "True"]
    # JSON is read with the schema inside the installed package (importlib.resources).
    probe = (
        "import argmap.formats.jsonio as j, pathlib;"
        'print(j.loads(\'{"version": 1, "elements": [{"type": "claim", "id": "a", '
        '"text": "A"}]}\').claims[0].id, j.schema()[\'$id\'],'
        "pathlib.Path(j.__file__).is_relative_to(pathlib.Path.cwd()))"
    )
    out = subprocess.run(
        [str(python), "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True
    ).stdout
    assert out.split() == ["a", "urn:argmap:schema:argmap-2", "True"]
    cli = subprocess.run(
        [str(env_dir / "bin" / "argmap"), "check", "-"],
        input='claim a "A" answers q\nquestion q "Q?"\n',
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert cli.returncode == 0, cli.stderr
