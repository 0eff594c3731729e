"""Language server responsiveness (issue 18): how long after an edit the editor has the new
findings, on generated maps of 1k, 5k and 10k claims.

    python bench/lsp.py                          # 1000, 5000, 10000 claims, 12 edits of each kind
    python bench/lsp.py --sizes 5000 --repeat 30

A real client (pygls's) starts ``python -m argmap lsp`` and talks to it over stdio, as an editor
does. It opens the map from bench/genmap.py, then makes edits one at a time, each at a
different (seeded) place, and times each from sending ``didChange`` to receiving the
``publishDiagnostics`` of that version. The edits:

* ``type in a text``: one character typed into a claim's text;
* ``break a reference``: a relation's target misspelt (an E201 appears), then mended;
* ``insert a claim``: a new claim line (every statement below moves down a line);
* ``break the syntax``: a text's closing quote deleted (the map no longer parses), then put back;
* ``delete a line``.

Target: a change to a 5,000-claim map has its findings within 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from bench.genmap import generate
from bench.measure import ROOT, child_env, machine

TARGET_MS = 300.0


class Client:
    """An LSP client that records when each version's findings arrive."""

    def __init__(self) -> None:
        self.lc = LanguageClient("argmap-bench", "1")
        self.arrived: dict[int | None, tuple[float, int]] = {}
        self.event = asyncio.Event()
        self.uri = (ROOT / "bench" / "out" / "bench.argmap").as_uri()
        self.version = 0
        self.lines: list[str] = []

        @self.lc.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(_: object, params: lsp.PublishDiagnosticsParams) -> None:
            self.arrived[params.version] = (time.perf_counter(), len(params.diagnostics))
            self.event.set()

    async def start(self) -> None:
        await self.lc.start_io(sys.executable, "-m", "argmap", "lsp", env=child_env(), cwd=str(ROOT))
        await self.lc.initialize_async(
            lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=ROOT.as_uri())
        )
        self.lc.initialized(lsp.InitializedParams())

    async def wait(self, version: int) -> tuple[float, int]:
        while version not in self.arrived:
            self.event.clear()
            await asyncio.wait_for(self.event.wait(), 120)
        return self.arrived[version]

    async def open(self, text: str) -> tuple[float, int]:
        self.version = 1
        self.lines = text.split("\n")
        sent = time.perf_counter()
        self.lc.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(uri=self.uri, language_id="argmap", version=1, text=text)
            )
        )
        done, count = await self.wait(1)
        return (done - sent) * 1000, count

    async def change(self, line: int, start: int, end: int, new: str) -> tuple[float, int]:
        """Replace columns start..end of a line (ASCII lines: code points are UTF-16 units)."""
        self.version += 1
        old = self.lines[line]
        replaced = old[:start] + new + old[end:]
        self.lines[line : line + 1] = replaced.split("\n")
        rng = lsp.Range(
            start=lsp.Position(line=line, character=start), end=lsp.Position(line=line, character=end)
        )
        sent = time.perf_counter()
        self.lc.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[lsp.TextDocumentContentChangePartial(range=rng, text=new)],
            )
        )
        done, count = await self.wait(self.version)
        return (done - sent) * 1000, count

    async def delete_line(self, line: int) -> tuple[float, int]:
        self.version += 1
        del self.lines[line]
        rng = lsp.Range(
            start=lsp.Position(line=line, character=0), end=lsp.Position(line=line + 1, character=0)
        )
        sent = time.perf_counter()
        self.lc.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[lsp.TextDocumentContentChangePartial(range=rng, text="")],
            )
        )
        done, count = await self.wait(self.version)
        return (done - sent) * 1000, count

    async def stop(self) -> None:
        await self.lc.shutdown_async(None)
        self.lc.exit(None)
        await self.lc.stop()


async def run_size(n: int, repeat: int, seed: int) -> list[tuple[str, list[float], list[int]]]:
    text = generate(n, seed=0).argmap_text
    rnd = random.Random(seed)
    client = Client()
    await client.start()
    rows: list[tuple[str, list[float], list[int]]] = []
    opened, count = await client.open(text)
    rows.append(("open the map", [opened], [count]))

    def lines_like(prefix: str) -> list[int]:
        return [i for i, ln in enumerate(client.lines) if ln.startswith(prefix)]

    times: dict[str, list[float]] = {}
    counts: dict[str, list[int]] = {}

    def note(kind: str, result: tuple[float, int]) -> None:
        times.setdefault(kind, []).append(result[0])
        counts.setdefault(kind, []).append(result[1])

    for _ in range(repeat):
        # type in a claim's text
        line = rnd.choice(lines_like("claim ") + lines_like("fact "))
        col = client.lines[line].index('"') + 2
        note("type in a text", await client.change(line, col, col, "x"))
        # misspell a relation's target, then mend it
        line = rnd.choice(lines_like("c"))
        words = client.lines[line].split(" ")
        if len(words) >= 3 and words[1] in ("supports", "rebuts", "contradicts"):
            col = len(" ".join(words[:2])) + 1 + len(words[2])
            note("break a reference", await client.change(line, col, col, "z"))
            note("mend a reference", await client.change(line, col, col + 1, ""))
        # insert a claim
        line = rnd.choice(lines_like("claim "))
        note("insert a claim", await client.change(line, 0, 0, f'claim new{client.version} "A new claim."\n'))
        # break the syntax, then mend it
        line = rnd.choice(lines_like("claim "))
        end = client.lines[line].rindex('"')
        note("break the syntax", await client.change(line, end, end + 1, ""))
        note("mend the syntax", await client.change(line, end, end, '"'))
        # delete a line
        line = rnd.choice(lines_like("c"))
        note("delete a line", await client.delete_line(line))
    rows.extend((kind, times[kind], counts[kind]) for kind in times)
    await client.stop()
    return rows


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,5000,10000", help="claims per map, comma-separated")
    parser.add_argument("--repeat", type=int, default=12, help="edits of each kind per map")
    parser.add_argument("--seed", type=int, default=1, help="where the edits go")
    args = parser.parse_args(argv)
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    info = machine()
    print(f"# argmap lsp: edit -> findings, {info.get('python', '')} on {info.get('cpu', '')}")
    print(f"# target: {TARGET_MS:.0f} ms at 5,000 claims\n")
    print("| claims | edit | runs | median ms | p90 ms | max ms | findings |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    worst_5k = 0.0
    for n in (int(s) for s in args.sizes.split(",")):
        for kind, values, counts in asyncio.run(run_size(n, args.repeat, args.seed)):
            print(
                f"| {n:,} | {kind} | {len(values)} | {statistics.median(values):.0f} | {_p90(values):.0f} | "
                f"{max(values):.0f} | {max(counts)} |"
            )
            if n == 5000 and kind != "open the map":
                worst_5k = max(worst_5k, _p90(values))
    if worst_5k:
        verdict = "meets" if worst_5k <= TARGET_MS else "MISSES"
        print(
            f"\n5,000 claims: the slowest kind of edit, p90 {worst_5k:.0f} ms: {verdict} {TARGET_MS:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
