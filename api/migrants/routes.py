"""What the one-stop shop's routers share: a router of personal data, and the problem statuses of
the routes on one record (reached by its id)."""

from __future__ import annotations

from fastapi import APIRouter

from api.core.http import NoStore

# Reading one record: another municipality's record, or a caller without the scope, is a 404.
READ_ERRORS = (401, 403, 404)
# Changing one record: also conflicts, checks, and If-Match (412 stale, 428 missing).
WRITE_ERRORS = (401, 403, 404, 409, 412, 422, 428)


def personal(prefix: str = "", tag: str = "migrants") -> APIRouter:
    """A router of the one-stop shop: everything it serves is personal data, never cached, and its
    reads are audited (see ``NoStore``)."""
    return APIRouter(prefix=prefix, tags=[tag], dependencies=[NoStore])
