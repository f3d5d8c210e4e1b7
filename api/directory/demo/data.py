"""What the directory's demo (and the benchmark's 100,000 services) are made of: organisations in
the ten municipalities the seeds name, and service templates for every category, written in the
languages such services are really offered in. Generated from a seeded random, so every run is
the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["FUNDING", "LEVELS", "MUNICIPALITIES", "ORGANIZATIONS", "SUFFIXES", "TEMPLATES", "WEEKDAY_SLOTS"]

_HERE = Path(__file__).parent
_PLACES = json.loads((_HERE / "places.json").read_text("utf-8"))

# (slug, city, centre latitude, longitude, streets)
MUNICIPALITIES: list[tuple[str, str, float, float, list[str]]] = [
    tuple(row) for row in _PLACES["municipalities"]
]

# (municipality slug, kind, lt name, en name). The first three keep the logins
# teikejas1..3@demo.langelis.lt, so their order must not change.
ORGANIZATIONS: list[tuple[str, str, str, str]] = [tuple(row) for row in _PLACES["organizations"]]

# Service templates, one per kind of service: category (``cat``), names (lt, en, uk, ru), a
# description (lt, en, uk?), and how it is run. ``langs`` lists the languages people can get help
# in (a Lithuanian course explained in Ukrainian lists ``uk``); the generator adds a community's
# language (Arabic in Jonava) where it fits.
TEMPLATES: list[dict[str, Any]] = [
    {key: tuple(value) if key in ("name", "desc", "age") else value for key, value in template.items()}
    for template in json.loads((_HERE / "templates.json").read_text("utf-8"))
]

SUFFIXES = (
    "",
    " II",
    " – vakarinė grupė",
    " – savaitgalio grupė",
    " – jaunimui",
    " – šeimoms",
    " – moterims",
)
FUNDING = (
    "AMIF",
    "ESF+",
    "Savivaldybės biudžetas",
    "Socialinės apsaugos ir darbo ministerija",
    "UNHCR",
    "Privatūs rėmėjai",
)
LEVELS = ("A1", "A1", "A2", "A2", "B1", "B2")
WEEKDAY_SLOTS = (
    ("09:00", "12:00"),
    ("10:00", "13:00"),
    ("14:00", "17:00"),
    ("17:30", "19:00"),
    ("18:00", "20:00"),
)
