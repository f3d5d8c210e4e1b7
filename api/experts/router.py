"""The experts domain's routes, assembled from its subject packages. The order is the order of the
paths in the OpenAPI file, and ``/experts/me…`` must come before ``/experts/{expert_id}``."""

from __future__ import annotations

from api.experts.invitations import router as invitations
from api.experts.mentoring import router as mentoring
from api.experts.profiles import router as profiles
from api.experts.requests import router as requests

routers = [
    profiles.reference,
    profiles.own,
    invitations.mine,
    profiles.cards,
    requests.router,
    invitations.board,
    mentoring.mentors,
    mentoring.mentorships,
]
links = {
    "experts": "/experts",
    "expert_showcase": "/experts/showcase",
    "competences": "/competences",
    "expert_requests": "/expert-requests",
    "public_expert_requests": "/expert-requests/public",
    "mentors": "/mentors",
    "mentorships": "/mentorships",
}
