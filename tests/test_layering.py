"""The layers of docs/design.md, enforced: every import in the package runs one way, and none
closes a circle.

Each module of ``src/charter`` is parsed (not imported) and every ``import`` in it is read,
those inside functions included. An import from a lower layer into a higher one fails the
test; so does a circle of modules importing one another. Imports under ``if TYPE_CHECKING:``
are never run: they may cross layers only where listed in ``TYPE_ONLY`` with the reason.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "charter"

# The layers, lowest first. A module may import its own layer and those below it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundation",
        (
            "charter.engine.errors",
            "charter.engine._days",
            "charter.engine.dates",
            "charter.engine._gc",
            "charter.engine._iso3166",
            "charter.engine._packnames",
            "charter.engine.packs",
            "charter.engine._installed",
            "charter.engine.model",
        ),
    ),
    ("files", ("charter.files",)),
    ("engine", ("charter.engine",)),
    ("packs", ("charter.rulebooks",)),
    ("output", ("charter.output",)),
    ("front ends", ("charter.cli", "charter.web")),
    (
        "facade",
        (
            "charter",
            "charter._main",
            "charter.__main__",
            "charter.strategies",
            "charter.pytest_plugin",
        ),
    ),
)

# The packs sit above the engine but nothing of the core imports them: the engine reaches a
# pack through its entry point (``charter.engine.packs``), never by name.
PACKS = "charter.rulebooks"
MAY_IMPORT_PACKS: dict[str, str] = {
    "charter": "the public facade re-exports the csto registry and rule ids (charter.REGISTRY, "
    "charter.RULE_IDS) as it always has",
}

# Imports only the type checker follows, allowed across layers, each with its reason.
TYPE_ONLY: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    """The rank of the layer ``module`` belongs to (the most specific prefix wins)."""
    best, rank = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    assert rank >= 0, f"{module} is in no layer of LAYERS"
    return rank


@dataclass(frozen=True)
class Import:
    """One import statement: who imports what, where, and whether only for the type checker."""

    source: str
    target: str
    line: int
    type_only: bool


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.Import | ast.ImportFrom, source: str, known: set[str]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
        return
    base = node.module or ""
    if node.level:
        package = source.split(".")
        if modules()[source].name != "__init__.py":
            package = package[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    for alias in node.names:
        name = f"{base}.{alias.name}"
        yield name if name in known else base


def imports_of(source: str, path: Path, known: set[str]) -> Iterator[Import]:
    """Every import of charter's own modules in ``path``, function bodies included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for inner in node.body:
                guarded.update(id(sub) for sub in ast.walk(inner))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for named in _targets(node, source, known):
                if named == "charter" or named.startswith("charter."):
                    target = named
                    while target not in known and "." in target:
                        target = target.rpartition(".")[0]
                    yield Import(source, target, node.lineno, id(node) in guarded)


def all_imports() -> list[Import]:
    """The imports of every module of the package."""
    found = modules()
    known = set(found)
    return [item for name, path in found.items() for item in imports_of(name, path, known)]


def against_layers(items: list[Import]) -> list[str]:
    """The imports that run against the layers, one line each."""
    wrong = []
    for item in items:
        if item.target == item.source or item.source.startswith(item.target + "."):
            continue  # a module's own package, loaded first by Python anyway
        if (item.source, item.target) in TYPE_ONLY and item.type_only:
            continue
        into_pack = item.target == PACKS or item.target.startswith(PACKS + ".")
        from_pack = item.source.startswith(PACKS + ".")
        if into_pack and not from_pack and item.source not in MAY_IMPORT_PACKS:
            wrong.append(f"{item.source}:{item.line} imports the pack module {item.target}")
        elif layer_of(item.target) > layer_of(item.source):
            up = LAYERS[layer_of(item.target)][0]
            down = LAYERS[layer_of(item.source)][0]
            wrong.append(f"{item.source}:{item.line} ({down}) imports {item.target} ({up})")
    return wrong


def circles(items: list[Import]) -> list[list[str]]:
    """Every circle of modules that import one another (imports the program runs)."""
    graph: dict[str, set[str]] = {}
    for item in items:
        if not item.type_only and item.target != item.source:
            if item.source.startswith(item.target + "."):
                continue  # a package's own __init__ is not a dependency a module chose
            graph.setdefault(item.source, set()).add(item.target)
    # Tarjan's strongly connected components, iteratively.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_every_module_is_in_a_layer() -> None:
    """Each module of the package belongs to one of the written layers."""
    for name in modules():
        layer_of(name)


def test_no_import_runs_against_the_layers() -> None:
    """No module imports a higher layer, and nothing of the core imports a pack."""
    assert against_layers(all_imports()) == []


def test_no_import_circle() -> None:
    """No modules import one another in a circle, counting imports inside functions."""
    assert circles(all_imports()) == []


def test_type_only_exemptions_are_still_needed() -> None:
    """Each listed type-checking exemption names an import that exists and needs it."""
    items = {(item.source, item.target) for item in all_imports() if item.type_only}
    for pair in TYPE_ONLY:
        assert pair in items, pair


@pytest.mark.parametrize(
    ("source", "target", "wrong"),
    [
        ("charter.engine.model", "charter.output.report", True),
        ("charter.engine.timeline", "charter.rulebooks.csto.rules", True),
        ("charter.files.loading", "charter.engine.replaying", True),
        ("charter.cli", "charter.output.report", False),
        ("charter.rulebooks.csto", "charter.engine.timeline", False),
        ("charter.rulebooks.csto", "charter.output.report", True),
    ],
)
def test_the_checker_sees_a_wrong_import(source: str, target: str, wrong: bool) -> None:
    """The checker itself flags an import against the layers, and passes one with them."""
    found = against_layers([Import(source, target, 1, type_only=False)])
    assert bool(found) is wrong


def test_the_checker_sees_a_circle() -> None:
    """A circle of three modules is found, a chain is not."""
    chain = [Import("a", "b", 1, False), Import("b", "c", 1, False)]
    assert circles(chain) == []
    assert circles([*chain, Import("c", "a", 1, False)]) == [["a", "b", "c"]]


def test_pack_exemptions_are_still_needed() -> None:
    """Each module allowed to import a pack still does (else it leaves the list)."""
    importing = {
        item.source
        for item in all_imports()
        if item.target == PACKS or item.target.startswith(PACKS + ".")
    }
    for module in MAY_IMPORT_PACKS:
        assert module in importing, module
