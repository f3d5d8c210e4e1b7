"""The municipality's returnee package: read it, define it (If-Match once it exists)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.core.db import SessionDep
from api.core.http import op, with_etag
from api.migrants.deps import ReaderActor, WriterActor, municipality_of
from api.migrants.package import logic
from api.migrants.schemas import PackageRead, PackageWrite

router = APIRouter(tags=["migrants"])


@router.get("/returnee-package", **op(PackageRead, "Your municipality's returnee package", (401, 403)))
def read_package(session: SessionDep, actor: ReaderActor, response: Response) -> PackageRead:
    mid = municipality_of(actor)
    row = logic.get(session, mid)
    return with_etag(response, row.version if row else 0, logic.to_read(session, mid, row))


@router.put(
    "/returnee-package",
    **op(PackageRead, "Define the returnee package (If-Match once it exists)", (401, 403, 412, 422, 428)),
)
def write_package(
    request: Request, session: SessionDep, actor: WriterActor, body: PackageWrite, response: Response
) -> PackageRead:
    mid = municipality_of(actor)
    row = logic.write(
        session, actor=actor, municipality_id=mid, data=body, if_match=request.headers.get("if-match")
    )
    return with_etag(response, row.version, logic.to_read(session, mid, row))


routers = [router]
