"""The parts of an evaluation report: its context and the blocks a section is made of.

Each domain may contribute a section: ``api/<domain>/report.py`` exposing
``report_section(session, ctx: ReportContext) -> ReportSection | None`` (found through
``api.registry.modules("report")``). Sections are data (titles, paragraphs, figures, tables), not
HTML: they are escaped and styled by :mod:`api.indicators.reports.html`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from api.core.actor import Actor

Text = str | dict[str, str]


@dataclass(frozen=True)
class ReportContext:
    municipality_id: Any
    municipality: str  # slug
    municipality_name: dict[str, str]
    county: str | None
    lang: str
    start: date
    end: date
    years: tuple[int, ...]
    actor: Actor
    include_drafts: bool

    def text(self, value: Text | None) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        return value.get(self.lang) or value.get("lt") or value.get("en") or next(iter(value.values()), "")


@dataclass
class Paragraph:
    text: Text


@dataclass
class Figures:
    items: list[tuple[Text, str, Text | None]]  # label, value, note


@dataclass
class Table:
    columns: list[Text]
    rows: list[list[Any]]
    caption: Text | None = None


@dataclass
class ReportSection:
    key: str
    title: Text
    order: int = 50
    blocks: list[Paragraph | Figures | Table] = field(default_factory=list)


def T(lt: str, en: str, uk: str, ru: str) -> dict[str, str]:
    return {"lt": lt, "en": en, "uk": uk, "ru": ru}


L = {
    "interim": T("Tarpinė integracijos stebėsenos ataskaita", "Interim integration monitoring report",
                 "Проміжний звіт моніторингу інтеграції", "Промежуточный отчёт мониторинга интеграции"),
    "final": T("Galutinė integracijos stebėsenos ataskaita", "Final integration monitoring report",
               "Підсумковий звіт моніторингу інтеграції", "Итоговый отчёт мониторинга интеграции"),
    "period": T("Laikotarpis", "Period", "Період", "Период"),
    "generated": T("Parengta", "Generated", "Створено", "Создано"),
    "drafts": T("Ataskaitoje yra nepaskelbtų (juodraštinių) duomenų, pažymėtų †.",
                "The report includes unpublished (draft) data, marked †.",
                "Звіт містить неопубліковані (чернеткові) дані, позначені †.",
                "Отчёт содержит неопубликованные (черновые) данные, отмеченные †."),
    "published": T("Naudojami tik paskelbti duomenys.", "Only published data is used.",
                   "Використано лише опубліковані дані.", "Используются только опубликованные данные."),
    "key": T("Pagrindiniai rodikliai", "Key figures", "Ключові показники", "Ключевые показатели"),
    "indicators": T("Rodikliai ir tendencijos, palyginti su Lietuva", "Indicators and trends against the national figure",
                    "Показники та тенденції порівняно з Литвою", "Показатели и тенденции в сравнении с Литвой"),
    "indicator": T("Rodiklis", "Indicator", "Показник", "Показатель"),
    "lithuania": T("Lietuva", "Lithuania", "Литва", "Литва"),
    "trend": T("Tendencija", "Trend", "Тенденція", "Тенденция"),
    "up": T("↑ didėja", "↑ rising", "↑ зростає", "↑ растёт"),
    "down": T("↓ mažėja", "↓ falling", "↓ знижується", "↓ снижается"),
    "flat": T("→ stabili", "→ stable", "→ стабільна", "→ стабильна"),
    "none": T("Duomenų nėra.", "No data.", "Даних немає.", "Данных нет."),
    "method": T("Metodika", "Methodology", "Методика", "Методика"),
    "method_text": T(
        "Reikšmės apskaičiuojamos pagal kiekvieno rodiklio agregavimo tipą (suma, vidurkis, paskutinė reikšmė). "
        "Iš asmenų duomenų apskaičiuoti langeliai, kuriuose mažiau nei 5 asmenys, slepiami (žymė „s“), kartu slepiant "
        "ir papildomus langelius, kad paslėptos reikšmės nebūtų galima atkurti iš sumų.",
        "Values follow each indicator's aggregation type (sum, average, last value). Cells computed from people's "
        "records that count fewer than 5 people are suppressed (marked “s”), together with complementary cells so "
        "that no suppressed value can be recovered from totals.",
        "Значення обчислюються за типом агрегування кожного показника (сума, середнє, останнє значення). Клітинки, "
        "обчислені з даних про осіб, у яких менше 5 осіб, приховано (позначка «s») разом із додатковими клітинками, "
        "щоб приховане значення не можна було відновити із сум.",
        "Значения рассчитываются по типу агрегирования каждого показателя (сумма, среднее, последнее значение). "
        "Ячейки, рассчитанные по данным о людях, где менее 5 человек, скрыты (отметка «s») вместе с "
        "дополнительными ячейками, чтобы скрытое значение нельзя было восстановить из сумм.",
    ),
    "directory": T("Paslaugų katalogas", "Service directory", "Каталог послуг", "Каталог услуг"),
    "referrals": T("Nukreipimai ir rezultatai", "Referrals and outcomes", "Направлення та результати",
                   "Направления и результаты"),
    "diaspora": T("Diasporos įsitraukimas", "Diaspora engagement", "Залучення діаспори", "Вовлечение диаспоры"),
    "ideas": T("Idėjos ir biudžetai", "Ideas and budgets", "Ідеї та бюджети", "Идеи и бюджеты"),
}  # fmt: skip
