"""The one-stop shop's routes, assembled from its subjects: people, consents, cases, referrals
(and the provider inbox), mentors, transfers, the returnee package and the audit log."""

from __future__ import annotations

from api.migrants.audit_log import router as audit_log
from api.migrants.cases import router as cases
from api.migrants.consent import router as consent
from api.migrants.mentors import router as mentors
from api.migrants.package import router as package
from api.migrants.people import router as people
from api.migrants.referrals import router as referrals
from api.migrants.transfers import router as transfers

routers = [
    *people.routers,
    *consent.routers,
    *cases.routers,
    *referrals.routers,
    *mentors.routers,
    *transfers.routers,
    *package.routers,
    *audit_log.routers,
]
links = {
    "migrants": "/migrants",
    "referrals": "/referrals",
    "referral_inbox": "/referral-inbox",
    "returnee_package": "/returnee-package",
    "transfers": "/transfers",
    "audit": "/audit",
}
