"""Gemeente Voorbeeld as data: its locations, departments and what the people in each do, the
skills and interests colleagues list, and the names they have."""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- The organisation -------------------------------------------------------------------------

LOCATIONS: tuple[tuple[str, str], ...] = (
    ("Stadhuis", "Markt 1, 1234 AB Voorbeeld"),
    ("Gemeentewerf", "Industrieweg 14, 1234 CD Voorbeeld"),
    ("Buurtkantoor Noord", "Noorderplein 3, 1235 EF Voorbeeld"),
    ("Buurtkantoor Zuid", "Zuidersingel 52, 1236 GH Voorbeeld"),
)
STADHUIS, WERF, NOORD, ZUID = (name for name, _address in LOCATIONS)
# How a location reads in a sentence ("Ik werk meestal vanuit het stadhuis").
LOCATION_PHRASES = {
    STADHUIS: "het stadhuis",
    WERF: "de gemeentewerf",
    NOORD: "buurtkantoor Noord",
    ZUID: "buurtkantoor Zuid",
}


@dataclass(frozen=True)
class Unit:
    """A department of Gemeente Voorbeeld and what the people in it do."""

    code: str
    name: str
    parent: str | None  # the parent's code
    weight: int  # share of the staff, next to the other units; the head comes on top
    head_title: str
    titles: tuple[str, ...]  # most common first
    skills: tuple[str, ...]
    locations: tuple[str, ...] = (STADHUIS,)  # most common first


