"""HTTP route of the service category tree (the legal statuses are under ``/services``)."""

from __future__ import annotations

from fastapi import APIRouter

from api.core.http import op
from api.core.i18n import LocaleDep
from api.directory.categories.reference import tree
from api.directory.categories.schemas import CategoryNode, CategoryTree

router = APIRouter(tags=["directory"])


@router.get("/categories", **op(CategoryTree, "The service category tree"))
def list_categories(locale: LocaleDep) -> CategoryTree:
    def node(raw: dict[str, object]) -> CategoryNode:
        children = raw["children"]
        assert isinstance(children, list)
        return CategoryNode(
            code=str(raw["code"]),
            parent=raw["parent"] if isinstance(raw["parent"], str) else None,
            name=locale.text(raw["name"]),  # type: ignore[arg-type]
            children=[node(c) for c in children],
        )

    return CategoryTree(items=[node(n) for n in tree()])
