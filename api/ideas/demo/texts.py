"""Demo texts: the seeded cities, names, idea templates, comments and answers."""

from __future__ import annotations

CITIES = [
    ("vilniaus-m", "Vilnius", 70),
    ("kauno-m", "Kaunas", 55),
    ("klaipedos-m", "Klaipėda", 45),
    ("siauliu-m", "Šiauliai", 35),
    ("jonavos-r", "Jonava", 30),
    ("akmenes-r", "Akmenė", 20),
    ("alytaus-m", "Alytus", 25),
    ("panevezio-m", "Panevėžys", 30),
    ("taurages-r", "Tauragė", 20),
    ("marijampoles", "Marijampolė", 20),
]

FIRST = [
    "Ona",
    "Jonas",
    "Rūta",
    "Tomas",
    "Olena",
    "Andrii",
    "Aisha",
    "Marius",
    "Ieva",
    "Darius",
    "Iryna",
    "Lukas",
    "Greta",
    "Paulius",
    "Sofiia",
    "Mantas",
    "Agnė",
    "Karim",
    "Eglė",
    "Dmitrij",
    "Laura",
    "Vytautas",
    "Natalia",
    "Simona",
]

LAST = ["K.", "P.", "M.", "S.", "B.", "V.", "Ž.", "D.", "R.", "L."]

DIASPORA_COUNTRIES = ["IE", "GB", "NO", "DE", "US", "ES", "SE", "NL", "DK", "CA"]


