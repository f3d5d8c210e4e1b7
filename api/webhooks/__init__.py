"""Webhooks for partner systems: signed HTTP callbacks when something changes.

Other domains call :func:`api.webhooks.emit.emit` in the transaction that makes the change; the
event and one delivery per matching subscription are written there (a transactional outbox), and
:mod:`api.webhooks.delivery` sends them later, signed per the Standard Webhooks specification,
retrying on a fixed schedule."""
