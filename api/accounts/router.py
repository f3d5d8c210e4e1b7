"""The accounts domain's routes, assembled in the order they appear in the API description."""

from __future__ import annotations

from api.accounts.clients.router import clients
from api.accounts.registration.router import auth as registration
from api.accounts.tokens.router import auth
from api.accounts.users.router import me, users

routers = [auth, registration, me, users, clients]
links = {
    "token": "/auth/token",
    "register": "/auth/register",
    "me": "/me",
    "users": "/users",
    "clients": "/clients",
}
