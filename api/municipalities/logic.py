"""Reading municipalities. Other domains resolve slugs and counties through here."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, select

from api.core.db import found
from api.core.errors import not_found, unprocessable
from api.core.i18n import Locale, normalize
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.municipalities.models import Municipality, Organization
from api.municipalities.schemas import MunicipalityRead

# The answer fields that need no language.
_AS_STORED = {"id", "slug", "county", "kind"}


def to_read(m: Municipality, locale: Locale) -> MunicipalityRead:
    return MunicipalityRead(
        **m.model_dump(include=_AS_STORED), name=locale.text(m.name), county_name=locale.text(m.county_name)
    )


def list_municipalities(
    session: Session, *, params: PageParams, county: str | None = None, q: str | None = None
) -> tuple[list[Municipality], str | None]:
    stmt = select(Municipality)
    if county:
        stmt = stmt.where(Municipality.county == county)
    if q:
        # Sixty rows: match names in every language in Python, diacritic-insensitively.
        needle = normalize(q)
        matching = [
            m.slug
            for m in session.exec(select(Municipality)).all()
            if needle in normalize(" ".join([m.slug, *m.name.values()]))
        ]
        stmt = stmt.where(Municipality.slug.in_(matching))  # type: ignore[attr-defined]
    keys = [SortKey(Municipality.slug)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda m: [m.slug])


def get_by_slug(session: Session, slug: str) -> Municipality:
    return found(session, select(Municipality).where(Municipality.slug == slug), "municipality")


def get(session: Session, municipality_id: uuid.UUID) -> Municipality:
    municipality = session.get(Municipality, municipality_id)
    if municipality is None:
        raise not_found("municipality")
    return municipality


def resolve_slug(session: Session, slug: str, *, field: str = "municipality") -> Municipality:
    """For request bodies and filters: an unknown slug is a 422 naming the field."""
    municipality = session.exec(select(Municipality).where(Municipality.slug == slug)).first()
    if municipality is None:
        raise unprocessable(
            f"Unknown municipality '{slug}'.",
            errors=[{"loc": [field], "msg": f"unknown municipality '{slug}'", "type": "unknown_code"}],
        )
    return municipality


def resolve_slugs(
    session: Session, slugs: Sequence[str], *, field: str = "municipality"
) -> list[Municipality]:
    if not slugs:
        return []
    known = list(session.exec(select(Municipality).where(Municipality.slug.in_(list(slugs)))).all())  # type: ignore[attr-defined]
    missing = sorted(set(slugs) - {m.slug for m in known})
    if missing:
        raise unprocessable(
            f"Unknown municipality code(s): {', '.join(missing)}.",
            errors=[
                {"loc": [field], "msg": f"unknown municipality '{s}'", "type": "unknown_code"}
                for s in missing
            ],
        )
    return known


def slug_map(session: Session) -> dict[uuid.UUID, str]:
    return {m.id: m.slug for m in session.exec(select(Municipality)).all()}


def organization_municipality(session: Session, organization_id: uuid.UUID) -> uuid.UUID | None:
    """The municipality of a live organisation, or None when there is no such organisation."""
    org = session.get(Organization, organization_id)
    if org is None or org.deleted_at is not None:
        return None
    return org.municipality_id
