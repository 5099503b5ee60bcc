"""The package's import graph follows the pipeline: no cycles, and no module imports a stage above its own.

``ls analysis/`` shows the stages; this list is their order. Imports inside
functions count too (a lazy import is still a dependency), and a lazy import of
the package's own modules is not allowed at all: it is how ordering problems
were hidden.
"""

import ast

from analysis.base import paths

ANALYSIS = paths.ROOT / "analysis"
#: the stages, lowest first; a module may import modules of its own stage or below
STAGES = [
    "base",
    "words",
    "source",
    "ledger",
    "facts",
    "checks",
    "outside",
    "forecast",
    "register",
    "forensics",
    "gate",
    "render",
    "cli",
    "__main__",
    "__init__",
]
MAX_LINES = 400


def _stage(module: str) -> str:
    """analysis.source.capture -> source; analysis.register -> register."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(ANALYSIS.rglob("*.py")):
        rel = path.relative_to(paths.ROOT).with_suffix("")
        name = ".".join(rel.parts)
        if name.endswith(".__init__") and name != "analysis.__init__":
            name = name[: -len(".__init__")]
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def _deps(tree: ast.Module) -> set[str]:
    deps = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis"):
            for alias in node.names:  # `from analysis.render import cards` names the module analysis.render.cards
                deps.add(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            deps.update(a.name for a in node.names if a.name.startswith("analysis"))
        assert not (isinstance(node, ast.ImportFrom) and node.level), "use absolute imports of the package"
    return deps


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, tree in modules.items():
        resolved = set()
        for dep in _deps(tree):
            while dep not in modules and "." in dep:  # `from analysis.x.y import a_function`
                dep = dep.rsplit(".", 1)[0]
            if dep in modules and dep != name:
                resolved.add(dep)
        graph[name] = resolved
    return graph


def test_every_module_is_in_a_stage():
    assert {_stage(m) for m in _graph()} <= set(STAGES)


def test_no_module_imports_a_stage_above_its_own():
    rank = {s: i for i, s in enumerate(STAGES)}
    upward = [(m, d) for m, deps in _graph().items() for d in deps if rank[_stage(d)] > rank[_stage(m)]]
    assert upward == []


def test_no_import_cycle():
    graph = _graph()
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for dep in sorted(graph.get(node, ())):
            if dep.startswith(node + ".") or node.startswith(dep + "."):
                continue  # a package and its own modules (its __init__ re-exports them)
            if state.get(dep) == "open":
                raise AssertionError("cycle: " + " -> ".join(trail + [node, dep]))
            if dep not in state:
                visit(dep, trail + [node])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_no_lazy_import_of_the_package():
    """Imports of the package's own modules sit at the top of the module; only heavy third-party
    libraries (statsmodels, seaborn, OpenCC, ...) are imported inside functions."""
    lazy = []
    for name, tree in _modules().items():
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis"):
                        lazy.append(f"{name}.{fn.name}")
    assert lazy == []


def test_no_module_is_over_the_size_limit():
    long = {
        p.relative_to(paths.ROOT).as_posix(): n
        for p in ANALYSIS.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_finding_type_depends_only_on_the_layers_below_the_checks():
    assert {_stage(d) for d in _graph()["analysis.checks.finding"]} <= {"base", "words", "ledger"}
