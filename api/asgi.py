"""ASGI entry point for uvicorn workers: ``uvicorn api.asgi:app``."""

from api.main import create_app, freeze_startup_heap

app = create_app()
# Only the server: tests build many apps in one process, and freezing each would keep them all.
app.router.on_startup.append(freeze_startup_heap)
