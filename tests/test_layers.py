"""The package's import graph: no cycles, and no module imports one above it.

Imports inside functions count too: a lazy import is still a dependency.
"""
import ast

from analysis import paths

#: lower layers first; a module may import only modules of its own layer or below (and no cycle)
LAYERS = [
    {"paths", "numbers", "textsim", "memo", "errors"},
    {"csvio"},
    {"intervals", "source", "ledger"},
    {"finding", "retellings", "candidates", "facts"},
    {"restatement", "relations", "share_sums", "official", "forecast", "trajectories"},  # the checks
    {"findings", "gate", "outside"},  # assembles the register; validates every file; the outside record
    {"annotate"},  # the annotated text (HTML)
    {"cards"},  # finding cards and retold passages (HTML)
    {"chapters", "overview", "plots", "book_tables", "export"},  # what the book shows and publishes
    {"cli", "cli_audit", "cli_facts", "__main__", "__init__"},
]


def _imports() -> dict[str, set[str]]:
    graph = {}
    for path in sorted((paths.ROOT / "analysis").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    deps.add(node.module.split(".")[0])
                else:
                    deps.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis"):
                deps.add((node.module.split(".") + [""])[1] or node.names[0].name)
        graph[path.stem] = deps - {path.stem}
    return graph


def test_every_module_has_a_layer():
    graph = _imports()
    assert set(graph) <= set().union(*LAYERS), set(graph) - set().union(*LAYERS)


def test_no_module_imports_one_above_it():
    layer = {m: i for i, group in enumerate(LAYERS) for m in group}
    graph = _imports()
    upward = [(m, d) for m, deps in graph.items() for d in deps if layer.get(d, -1) > layer[m]]
    assert upward == []


def test_no_import_cycle():
    graph = _imports()
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == "open":
                raise AssertionError("cycle: " + " -> ".join(trail + [node, dep]))
            if dep not in state:
                visit(dep, trail + [node])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_the_finding_type_depends_only_on_the_ledger_and_intervals():
    assert _imports()["finding"] <= {"intervals", "ledger"}
