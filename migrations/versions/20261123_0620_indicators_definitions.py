"""indicators: definitions from reference/indicators.csv

Revision ID: indicators_0002
Revises: indicators_0001
Create Date: 2026-11-23 06:20:00

The indicator definitions every installation shares (Zaragoza core indicators, population,
integration services, wellbeing, diaspora, participation), with names in the four UI languages.
Ids derive from the code (UUID v5), so they are the same everywhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import api.core.db

revision: str = "indicators_0002"
down_revision: str | Sequence[str] | None = "indicators_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMESPACE = uuid.UUID("5b0f3d1e-6a55-4f0e-9a57-1c1f0b7e2d11")
SOURCES = {
    "register": "State Data Agency and Migration Department registers",
    "survey": "Survey of wellbeing and integration (municipal monitoring)",
    "platform": "Langelis platform records (derived daily)",
    "computed": None,
}

# code, domain, unit, aggregation, source kind, breakdowns, public, personal,
# (lt, en, uk, ru) names, note
DEFINITIONS = [
    ("population_total", "population", "persons", "LAST", "register", ["sex", "age_group"], True, False,
     ("Gyventojų skaičius", "Total population", "Чисельність населення", "Численность населения"),
     "Denominator for shares."),
    ("foreign_residents", "population", "persons", "LAST", "register",
     ["citizenship", "sex", "age_group", "legal_status"], True, False,
     ("Gyvenantys užsieniečiai", "Foreign citizens residing", "Іноземні громадяни, що проживають",
      "Проживающие иностранные граждане"),
     "Stock at the end of the period."),
    ("tcn_residents", "population", "persons", "LAST", "register",
     ["citizenship", "sex", "age_group", "legal_status"], True, False,
     ("Gyvenantys trečiųjų šalių piliečiai", "Third-country nationals residing",
      "Громадяни третіх країн, що проживають", "Проживающие граждане третьих стран"),
     "Stock at the end of the period."),
    ("tcn_share", "population", "percent", "LAST", "computed", ["sex", "age_group"], True, False,
     ("Trečiųjų šalių piliečių dalis gyventojų", "Third-country nationals as share of population",
      "Частка громадян третіх країн у населенні", "Доля граждан третьих стран в населении"),
     "tcn_residents / population_total × 100, computed after aggregation."),
    ("returnees_arrived", "population", "persons", "SUM", "register", ["sex", "age_group"], True, False,
     ("Grįžę Lietuvos piliečiai", "Returning citizens arrived", "Громадяни Литви, що повернулися",
      "Вернувшиеся граждане Литвы"),
     "Flow within the period."),
    ("employment_rate", "employment", "percent", "LAST", "survey", ["citizenship_group", "sex"], True, False,
     ("Užimtumo lygis (20-64)", "Employment rate (20-64)", "Рівень зайнятості (20-64)",
      "Уровень занятости (20-64)"),
     "Zaragoza core indicator."),
    ("unemployment_rate", "employment", "percent", "LAST", "survey", ["citizenship_group", "sex"], True, False,
     ("Nedarbo lygis", "Unemployment rate", "Рівень безробіття", "Уровень безработицы"),
     "Zaragoza core indicator."),
    ("activity_rate", "employment", "percent", "LAST", "survey", ["citizenship_group", "sex"], True, False,
     ("Aktyvumo lygis", "Activity rate", "Рівень економічної активності", "Уровень экономической активности"),
     "Zaragoza core indicator."),
    ("overqualification_rate", "employment", "percent", "LAST", "survey", ["citizenship_group", "sex"], True,
     False,
     ("Perteklinės kvalifikacijos lygis", "Over-qualification rate", "Рівень надмірної кваліфікації",
      "Уровень избыточной квалификации"),
     "Eurostat extension; work below qualification."),
    ("tertiary_attainment", "education", "percent", "LAST", "survey", ["citizenship_group", "sex"], True, False,
     ("Aukštasis išsilavinimas (30-34)", "Tertiary attainment (30-34)", "Вища освіта (30-34)",
      "Высшее образование (30-34)"),
     "Zaragoza core indicator."),
    ("early_leavers", "education", "percent", "LAST", "survey", ["citizenship_group", "sex"], True, False,
     ("Anksti mokyklą paliekantys", "Early leavers from education and training",
      "Особи, які рано залишили навчання", "Рано покинувшие обучение"),
     "Zaragoza core indicator."),
    ("at_risk_of_poverty", "social_inclusion", "percent", "LAST", "survey", ["citizenship_group"], True, False,
     ("Skurdo rizikos lygis", "At-risk-of-poverty rate", "Рівень ризику бідності", "Уровень риска бедности"),
     "Zaragoza core indicator."),
    ("housing_cost_overburden", "social_inclusion", "percent", "LAST", "survey", ["citizenship_group"], True,
     False,
     ("Būsto išlaidų perkrova", "Housing cost overburden rate", "Надмірні витрати на житло",
      "Чрезмерные расходы на жильё"),
     "Eurostat extension."),
    ("self_perceived_health_good", "health", "percent", "LAST", "survey", ["citizenship_group", "sex"], True,
     False,
     ("Gerai vertinantys savo sveikatą", "Self-perceived health good or very good",
      "Добре або дуже добре оцінюють своє здоров'я", "Оценивают своё здоровье как хорошее или очень хорошее"),
     "Zaragoza core indicator."),
    ("naturalisation_rate", "active_citizenship", "percent", "SUM", "register", ["citizenship"], True, False,
     ("Natūralizacijos lygis", "Naturalisation rate", "Рівень натуралізації", "Уровень натурализации"),
     "Citizenships granted / non-nationals at the start of the year × 100."),
    ("long_term_residence_share", "active_citizenship", "percent", "LAST", "register", ["citizenship"], True,
     False,
     ("Ilgalaikių gyventojų dalis tarp TŠP", "Share of TCN holding long-term residence",
      "Частка громадян третіх країн із довгостроковим проживанням",
      "Доля граждан третьих стран с долгосрочным проживанием"),
     "Zaragoza core indicator."),
    ("lithuanian_course_participants", "integration_services", "persons", "SUM", "platform",
     ["level", "sex", "legal_status"], True, True,
     ("Lietuvių kalbos kursų dalyviai", "Lithuanian language course participants",
      "Учасники курсів литовської мови", "Участники курсов литовского языка"),
     "A1..C2; courses beyond A1."),
    ("services_available", "integration_services", "services", "LAST", "platform", ["category", "language"],
     True, False,
     ("Veikiančios integracijos paslaugos", "Active integration services", "Діючі інтеграційні послуги",
      "Действующие интеграционные услуги"),
     "From the service directory."),
    ("services_in_foreign_languages_share", "integration_services", "percent", "LAST", "platform", ["language"],
     True, False,
     ("Paslaugų kitomis kalbomis dalis", "Share of services offered in a language other than Lithuanian",
      "Частка послуг іншими мовами, ніж литовська", "Доля услуг на других языках, кроме литовского"),
     "Services not accessible in other languages."),
    ("referrals_completed", "integration_services", "referrals", "SUM", "platform", ["category", "legal_status"],
     True, True,
     ("Įvykdyti nukreipimai", "Referrals completed", "Виконані направлення", "Выполненные направления"),
     "From case management; small cells suppressed."),
    ("median_days_to_first_service", "integration_services", "days", "LAST", "platform", ["legal_status"],
     False, True,
     ("Dienų mediana iki pirmos paslaugos", "Median days from registration to first service",
      "Медіана днів від реєстрації до першої послуги", "Медиана дней от регистрации до первой услуги"),
     "From case management; small cells suppressed."),
    ("wellbeing_score", "wellbeing", "score_0_10", "AVERAGE", "survey", ["citizenship_group", "sex", "legal_status"],
     True, False,
     ("Gerovės indeksas (apklausa)", "Wellbeing score (survey)", "Індекс добробуту (опитування)",
      "Индекс благополучия (опрос)"),
     "Survey of wellbeing and integration indicators."),
    ("sense_of_belonging", "wellbeing", "percent", "LAST", "survey", ["citizenship_group", "legal_status"], True,
     False,
     ("Jaučiasi bendruomenės dalimi", "Feel part of the local community", "Відчувають себе частиною громади",
      "Чувствуют себя частью местного сообщества"),
     None),
    ("experienced_discrimination", "wellbeing", "percent", "LAST", "survey", ["citizenship_group", "sex"], False,
     False,
     ("Patyrė diskriminaciją per 12 mėn.", "Experienced discrimination in last 12 months",
      "Зазнали дискримінації за останні 12 місяців", "Сталкивались с дискриминацией за последние 12 месяцев"),
     "Unwelcoming society."),
    ("diaspora_experts_registered", "diaspora", "persons", "LAST", "platform", ["country", "competence"], True,
     True,
     ("Užsiregistravę diasporos ekspertai", "Diaspora experts registered", "Зареєстровані експерти діаспори",
      "Зарегистрированные эксперты диаспоры"),
     "From the expert database."),
    ("ideas_submitted", "participation", "ideas", "SUM", "platform", ["author_residence"], True, True,
     ("Pateiktos idėjos", "Ideas submitted", "Подані ідеї", "Поданные идеи"),
     "From the ideas platform; residents and diaspora."),
]  # fmt: skip

COMPUTED = {"tcn_share": ("tcn_residents", "population_total", 100.0)}


def _table() -> sa.Table:
    return sa.table(
        "indicator_definitions",
        sa.column("id", sa.Uuid()),
        sa.column("code", sa.String()),
        sa.column("name", api.core.db.JSONType),
        sa.column("description", api.core.db.JSONType),
        sa.column("domain", sa.String()),
        sa.column("unit", sa.String()),
        sa.column("aggregation", sa.String()),
        sa.column("source_kind", sa.String()),
        sa.column("source", sa.String()),
        sa.column("breakdowns", api.core.db.JSONType),
        sa.column("is_public", sa.Boolean()),
        sa.column("personal", sa.Boolean()),
        sa.column("numerator", sa.String()),
        sa.column("denominator", sa.String()),
        sa.column("factor", sa.Float()),
        sa.column("decimals", sa.Integer()),
        sa.column("note", sa.Text()),
        sa.column("version", sa.Integer()),
        sa.column("created_at", api.core.db.UTCDateTime()),
        sa.column("updated_at", api.core.db.UTCDateTime()),
    )


def upgrade() -> None:
    now = datetime.now(UTC)
    rows = []
    for code, domain, unit, aggregation, kind, breakdowns, public, personal, names, note in DEFINITIONS:
        numerator, denominator, factor = COMPUTED.get(code, (None, None, None))
        rows.append(
            {
                "id": uuid.uuid5(NAMESPACE, code),
                "code": code,
                "name": dict(zip(("lt", "en", "uk", "ru"), names, strict=True)),
                "description": {"en": note} if note else {},
                "domain": domain,
                "unit": unit,
                "aggregation": aggregation,
                "source_kind": kind,
                "source": SOURCES[kind],
                "breakdowns": breakdowns,
                "is_public": public,
                "personal": personal,
                "numerator": numerator,
                "denominator": denominator,
                "factor": factor,
                "decimals": 0 if unit in ("persons", "services", "referrals", "ideas") else 1,
                "note": note,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    op.bulk_insert(_table(), rows)


def downgrade() -> None:
    codes = [d[0] for d in DEFINITIONS]
    op.execute(
        sa.text("DELETE FROM indicator_observations WHERE indicator_id IN :ids").bindparams(
            sa.bindparam("ids", [uuid.uuid5(NAMESPACE, c) for c in codes], expanding=True)
        )
    )
    op.execute(
        sa.text("DELETE FROM indicator_definitions WHERE code IN :codes").bindparams(
            sa.bindparam("codes", codes, expanding=True)
        )
    )
