"""ASGI entry point for uvicorn workers: ``uvicorn api.asgi:app``."""

import gc

from api.main import create_app


def freeze_startup_heap() -> None:
    """Take what is alive once the worker has started out of the cyclic garbage collector's sight.

    A worker holds some 370,000 long-lived objects after start-up (routes, models, SQLAlchemy
    tables, compiled schemas). Every full collection walked all of them: about 100 ms, once every
    few requests that make many objects (an analytics answer of 2,400 cells), a stall for every
    request in flight. Frozen, a full collection took about 10 ms. Objects made later are collected
    as before; the frozen ones are never garbage (they live as long as the worker). Only the server
    does this: tests build many apps in one process, and freezing each would keep them all.
    """
    gc.collect()
    gc.freeze()


app = create_app()
app.router.on_startup.append(freeze_startup_heap)
