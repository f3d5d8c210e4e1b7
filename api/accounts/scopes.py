"""Roles and the scopes each role may hold. Every permission check names a scope from here.

A token carries the scopes granted at login (the role's scopes, plus any extra an admin granted,
narrowed to what the client asked for). On each request the scopes are intersected again with what
the account holds now, so a demotion takes effect at once.
"""

from __future__ import annotations

from typing import Literal

Role = Literal["admin", "coordinator", "provider", "analyst", "expert", "resident"]
ROLES: tuple[Role, ...] = ("admin", "coordinator", "provider", "analyst", "expert", "resident")

SCOPES: dict[str, str] = {
    "profile": "Read and change your own account",
    "directory:write": "Create and change organisations, services and locations you are responsible for",
    "directory:verify": "Mark services as verified",
    "migrants:read": "Read people, cases and referrals of your municipality",
    "migrants:write": "Register people, manage cases and referrals of your municipality",
    "migrants:special": "Read and write special-category (GDPR art. 9) notes",
    "migrants:intake": "Machine intake of people from a municipal system",
    "referrals:inbox": "Receive and answer referrals to your organisation's services",
    "audit:read": "Read the audit log",
    "experts:profile": "Keep your own expert profile",
    "experts:contact": "See experts' contact details where they consented",
    "expert_requests:write": "Post requests for expert opinion and invite experts",
    "experts:manage": "Mark notable experts and link mentors to cases",
    "ideas:participate": "Propose ideas, vote, comment and flag",
    "ideas:moderate": "Moderate ideas and comments, answer ideas",
    "budgets:manage": "Run participatory budgets and open calls",
    "indicators:read": "Read restricted and draft indicator data",
    "indicators:write": "Load indicator data and manage definitions",
    "indicators:publish": "Publish indicator data",
    "users:manage": "Manage accounts",
    "clients:manage": "Manage machine clients",
    "webhooks:manage": "Subscribe partner systems' endpoints to webhooks",
    "translate:lt": "Translate public texts into Lithuanian (volunteer translators)",
    "translate:en": "Translate public texts into English (volunteer translators)",
    "translate:uk": "Translate public texts into Ukrainian (volunteer translators)",
    "translate:ru": "Translate public texts into Russian (volunteer translators)",
}

_PARTICIPANT = {"profile", "ideas:participate"}
# What platform administrators and municipal coordinators both do.
_STAFF = {
    "directory:write",
    "directory:verify",
    "audit:read",
    "experts:contact",
    "experts:manage",
    "expert_requests:write",
    "ideas:moderate",
    "budgets:manage",
    "indicators:read",
    "indicators:publish",
    "users:manage",
    "webhooks:manage",
}

ROLE_SCOPES: dict[str, frozenset[str]] = {
    "admin": frozenset({*_PARTICIPANT, *_STAFF, "indicators:write", "clients:manage"}),
    "coordinator": frozenset({*_PARTICIPANT, *_STAFF, "migrants:read", "migrants:write"}),
    "provider": frozenset(
        {
            *_PARTICIPANT,
            "directory:write",
            "referrals:inbox",
            "experts:contact",
            "expert_requests:write",
            "webhooks:manage",
        }
    ),
    "analyst": frozenset({*_PARTICIPANT, "indicators:read", "indicators:write", "indicators:publish"}),
    "expert": frozenset({*_PARTICIPANT, "experts:profile"}),
    "resident": frozenset(_PARTICIPANT),
}

# Scopes an admin may additionally grant to a person (never more than the role could use).
_TRANSLATOR = frozenset({"translate:lt", "translate:en", "translate:uk", "translate:ru"})
GRANTABLE: dict[str, frozenset[str]] = {
    "coordinator": frozenset({"migrants:special"}),
    "resident": _TRANSLATOR,
    "expert": _TRANSLATOR,
}

# Scopes a machine client may hold; a client bound to an organisation gets no municipality-wide scope.
CLIENT_SCOPES = frozenset(
    {
        "directory:write",
        "migrants:intake",
        "referrals:inbox",
        "indicators:read",
        "indicators:write",
        "indicators:publish",
        "webhooks:manage",
    }
)
ORGANIZATION_CLIENT_SCOPES = frozenset({"directory:write", "referrals:inbox", "webhooks:manage"})
# A client bound to no place (a ministry, the statistics office) may only work with indicators.
NATIONAL_CLIENT_SCOPES = frozenset({"indicators:read", "indicators:write", "indicators:publish"})

# Roles tied to one municipality, to one organisation, or optionally to one municipality.
MUNICIPAL_ROLES = frozenset({"coordinator"})
ORGANIZATION_ROLES = frozenset({"provider"})
OPTIONAL_MUNICIPALITY_ROLES = frozenset({"analyst"})
SELF_REGISTER_ROLES = ("resident", "expert")


def allowed_scopes(role: str, extra: list[str] | None = None) -> frozenset[str]:
    granted = set(ROLE_SCOPES.get(role, frozenset()))
    granted |= set(extra or []) & GRANTABLE.get(role, frozenset())
    return frozenset(granted)
