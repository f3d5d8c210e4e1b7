"""Property-based run over the whole OpenAPI document, in-process: no server error, and every answer
matches its declared status, media type and schema. Runs as an admin and as an anonymous caller."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.specs.openapi import checks as oa_checks

MAX_EXAMPLES = int(os.environ.get("LANGELIS_SCHEMATHESIS_EXAMPLES", "25"))


def _schema_app():
    # The document does not depend on the database: build it from an app that never connects,
    # and send each case to the test app (whose sessions run in the test's rolled-back transaction).
    from api.core.config import Settings
    from api.main import create_app

    return create_app(Settings(_env_file=None, database_url="sqlite://", secret_key="x" * 40))


schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _schema_app())
# The coverage phase sends every boundary value the schema defines (hundreds per operation). The
# admin run keeps it; calling each operation with every other HTTP method too adds ~40% to the run
# and checks only the router's 405, which tests/core covers. The anonymous run stops at the
# first answer (401/404) for most operations, so it uses the generated phases only.
schema.config.phases.coverage.unexpected_methods = {"options", "trace"}
anonymous_schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _schema_app())
anonymous_schema.config.phases.coverage.enabled = False

CHECKS = [
    checks.not_a_server_error,
    oa_checks.status_code_conformance,
    oa_checks.content_type_conformance,
    oa_checks.response_schema_conformance,
    oa_checks.response_headers_conformance,
]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_as_admin(case, app, db, auth, base):
    case.call_and_validate(app=app, headers=auth.headers(base.admin), checks=CHECKS)


@anonymous_schema.parametrize()
@settings(
    max_examples=max(5, MAX_EXAMPLES // 3),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_anonymous(case, app, db):
    case.call_and_validate(app=app, checks=CHECKS)
