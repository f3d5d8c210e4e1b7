"""The admin's view of background jobs (api.core.jobs): periodic jobs, last runs, failures, queue."""

from __future__ import annotations

from fastapi import APIRouter

from api.accounts.deps import UserActor
from api.core import jobs
from api.core.config import SettingsDep
from api.core.db import SessionDep
from api.core.errors import forbidden
from api.core.http import NoStore, op
from api.notifications.admin.schemas import JobsStatus

router = APIRouter(prefix="/admin/jobs", tags=["admin"], dependencies=[NoStore])


@router.get(
    "",
    **op(
        JobsStatus, "Background jobs: periodic tasks, last runs, failures and the queue (admins)", (401, 403)
    ),
)
def jobs_status(session: SessionDep, actor: UserActor, settings: SettingsDep) -> JobsStatus:
    if not actor.is_admin:
        raise forbidden("Only administrators see the background jobs.")
    return JobsStatus.model_validate(jobs.status(session, settings))
