"""The event types a partner system may subscribe to, and who may receive each.

A *public* event is about something anyone can read (a service, an idea, an event): any
subscription may receive it, narrowed by its municipality filter. A *private* event is about a
person's case: only a subscription of that municipality (or of the organisation a referral was sent
to) whose creator held one of the listed scopes receives it. Payloads never carry personal data:
they name the record and the change; the receiver reads the record with its own token."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    name: str
    description: str
    # Empty: public. Otherwise the subscriber's creator must have held one of these scopes.
    scopes: frozenset[str] = frozenset()

    @property
    def public(self) -> bool:
        return not self.scopes


_CASEWORK = frozenset({"migrants:read", "migrants:intake"})
_REFERRALS = frozenset({"migrants:read", "migrants:intake", "referrals:inbox"})

EVENT_TYPES: dict[str, EventType] = {
    e.name: e
    for e in (
        EventType("service.created", "A service was added to the directory."),
        EventType("service.updated", "A service's details changed (the fields that changed are listed)."),
        EventType("service.deleted", "A service was removed from the directory."),
        EventType(
            "referral.created",
            "A person was referred to a service (to the receiving organisation once it is sent).",
            _REFERRALS,
        ),
        EventType("referral.status_changed", "A referral was accepted, declined, completed…", _REFERRALS),
        EventType(
            "transfer.requested", "A case transfer to or from the municipality was requested.", _CASEWORK
        ),
        EventType("transfer.decided", "A case transfer was accepted or rejected.", _CASEWORK),
        EventType(
            "intake.processed",
            "An intake from the municipal system was processed (person created or updated, case, package).",
            frozenset({"migrants:intake", "migrants:read"}),
        ),
        EventType("idea.published", "An idea appeared on the public board."),
        EventType("idea.status_changed", "An idea's status changed (e.g. under review, planned, done)."),
        EventType("event.published", "An event appeared in the calendar."),
        EventType("event.updated", "An event's time, place or details changed."),
        EventType("event.cancelled", "An event was cancelled."),
        EventType("ping", "A test event sent on request from the subscription's page."),
    )
}


def visible_types(scopes: frozenset[str] | set[str]) -> list[str]:
    """The event types a creator with these scopes may subscribe to."""
    return [name for name, e in EVENT_TYPES.items() if e.public or e.scopes & set(scopes)]
