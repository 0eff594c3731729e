"""Benchmark of the interactive page (``argmap render -f html``): its weight, and how soon it
opens and answers in headless Chromium.

    python bench/html.py                        # the seed map, and generated maps of 1,000 claims
    python bench/html.py --sizes 300 1000 3000 --loads 7

For each map: the time to make the page (layout, semantics, data; best of ``--repeat``), its
weight in bytes (and gzipped, as a server would send it; opened from disk it is read whole),
and what makes up the weight (the SVG, the JSON data, the script and style). Then, in headless
Chromium (bench/browser.py; the distribution's browser), over ``--loads`` loads of the page
from disk: **ready**, the milliseconds from the start of navigation to the page's
``argmap-ready`` mark, set once its script has read the data, registered every node, fitted the
view and applied the state of the address, that is when a click works, and **drawn**, to the
first frame painted after that (median and worst of the loads); and,
once open, the milliseconds until the next painted frame after each first interaction:
opening a claim (a click), comparing two perspectives, switching to grounded labels, and a
search. Targets (issue 17): the seed page under 1 MB; a 1,000-claim page ready within 2 s.
Generated maps come from bench/genmap.py (seeded: the same maps on every machine).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on the path, and this file would stand in
# for the standard library's html module: the checkout goes there instead.
ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)
else:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import gzip  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import argmap  # noqa: E402
from bench.browser import chromium, missing  # noqa: E402
from bench.genmap import generate  # noqa: E402

SEED = ROOT / "maps" / "turkey-kosovo.argmap"

#: Runs an interaction in the page, then waits for the frame that shows it; returns the time.
_TIMED = """
var done = arguments[arguments.length - 1];
var t0 = performance.now();
(function () { %s })();
requestAnimationFrame(function () { setTimeout(function () { done(performance.now() - t0); }, 0); });
"""
_INTERACTIONS = {
    "open a claim": (
        "var all = document.querySelectorAll('g.claim'), g = all[Math.floor(all.length / 2)];"
        "var r = g.getBoundingClientRect(), o = {bubbles: true, button: 0, pointerId: 1,"
        " clientX: r.left + r.width / 2, clientY: r.top + r.height / 2};"
        "g.dispatchEvent(new PointerEvent('pointerdown', o));"
        "g.dispatchEvent(new PointerEvent('pointerup', o));"
    ),
    "compare two": "location.hash = 'perspectives=' + __ps.slice(0, 2).join(',');",
    "grounded labels": (
        "var s = document.getElementById('semantics'); s.value = 'grounded';"
        "s.dispatchEvent(new Event('change'));"
    ),
    "search": (
        "var i = document.getElementById('search-input'); i.value = 'drones';"
        "i.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));"
    ),
}


def parts(page: str) -> dict[str, int]:
    """Bytes of the page's parts: the SVG, the JSON data, the script and the style."""

    def size(pattern: str) -> int:
        found = re.search(pattern, page, re.DOTALL)
        return len(found.group(1).encode("utf-8")) if found else 0

    return {
        "svg": size(r'<div id="canvas">(.*?)</div>'),
        "data": size(r'<script type="application/json" id="argmap-data">(.*?)</script>'),
        "code": size(r"<script>(.*?)</script>") + size(r"<style>(.*?)</style>"),
    }


def make(amap: argmap.ArgumentMap, repeat: int) -> tuple[bytes, float]:
    best, page = float("inf"), b""
    for _ in range(repeat):
        started = time.perf_counter()
        page = argmap.render(amap, "html")
        best = min(best, time.perf_counter() - started)
    return page, best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000], help="generated maps, claims")
    parser.add_argument("--loads", type=int, default=5, help="page loads per map in the browser")
    parser.add_argument("--repeat", type=int, default=1, help="page builds per map (best is kept)")
    a = parser.parse_args(argv)

    maps: list[tuple[str, argmap.ArgumentMap]] = [("seed (turkey-kosovo)", argmap.load(SEED))]
    maps += [(f"generated {n:,}", argmap.parse(generate(n).argmap_text)) for n in a.sizes]
    why = missing()
    if why:
        print(f"# no browser: {why}; only the weights are measured", file=sys.stderr)
    header = ["map", "claims", "make s", "page KB", "gzip KB", "svg/data/code KB"]
    header += ["ready ms (median, worst)", "drawn ms (median, worst)"]
    header += [f"{name} ms" for name in _INTERACTIONS]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    with tempfile.TemporaryDirectory() as tmp:
        pages = []
        for name, amap in maps:
            page, took = make(amap, a.repeat)
            path = Path(tmp) / (re.sub(r"\W+", "-", name) + ".html")
            path.write_bytes(page)
            pages.append((name, amap, page, took, path))
        browser_rows: dict[str, list[str]] = {}
        if not why:
            with chromium(1280, 800) as browser:
                for name, amap, _, _, path in pages:
                    readies, shown = [], []
                    for _ in range(a.loads):
                        readies.append(browser.open(path))
                        shown.append(browser.next_frame())
                    cells = [f"{statistics.median(readies):.0f}, {max(readies):.0f}"]
                    cells.append(f"{statistics.median(shown):.0f}, {max(shown):.0f}")
                    browser.js("window.__ps = arguments[0]", [p.id for p in amap.perspectives])
                    for script in _INTERACTIONS.values():
                        cells.append(f"{browser.driver.execute_async_script(_TIMED % script):.0f}")
                    browser_rows[name] = cells
        for name, amap, page, took, _ in pages:
            p = parts(page.decode("utf-8"))
            row = [
                name,
                f"{len({c.id for c in amap.claims}):,}",
                f"{took:.2f}",
                f"{len(page) / 1000:,.0f}",
                f"{len(gzip.compress(page)) / 1000:,.0f}",
                f"{p['svg'] / 1000:,.0f} / {p['data'] / 1000:,.0f} / {p['code'] / 1000:,.0f}",
            ]
            row += browser_rows.get(name, ["-"] * (2 + len(_INTERACTIONS)))
            print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
