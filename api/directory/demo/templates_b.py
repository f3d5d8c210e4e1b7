"""Service templates of the demo and benchmark data, second half."""

from __future__ import annotations

from api.directory.demo.templates_a import T

SECOND: list[T] = [
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
