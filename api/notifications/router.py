"""The notification centre's routes (preferences before ``/{id}`` paths) and the admin jobs page."""

from __future__ import annotations

from api.notifications.admin import router as admin
from api.notifications.centre import router as centre
from api.notifications.preferences import router as preferences

routers = [preferences.router, centre.router, admin.router]
links = {"notifications": "/notifications"}
