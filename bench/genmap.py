"""Seeded generator of benchmark maps, written both as .argmap text and as Argdown text.

    from bench.genmap import generate
    g = generate(10_000, seed=0)
    g.argmap_text, g.argdown_text, g.counts

    python bench/genmap.py 1000 --seed 0 --out /tmp/maps     # writes gen-1000.argmap/.argdown

Both texts say the same thing: the same claims (Argdown statements ``[cN]: text``) with the
same ~12 words of text, the same supports (plain, linked and named), rebuttals, undercuts and
contradictions, and the same stances. Argdown has no perspectives or stances, so a claim held
by ``radic`` carries the tag ``#radic`` and one rejected by ``hoti`` the tag ``#hoti-rejects``;
a named or linked support becomes an Argdown argument with a premise-conclusion structure,
tagged with the perspectives that assert it. Kinds, ``by`` on plain relations and notes have no
Argdown form and are left out there (they cost argmap some bytes to read, so the comparison is,
if anything, against argmap).

The shape keeps the map clean for ``argmap check``: every relation runs from a later claim to an
earlier one (no support cycles), each pair of claims is related at most once, supports stay
inside one of two blocs of perspectives and attacks go across, and a claim is held only by
perspectives of its own bloc, so no perspective accepts two claims that attack each other.
Same ``n`` and ``seed``: the same texts, byte for byte, on every machine and Python version.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PERSPECTIVES", "GeneratedMap", "generate"]

#: The dozen perspectives (id, name, role), after the people the Turkey-Kosovo article quotes.
PERSPECTIVES: tuple[tuple[str, str, str], ...] = (
    ("radic", "Aleksandar Radić", "military analyst"),
    ("pavkovic", "Miloš Pavković", "security analyst"),
    ("hoti", "Arben Hoti", "political scientist"),
    ("savkovic", "Marko Savković", "foreign policy analyst"),
    ("kurti", "Albin Kurti", "Prime Minister of Kosovo"),
    ("erdogan", "Recep Tayyip Erdoğan", "President of Turkey"),
    ("fidan", "Hakan Fidan", "Minister of Foreign Affairs of Turkey"),
    ("maqedonci", "Ejup Maqedonci", "Minister of Defence of Kosovo"),
    ("some-media", "Some media", "unnamed media outlets"),
    ("ko-sources", "Kosovo Online's sources", "unnamed sources"),
    ("vuckovic", "Arsenije Vučković", "author of the article"),
    ("observers", "Western observers", "diplomats and analysts"),
)

_KINDS = ("claim", "fact", "interpretation", "prediction", "value", "policy")
_WORDS = [
    "turkey",
    "kosovo",
    "ankara",
    "pristina",
    "belgrade",
    "serbia",
    "balkans",
    "region",
    "drones",
    "bayraktar",
    "army",
    "defence",
    "security",
    "alliance",
    "nato",
    "union",
    "treaty",
    "minister",
    "president",
    "visit",
    "analyst",
    "interest",
    "influence",
    "trade",
    "investment",
    "market",
    "economy",
    "growth",
    "bridge",
    "bridgehead",
    "culture",
    "history",
    "religion",
    "school",
    "mosque",
    "language",
    "media",
    "source",
    "report",
    "speech",
    "border",
    "peace",
    "conflict",
    "war",
    "tension",
    "risk",
    "threat",
    "cooperation",
    "partnership",
    "integration",
    "strategy",
    "policy",
    "power",
    "weapon",
    "industry",
    "export",
    "contract",
    "delivery",
    "support",
    "training",
    "officer",
    "soldier",
    "force",
    "mission",
    "agreement",
    "summit",
    "talks",
    "dialogue",
    "government",
    "parliament",
    "election",
    "voter",
    "public",
    "opinion",
    "majority",
    "minority",
    "community",
    "identity",
    "heritage",
    "ottoman",
    "empire",
    "century",
    "decade",
    "future",
    "past",
    "present",
    "plan",
    "promise",
    "claim",
    "evidence",
    "fact",
    "reason",
    "doubt",
    "question",
    "answer",
    "view",
    "position",
    "side",
    "argument",
    "debate",
    "commercial",
    "product",
    "price",
    "buyer",
    "seller",
    "deal",
    "loan",
    "bank",
    "road",
    "airport",
    "energy",
    "gas",
    "pipeline",
    "tourism",
    "student",
    "scholarship",
    "university",
    "network",
    "influence",
    "soft",
    "hard",
    "balance",
    "rival",
    "partner",
    "friend",
    "neighbour",
    "will",
    "may",
    "could",
    "should",
    "must",
    "never",
    "always",
    "often",
    "rarely",
    "clearly",
    "hardly",
    "surely",
    "perhaps",
    "indeed",
    "strong",
    "weak",
    "new",
    "old",
    "large",
    "small",
    "rising",
    "falling",
    "stable",
    "fragile",
    "open",
    "closed",
    "direct",
    "indirect",
]


@dataclass(frozen=True)
class GeneratedMap:
    """One generated map in both languages, with the numbers of what it holds."""

    n: int
    seed: int
    argmap_text: str
    argdown_text: str
    #: claims, supports (plain + linked + named), linked, named, rebuttals, undercuts,
    #: contradictions, relations (all of them), stances (accept + reject), perspectives
    counts: dict[str, int] = field(default_factory=dict)

    def write(self, folder: str | Path, stem: str | None = None) -> tuple[Path, Path]:
        """Write both texts into ``folder``; return (the .argmap path, the .argdown path)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        stem = stem or f"gen-{self.n}-s{self.seed}"
        a = folder / f"{stem}.argmap"
        d = folder / f"{stem}.argdown"
        a.write_text(self.argmap_text, encoding="utf-8")
        d.write_text(self.argdown_text, encoding="utf-8")
        return a, d


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 14))]
    return " ".join(words).capitalize() + "."


