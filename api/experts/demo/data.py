"""Texts for the experts demo data: names, places, professions, topics, stories, requests."""

from __future__ import annotations

# The seeds' cities: where the demo experts are from.
HOME_SLUGS = (
    "vilniaus-m",
    "kauno-m",
    "klaipedos-m",
    "siauliu-m",
    "jonavos-r",
    "akmenes-r",
    "alytaus-m",
    "panevezio-m",
    "taurages-r",
    "marijampoles",
)
# Weights: bigger cities have bigger diasporas.
HOME_WEIGHTS = (24, 18, 12, 12, 6, 4, 6, 8, 4, 6)

# country -> (weight, cities, local language codes with the usual level of a long-time resident)
COUNTRIES: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {
    "GB": (22, ("London", "Manchester", "Edinburgh", "Birmingham", "Bristol", "Leeds"), ("en",)),
    "IE": (10, ("Dublin", "Cork", "Galway", "Limerick"), ("en",)),
    "NO": (10, ("Oslo", "Bergen", "Trondheim", "Stavanger"), ("no", "en")),
    "DE": (9, ("Berlin", "München", "Hamburg", "Frankfurt am Main", "Leipzig"), ("de", "en")),
    "FR": (5, ("Paris", "Lyon", "Toulouse", "Strasbourg"), ("fr", "en")),
    "BE": (4, ("Bruxelles", "Antwerpen", "Gent"), ("fr", "nl", "en")),
    "PL": (4, ("Warszawa", "Kraków", "Gdańsk", "Białystok"), ("pl", "en")),
    "LU": (3, ("Luxembourg", "Esch-sur-Alzette"), ("fr", "de", "en")),
    "SE": (6, ("Stockholm", "Göteborg", "Malmö", "Uppsala"), ("sv", "en")),
    "US": (8, ("Chicago", "New York", "Boston", "Los Angeles", "Seattle"), ("en",)),
    "LT": (19, (), ("en",)),
}
# Lithuanians living elsewhere in Lithuania: where (city, municipality slug).
LT_PLACES = (
    ("Vilnius", "vilniaus-m"),
    ("Kaunas", "kauno-m"),
    ("Klaipėda", "klaipedos-m"),
    ("Šiauliai", "siauliu-m"),
    ("Panevėžys", "panevezio-m"),
    ("Alytus", "alytaus-m"),
    ("Jonava", "jonavos-r"),
    ("Marijampolė", "marijampoles"),
    ("Palanga", "palangos-m"),
    ("Druskininkai", "druskininku"),
)

MALE_FIRST = (
    "Jonas",
    "Tomas",
    "Mantas",
    "Lukas",
    "Paulius",
    "Marius",
    "Andrius",
    "Darius",
    "Vytautas",
    "Rokas",
    "Justinas",
    "Dovydas",
    "Mindaugas",
    "Gediminas",
    "Karolis",
    "Aurimas",
    "Linas",
    "Edvinas",
    "Saulius",
    "Kęstutis",
    "Giedrius",
    "Arūnas",
    "Žygimantas",
    "Ignas",
    "Algirdas",
)
FEMALE_FIRST = (
    "Rūta",
    "Ieva",
    "Agnė",
    "Eglė",
    "Greta",
    "Monika",
    "Ugnė",
    "Austėja",
    "Gabija",
    "Indrė",
    "Lina",
    "Jurgita",
    "Simona",
    "Kristina",
    "Vaida",
    "Milda",
    "Aistė",
    "Giedrė",
    "Neringa",
    "Rasa",
    "Dalia",
    "Živilė",
    "Laura",
    "Karolina",
    "Skaistė",
)
# (male, unmarried female, married female)
SURNAMES = (
    ("Kazlauskas", "Kazlauskaitė", "Kazlauskienė"),
    ("Petrauskas", "Petrauskaitė", "Petrauskienė"),
    ("Jankauskas", "Jankauskaitė", "Jankauskienė"),
    ("Stankevičius", "Stankevičiūtė", "Stankevičienė"),
    ("Vasiliauskas", "Vasiliauskaitė", "Vasiliauskienė"),
    ("Žukauskas", "Žukauskaitė", "Žukauskienė"),
    ("Butkus", "Butkutė", "Butkienė"),
    ("Paulauskas", "Paulauskaitė", "Paulauskienė"),
    ("Urbonas", "Urbonaitė", "Urbonienė"),
    ("Kavaliauskas", "Kavaliauskaitė", "Kavaliauskienė"),
    ("Navickas", "Navickaitė", "Navickienė"),
    ("Ramanauskas", "Ramanauskaitė", "Ramanauskienė"),
    ("Savickas", "Savickaitė", "Savickienė"),
    ("Rimkus", "Rimkutė", "Rimkienė"),
    ("Sakalauskas", "Sakalauskaitė", "Sakalauskienė"),
    ("Baranauskas", "Baranauskaitė", "Baranauskienė"),
    ("Adomaitis", "Adomaitytė", "Adomaitienė"),
    ("Mockus", "Mockutė", "Mockienė"),
    ("Vaitkus", "Vaitkutė", "Vaitkienė"),
    ("Šimkus", "Šimkutė", "Šimkienė"),
    ("Grigas", "Grigaitė", "Grigienė"),
    ("Lukoševičius", "Lukoševičiūtė", "Lukoševičienė"),
    ("Bagdonas", "Bagdonaitė", "Bagdonienė"),
    ("Čepulis", "Čepulytė", "Čepulienė"),
)

# A few profiles written in Ukrainian or Russian (experts whose first language it is).
OTHER_LANGUAGE_BIOS = (
    ("uk", "Живу в Литві понад десять років, допомагаю новоприбулим з України зорієнтуватися в місті."),
    ("uk", "Працюю психологом, консультую родини, які пережили війну."),
    ("ru", "Инженер-строитель, работал в Норвегии, готов консультировать по реновации домов."),
    ("ru", "Преподаю литовский язык взрослым, помогаю с подготовкой к экзамену на гражданство."),
)
