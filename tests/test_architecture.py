"""The house's rules, read off the package's own imports: no import cycles, and the layers of the
pipeline only ever import downwards (docs/architecture.md draws the map).

Every ``import`` of an argmap module counts, at the top of a module or inside a function (a lazy
import is still a dependency), except those under ``if TYPE_CHECKING:``, which never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "argmap"

#: The layers, bottom first. A module may import its own layer and the layers below it.
LAYERS: list[tuple[str, ...]] = [
    ("argmap.errors", "argmap.util"),
    ("argmap.span", "argmap.model", "argmap.diagnostics"),
    ("argmap.builder", "argmap.syntax"),
    ("argmap.semantics",),
    ("argmap.checks",),
    ("argmap.drawing",),
    ("argmap.formats",),
    ("argmap.lsp",),
    ("argmap.cli", "argmap.__main__"),
]

#: The one kind of import that may point up: Jupyter's display hooks on a map (methods named
#: ``_repr_*`` of argmap.model) draw it, importing the drawing layer when a notebook asks.
DISPLAY_HOOKS = ("argmap.model", "_repr_")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, *, typing: bool = False, hooks: bool = True) -> set[str]:
    """The argmap modules ``module`` imports when it runs (with ``typing``, also those it
    imports only for the type checker; without ``hooks``, leaving out the imports inside the
    model's display hooks)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test) and not typing:
            for child in node.orelse:
                visit(child)
            return
        hook = isinstance(node, ast.FunctionDef) and (module, node.name[:6]) == DISPLAY_HOOKS
        if hook and not hooks:
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "argmap")
        elif (
            isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("argmap")
        ):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else str(node.module))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(module)
    return found


GRAPH = {m: _imports(m) for m in MODULES}
#: Without the imports inside the model's display hooks: the layers' own dependencies.
LAYER_GRAPH = {m: _imports(m, hooks=False) for m in MODULES}
#: With the imports only the type checker follows (display hooks left out): a cycle there is
#: still a knot to untie.
TYPING_GRAPH = {m: _imports(m, typing=True, hooks=False) for m in MODULES}


def _layer(module: str) -> int | None:
    for i, names in enumerate(LAYERS):
        if any(module == n or module.startswith(n + ".") for n in names):
            return i
    return None


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if m != "argmap" and _layer(m) is None] == []


def test_the_package_root_is_only_imported_for_its_version() -> None:
    """``argmap/__init__.py`` gives out every public name lazily; a module below it that took one
    from there would hide an upward import."""
    taken = {}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "argmap" and node.level == 0:
                names = {a.name for a in node.names} - set(MODULES)
                if names - {"__version__"}:
                    taken[module] = names
    assert taken == {}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "argmap"))
def test_imports_point_down(module: str) -> None:
    mine = _layer(module)
    assert mine is not None
    upward = sorted(t for t in LAYER_GRAPH[module] if t != "argmap" and (_layer(t) or 0) > mine)
    assert upward == [], f"{module} (layer {mine}) imports from a layer above it"


def test_only_the_model_s_display_hooks_import_upwards() -> None:
    """The display hooks are the one exception, and only the model's: what they import is what
    the model imports beyond its layer, all of it in the drawing layer."""
    hooked = GRAPH["argmap.model"] - LAYER_GRAPH["argmap.model"]
    assert hooked and all(_layer(t) == _layer("argmap.drawing") for t in hooked), hooked


def test_no_import_cycles() -> None:
    # The package root is left out: it imports everything, lazily, to give out the public names.
    graph = {
        m: {t for t in ts if t in GRAPH and t != "argmap"} for m, ts in TYPING_GRAPH.items() if m != "argmap"
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt)
        path.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            walk(module)
    assert cycles == []


def test_the_checker_sees_lazy_imports_and_skips_type_checking_ones() -> None:
    """The rules above would pass vacuously if the reader of imports missed the lazy ones."""
    assert "argmap.drawing.render" in GRAPH["argmap.model"]  # inside _repr_svg_
    assert "argmap.diagnostics" not in GRAPH["argmap.model"]  # only under TYPE_CHECKING
    assert "argmap.diagnostics" in TYPING_GRAPH["argmap.model"]
    assert "argmap.syntax.parser" in GRAPH["argmap.cli.common"]  # inside read_map
