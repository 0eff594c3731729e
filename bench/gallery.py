"""Redraw the pictures of docs/gallery.md with both renderers, and a PNG of each at
fit-to-screen size (not a benchmark: the drawing's other tool, kept with its benchmarks).

    python bench/gallery.py                 # every picture
    python bench/gallery.py tweety nixon    # those whose file name contains a word given

Each ``argmap render ... -o docs/img/NAME.svg --backend graphviz-pure`` command in
docs/gallery.md is run as written (the embedded renderer), and again with system Graphviz into
``docs/img/NAME-dot.svg``. Every SVG gets a PNG beside it, NAME.png, made by headless Chromium
(what a browser shows, with the fonts the SVG names) scaled to fit a 1600 x 1000 screen; without
Chromium the renderer's own PNG, at full size. The commands' output paths are
relative to the top of the checkout.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "docs" / "gallery.md"
SCREEN = (1600, 1000)


def commands() -> list[list[str]]:
    """The render commands of the gallery page, as argument lists."""
    text = GALLERY.read_text(encoding="utf-8")
    return [shlex.split(line) for line in re.findall(r"^argmap render .*$", text, re.M)]


def _size(svg: Path) -> tuple[float, float]:
    found = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg.read_bytes()[:2000])
    if not found:
        raise SystemExit(f"{svg}: no size")
    return float(found.group(1)) * 4 / 3, float(found.group(2)) * 4 / 3


def png_of(svg: Path, png: Path) -> bool:
    """``svg`` as a PNG scaled to fit :data:`SCREEN`, drawn by Chromium (False: no Chromium)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        return False
    w, h = _size(svg)
    scale = min(SCREEN[0] / w, SCREEN[1] / h, 1.0)
    width, height = max(1, round(w * scale)), max(1, round(h * scale))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(
            f'<html><body style="margin:0;background:#fff"><img src="{svg.resolve().as_uri()}" '
            f'style="display:block;width:{width}px;height:{height}px"></body></html>',
            encoding="utf-8",
        )
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                f"--window-size={width},{height}",
                f"--screenshot={png.resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return True


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    for args in commands():
        out = Path(args[args.index("-o") + 1])
        if wanted and not any(w in out.name for w in wanted):
            continue
        for backend, target in (
            ("graphviz-pure", out),
            ("dot", out.with_name(out.stem + "-dot" + out.suffix)),
        ):
            run = [sys.executable, "-m", "argmap", *args[1:]]
            run[run.index("-o") + 1] = str(target)
            run[run.index("--backend") + 1] = backend
            subprocess.run(run, cwd=ROOT, check=True, capture_output=True)
            if target.suffix == ".svg" and not png_of(ROOT / target, (ROOT / target).with_suffix(".png")):
                # no Chromium: the renderer's own PNG, at full size
                run[run.index("-o") + 1] = str(target.with_suffix(".png"))
                subprocess.run(run, cwd=ROOT, check=True, capture_output=True)
            print(f"drew {target}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
