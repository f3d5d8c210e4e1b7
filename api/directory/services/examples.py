"""Realistic Lithuanian examples for the OpenAPI file (issue 11): what a partner sees before the
first call. Examples only; nothing reads them at run time."""

from __future__ import annotations

from typing import Any

from fastapi.openapi.models import Example

SERVICE_ID = "3f6c1d2e-7a41-4b8e-9c1f-2d5e8a7b9c01"
ORGANIZATION_ID = "8b2e4f6a-1c3d-4e5f-a6b7-c8d9e0f1a2b3"
LOCATION_ID = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"

SERVICE_CREATE: dict[str, Any] = {
    "name": {
        "lt": "Lietuvių kalbos kursai pradedantiesiems (A1)",
        "en": "Lithuanian for beginners (A1)",
        "uk": "Курси литовської мови для початківців (A1)",
    },
    "categories": ["language.course"],
    "description": {
        "lt": "Nemokami vakariniai kursai Vilniaus savivaldybėje gyvenantiems užsieniečiams.",
        "en": "Free evening classes for foreigners living in Vilnius.",
    },
    "languages": ["lt", "uk", "ru"],
    "eligible_statuses": [],
    "age_min": 16,
    "format": "in_person",
    "level": "A1",
    "free": True,
    "schedule": [
        {"weekday": 2, "opens": "18:00", "closes": "20:00"},
        {"weekday": 4, "opens": "18:00", "closes": "20:00"},
    ],
    "start_date": "2026-09-07",
    "end_date": "2026-12-17",
    "capacity": 20,
    "application_process": {"lt": "Registracija telefonu arba el. paštu."},
    "url": "https://www.vilnius.lt/kalbos-kursai",
    "email": "kursai@vilnius.lt",
    "phone": "+370 5 211 2000",
    "funding_source": "AMIF",
    "location_ids": [LOCATION_ID],
}

SERVICE_READ: dict[str, Any] = {
    "id": SERVICE_ID,
    "deleted": False,
    "organization_id": ORGANIZATION_ID,
    "organization_name": "Vilniaus miesto savivaldybės Socialinių paslaugų centras",
    "municipality": "vilniaus-m",
    "name": "Lietuvių kalbos kursai pradedantiesiems (A1)",
    "description": "Nemokami vakariniai kursai Vilniaus savivaldybėje gyvenantiems užsieniečiams.",
    "text_language": "lt",
    "text_languages": {"name": "lt", "description": "lt"},
    "categories": ["language.course"],
    "status": "active",
    "languages": ["lt", "uk", "ru"],
    "eligible_statuses": [],
    "age_min": 16,
    "age_max": None,
    "sex": None,
    "eligibility_note": None,
    "format": "in_person",
    "level": "A1",
    "free": True,
    "cost_amount": None,
    "cost_description": None,
    "schedule": SERVICE_CREATE["schedule"],
    "start_date": "2026-09-07",
    "end_date": "2026-12-17",
    "capacity": 20,
    "application_process": "Registracija telefonu arba el. paštu.",
    "url": "https://www.vilnius.lt/kalbos-kursai",
    "email": "kursai@vilnius.lt",
    "phone": "+370 5 211 2000",
    "funding_source": "AMIF",
    "funding_ends_on": None,
    "assured_date": "2026-08-20",
    "assured_by": None,
    "stale": False,
    "locations": [
        {
            "id": LOCATION_ID,
            "organization_id": ORGANIZATION_ID,
            "municipality": "vilniaus-m",
            "name": "Bendruomenių namai",
            "address": "Gedimino pr. 9",
            "city": "Vilnius",
            "postal_code": "01103",
            "latitude": 54.6872,
            "longitude": 25.2797,
            "accessibility": "Įėjimas be laiptų",
            "opening_hours": [{"weekday": 1, "opens": "08:00", "closes": "17:00"}],
            "confidential": False,
            "address_hidden": False,
            "version": 3,
            "last_modified": "2026-08-20T09:15:00Z",
        }
    ],
    "version": 4,
    "created_at": "2026-06-01T08:00:00Z",
    "last_modified": "2026-08-20T09:15:00Z",
}

SERVICE_LIST: dict[str, Any] = {"items": [SERVICE_READ], "next_cursor": "eyJrIjpbImxpZXR1dml1Il19"}

CREATE_EXAMPLES: dict[str, Example] = {
    "language_course": Example(summary="A Lithuanian language course in Vilnius", value=SERVICE_CREATE),
    "legal_advice": Example(
        summary="Free legal advice on residence permits, online",
        value={
            "name": {"lt": "Teisinės konsultacijos dėl leidimo gyventi", "en": "Residence permit advice"},
            "categories": ["legal.migration"],
            "languages": ["lt", "en", "uk"],
            "eligible_statuses": ["temporary_protection"],
            "format": "online",
            "free": True,
        },
    ),
}


def example_content(example: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"example": example}}