def generate(n: int, seed: int = 0) -> GeneratedMap:
    """A map of ``n`` claims with about two relations per claim, in both languages."""
    if n < 1:
        raise ValueError("a map needs at least one claim")
    rng = random.Random(f"argmap-bench-{n}-{seed}")
    ids = [p[0] for p in PERSPECTIVES]
    blocs = (ids[0::2], ids[1::2])  # supports inside a bloc, attacks across
    counts = dict.fromkeys(
        (
            "claims",
            "supports",
            "linked",
            "named",
            "rebuttals",
            "undercuts",
            "contradictions",
            "relations",
            "stances",
            "perspectives",
        ),
        0,
    )
    counts["perspectives"] = len(PERSPECTIVES)
    title = f"Generated map: {n} claims, seed {seed}"
    am: list[str] = [
        f"# Generated by bench/genmap.py: generate({n}, seed={seed}). Do not edit.",
        f'title "{title}"',
        "",
    ]
    for pid, name, role in PERSPECTIVES:
        am.append(f'perspective {pid} "{name}" role "{role}"')
    am.append("")
    ad: list[str] = [
        f"// Generated by bench/genmap.py: generate({n}, seed={seed}). Do not edit.",
        "===",
        f'title: "{title}"',
        "===",
        "",
    ]

    pool: tuple[list[int], list[int]] = ([], [])  # claims of each bloc, in order
    named_pool: tuple[list[str], list[str]] = ([], [])  # named supports of each bloc
    related: set[tuple[int, int]] = set()  # claim pairs already related (low, high)
    undercut_pairs: set[tuple[int, str]] = set()

    def pick(b: int, below: int, exclude: int = -1) -> int | None:
        """An earlier claim of bloc b (index < below), not yet related to `exclude` or itself."""
        candidates = pool[b]
        hi = len(candidates)
        while hi and candidates[hi - 1] >= below:
            hi -= 1
        if hi == 0:
            return None
        lo = max(0, hi - 400)  # mostly recent claims: debates grow branch by branch
        for _ in range(4):
            j = candidates[rng.randrange(lo, hi)]
            if exclude < 0 or (min(j, exclude), max(j, exclude)) not in related:
                return j
        return None

    for i in range(n):
        cid = f"c{i}"
        camp = rng.randrange(len(PERSPECTIVES))
        b = camp % 2
        own, other = blocs[b], blocs[1 - b]
        holder = ids[camp]
        kind = rng.choice(_KINDS)
        text = _sentence(rng)
        counts["claims"] += 1
        am.append(f'{kind} {cid} "{text}"')
        tags: list[str] = []
        if rng.random() < 0.7:
            am.append(f"  held by {holder}")
            tags.append(holder)
            counts["stances"] += 1
        if rng.random() < 0.1:
            rejecter = rng.choice(other)
            am.append(f"  rejected by {rejecter}")
            tags.append(f"{rejecter}-rejects")
            counts["stances"] += 1
        extra_holder = None
        if rng.random() < 0.08:
            extra_holder = rng.choice([p for p in own if p != holder and p not in tags])
            tags.append(extra_holder)
            counts["stances"] += 1
        ad_claim = [f"[{cid}]: {text}" + "".join(f" #{t}" for t in tags)]
        ad_after: list[str] = []  # arguments (premise-conclusion structures) after the claim

        relations = rng.choice((1, 2, 2, 3)) if i else 0
        made = 0
        for _ in range(relations):
            by = rng.choice(own) if rng.random() < 0.5 else None
            by_text = f" by {by}" if by else ""
            roll = rng.random()
            if roll < 0.10 and named_pool[1 - b]:
                # an undercut of a named support of the other bloc
                target = named_pool[1 - b][
                    rng.randrange(max(0, len(named_pool[1 - b]) - 400), len(named_pool[1 - b]))
                ]
                if (i, target) in undercut_pairs:
                    continue
                undercut_pairs.add((i, target))
                am.append(f"{cid} undercuts {target}{by_text}")
                ad_claim.append(f"  _> <{target}>")
                counts["undercuts"] += 1
            elif roll < 0.35:
                j = pick(1 - b, i, i)
                if j is None:
                    continue
                related.add((j, i))
                if roll < 0.30:
                    am.append(f"{cid} rebuts c{j}{by_text}")
                    ad_claim.append(f"  -> [c{j}]")
                    counts["rebuttals"] += 1
                else:
                    am.append(f"{cid} contradicts c{j}{by_text}")
                    ad_claim.append(f"  >< [c{j}]")
                    counts["contradictions"] += 1
            else:
                j = pick(b, i, i)
                if j is None:
                    continue
                if roll < 0.45:
                    # linked: this claim and an earlier one of the bloc, together, support a claim
                    # earlier than both (relations point backwards: no cycles)
                    k = j
                    j2 = pick(b, k, i)
                    if j2 is None or (j2, k) in related:
                        continue
                    related.update({(j2, i), (j2, k)})
                    name = f"s{i}-{j2}"
                    am.append(f"{name}: {cid} + c{k} supports c{j2}{by_text}")
                    ad_after += [
                        "",
                        f"<{name}>" + (f": #{by}" if by else ""),
                        "",
                        f"(1) [{cid}]",
                        f"(2) [c{k}]",
                    ]
                    ad_after += ["----", f"(3) [c{j2}]"]
                    named_pool[b].append(name)
                    counts["linked"] += 1
                    counts["named"] += 1
                    counts["supports"] += 1
                elif roll < 0.55:
                    related.add((j, i))
                    name = f"s{i}-{j}"
                    am.append(f"{name}: {cid} supports c{j}{by_text}")
                    ad_after += ["", f"<{name}>" + (f": #{by}" if by else ""), "", f"(1) [{cid}]", "----"]
                    ad_after += [f"(2) [c{j}]"]
                    named_pool[b].append(name)
                    counts["named"] += 1
                    counts["supports"] += 1
                else:
                    related.add((j, i))
                    am.append(f"{cid} supports c{j}{by_text}")
                    ad_claim.append(f"  +> [c{j}]")
                    counts["supports"] += 1
            counts["relations"] += 1
            made += 1
        if i and not made:
            # every claim but the first bears on an earlier one (no orphans for the checker)
            j = pick(b, i, i)
            if j is not None:
                am.append(f"{cid} supports c{j}")
                ad_claim.append(f"  +> [c{j}]")
                counts["supports"] += 1
            else:
                j = pick(1 - b, i, i)
                assert j is not None  # claim 0 is in one of the two blocs
                am.append(f"{cid} rebuts c{j}")
                ad_claim.append(f"  -> [c{j}]")
                counts["rebuttals"] += 1
            related.add((j, i))
            counts["relations"] += 1
        if extra_holder is not None:
            am.append(f"{extra_holder} accepts {cid}")
        pool[b].append(i)
        ad += ad_claim
        ad += ad_after
        ad.append("")
    am.append("")
    return GeneratedMap(n, seed, "\n".join(am), "\n".join(ad), counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="+", help="numbers of claims")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=".", help="folder to write the maps into")
    args = parser.parse_args(argv)
    for n in args.n:
        g = generate(n, args.seed)
        a, d = g.write(args.out)
        print(f"{a}  {d}  {g.counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
