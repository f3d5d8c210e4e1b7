"""HTTP routes of the directory: categories, services, organisations, locations (``/api/v1``) and
the HSDS 3.0 feed (``/hsds``). Each subject package holds its own router; this assembles them in
the order the OpenAPI file lists them, and names the directory's middleware."""

from __future__ import annotations

from api.directory.answers import RememberedPublicPages
from api.directory.categories.router import router as categories
from api.directory.corrections.router import private as corrections_queue
from api.directory.corrections.router import router as corrections
from api.directory.hsds.router import router as hsds_router
from api.directory.locations.router import router as locations
from api.directory.organizations.router import router as organizations
from api.directory.services.router import router as services
from api.directory.unmet.router import private as unmet_reports
from api.directory.unmet.router import router as unmet

routers = [
    categories,
    services,
    corrections,
    corrections_queue,
    unmet,
    unmet_reports,
    organizations,
    locations,
]
root_routers = [hsds_router]
# Remembered public pages answered before routing (answers.py).
middleware = [RememberedPublicPages]
