"""The indicators domain's routes: definitions and data under /indicators, analytics, reports."""

from __future__ import annotations

import os

from fastapi import APIRouter

from api.core.config import get_settings
from api.core.db import make_engine, make_session_factory
from api.indicators.analytics import router as analytics
from api.indicators.data import router as data
from api.indicators.definitions import router as definitions
from api.indicators.jobs import start_scheduler
from api.indicators.reports import router as reports


def _start_scheduler() -> None:
    """The in-app daily derivation, when LANGELIS_INDICATORS_DERIVE_AT is set (see jobs.py)."""
    if not os.environ.get("LANGELIS_INDICATORS_DERIVE_AT"):
        return
    start_scheduler(make_session_factory(make_engine(get_settings().database_url)))


indicators = APIRouter(on_startup=[_start_scheduler])
# The collection, then the fixed paths (/data, /imports…), then one definition (/{code}).
for part in (definitions.collection, data.router, definitions.item):
    indicators.include_router(part, prefix="/indicators")

routers = [indicators, analytics.router, reports.router]
links = {"indicators": "/indicators", "analytics": "/analytics", "reports": "/reports/monitoring"}
