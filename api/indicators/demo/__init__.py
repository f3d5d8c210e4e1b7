"""Demo observations: five years (2021–2025) for all 60 municipalities, with breakdowns.

Populations are close to the 2024 figures; foreign residents grow, Ukrainians arrive under temporary
protection from 2022, Jonava (the Rukla refugee reception centre) has Syrian refugees, the three big
cities are larger in everything. 2021–2024 are published; 2025 is draft. Deterministic (seeded) and
inserted in bulk, so the whole set loads in about a second.
"""

from __future__ import annotations

import random
import uuid
from datetime import date
from typing import Any

from sqlmodel import Session, select

from api.core.db import utcnow
from api.indicators import periods as P
from api.indicators import places
from api.indicators.data.store import insert_rows
from api.indicators.models import IndicatorDefinition
from api.indicators.vocab import breakdown_key

YEARS = range(2021, 2026)
PUBLISHED_UNTIL = 2024
POPULATION = {
    "alytaus-m": 51, "alytaus-r": 24, "druskininku": 20, "lazdiju-r": 17, "varenos-r": 20, "birstono": 4,
    "jonavos-r": 42, "kaisiadoriu-r": 29, "kauno-m": 305, "kauno-r": 100, "kedainiu-r": 46, "prienu-r": 25,
    "raseiniu-r": 31, "klaipedos-m": 158, "klaipedos-r": 70, "kretingos-r": 40, "neringos": 4, "palangos-m": 17,
    "skuodo-r": 15, "silutes-r": 38, "kalvarijos": 10, "kazlu-rudos": 11, "marijampoles": 55, "sakiu-r": 27,
    "vilkaviskio-r": 36, "birzu-r": 23, "kupiskio-r": 16, "panevezio-m": 87, "panevezio-r": 35, "pasvalio-r": 21,
    "rokiskio-r": 27, "akmenes-r": 19, "joniskio-r": 20, "kelmes-r": 27, "pakruojo-r": 19, "radviliskio-r": 35,
    "siauliu-m": 101, "siauliu-r": 40, "jurbarko-r": 25, "pagegiu": 7, "silales-r": 22, "taurages-r": 40,
    "mazeikiu-r": 52, "plunges-r": 33, "rietavo": 7, "telsiu-r": 41, "anyksciu-r": 24, "ignalinos-r": 15,
    "moletu-r": 18, "utenos-r": 38, "visagino": 18, "zarasu-r": 15, "elektrenu": 23, "salcininku-r": 30,
    "sirvintu-r": 15, "svencioniu-r": 23, "traku-r": 33, "ukmerges-r": 35, "vilniaus-m": 600, "vilniaus-r": 110,
}  # thousands  # fmt: skip
BIG = {"vilniaus-m": 0.060, "kauno-m": 0.032, "klaipedos-m": 0.036}
# Shares of foreign residents by citizenship before the war in Ukraine (UA grows from 2022).
CITIZENSHIP = {"BY": 0.30, "UA": 0.28, "RU": 0.08, "UZ": 0.05, "IN": 0.04, "KZ": 0.03}


class _Rows:
    def __init__(self, session: Session) -> None:
        self.defs = {d.code: d for d in session.exec(select(IndicatorDefinition)).all()}
        self.geo = places.geography(session)
        self.now = utcnow()
        self.rows: list[dict[str, Any]] = []

    def add(
        self,
        code: str,
        place: str,
        period: P.Period,
        value: float,
        breakdowns: dict[str, str] | None = None,
        *,
        derived: bool = False,
        people: int | None = None,
    ) -> None:
        d, pl = self.defs[code], self.geo.by_code[place]
        bd = breakdowns or {}
        key, dims = breakdown_key(bd)
        published = period.end.year <= PUBLISHED_UNTIL
        self.rows.append(
            {
                "id": uuid.uuid4(), "indicator_id": d.id, "place": place, "place_level": pl.level,
                "municipality_id": pl.municipality_id, "county": pl.county, "period": period.code,
                "period_type": period.type, "period_rank": period.rank, "period_start": period.start,
                "period_end": period.end, "breakdown_key": key, "breakdown_dims": dims, "breakdowns": bd,
                "value": round(value, d.decimals) if d.decimals else float(round(value)), "people": people,
                "provisional": period.end >= date(2025, 10, 1), "estimated": False, "break_in_series": False,
                "suppressed": False, "status": "published" if published else "draft",
                "published_at": self.now if published else None, "derived": derived,
                "source": "demo data" if not derived else "platform (demo)", "import_id": None,
                "created_by": "system:demo", "updated_by": "system:demo", "created_at": self.now,
                "updated_at": self.now,
            }
        )  # fmt: skip


def _foreign_share(slug: str, quarter_index: int, rng: random.Random) -> float:
    base = BIG.get(slug, 0.009 + rng.random() * 0.006)
    growth = 1 + 0.045 * quarter_index  # steady growth over 20 quarters
    if quarter_index >= 4:  # 2022 onwards: arrivals from Ukraine
        growth += 0.35 if slug in BIG else 0.45
    if slug == "jonavos-r":
        base += 0.012
    return base * growth


