"""Every domain's routers are included straight into the app (with the /api/v1 prefix), never
through one router that includes them all: FastAPI (0.16x) matches a request by walking the routers
it includes, checking each branch's version recursively, so an umbrella router made every API
request walk every domain (about a third of a signed-in ``GET /api/v1/me``)."""

from __future__ import annotations

from typing import Any

from api import registry
from api.core.config import Settings
from api.main import API_PREFIX, create_app
from tests.conftest import TEST_SECRET


def test_domain_routers_hang_straight_under_the_app(tmp_path: Any) -> None:
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'r.db'}", secret_key=TEST_SECRET)
    app = create_app(settings)
    # FastAPI 0.16x keeps an include as a branch pointing at the router (``original_router``).
    top = {id(r.original_router) for r in app.routes if hasattr(r, "original_router")}
    domain = [
        router
        for _name, module in registry.modules("router")
        for router in (getattr(module, "routers", None) or [module.router])
    ]
    assert len(domain) > 20
    assert all(id(router) in top for router in domain)
    assert API_PREFIX in {getattr(r, "path", None) for r in app.routes}  # the API index
    # The same operations are served as before: the OpenAPI check (`langelis openapi --check`)
    # compares the whole document with openapi/openapi.json.