# (category, language, title, body); {city} is filled in.
IDEAS: list[tuple[str, str, str, str]] = [
    (
        "public_space",
        "lt",
        "Daugiau suoliukų prie upės ({city})",
        "Pasivaikščiojimo takas ilgas, o atsisėsti beveik nėra kur. Siūlau kas 200 m pastatyti suoliukus.",
    ),
    (
        "public_space",
        "lt",
        "Gertuvės centre",
        "Vasarą trūksta geriamojo vandens: įrengti gertuves pagrindinėse aikštėse.",
    ),
    (
        "mobility",
        "lt",
        "Saugus dviračių takas į mokyklas",
        "Vaikai važiuoja gatve tarp automobilių. Reikia atskirto tako bent nuo mikrorajonų iki mokyklų.",
    ),
    (
        "mobility",
        "en",
        "Night bus on weekends in {city}",
        "A night bus line on Fridays and Saturdays would let people get home safely without a car.",
    ),
    (
        "mobility",
        "uk",
        "Розклад автобусів кількома мовами",
        "На зупинках розклад лише литовською. Додати англійську та українську – це недорого і дуже допоможе.",
    ),
    (
        "environment",
        "lt",
        "Bendruomenės daržai daugiabučių kiemuose",
        "Leiskime gyventojams kiemuose įsirengti pakeltas lysves; savivaldybė galėtų duoti žemės ir lentų.",
    ),
    (
        "environment",
        "en",
        "Plant a tree for every newborn",
        "Each family of a newborn could plant a tree in a city park, with a small name plate.",
    ),
    (
        "environment",
        "ru",
        "Больше урн для раздельного сбора",
        "В спальных районах мало контейнеров для стекла и пластика. Предлагаю удвоить их число.",
    ),
    (
        "culture",
        "lt",
        "Kiemų šventė kiekvieną vasarą",
        "Kaimynų šventė kiemuose: muzika, maistas iš skirtingų virtuvių, pažintis su naujais gyventojais.",
    ),
    (
        "culture",
        "en",
        "{city} stories: an oral history archive",
        "Record the memories of older residents and of those who left, and publish them as a city audio archive.",
    ),
    (
        "culture",
        "uk",
        "Вечори українського кіно з литовськими субтитрами",
        "Раз на місяць показ фільму з обговоренням – для знайомства громад.",
    ),
    (
        "education",
        "lt",
        "Lietuvių kalbos kursai vakarais ir savaitgaliais",
        "Dirbantys atvykėliai negali lankyti kursų darbo metu. Reikia grupių vakarais ir šeštadieniais, ne tik A1 lygio.",
    ),
    (
        "education",
        "en",
        "Homework club for newcomer children",
        "Volunteers and retired teachers could help children who are still learning Lithuanian with their homework.",
    ),
    (
        "education",
        "ru",
        "Курсы литовского уровня B1–B2",
        "Курсы A1 есть, но дальше продолжить негде. Нужны группы продвинутого уровня.",
    ),
    (
        "social",
        "lt",
        "Savanorių mentorių tinklas naujiems gyventojams",
        "Kaip „BeFriend“ Vilniuje: savanoris padeda susitvarkyti buitį, dokumentus, rasti gydytoją.",
    ),
    (
        "social",
        "uk",
        "Група психологічної підтримки для жінок",
        "Зустрічі раз на тиждень із психологом для жінок, які приїхали з дітьми.",
    ),
    (
        "sport",
        "lt",
        "Lauko treniruoklių aikštelė parke",
        "Nemokami lauko treniruokliai visoms amžiaus grupėms prie ežero.",
    ),
    (
        "sport",
        "en",
        "Free football for teenagers on Sunday mornings",
        "Open training sessions mixing local and newcomer teenagers, run by a coach.",
    ),
    (
        "economy",
        "lt",
        "Grįžtančiųjų verslumo dirbtuvės",
        "Grįžusiems emigrantams – dirbtuvės, kaip pradėti verslą Lietuvoje: mokesčiai, patalpos, parama.",
    ),
    (
        "economy",
        "en",
        "Remote-work hub in the old library",
        "Turn unused rooms of the old library into a co-working space for remote workers and returnees.",
    ),
    (
        "digital",
        "lt",
        "Vieno langelio informacija keturiomis kalbomis",
        "Visa informacija atvykusiems vienoje svetainėje: lietuvių, anglų, ukrainiečių ir rusų kalbomis.",
    ),
    (
        "digital",
        "en",
        "Online booking for the migration office",
        "Queues are long; an online booking system with SMS reminders would save everyone time.",
    ),
    (
        "integration",
        "lt",
        "Pažintinės ekskursijos naujiems gyventojams",
        "Kartą per mėnesį nemokama ekskursija po miestą su istorija ir praktiniais patarimais.",
    ),
    (
        "integration",
        "uk",
        "Клуб взаємодопомоги для новоприбулих",
        "Щотижневі зустрічі, де люди діляться порадами про житло, роботу та документи.",
    ),
    (
        "integration",
        "ru",
        "Информационный день для приезжих",
        "Раз в квартал: консультации юриста, службы занятости и школ в одном месте.",
    ),
    (
        "diaspora",
        "en",
        "Diaspora mentors for local students",
        "{city} people abroad could mentor students online: careers, studies, internships.",
    ),
    (
        "diaspora",
        "lt",
        "Kraštiečių dienos kasmet",
        "Kviesti išvykusius miestiečius į kasmetinį susitikimą: pristatyti miesto projektus, ieškoti partnerių.",
    ),
    (
        "diaspora",
        "en",
        "Try a job at the city hall",
        "A volunteer 'try on a job' week at the municipality for returnees considering moving back.",
    ),
    (
        "other",
        "lt",
        "Viešieji tualetai parkuose",
        "Didžiuosiuose parkuose trūksta tualetų, ypač vasarą ir renginių metu.",
    ),
    (
        "other",
        "en",
        "Multilingual welcome pack",
        "A printed and online welcome pack for new residents: services, emergency numbers, culture tickets.",
    ),
]

COMMENTS = [
    ("lt", "Pritariu, tai labai reikalinga."),
    ("lt", "O kas prižiūrės? Reikėtų numatyti lėšų priežiūrai."),
    ("en", "Great idea, I would volunteer to help."),
    ("en", "We did something similar in Dublin and it worked well."),
    ("uk", "Дуже потрібно, підтримую!"),
    ("ru", "Хорошая идея, но нужно учесть бюджет."),
    ("lt", "Gal verta pradėti nuo vieno mikrorajono kaip bandomojo projekto?"),
    ("en", "Could this also be accessible for people with disabilities?"),
]

ANSWER_TEXT = {
    "under_review": {
        "lt": "Ačiū už idėją. Ją svarsto Miesto plėtros skyrius; atsakysime per mėnesį.",
        "en": "Thank you. The urban development department is reviewing it; we will answer within a month.",
    },
    "accepted": {
        "lt": "Idėja priimta: ją įtrauksime į kitų metų planą.",
        "en": "Accepted: it will be part of next year's plan.",
    },
    "rejected": {
        "lt": "Deja, šiuo metu tam nėra lėšų ir vieta priklauso valstybei.",
        "en": "Unfortunately there is no funding, and the land belongs to the state.",
    },
    "implemented": {
        "lt": "Įgyvendinta! Ačiū visiems, kurie balsavo.",
        "en": "Done! Thanks to everyone who voted.",
    },
}
