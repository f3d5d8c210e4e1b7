"""The events domain's routes, assembled from its subjects. The ``.ics`` route of one event comes
before ``/events/{event_id}`` so that the suffix is not read as an id."""

from __future__ import annotations

from api.events.events import router as events
from api.events.feeds import router as feeds
from api.events.organisers import router as organisers
from api.events.registrations import router as registrations

routers = [
    feeds.router,
    feeds.private,
    events.router,
    registrations.router,
    registrations.mine,
    organisers.router,
]
links = {"events": "/events"}
