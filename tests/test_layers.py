"""The layers of bot/ and the rules between them (docs/architecture.md), read from the source with `ast`.

Every import counts, at module level or inside a function: a deferred import is still a dependency.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BOT = REPO / "bot"
MAX_MODULE_LINES = 500


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of bot/, by dotted name."""
    return {_module_name(p): p for p in sorted(BOT.rglob("*.py"))}


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".")
    is_package = modules().get(module, Path()).name == "__init__.py"
    base = package if is_package else package[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


@cache
def imports_of(module: str) -> frozenset[str]:
    """The modules of ours that `module` imports (a name imported from a package counts as its submodule when
    there is one: `from bot.pipeline import digest`)."""
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in modules())
    ours = {name for name in found if name == "bot" or name.startswith("bot.")}
    return frozenset(name for name in ours if name in modules())


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_module_table_sees_every_package() -> None:
    names = modules()
    for expected in (
        "bot.model",
        "bot.pipeline",
        "bot.pipeline.digest",
        "bot.service",
        "bot.cli",
        "bot.render",
    ):
        assert expected in names
    assert any(_in(name, "bot.telegram") for name in names)
    assert any(_in(name, "bot.sources") for name in names)
    assert "bot.pipeline.digest" in imports_of("bot.pipeline")  # the reader follows `from … import`


@pytest.mark.parametrize("module", ["bot.model", "bot.errors", "bot.config"])
def test_the_base_modules_import_nothing_of_ours(module: str) -> None:
    assert imports_of(module) == frozenset()


def test_the_pipeline_imports_only_the_model_the_errors_and_itself() -> None:
    allowed = ("bot.model", "bot.errors", "bot.pipeline")
    for module in modules():
        if _in(module, "bot.pipeline"):
            strays = {i for i in imports_of(module) if not any(_in(i, a) for a in allowed)}
            assert not strays, f"{module} imports {sorted(strays)}"


def test_english_and_russian_actors_never_import_each_other() -> None:
    for module in modules():
        for this, other in (("en", "ru"), ("ru", "en")):
            if _in(module, f"bot.pipeline.actors.{this}"):
                assert not any(_in(i, f"bot.pipeline.actors.{other}") for i in imports_of(module)), module


def test_no_pipeline_step_imports_the_digest_that_runs_it() -> None:
    for module in modules():
        if _in(module, "bot.pipeline") and module not in ("bot.pipeline", "bot.pipeline.digest"):
            assert "bot.pipeline.digest" not in imports_of(module), module


def test_the_shell_uses_only_the_pipelines_public_face() -> None:
    for module in modules():
        if not _in(module, "bot.pipeline"):
            inner = {i for i in imports_of(module) if _in(i, "bot.pipeline") and i != "bot.pipeline"}
            assert not inner, f"{module} reaches into {sorted(inner)}"


def test_telegram_never_imports_the_pipeline() -> None:
    for module in modules():
        if _in(module, "bot.telegram"):
            assert not any(_in(i, "bot.pipeline") for i in imports_of(module)), module


def test_a_link_is_normalized_only_where_a_message_enters() -> None:
    entry_points = {"bot.telegram.incoming", "bot.cli", "bot.sources.links"}
    callers = set()
    for module, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name == "normalize_url":
                    callers.add(module)
    assert callers <= entry_points, sorted(callers - entry_points)


def test_bench_never_imports_tests() -> None:
    for path in sorted((REPO / "bench").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n == "tests" or n.startswith(("tests.", "conftest")) for n in names), path
        assert "sys.path" not in path.read_text(encoding="utf-8"), f"{path} edits sys.path"


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle in an import graph, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_circle_finder_finds_a_circle_and_only_a_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_circle_in_bot() -> None:
    found = _cycle({m: set(imports_of(m)) for m in modules()})
    assert found is None, " → ".join(found or [])


def test_no_module_is_over_the_size_of_one_job() -> None:
    big = {
        name: n
        for name, path in modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not big, big