# fmt: off
UNITS: tuple[Unit, ...] = (
    Unit(
        "DIR", "Directie", None, 2, "Gemeentesecretaris",
        ("Directiesecretaris", "Strategisch adviseur", "Concerncontroller", "Bestuursadviseur",
         "Managementassistent"),
        ("Bestuurlijke advisering", "Strategie", "Verandermanagement", "Politieke sensitiviteit",
         "Planning & control"),
    ),
    Unit(
        "BV", "Bedrijfsvoering", None, 1, "Afdelingshoofd Bedrijfsvoering",
        ("Managementassistent", "Adviseur bedrijfsvoering"),
        ("Planning & control", "Verandermanagement", "Inkoop"),
    ),
    Unit(
        "BV-HR", "HR", "BV", 4, "Teamleider HR",
        ("HR-adviseur", "Salarisadministrateur", "Recruiter", "Opleidingsadviseur",
         "Arbo-adviseur", "Medewerker personeelszaken"),
        ("Werving en selectie", "Verzuimbegeleiding", "CAO Gemeenten", "Salarisadministratie",
         "Loopbaanbegeleiding", "Arbeidsrecht"),
    ),
    Unit(
        "BV-FIN", "Financiën", "BV", 4, "Teamleider Financiën",
        ("Financieel adviseur", "Medewerker financiële administratie", "Controller",
         "Begrotingsadviseur", "Inkoopadviseur"),
        ("Begroting", "BBV", "Planning & control", "Aanbesteden", "Inkoop", "Rechtmatigheid"),
    ),
    Unit(
        "BV-ICT", "ICT", "BV", 5, "Teamleider ICT",
        ("Servicedeskmedewerker", "Applicatiebeheerder", "Systeembeheerder",
         "Functioneel beheerder", "Informatiemanager", "Security officer", "Data-analist"),
        ("Microsoft 365", "Informatiebeveiliging", "BIO", "Netwerkbeheer", "Python", "SQL",
         "ITIL", "Functioneel beheer"),
    ),
    Unit(
        "BV-FAC", "Facilitair", "BV", 4, "Teamleider Facilitair",
        ("Facilitair medewerker", "Receptionist", "Medewerker DIV", "Bode", "Huismeester",
         "Medewerker inkoop en contractbeheer"),
        ("Archiefwet", "Documentaire informatievoorziening", "Gastvrijheid", "Catering",
         "Contractbeheer", "Gebouwbeheer"),
        (STADHUIS, WERF),
    ),
    Unit(
        "BZ", "Burgerzaken", None, 1, "Afdelingshoofd Burgerzaken",
        ("Managementassistent", "Kwaliteitsmedewerker burgerzaken"),
        ("Burgerzaken", "Procesverbetering", "Klantcontact"),
    ),
    Unit(
        "BZ-PZ", "Publiekszaken", "BZ", 8, "Teamleider Publiekszaken",
        ("Klantcontactmedewerker", "Medewerker burgerzaken", "Baliemedewerker",
         "Medewerker reisdocumenten", "Medewerker BRP", "Buitengewoon ambtenaar burgerlijke stand"),
        ("Burgerzaken", "BRP", "Reisdocumenten", "Rijbewijzen", "Klantcontact",
         "Huwelijken voltrekken", "Verkiezingen", "Identiteitsfraude"),
        (STADHUIS, NOORD, ZUID),
    ),
    Unit(
        "BZ-BEL", "Belastingen", "BZ", 4, "Teamleider Belastingen",
        ("Medewerker belastingen", "WOZ-taxateur", "Invorderingsmedewerker",
         "Medewerker heffingen", "Adviseur belastingen"),
        ("WOZ", "Gemeentelijke belastingen", "Invordering", "Kwijtschelding", "Bezwaar en beroep"),
    ),
    Unit(
        "SD", "Sociaal Domein", None, 1, "Afdelingshoofd Sociaal Domein",
        ("Beleidsadviseur sociaal domein", "Managementassistent"),
        ("Wmo", "Jeugdwet", "Participatiewet", "Beleid schrijven"),
    ),
    Unit(
        "SD-WMO", "Wmo", "SD", 6, "Teamleider Wmo",
        ("Wmo-consulent", "Klantmanager Wmo", "Beleidsmedewerker Wmo",
         "Administratief medewerker Wmo"),
        ("Wmo", "Keukentafelgesprek", "Mantelzorg", "Hulpmiddelen", "Beschermd wonen",
         "Dementie"),
        (STADHUIS, NOORD, ZUID),
    ),
    Unit(
        "SD-JGD", "Jeugd", "SD", 5, "Teamleider Jeugd",
        ("Jeugdconsulent", "Gezinscoach", "Leerplichtambtenaar", "Beleidsadviseur jeugd"),
        ("Jeugdwet", "Jeugdhulp", "Leerplicht", "Veilig thuis", "Gespreksvoering"),
        (NOORD, ZUID, STADHUIS),
    ),
    Unit(
        "SD-WI", "Werk en Inkomen", "SD", 7, "Teamleider Werk en Inkomen",
        ("Klantmanager werk", "Consulent inkomen", "Participatiecoach", "Schuldhulpverlener",
         "Handhaver sociale zaken", "Jobcoach"),
        ("Participatiewet", "Schuldhulpverlening", "Re-integratie", "Bijzondere bijstand",
         "Werkgeversdienstverlening", "Motiverende gespreksvoering"),
        (STADHUIS, ZUID, NOORD),
    ),
    Unit(
        "RU", "Ruimte", None, 1, "Afdelingshoofd Ruimte",
        ("Managementassistent", "Programmamanager wonen"),
        ("Omgevingswet", "Woningbouw", "Gebiedsontwikkeling"),
    ),
    Unit(
        "RU-RO", "Ruimtelijke Ordening", "RU", 4, "Teamleider Ruimtelijke Ordening",
        ("Beleidsadviseur ruimtelijke ordening", "Stedenbouwkundige", "Adviseur Omgevingswet",
         "Planjurist", "GIS-specialist"),
        ("Omgevingswet", "Omgevingsplan", "Stedenbouw", "GIS", "Participatie",
         "Gebiedsontwikkeling", "Duurzaamheid"),
    ),
    Unit(
        "RU-VG", "Vergunningen", "RU", 5, "Teamleider Vergunningen",
        ("Vergunningverlener", "Toezichthouder bouw", "Handhaver", "Casemanager vergunningen",
         "Adviseur bouw- en woningtoezicht"),
        ("Omgevingswet", "Vergunningverlening", "Toezicht en handhaving", "Bouwbesluit", "DSO",
         "APV"),
    ),
    Unit(
        "OR", "Openbare Ruimte", None, 1, "Afdelingshoofd Openbare Ruimte",
        ("Beleidsadviseur openbare ruimte", "Managementassistent"),
        ("Beheer openbare ruimte", "Klimaatadaptatie", "Contractbeheer"),
        (WERF, STADHUIS),
    ),
    Unit(
        "OR-GRN", "Groen", "OR", 6, "Teamleider Groen",
        ("Medewerker groenonderhoud", "Hovenier", "Boomverzorger", "Beheerder groen", "Ecoloog"),
        ("Groenbeheer", "Boomveiligheid", "Biodiversiteit", "Maaien", "VCA"),
        (WERF,),
    ),
    Unit(
        "OR-WEG", "Wegen", "OR", 5, "Teamleider Wegen",
        ("Medewerker wegenonderhoud", "Wegbeheerder", "Opzichter", "Verkeerskundige",
         "Projectleider civiele techniek"),
        ("Civiele techniek", "Verkeersveiligheid", "Riolering", "VCA", "Bestekken schrijven"),
        (WERF, STADHUIS),
    ),
    Unit(
        "OR-AFV", "Afval", "OR", 6, "Teamleider Afval",
        ("Chauffeur afvalinzameling", "Belader", "Medewerker milieustraat",
         "Coördinator afvalinzameling", "Adviseur afval en grondstoffen"),
        ("Afvalscheiding", "Rijbewijs C", "Circulaire economie", "VCA", "Routeplanning"),
        (WERF,),
    ),
    Unit(
        "COM", "Communicatie", None, 4, "Hoofd Communicatie",
        ("Communicatieadviseur", "Webredacteur", "Online communicatieadviseur", "Woordvoerder",
         "Grafisch ontwerper"),
        ("Schrijven", "Webredactie", "Woordvoering", "Social media", "Fotografie",
         "Participatie", "Campagnes", "B1-taalniveau"),
    ),
)
# fmt: on
UNITS_BY_CODE = {unit.code: unit for unit in UNITS}
DIRECTIE = "DIR"

