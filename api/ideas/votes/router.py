"""HTTP routes of votes: your vote on an idea, casting it (201 when new) and withdrawing it."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Response, status

from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.http import NoStore, op
from api.ideas.deps import Counted, Participant, counted
from api.ideas.votes import logic as votes
from api.ideas.votes.schemas import VoteRead

router = APIRouter(prefix="/ideas", tags=["ideas"], dependencies=[NoStore])


@router.get("/{idea_id}/vote", **op(VoteRead, "Your vote on an idea", (401, 403, 404)))
def read_vote(idea_id: uuid.UUID, session: SessionDep, actor: Participant) -> VoteRead:
    return votes.my_vote(session, actor=actor, idea_id=idea_id)


@router.put(
    "/{idea_id}/vote",
    response_model=VoteRead,
    summary="Vote for an idea (201 when new, 200 when you had already voted)",
    responses={
        201: {"description": "Vote cast", "model": VoteRead},
        **problem_responses(401, 403, 404, 409, 429),
    },
)
async def cast_vote(
    idea_id: uuid.UUID, response: Response, attempt: Annotated[Counted, counted("vote")]
) -> VoteRead:
    # The count, the token check and the vote in one worker thread (see Counted).
    vote, new = await attempt.run(lambda session, actor: votes.cast(session, actor=actor, idea_id=idea_id))
    response.status_code = status.HTTP_201_CREATED if new else status.HTTP_200_OK
    return vote


@router.delete(
    "/{idea_id}/vote",
    response_model=VoteRead,
    summary="Withdraw your vote",
    responses=problem_responses(401, 403, 404, 429),
)
async def withdraw_vote(idea_id: uuid.UUID, attempt: Annotated[Counted, counted("vote")]) -> VoteRead:
    # As casting: the count, the token check and the withdrawal in one worker thread.
    return await attempt.run(lambda session, actor: votes.withdraw(session, actor=actor, idea_id=idea_id))
