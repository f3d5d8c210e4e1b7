"""Service templates of the demo and benchmark data, first half."""

from __future__ import annotations

from typing import Any

# Service templates: category, names {lt,en,uk,ru}, a description {lt,en,uk?}, and how it is run.
# ``langs`` lists the languages people can get help in (a Lithuanian course explained in Ukrainian
# lists ``uk``); the generator adds a community's language
# (Arabic in Jonava) where it fits.
T = dict[str, Any]
FIRST: list[T] = [
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
        "langs": ["lt", "uk", "ru", "en"],
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
        "langs": ["lt", "uk", "en"],
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
        "langs": ["lt", "uk", "ru"],
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
]
