"""What the directory's demo (and the benchmark's 100,000 services) are made of: organisations in
the ten municipalities the seeds name, and service templates for every category, written in the
languages such services are really offered in. Generated from a seeded random, so every run is
the same."""

from __future__ import annotations

from api.directory.demo.templates import TEMPLATES

__all__ = ["FUNDING", "LEVELS", "MUNICIPALITIES", "ORGANIZATIONS", "SUFFIXES", "TEMPLATES", "WEEKDAY_SLOTS"]

# (slug, city, centre latitude, longitude, streets)
MUNICIPALITIES: list[tuple[str, str, float, float, list[str]]] = [
    (
        "vilniaus-m",
        "Vilnius",
        54.6872,
        25.2797,
        ["Gedimino pr.", "Vilniaus g.", "Kalvarijų g.", "Naugarduko g.", "Ukmergės g."],
    ),
    ("kauno-m", "Kaunas", 54.8985, 23.9036, ["Laisvės al.", "Vilniaus g.", "Savanorių pr.", "Kęstučio g."]),
    ("klaipedos-m", "Klaipėda", 55.7033, 21.1443, ["Herkaus Manto g.", "Tiltų g.", "Taikos pr.", "Liepų g."]),
    ("siauliu-m", "Šiauliai", 55.9349, 23.3137, ["Vilniaus g.", "Tilžės g.", "Aušros al."]),
    ("jonavos-r", "Jonava", 55.0727, 24.2797, ["Žeimių g.", "Chemikų g.", "Kauno g."]),
    ("akmenes-r", "Naujoji Akmenė", 56.3167, 22.9000, ["V. Kudirkos g.", "Respublikos g."]),
    ("alytaus-m", "Alytus", 54.3963, 24.0459, ["Rotušės a.", "Pulko g.", "Naujoji g."]),
    ("panevezio-m", "Panevėžys", 55.7348, 24.3575, ["Respublikos g.", "Laisvės a.", "Smėlynės g."]),
    ("taurages-r", "Tauragė", 55.2522, 22.2897, ["Respublikos g.", "Dariaus ir Girėno g."]),
    ("marijampoles", "Marijampolė", 54.5593, 23.3541, ["Kauno g.", "Vytauto g.", "J. Basanavičiaus a."]),
]

# (municipality slug, kind, lt name, en name). The first three keep the logins
# teikejas1..3@demo.langelis.lt, so their order must not change.
ORGANIZATIONS: list[tuple[str, str, str, str]] = [
    ("vilniaus-m", "ngo", "Lietuvos Raudonasis Kryžius", "Lithuanian Red Cross"),
    ("kauno-m", "ngo", "Kauno įvairių kultūrų centras", "Kaunas Multicultural Centre"),
    ("jonavos-r", "social_service", "Jonavos socialinių paslaugų centras", "Jonava Social Services Centre"),
    (
        "vilniaus-m",
        "municipality",
        "Vilniaus miesto savivaldybės administracija",
        "Vilnius City Municipality",
    ),
    ("vilniaus-m", "ngo", "Vilniaus arkivyskupijos Caritas", "Caritas of the Archdiocese of Vilnius"),
    ("vilniaus-m", "state_body", "Užimtumo tarnyba, Vilniaus skyrius", "Employment Service, Vilnius"),
    ("vilniaus-m", "ngo", "Diversity Development Group", "Diversity Development Group"),
    ("vilniaus-m", "school", "Vilniaus Jono Basanavičiaus progimnazija", "Vilnius Jonas Basanavičius School"),
    ("vilniaus-m", "ngo", "Ukrainiečių bendruomenė Vilniuje", "Ukrainian Community in Vilnius"),
    ("vilniaus-m", "social_business", "Socialinė įmonė „Darbas visiems“", "Social business Work for All"),
    ("kauno-m", "municipality", "Kauno miesto savivaldybės administracija", "Kaunas City Municipality"),
    ("kauno-m", "ngo", "Kauno Caritas", "Kaunas Caritas"),
    ("kauno-m", "school", "Kauno suaugusiųjų mokymo centras", "Kaunas Adult Education Centre"),
    ("kauno-m", "ngo", "Kauno moterų draugija", "Kaunas Women's Association"),
    (
        "klaipedos-m",
        "municipality",
        "Klaipėdos miesto savivaldybės administracija",
        "Klaipėda City Municipality",
    ),
    (
        "klaipedos-m",
        "ngo",
        "Klaipėdos socialinės ir psichologinės pagalbos centras",
        "Klaipėda Social and Psychological Support Centre",
    ),
    ("klaipedos-m", "state_body", "Užimtumo tarnyba, Klaipėdos skyrius", "Employment Service, Klaipėda"),
    ("klaipedos-m", "ngo", "Jūrininkų šeimų asociacija", "Seafarers' Families Association"),
    ("siauliu-m", "municipality", "Šiaulių miesto savivaldybės administracija", "Šiauliai City Municipality"),
    ("siauliu-m", "ngo", "Šiaulių Raudonojo Kryžiaus skyrius", "Šiauliai Red Cross"),
    ("siauliu-m", "school", "Šiaulių universiteto gimnazija", "Šiauliai University Gymnasium"),
    ("siauliu-m", "ngo", "Šiaulių bendruomenių namai", "Šiauliai Community House"),
    (
        "jonavos-r",
        "municipality",
        "Jonavos rajono savivaldybės administracija",
        "Jonava District Municipality",
    ),
    ("jonavos-r", "ngo", "Sirijos bendruomenė Jonavoje", "Syrian Community in Jonava"),
    (
        "jonavos-r",
        "school",
        "Jonavos Raimundo Samulevičiaus progimnazija",
        "Jonava Raimundas Samulevičius School",
    ),
    ("jonavos-r", "religious", "Jonavos parapijos Caritas", "Jonava Parish Caritas"),
    (
        "akmenes-r",
        "municipality",
        "Akmenės rajono savivaldybės administracija",
        "Akmenė District Municipality",
    ),
    (
        "akmenes-r",
        "social_service",
        "Akmenės rajono socialinių paslaugų namai",
        "Akmenė Social Services Home",
    ),
    ("alytaus-m", "municipality", "Alytaus miesto savivaldybės administracija", "Alytus City Municipality"),
    ("alytaus-m", "ngo", "Alytaus bendruomenės centras", "Alytus Community Centre"),
    ("alytaus-m", "school", "Alytaus profesinio rengimo centras", "Alytus Vocational Training Centre"),
    (
        "panevezio-m",
        "municipality",
        "Panevėžio miesto savivaldybės administracija",
        "Panevėžys City Municipality",
    ),
    ("panevezio-m", "ngo", "Panevėžio jaunimo organizacijų sąjunga", "Panevėžys Youth Organisations Union"),
    (
        "panevezio-m",
        "social_service",
        "Panevėžio socialinių paslaugų centras",
        "Panevėžys Social Services Centre",
    ),
    (
        "taurages-r",
        "municipality",
        "Tauragės rajono savivaldybės administracija",
        "Tauragė District Municipality",
    ),
    ("taurages-r", "ngo", "Tauragės krašto bendruomenė", "Tauragė Regional Community"),
    ("marijampoles", "municipality", "Marijampolės savivaldybės administracija", "Marijampolė Municipality"),
    ("marijampoles", "ngo", "Marijampolės Caritas", "Marijampolė Caritas"),
    (
        "marijampoles",
        "state_body",
        "Užimtumo tarnyba, Marijampolės skyrius",
        "Employment Service, Marijampolė",
    ),
    ("marijampoles", "ngo", "Pasienio iniciatyvų centras", "Border Initiatives Centre"),
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
