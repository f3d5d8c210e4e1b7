from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.core.db import SessionDep
from api.core.http import op
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep, set_link_header
from api.municipalities import logic
from api.municipalities.schemas import MunicipalityList, MunicipalityRead

router = APIRouter(prefix="/municipalities", tags=["municipalities"])


@router.get("", **op(MunicipalityList, "List municipalities"))
def list_municipalities(
    request: Request,
    response: Response,
    session: SessionDep,
    locale: LocaleDep,
    page: PageDep,
    county: Annotated[str | None, Query(max_length=40, description="County code, e.g. `kauno`")] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Name, any language, ignoring diacritics")
    ] = None,
) -> MunicipalityList:
    rows, next_cursor = logic.list_municipalities(session, params=page, county=county, q=q)
    set_link_header(request, response, next_cursor)
    return MunicipalityList(items=[logic.to_read(m, locale) for m in rows], next_cursor=next_cursor)


@router.get("/{slug}", **op(MunicipalityRead, "Get a municipality", (404,)))
def get_municipality(slug: str, session: SessionDep, locale: LocaleDep) -> MunicipalityRead:
    return logic.to_read(logic.get_by_slug(session, slug), locale)


links = {"municipalities": "/municipalities"}
