"""What the directory's demo (and the benchmark's 100,000 services) are made of: organisations in
the ten municipalities the seeds name, and service templates for every category, written in the
languages such services are really offered in. Generated from a seeded random, so every run is
the same."""

from __future__ import annotations

from typing import Any

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

# (municipality slug, kind, lt name, en name, website host). The first three keep the logins
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

# Service templates: category, names {lt,en,uk,ru}, a description {lt,en,uk?}, and how it is run.
# ``langs`` lists the languages it is delivered in; the generator adds a community's language
# (Arabic in Jonava) where it fits.
T = dict[str, Any]
TEMPLATES: list[T] = [
    {
        "cat": "info",
        "name": (
            "Vieno langelio konsultacijos atvykusiems",
            "One-stop-shop advice for newcomers",
            "Консультації «єдиного вікна» для новоприбулих",
            "Консультации «одного окна» для прибывших",
        ),
        "desc": (
            "Padedame susitvarkyti dokumentus, deklaruoti gyvenamąją vietą ir rasti reikiamas paslaugas.",
            "We help with documents, registering your address and finding the services you need.",
            "Допомагаємо з документами, декларуванням місця проживання та пошуком потрібних послуг.",
        ),
        "langs": ["lt", "en", "uk", "ru"],
        "format": "in_person",
    },
    {
        "cat": "info",
        "name": (
            "Informacinė linija užsieniečiams",
            "Information line for foreigners",
            "Інформаційна лінія для іноземців",
            "Информационная линия для иностранцев",
        ),
        "desc": (
            "Telefonu ir el. paštu atsakome į klausimus apie gyvenimą Lietuvoje.",
            "We answer questions about living in Lithuania by phone and email.",
            "Відповідаємо на питання про життя в Литві телефоном та електронною поштою.",
        ),
        "langs": ["lt", "en", "uk", "ru"],
        "format": "online",
    },
    {
        "cat": "accompaniment",
        "name": (
            "Atvejo vadyba ir palydėjimas",
            "Case management and accompaniment",
            "Ведення випадку та супровід",
            "Ведение случая и сопровождение",
        ),
        "desc": (
            "Atvejo vadybininkas lydi į įstaigas, padeda susiplanuoti integracijos žingsnius.",
            "A case manager goes with you to offices and helps plan your integration steps.",
            "Кейс-менеджер супроводжує до установ і допомагає спланувати кроки інтеграції.",
        ),
        "langs": ["lt", "en", "uk", "ru"],
        "format": "in_person",
        "statuses": ["refugee", "subsidiary_protection", "temporary_protection", "asylum_seeker"],
    },
    {
        "cat": "legal.migration",
        "name": (
            "Teisinės konsultacijos migracijos klausimais",
            "Legal advice on migration",
            "Юридичні консультації з питань міграції",
            "Юридические консультации по вопросам миграции",
        ),
        "desc": (
            "Leidimai gyventi, šeimos susijungimas, pilietybė: nemokamos teisininko konsultacijos.",
            "Residence permits, family reunification, citizenship: free advice from a lawyer.",
            "Дозволи на проживання, возз'єднання сім'ї, громадянство: безкоштовні консультації юриста.",
        ),
        "langs": ["lt", "en", "ru", "uk"],
        "format": "hybrid",
    },
    {
        "cat": "legal.labour",
        "name": (
            "Darbuotojų teisių konsultacijos",
            "Workers' rights advice",
            "Консультації з трудових прав",
            "Консультации по трудовым правам",
        ),
        "desc": (
            "Darbo sutartys, atlyginimai, darbo sąlygos: padedame išsiaiškinti savo teises.",
            "Contracts, wages and working conditions: we help you understand your rights.",
            "Трудові договори, зарплата, умови праці: допомагаємо розібратися у своїх правах.",
        ),
        "langs": ["lt", "en", "ru", "uk"],
        "format": "hybrid",
        "statuses": ["temporary_residence", "temporary_protection", "permanent_residence"],
    },
    {
        "cat": "translation",
        "name": (
            "Vertimo ir tarpininkavimo paslaugos",
            "Interpreting and translation",
            "Послуги перекладу",
            "Услуги перевода",
        ),
        "desc": (
            "Vertėjas pas gydytoją, mokykloje ar įstaigoje; dokumentų vertimas.",
            "An interpreter at the doctor's, at school or at an office; document translation.",
            "Перекладач у лікаря, у школі чи установі; переклад документів.",
        ),
        "langs": ["lt", "en", "uk", "ru"],
        "format": "hybrid",
    },
    {
        "cat": "housing.mediation",
        "name": (
            "Pagalba ieškant būsto",
            "Help finding housing",
            "Допомога з пошуком житла",
            "Помощь в поиске жилья",
        ),
        "desc": (
            "Padedame rasti nuomojamą būstą, paaiškiname nuomos sutartį, tarpininkaujame su savininkais.",
            "We help you find a flat to rent, explain the lease and talk to landlords.",
            "Допомагаємо знайти житло в оренду, пояснюємо договір оренди та домовляємося з власниками.",
        ),
        "langs": ["lt", "uk", "ru", "en"],
        "format": "in_person",
    },
    {
        "cat": "housing.temporary",
        "name": (
            "Laikinas apgyvendinimas",
            "Temporary accommodation",
            "Тимчасове поселення",
            "Временное проживание",
        ),
        "desc": (
            "Laikinas apgyvendinimas krizėje atsidūrusiems asmenims ir šeimoms.",
            "Temporary accommodation for people and families in crisis.",
            "Тимчасове житло для людей і сімей у кризовій ситуації.",
        ),
        "langs": ["lt", "uk", "ru"],
        "format": "in_person",
        "shelter": True,
        "statuses": ["temporary_protection", "refugee", "asylum_seeker", "subsidiary_protection"],
    },
    {
        "cat": "language.course",
        "name": (
            "Lietuvių kalbos kursai",
            "Lithuanian language course",
            "Курси литовської мови",
            "Курсы литовского языка",
        ),
        "desc": (
            "Kursai suaugusiems vakarais, mažos grupės, pažymėjimas baigus.",
            "Evening courses for adults in small groups, with a certificate at the end.",
            "Вечірні курси для дорослих у малих групах, із сертифікатом наприкінці.",
        ),
        "langs": ["lt"],
        "format": "in_person",
        "course": True,
    },
    {
        "cat": "language.course",
        "name": (
            "Lietuvių kalba internetu",
            "Lithuanian online",
            "Литовська мова онлайн",
            "Литовский язык онлайн",
        ),
        "desc": (
            "Nuotolinės pamokos su mokytoju du kartus per savaitę.",
            "Online lessons with a teacher twice a week.",
            "Дистанційні уроки з викладачем двічі на тиждень.",
        ),
        "langs": ["lt"],
        "format": "online",
        "course": True,
    },
    {
        "cat": "language.informal",
        "name": (
            "Lietuvių kalbos pokalbių klubas",
            "Lithuanian conversation club",
            "Розмовний клуб литовської мови",
            "Разговорный клуб литовского языка",
        ),
        "desc": (
            "Kalbamės lietuviškai prie arbatos puodelio, visi lygiai laukiami.",
            "We talk Lithuanian over tea; every level welcome.",
            "Розмовляємо литовською за чашкою чаю, раді всім рівням.",
        ),
        "langs": ["lt"],
        "format": "informal",
    },
    {
        "cat": "employment.career",
        "name": (
            "Karjeros konsultacijos ir darbo paieška",
            "Career advice and job search",
            "Кар'єрні консультації та пошук роботи",
            "Карьерные консультации и поиск работы",
        ),
        "desc": (
            "CV rengimas, pasiruošimas pokalbiui, laisvos darbo vietos.",
            "Writing a CV, preparing for interviews, vacancies.",
            "Складання резюме, підготовка до співбесіди, вакансії.",
        ),
        "langs": ["lt", "en", "uk", "ru"],
        "format": "hybrid",
    },
    {
        "cat": "employment.qualifications",
        "name": (
            "Kvalifikacijos pripažinimo konsultacijos",
            "Recognition of qualifications",
            "Визнання кваліфікації",
            "Признание квалификации",
        ),
        "desc": (
            "Paaiškiname, kaip pripažinti užsienyje įgytą išsilavinimą ir profesiją.",
            "How to have education and professions gained abroad recognised.",
            "Пояснюємо, як визнати освіту та професію, здобуті за кордоном.",
        ),
        "langs": ["lt", "en", "ru"],
        "format": "online",
    },
    {
        "cat": "employment.entrepreneurship",
        "name": (
            "Verslumo mokymai",
            "Entrepreneurship training",
            "Навчання підприємництву",
            "Обучение предпринимательству",
        ),
        "desc": (
            "Kaip pradėti savo verslą Lietuvoje: mokesčiai, registracija, finansavimas.",
            "Starting a business in Lithuania: taxes, registration, funding.",
            "Як почати власну справу в Литві: податки, реєстрація, фінансування.",
        ),
        "langs": ["lt", "en", "ru"],
        "format": "hybrid",
        "course": True,
    },
    {
        "cat": "family.childcare",
        "name": (
            "Pagalba registruojant vaikus į darželį ir mokyklą",
            "Help enrolling children in kindergarten and school",
            "Допомога із записом дітей до садочка та школи",
            "Помощь в записи детей в садик и школу",
        ),
        "desc": (
            "Padedame užregistruoti vaikus ir pasiruošti pirmai dienai.",
            "We help enrol your children and prepare for the first day.",
            "Допомагаємо записати дітей і підготуватися до першого дня.",
        ),
        "langs": ["lt", "uk", "ru", "en"],
        "format": "in_person",
        "age": (0, 18),
    },
    {
        "cat": "family.day_centre",
        "name": (
            "Vaikų dienos centras",
            "Children's day centre",
            "Денний центр для дітей",
            "Дневной центр для детей",
        ),
        "desc": (
            "Pamokų ruoša, užsiėmimai ir maitinimas po pamokų.",
            "Homework help, activities and a meal after school.",
            "Допомога з домашніми завданнями, заняття та харчування після уроків.",
        ),
        "langs": ["lt", "uk", "ru"],
        "format": "in_person",
        "age": (7, 17),
    },
    {
        "cat": "family.sunday_school",
        "name": ("Sekmadieninė mokykla", "Sunday school", "Недільна школа", "Воскресная школа"),
        "desc": (
            "Gimtosios kalbos ir kultūros pamokos vaikams savaitgaliais.",
            "Mother-tongue and culture lessons for children at weekends.",
            "Уроки рідної мови та культури для дітей у вихідні.",
        ),
        "langs": ["uk", "lt"],
        "format": "in_person",
        "age": (5, 14),
    },
    {
        "cat": "family.higher_education",
        "name": (
            "Studijų Lietuvoje konsultacijos",
            "Advice on studying in Lithuania",
            "Консультації щодо навчання в Литві",
            "Консультации по учебе в Литве",
        ),
        "desc": (
            "Stojimas, stipendijos, diplomų pripažinimas.",
            "Admission, scholarships, recognition of diplomas.",
            "Вступ, стипендії, визнання дипломів.",
        ),
        "langs": ["lt", "en", "uk"],
        "format": "online",
        "age": (16, 40),
    },
    {
        "cat": "social",
        "name": (
            "Socialinė pagalba ir išmokos",
            "Social assistance and benefits",
            "Соціальна допомога та виплати",
            "Социальная помощь и пособия",
        ),
        "desc": (
            "Socialinis darbuotojas padeda kreiptis dėl išmokų ir paslaugų.",
            "A social worker helps you apply for benefits and services.",
            "Соціальний працівник допомагає звернутися по виплати та послуги.",
        ),
        "langs": ["lt", "ru", "uk"],
        "format": "in_person",
    },
    {
        "cat": "social",
        "name": (
            "Humanitarinė pagalba: maistas ir drabužiai",
            "Humanitarian aid: food and clothes",
            "Гуманітарна допомога: їжа та одяг",
            "Гуманитарная помощь: еда и одежда",
        ),
        "desc": (
            "Maisto paketai, drabužiai ir higienos prekės stokojantiems.",
            "Food parcels, clothes and hygiene items for those in need.",
            "Продуктові набори, одяг і засоби гігієни для тих, хто потребує.",
        ),
        "langs": ["lt", "uk", "ru"],
        "format": "in_person",
    },
    {
        "cat": "health",
        "name": (
            "Psichologinė pagalba",
            "Psychological support",
            "Психологічна підтримка",
            "Психологическая поддержка",
        ),
        "desc": (
            "Individualios ir grupinės psichologo konsultacijos, taip pat patyrusiems karo traumą.",
            "Individual and group sessions with a psychologist, also for those with war trauma.",
            "Індивідуальні та групові консультації психолога, також для тих, хто пережив війну.",
        ),
        "langs": ["lt", "uk", "ru", "en"],
        "format": "hybrid",
    },
    {
        "cat": "health",
        "name": (
            "Pagalba registruojantis pas šeimos gydytoją",
            "Help registering with a family doctor",
            "Допомога з реєстрацією у сімейного лікаря",
            "Помощь с регистрацией у семейного врача",
        ),
        "desc": (
            "Paaiškiname sveikatos draudimą ir padedame prisiregistruoti poliklinikoje.",
            "We explain health insurance and help you register at a clinic.",
            "Пояснюємо медичне страхування та допомагаємо зареєструватися в поліклініці.",
        ),
        "langs": ["lt", "uk", "ru", "en"],
        "format": "in_person",
    },
    {
        "cat": "community.events",
        "name": (
            "Tarpkultūriniai vakarai",
            "Intercultural evenings",
            "Міжкультурні вечори",
            "Межкультурные вечера",
        ),
        "desc": (
            "Virtuvės, muzikos ir tradicijų vakarai, kuriuose susitinka vietiniai ir atvykę.",
            "Evenings of food, music and traditions where locals and newcomers meet.",
            "Вечори кухні, музики та традицій, де зустрічаються місцеві та новоприбулі.",
        ),
        "langs": ["lt", "en", "uk"],
        "format": "informal",
    },
    {
        "cat": "community.culture_tickets",
        "name": (
            "Nemokami bilietai į kultūros renginius",
            "Free tickets to cultural events",
            "Безкоштовні квитки на культурні події",
            "Бесплатные билеты на культурные мероприятия",
        ),
        "desc": (
            "Teatras, koncertai ir muziejai: bilietai atvykusioms šeimoms.",
            "Theatre, concerts and museums: tickets for newcomer families.",
            "Театр, концерти та музеї: квитки для новоприбулих сімей.",
        ),
        "langs": ["lt", "en", "uk"],
        "format": "in_person",
    },
    {
        "cat": "community.clubs",
        "name": (
            "Laisvalaikio ir hobių būreliai",
            "Clubs and hobby groups",
            "Гуртки за інтересами",
            "Кружки по интересам",
        ),
        "desc": (
            "Sportas, rankdarbiai, šachmatai ir choras visoms kartoms.",
            "Sport, crafts, chess and a choir for all ages.",
            "Спорт, рукоділля, шахи та хор для всіх поколінь.",
        ),
        "langs": ["lt", "uk", "ru"],
        "format": "informal",
    },
    {
        "cat": "community.mutual_help",
        "name": (
            "Savitarpio pagalbos klubas",
            "Mutual help club",
            "Клуб взаємодопомоги",
            "Клуб взаимопомощи",
        ),
        "desc": (
            "Susitinkame kas savaitę, dalijamės patirtimi ir padedame vieni kitiems.",
            "We meet weekly, share experience and help each other.",
            "Зустрічаємося щотижня, ділимося досвідом і допомагаємо одне одному.",
        ),
        "langs": ["uk", "ru", "lt"],
        "format": "informal",
    },
    {
        "cat": "mentoring",
        "name": ("Savanoriai bičiuliai", "Volunteer buddies", "Волонтери-друзі", "Волонтеры-друзья"),
        "desc": (
            "Vietinis savanoris padeda susiorientuoti mieste pirmuosius mėnesius.",
            "A local volunteer helps you find your way in the city in the first months.",
            "Місцевий волонтер допомагає зорієнтуватися в місті в перші місяці.",
        ),
        "langs": ["lt", "en", "uk", "ru"],
        "format": "informal",
    },
    {
        "cat": "participation",
        "name": (
            "Pilietinio dalyvavimo dirbtuvės",
            "Civic participation workshops",
            "Майстерні громадської участі",
            "Мастерские гражданского участия",
        ),
        "desc": (
            "Kaip dalyvauti bendruomenės ir savivaldybės sprendimuose.",
            "How to take part in community and municipal decisions.",
            "Як брати участь у рішеннях громади та самоврядування.",
        ),
        "langs": ["lt", "en", "uk"],
        "format": "hybrid",
    },
    {
        "cat": "seniors",
        "name": (
            "Pagalba senjorams",
            "Support for seniors",
            "Допомога людям похилого віку",
            "Помощь пожилым людям",
        ),
        "desc": (
            "Pagalba namuose, lankymas ir užimtumas vyresnio amžiaus žmonėms.",
            "Help at home, visits and activities for older people.",
            "Допомога вдома, відвідування та дозвілля для людей похилого віку.",
        ),
        "langs": ["lt", "ru", "uk"],
        "format": "in_person",
        "age": (60, None),
    },
    {
        "cat": "digital",
        "name": (
            "Skaitmeninio raštingumo mokymai",
            "Digital skills training",
            "Навчання цифровим навичкам",
            "Обучение цифровым навыкам",
        ),
        "desc": (
            "E. valdžios vartai, elektroninė bankininkystė ir saugumas internete.",
            "E-government, online banking and staying safe online.",
            "Електронний уряд, інтернет-банкінг і безпека в мережі.",
        ),
        "langs": ["lt", "ru", "uk"],
        "format": "in_person",
        "course": True,
    },
    {
        "cat": "returnees",
        "name": (
            "Konsultacijos grįžtantiems emigrantams",
            "Advice for returning emigrants",
            "Консультації для тих, хто повертається",
            "Консультации для возвращающихся эмигрантов",
        ),
        "desc": (
            "Dokumentai, vaikų ugdymas, darbas ir verslas grįžus į Lietuvą.",
            "Documents, schooling, work and business after moving back to Lithuania.",
            "Документи, навчання дітей, робота та бізнес після повернення до Литви.",
        ),
        "langs": ["lt", "en"],
        "format": "hybrid",
        "statuses": ["returnee"],
    },
    {
        "cat": "info",
        "name": (
            "Konsultacijos arabų kalba",
            "Advice in Arabic",
            "Консультації арабською мовою",
            "Консультации на арабском языке",
        ),
        "desc": (
            "Bendruomenės konsultantas padeda arabiškai kalbančioms šeimoms.",
            "A community adviser helps Arabic-speaking families.",
            "Консультант громади допомагає арабомовним сім'ям.",
        ),
        "langs": ["ar", "lt", "en"],
        "format": "in_person",
        "community": "ar",
    },
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
