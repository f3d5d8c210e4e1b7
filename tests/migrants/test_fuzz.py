"""Property-based run over this domain's routes as a coordinator and as a provider: no server
error, and every answer matches its declared status, media type and schema."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings

from tests.test_schemathesis import CHECKS, _schema_app

MAX_EXAMPLES = int(os.environ.get("LANGELIS_SCHEMATHESIS_EXAMPLES", "25"))
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _schema_app()).include(
    path_regex=r"^/api/v1/(migrants|cases|referrals|referral-inbox|returnee-package|transfers|audit)"
)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_migrants_api_as_coordinator(case, app, db, auth, base):
    case.call_and_validate(app=app, headers=auth.headers(base.coordinator_special), checks=CHECKS)


@schema.parametrize()
@settings(
    max_examples=max(5, MAX_EXAMPLES // 3),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_migrants_api_as_provider(case, app, db, auth, base):
    case.call_and_validate(app=app, headers=auth.headers(base.provider), checks=CHECKS)
