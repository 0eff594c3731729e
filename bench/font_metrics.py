"""Make argmap/drawing/fonts/helvetica-metrics.json: the advance width of every character of
Liberation Sans (regular and bold), the free font whose widths match Helvetica and Arial.

The drawing measures its text with these widths (argmap/drawing/metrics.py) so that both
renderers give every text cell room enough, whatever they know of the font themselves. Run once
when the font changes; the output is committed:

    python bench/font_metrics.py /usr/share/fonts/truetype/liberation/LiberationSans-{Regular,Bold}.ttf

It reads the TrueType tables itself (head, hhea, hmtx, cmap formats 4 and 12): no dependency.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "argmap" / "drawing" / "fonts" / "helvetica-metrics.json"


def _tables(data: bytes) -> dict[str, bytes]:
    count = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        out[tag.decode("latin-1")] = data[offset : offset + length]
    return out


def _cmap(table: bytes) -> dict[int, int]:
    count = struct.unpack(">H", table[2:4])[0]
    best: tuple[int, int] | None = None
    for i in range(count):
        platform, _encoding, offset = struct.unpack(">HHI", table[4 + 8 * i : 12 + 8 * i])
        fmt = struct.unpack(">H", table[offset : offset + 2])[0]
        if platform in (0, 3) and fmt in (4, 12) and (best is None or fmt > best[0]):
            best = (fmt, offset)
    assert best is not None, "no Unicode cmap"
    fmt, offset = best
    t = table[offset:]
    mapping: dict[int, int] = {}
    if fmt == 12:
        groups = struct.unpack(">I", t[12:16])[0]
        for g in range(groups):
            start, end, glyph = struct.unpack(">III", t[16 + 12 * g : 28 + 12 * g])
            for c in range(start, end + 1):
                mapping[c] = glyph + c - start
        return mapping
    segs = struct.unpack(">H", t[6:8])[0] // 2
    ends = struct.unpack(f">{segs}H", t[14 : 14 + 2 * segs])
    base = 16 + 2 * segs
    starts = struct.unpack(f">{segs}H", t[base : base + 2 * segs])
    deltas = struct.unpack(f">{segs}h", t[base + 2 * segs : base + 4 * segs])
    ro_at = base + 4 * segs
    ranges = struct.unpack(f">{segs}H", t[ro_at : ro_at + 2 * segs])
    for s in range(segs):
        for c in range(starts[s], ends[s] + 1):
            if c == 0xFFFF:
                continue
            if ranges[s] == 0:
                glyph = (c + deltas[s]) & 0xFFFF
            else:
                at = ro_at + 2 * s + ranges[s] + 2 * (c - starts[s])
                glyph = struct.unpack(">H", t[at : at + 2])[0]
                if glyph:
                    glyph = (glyph + deltas[s]) & 0xFFFF
            if glyph:
                mapping[c] = glyph
    return mapping


def widths(path: str) -> tuple[dict[int, int], float, float]:
    """Each character's advance in thousandths of an em, and the ascent and descent in ems."""
    data = Path(path).read_bytes()
    t = _tables(data)
    units = struct.unpack(">H", t["head"][18:20])[0]
    ascent, descent = struct.unpack(">hh", t["hhea"][4:8])
    n_metrics = struct.unpack(">H", t["hhea"][34:36])[0]
    advances = [struct.unpack(">H", t["hmtx"][4 * i : 4 * i + 2])[0] for i in range(n_metrics)]
    out = {}
    for char, glyph in _cmap(t["cmap"]).items():
        advance = advances[min(glyph, n_metrics - 1)]
        out[char] = round(advance * 1000 / units)
    return out, ascent / units, -descent / units


def runs(table: dict[int, int]) -> list[list[object]]:
    """Consecutive characters as [first, [widths ...]]."""
    out: list[list[object]] = []
    for char in sorted(table):
        if out and char == out[-1][0] + len(out[-1][1]):  # type: ignore[operator, arg-type]
            out[-1][1].append(table[char])  # type: ignore[union-attr]
        else:
            out.append([char, [table[char]]])
    return out


def main(regular: str, bold: str) -> None:
    reg, ascent, descent = widths(regular)
    bld, _, _ = widths(bold)
    doc = {
        "font": "Liberation Sans 2 (SIL Open Font License): the widths of Helvetica and Arial",
        "units": "thousandths of an em",
        "ascent": round(ascent, 4),
        "descent": round(descent, 4),
        "regular": runs(reg),
        "bold": runs(bld),
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(reg)} + {len(bld)} characters)")


if __name__ == "__main__":
    main(*sys.argv[1:3])