def seed(session: Session) -> list[str]:
    rng = random.Random(2026)
    r = _Rows(session)
    quarters = [q for y in YEARS for q in P.year(y).children(P.QUARTER)]
    for m in r.geo.municipalities:
        slug = m.code
        pop0 = POPULATION.get(slug, 25) * 1000
        trend = 0.008 if slug == "vilniaus-m" else (0.0 if slug in BIG else -0.006)
        for y in YEARS:
            pop = pop0 * (1 + trend) ** (y - 2024)
            yp = P.year(y)
            r.add("population_total", slug, yp, pop)
            r.add("population_total", slug, yp, pop * 0.535, {"sex": "female"})
            r.add("population_total", slug, yp, pop * 0.465, {"sex": "male"})
        jitter = 0.9 + rng.random() * 0.2
        for i, q in enumerate(quarters):
            pop = pop0 * (1 + trend) ** (q.year - 2024)
            foreign = pop * _foreign_share(slug, i, rng) * jitter
            r.add("foreign_residents", slug, q, foreign)
            ua_extra = 0.0 if i < 4 else 0.45 * foreign / (1.45 + 0.045 * i)
            shares = dict(CITIZENSHIP)
            for code, share in shares.items():
                value = foreign * share * (0.6 if code == "UA" and i >= 4 else 1)
                if code == "UA":
                    value += ua_extra
                r.add("foreign_residents", slug, q, value, {"citizenship": code})
            syrians = 0.0
            if slug == "jonavos-r":
                syrians = foreign * 0.22
                r.add("foreign_residents", slug, q, syrians, {"citizenship": "SY"})
            r.add("foreign_residents", slug, q, foreign * 0.44, {"sex": "female"})
            r.add("foreign_residents", slug, q, foreign * 0.56, {"sex": "male"})
            eu = foreign * 0.07
            r.add("foreign_residents", slug, q, eu, {"legal_status": "eu_citizen"})
            r.add("foreign_residents", slug, q, ua_extra * 0.9, {"legal_status": "temporary_protection"})
            r.add(
                "foreign_residents",
                slug,
                q,
                foreign * 0.55 - ua_extra * 0.5,
                {"legal_status": "temporary_residence"},
            )
            r.add("foreign_residents", slug, q, foreign * 0.2, {"legal_status": "permanent_residence"})
            if syrians:
                r.add("foreign_residents", slug, q, syrians * 0.8, {"legal_status": "refugee"})
            tcn = foreign - eu
            r.add("tcn_residents", slug, q, tcn)
            r.add("tcn_residents", slug, q, tcn * 0.43, {"sex": "female"})
            r.add("tcn_residents", slug, q, tcn * 0.57, {"sex": "male"})
            returnees = pop * 0.0011 * (0.8 + rng.random() * 0.4)
            r.add("returnees_arrived", slug, q, returnees)
            r.add("returnees_arrived", slug, q, returnees * 0.48, {"sex": "female"})
            r.add("returnees_arrived", slug, q, returnees * 0.52, {"sex": "male"})
            learners = tcn * 0.025 * (1.6 if i >= 4 else 1.0) * (0.85 + rng.random() * 0.3)
            r.add("lithuanian_course_participants", slug, q, learners, derived=True, people=int(learners))
            for level, share in (("A1", 0.55), ("A2", 0.3), ("B1", 0.15)):
                r.add("lithuanian_course_participants", slug, q, learners * share, {"level": level}, derived=True,
                      people=int(learners * share))  # fmt: skip
    _surveys(r, rng)
    _platform(r, rng)
    insert_rows(session, r.rows)
    return [f"indicators: {len(r.rows)} demo observations (2021–2025, 60 municipalities; 2025 draft)"]


def _surveys(r: _Rows, rng: random.Random) -> None:
    """Survey indicators: Lithuania, counties and the three big cities, by citizenship group."""
    targets = [places.COUNTRY_CODE, *[c.code for c in r.geo.counties], *BIG]
    for place in targets:
        bias = rng.uniform(-3, 3)
        for y in YEARS:
            t = y - 2021
            yp = P.year(y)
            employment = {"national": 74 + t * 0.6 + bias, "third_country": 63 + t * 1.8 + bias}
            r.add(
                "employment_rate",
                place,
                yp,
                (employment["national"] * 0.9 + employment["third_country"] * 0.1),
            )
            for group, value in employment.items():
                r.add("employment_rate", place, yp, value, {"citizenship_group": group})
            r.add("wellbeing_score", place, yp, 6.4 + 0.1 * t + bias / 10)
            r.add(
                "wellbeing_score",
                place,
                yp,
                5.6 + 0.15 * t + bias / 10,
                {"citizenship_group": "third_country"},
            )
            r.add(
                "sense_of_belonging", place, yp, 41 + 2.2 * t + bias, {"citizenship_group": "third_country"}
            )
            r.add("sense_of_belonging", place, yp, 44 + 2 * t + bias)


def _platform(r: _Rows, rng: random.Random) -> None:
    """A few platform figures (as the derivation will produce them) for the report's sections."""
    for slug in (*BIG, "jonavos-r", "siauliu-m"):
        scale = POPULATION[slug] / 100
        for y in YEARS:
            yp = P.year(y)
            services = max(4, round(scale * (6 + 2 * (y - 2021)) + rng.randint(0, 4)))
            r.add("services_available", slug, yp, services, derived=True)
            for category, share in (
                ("language", 0.3),
                ("legal", 0.2),
                ("employment", 0.2),
                ("community", 0.3),
            ):
                r.add(
                    "services_available",
                    slug,
                    yp,
                    round(services * share),
                    {"category": category},
                    derived=True,
                )
            r.add("services_in_foreign_languages_share", slug, yp, 35 + 5 * (y - 2021) + rng.uniform(-4, 4),
                  derived=True)  # fmt: skip
            referrals = round(scale * (40 + 25 * (y - 2021)) + 20)
            r.add("referrals_completed", slug, yp, referrals, derived=True, people=referrals)
            r.add("ideas_submitted", slug, yp, round(scale * 12 + 6 * (y - 2021)), derived=True,
                  people=round(scale * 10 + 5))  # fmt: skip
