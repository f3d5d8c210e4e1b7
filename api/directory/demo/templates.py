"""Service templates of the demo and benchmark data: one per kind of service, named in lt/en/uk/ru
(two modules, so that neither passes 400 lines)."""

from __future__ import annotations

from api.directory.demo.templates_a import FIRST, T
from api.directory.demo.templates_b import SECOND

TEMPLATES: list[T] = [*FIRST, *SECOND]
