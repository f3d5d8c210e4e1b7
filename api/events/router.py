"""The events domain's routes, assembled from its subjects."""

from __future__ import annotations

from api.events.events import router as events
from api.events.registrations import router as registrations

routers = [events.router, registrations.router]
links = {"events": "/events"}
