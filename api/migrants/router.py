"""The one-stop shop's routes, assembled from its subjects: people, consents, cases, referrals
(and the provider inbox), intake read-back, mentors, transfers, the returnee package and the audit log."""

from __future__ import annotations

from api.migrants.audit_log import router as audit_log
from api.migrants.cases import router as cases
from api.migrants.consent import router as consent
from api.migrants.contact import router as contact
from api.migrants.intake import router as intake
from api.migrants.mentors import router as mentors
from api.migrants.package import router as package
from api.migrants.people import router as people
from api.migrants.referrals import router as referrals
from api.migrants.transfers import router as transfers

routers = [
    # Before people: "/migrants/intake..." would otherwise match "/migrants/{person_id}...".
    *intake.routers,
    *people.routers,
    *consent.routers,
    *cases.routers,
    *referrals.routers,
    *mentors.routers,
    *transfers.routers,
    *package.routers,
    *audit_log.routers,
    *contact.routers,
]
links = {
    "migrants": "/migrants",
    "referrals": "/referrals",
    "referral_inbox": "/referral-inbox",
    "returnee_package": "/returnee-package",
    "transfers": "/transfers",
    "audit": "/audit",
    "contact_requests": "/contact-requests",
}
