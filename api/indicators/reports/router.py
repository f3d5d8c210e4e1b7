"""Evaluation reports over HTTP: a municipality's monitoring report (HTML) and its stylesheet."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.accounts.deps import ActorDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.i18n import LocaleDep
from api.indicators.reports import html, logic

router = APIRouter(prefix="/reports", tags=["reports"])
REPORT_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


@router.get(
    "/monitoring",
    response_class=HTMLResponse,
    summary="Interim or final evaluation report of a municipality (HTML, printable to PDF)",
    responses={**problem_responses(422), 200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
)
def monitoring_report(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    municipality: Annotated[str, Query(max_length=60, description="Municipality slug")],
    from_: Annotated[
        str | None, Query(alias="from", max_length=10, description="First year, e.g. `2021`")
    ] = None,
    to: Annotated[
        str | None,
        Query(max_length=10, description="Last year (default: the latest year with data, at most this year)"),
    ] = None,
    kind: Literal["interim", "final"] = "interim",
    include_drafts: Annotated[
        bool, Query(description="Readers of the municipality's data may include drafts (marked †)")
    ] = False,
) -> HTMLResponse:
    asked = logic.Asked(municipality, from_, to, kind, include_drafts)
    stylesheet = str(request.url_for("monitoring_report_css"))
    today = datetime.now(UTC).date()
    document, drafts = logic.monitoring(
        session, actor=actor, asked=asked, lang=locale.lang, stylesheet=stylesheet, today=today
    )
    headers = {"Content-Security-Policy": REPORT_CSP, "Content-Language": locale.lang}
    if drafts:
        headers["Cache-Control"] = "private, no-store"
    return HTMLResponse(document, headers=headers)


@router.get("/monitoring.css", summary="The report's stylesheet", response_class=Response,
            responses={200: {"content": {"text/css": {"schema": {"type": "string"}}}}})  # fmt: skip
def monitoring_report_css() -> Response:
    return Response(html.STYLESHEET, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})
