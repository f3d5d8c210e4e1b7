"""Service templates of the demo and benchmark data: one per kind of service, named in lt/en/uk/ru."""

from __future__ import annotations

from typing import Any

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
