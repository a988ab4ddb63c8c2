"""The house rule: the core and the non-Qt parts never import Qt, and nothing imports ui."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
QT_FREE = ["app", "server", "printing", "devices"]
# The only modules outside ui/ that may talk to Qt: thin adapters named in DESIGN.md.
QT_ADAPTERS = {"devices/wedge_qt.py", "printing/preview.py"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files(layer: str) -> list[Path]:
    return sorted((REPO / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", QT_FREE)
def test_core_layers_never_import_qt(layer: str) -> None:
    offenders = [
        str(p.relative_to(REPO))
        for p in _files(layer)
        if str(p.relative_to(REPO)) not in QT_ADAPTERS
        and any(n.split(".")[0] in {"PySide6", "shiboken6"} for n in _imports(p))
    ]
    assert offenders == []


@pytest.mark.parametrize("layer", [*QT_FREE])
def test_nothing_imports_the_ui(layer: str) -> None:
    offenders = [
        str(p.relative_to(REPO)) for p in _files(layer) if any(n.split(".")[0] == "ui" for n in _imports(p))
    ]
    assert offenders == []


def test_the_core_imports_none_of_the_outer_layers() -> None:
    outer = {"ui", "printing", "devices", "server", "prepdesk"}
    offenders = [
        str(p.relative_to(REPO)) for p in _files("app") if any(n.split(".")[0] in outer for n in _imports(p))
    ]
    assert offenders == []


@pytest.mark.parametrize("layer", ["printing", "devices", "server"])
def test_the_outer_layers_take_only_the_domain_from_the_core(layer: str) -> None:
    allowed = {"app", "app.domain", "app.i18n"}
    offenders = [
        f"{p.relative_to(REPO)}: {n}"
        for p in _files(layer)
        for n in _imports(p)
        if n.split(".")[0] == "app" and n not in allowed and not n.startswith("app.domain.")
    ]
    assert offenders == []