# What a department is there for, for the first line of a bio.
GOALS = {
    "DIR": "de organisatie koers houdt en het college goed wordt geadviseerd",
    "BV": "de organisatie soepel draait",
    "BZ": "inwoners snel en goed geholpen worden",
    "SD": "inwoners de ondersteuning krijgen die ze nodig hebben",
    "RU": "plannen voor wonen, werken en natuur goed landen",
    "OR": "straten, parken en pleinen schoon, heel en veilig zijn",
    "COM": "inwoners en collega's weten wat er speelt",
}

# fmt: off
GENERAL_SKILLS: tuple[str, ...] = (  # skills anyone may have; the common ones first
    "Excel", "Word", "Projectleiding", "Schrijven", "Presenteren", "Notuleren", "Adviseren",
    "Plannen", "Klantgericht werken", "Procesverbetering", "Teams", "Data-analyse",
    "Onderhandelen", "Coachen", "AVG", "SharePoint", "Training geven", "Engels",
)
RARE_SKILLS: tuple[str, ...] = (
    "Lean", "Scrum", "Power BI", "Subsidies", "Mediation", "Duits", "Arabisch", "Turks",
    "Gebarentaal", "BHV", "EHBO", "Visualiseren",
)
INTERESTS: tuple[str, ...] = (
    "Fotografie", "Hardlopen", "Koken", "Wielrennen", "Tuinieren", "Lezen", "Muziek",
    "Gitaar spelen", "Zingen", "Schaken", "Voetbal", "Hockey", "Tennis", "Padel", "Yoga",
    "Wandelen", "Duurzaamheid", "Reizen", "Bordspellen", "Vrijwilligerswerk", "Zeilen",
    "Schilderen", "Theater", "Film", "Podcasts", "Geschiedenis", "Vogels kijken", "Bakken",
    "Klussen", "Fietsen", "Zwemmen", "Kamperen", "Breien", "Programmeren", "Honden",
    "Schaatsen", "Dansen", "Pubquiz", "Lokale politiek", "Escape rooms",
)
# Words that keep their capital in the middle of a sentence.
KEEP_CASE = {
    "Excel", "Word", "Teams", "Scrum", "Lean", "Wmo", "Omgevingswet", "Jeugdwet",
    "Participatiewet", "Archiefwet", "Engels", "Duits", "Arabisch", "Turks", "Python",
    "Microsoft", "Bouwbesluit", "Veilig", "Rijbewijs", "CAO",
}
# fmt: on


# --- Names ------------------------------------------------------------------------------------

# Longest first, so "van der" wins over "van".
# fmt: off
NAME_PREFIXES: tuple[str, ...] = tuple(
    sorted(
        ("van der", "van den", "van de", "van het", "van 't", "in 't", "uit de", "uit den",
         "op de", "op den", "in de", "van", "de", "den", "der", "ter", "te", "'t", "het"),
        key=len,
        reverse=True,
    )
)
# fmt: on
_NAME_WORD = r"(?:IJ|[A-Z])[a-zà-öø-ÿ]+"
PLAIN_LAST_NAME = re.compile(rf"{_NAME_WORD}(?:-{_NAME_WORD})?")

# Colleagues whose families came from Turkey, Morocco or Suriname, as in any Dutch town hall.
# fmt: off
OTHER_NAMES: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("Elif", "Zeynep", "Ayşe", "Merve", "Esra", "Büşra"),
        ("Emre", "Mehmet", "Burak", "Mustafa", "Kerem", "Hakan"),
        ("Yilmaz", "Kaya", "Öztürk", "Demir", "Çelik", "Şahin", "Aydin", "Doğan"),
    ),
    (
        ("Fatima", "Yasmina", "Nadia", "Samira", "Khadija", "Salma"),
        ("Mohamed", "Rachid", "Bilal", "Karim", "Youssef", "Hamza"),
        ("El Amrani", "Bouzid", "Benali", "El Idrissi", "Ait Ouali", "Bakkali", "Haddou"),
    ),
    (
        ("Priya", "Shanti", "Anjali", "Sharmila", "Rowena", "Shirley"),
        ("Rajesh", "Ravi", "Sunil", "Glenn", "Romano", "Dennis"),
        ("Ramdin", "Sitaram", "Jagesar", "Ramsaran", "Pinas", "Kartosen", "Sabajo"),
    ),
)
# fmt: on
