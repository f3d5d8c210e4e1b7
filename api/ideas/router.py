"""The ideas domain's routes, assembled from its subjects. Under ``/ideas`` the board's fixed paths
(``/categories``, ``/export``…) come first, then one idea and what hangs off it."""

from __future__ import annotations

from api.ideas.answers import router as answers
from api.ideas.budgets import router as budgets
from api.ideas.comments import router as comments
from api.ideas.ideas import router as ideas
from api.ideas.moderation import router as moderation
from api.ideas.open_calls import router as open_calls
from api.ideas.votes import router as votes

routers = [
    ideas.router,
    votes.router,
    moderation.flags,
    comments.router,
    answers.router,
    moderation.router,
    budgets.router,
    budgets.ballot_router,
    open_calls.router,
]
links = {
    "ideas": "/ideas",
    "budgets": "/budgets",
    "open_calls": "/open-calls",
    "moderation": "/moderation/cases",
}
