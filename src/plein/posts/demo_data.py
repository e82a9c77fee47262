"""The texts of the posts demo: posts, comments, replies and hashtags at Gemeente Voorbeeld.

Used by plein.posts.demo, which fills the placeholders and picks among them.
"""

from __future__ import annotations

# Placeholders: {day} a weekday, {time} a time, {room} a meeting room, {first} the author's first
# name. A mention (@jan.devries) and hashtags are added by the step, not by the template.

DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
TIMES = ("9.00", "10.30", "12.15", "13.00", "14.30", "15.45", "16.00")
ROOMS = (
    "de Raadzaal",
    "vergaderruimte De Linde",
    "de kantine op de tweede verdieping",
    "vergaderruimte 3.12",
    "het Stadscafé",
    "de Burgerzaal",
)

COFFEE_POSTS = (
    "Wie heeft er een oplader voor een laptop van het werk over? Die van mij ligt nog thuis en "
    "ik zit vandaag de hele dag in {room}.",
    "Er staat nog een halve appeltaart in de keuken op de tweede verdieping. Op is op!",
    "Vanaf {day} is de koffieautomaat bij de publiekshal weer gerepareerd. Eindelijk weer "
    "cappuccino in plaats van oploskoffie.",
    "Is er iemand die vaker met de fiets vanuit Noord komt? Ik zoek een fietsmaatje voor de "
    "donkere ochtenden.",
    "Gevonden in {room}: een zwarte paraplu en een blauwe sjaal. Ze liggen bij de receptie.",
    "Vandaag precies 12,5 jaar in dienst! Om {time} staat er gebak in de kantine, iedereen is "
    "welkom.",
    "Tip voor wie net begonnen is: het rooster van de kantine staat op de deur van de keuken en "
    "op {day} is er soep van de week.",
    "Wie wil er meedoen met de pubquiz van de personeelsvereniging? We zoeken nog twee mensen "
    "voor ons team.",
    "De parkeerplaats aan de achterkant is {day} dicht vanwege werkzaamheden. Fiets of OV is "
    "die dag een goed idee.",
    "Bedankt allemaal voor de lieve kaart en de bloemen na mijn operatie. Ik ben over twee weken "
    "weer terug, eerst halve dagen.",
    "Wat lezen jullie op dit moment? Ik ben net klaar met een thriller en zoek iets nieuws voor "
    "de vakantie.",
    "Heeft iemand ervaring met de nieuwe stabureaus op de derde? Ik twijfel of ik er een wil "
    "reserveren.",
    "Op {day} om {time} is er een rondleiding door het archief in de kelder. Echt een aanrader, "
    "je ziet bouwtekeningen van meer dan honderd jaar oud.",
    "De sinterklaasloterij is weer begonnen! Lootjes kosten een euro, de opbrengst gaat naar de "
    "voedselbank.",
    "Wie heeft mijn tupperwarebakje met het groene deksel gezien? Zat nog pasta in...",
    "Goed nieuws: de fietsenstalling krijgt eindelijk extra oplaadpunten voor e-bikes.",
    "Wie doet er mee met de wandelchallenge van de personeelsvereniging? 10.000 stappen per "
    "dag, een maand lang.",
    "Mijn collega's van Burgerzaken hebben gisteren 37 huwelijksaankondigingen in één dag "
    "afgehandeld. Trouwseizoen is begonnen!",
    "De plantjes op de derde verdieping zoeken een oppas tijdens de kerstvakantie. Wie ontfermt "
    "zich erover?",
    "Heeft iemand een goede tip voor een lunchplek in de buurt van buurtkantoor Zuid?",
)
DEPARTMENT_POSTS = (
    "Herinnering: {day} om {time} is ons teamoverleg in {room}. De agenda staat in de gedeelde "
    "map; punten graag vóór woensdag aanleveren.",
    "De nieuwe werkinstructie voor het afhandelen van klachten staat online. Lees hem even door "
    "voor het overleg van {day}, dan bespreken we vragen samen.",
    "Fijn nieuws: de achterstand in onze zaken is de afgelopen maand met een derde afgenomen. "
    "Dank aan iedereen die een stapje extra heeft gezet!",
    "Vanaf volgende week werken we met een nieuw telefoonrooster. Check even of je diensten "
    "kloppen en laat het me voor {day} weten als er iets moet ruilen.",
    "Welkom aan onze nieuwe collega die {day} begint! Loop gerust even langs om kennis te maken.",
    "Wie gaat er mee naar de informatiebijeenkomst over de nieuwe Omgevingswetprocessen op "
    "{day}? We kunnen samen vanaf het stadhuis vertrekken.",
    "Het jaarplan voor volgend jaar is bijna klaar. Ik deel {day} een concept; reacties zijn "
    "welkom tot het eind van de maand.",
    "Kort verslag van de heidag: we hebben drie verbeterpunten gekozen, waaronder minder "
    "dubbele registratie en betere overdracht tussen de teams.",
    "Let op: het zaaksysteem is {day} tussen 17.00 en 20.00 uur niet beschikbaar vanwege "
    "onderhoud.",
    "Ik ben {day} afwezig. Voor dringende zaken kun je terecht bij mijn collega's "
    "van het team; de mailbox wordt gewoon gelezen.",
    "Vraag: hoe gaan jullie om met inwoners die meerdere keren per week bellen over hetzelfde? "
    "Ik hoor graag hoe andere teams dat aanpakken.",
)
GROUP_POSTS = {
    "hardloopclub": (
        "Dinsdag lopen we het rondje langs de singel, 6 kilometer. Verzamelen om 12.15 uur bij "
        "de fietsenstalling.",
        "Wie loopt er mee met de Singelloop? Inschrijven kan nog tot het eind van de maand, de "
        "gemeente betaalt het startgeld.",
        "Mooie ronde vandaag met elf lopers, nieuw record! Volgende week proberen we de 8 "
        "kilometer.",
        "Tip: de douches in de kelder van het stadhuis zijn weer open na de verbouwing.",
    ),
    "fotografie": (
        "Het thema van deze maand is 'de stad bij nacht'. Deel je mooiste foto hier, op {day} "
        "kiezen we een winnaar.",
        "Fotowandeling door het havengebied op {day} om {time}. Neem een statief mee als je dat "
        "hebt.",
        "Weet iemand hoe je de gemeentelijke huisstijlrand om een foto zet? Ik wil er een voor de "
        "nieuwsbrief gebruiken.",
        "Prachtig licht vanochtend boven het park. Zelfs met mijn telefoon lukte het een mooie "
        "foto te maken.",
    ),
    "projectteam-nieuw-stadhuis": (
        "De plattegrond van de publiekshal is aangepast: de balies voor reisdocumenten komen nu "
        "bij de ingang. Reacties graag voor {day}.",
        "Planning verhuizing: het archief gaat als eerste, daarna de teams van Bedrijfsvoering. "
        "De exacte data volgen na het overleg van {day}.",
        "Verslag van de werkplekkensessie staat in de map van het project. Belangrijkste punt: "
        "meer stilteplekken en minder vaste bureaus.",
        "Wie wil er meedenken over de inrichting van de personeelsruimte? We zoeken nog twee "
        "collega's voor de klankbordgroep.",
    ),
    "vertrouwenspersonen": (
        "Intervisie staat gepland op {day} om {time}, in een ruimte buiten het stadhuis. Ik stuur "
        "het adres apart.",
        "Concept van de jaarrapportage staat klaar. Geen namen of herleidbare gegevens, graag nog "
        "even controleren.",
        "Spreekuurrooster voor de komende maand: wie kan de dinsdagochtenden in Noord doen?",
    ),
}
GENERIC_SPACE_POSTS = (
    "Wie neemt {day} de notulen? Ik kan zelf helaas niet.",
    "Kort bericht: het overleg van {day} verschuift naar {time} in {room}.",
    "Goed om te weten: de nieuwe versie van het document staat klaar, graag even lezen.",
    "Welke onderwerpen willen jullie de volgende keer bespreken?",
    "Dank voor de goede bijeenkomst van gisteren! De actiepunten staan in het verslag.",
)
PROFILE_POSTS = (
    "Vandaag mijn eerste week bij de gemeente afgerond. Wat een warm welkom, dank jullie wel!",
    "Na acht jaar bij Burgerzaken ga ik een nieuwe uitdaging aan bij Ruimte. Ik ga de collega's "
    "missen, maar jullie blijven me tegenkomen bij de koffie.",
    "Afgelopen week de training 'Schrijven op B1-niveau' gevolgd. Echt een aanrader: mijn "
    "brieven zijn een stuk korter geworden.",
    "Mooi om te zien hoeveel inwoners vandaag naar de inloopavond over het nieuwe park kwamen. "
    "Dit is waarom ik bij een gemeente werk.",
    "Ik werk deze maand vaker vanuit buurtkantoor Zuid. Kom gerust langs als je in de buurt bent.",
    "Deze week vijf jaar in dienst. De tijd vliegt!",
    "Trots op ons team: de nieuwe aanvraagpagina is live en inwoners zijn er al positief over.",
    "Ben op zoek naar iemand met ervaring in Power BI. Wie wil er een uurtje met me meekijken?",
    "Net terug van het congres over dienstverlening. Volgende week deel ik mijn belangrijkste "
    "lessen in een korte presentatie op {day}.",
    "Mijn tip van de week: zet je status op 'niet storen' als je aan een lastig dossier werkt. "
    "Scheelt een hoop onderbrekingen.",
    "Heb vandaag geholpen bij de voedselinzameling met de vrijwilligers uit de wijk. Wat een "
    "energie!",
    "Wie weet hoe je in Plein je meldingen per ruimte uitzet? Ik krijg er net iets te veel.",
    "Vandaag met een inwoner aan de keukentafel gezeten die al maanden op hulp wachtte. Samen "
    "met de collega's van Wmo hebben we het binnen een week geregeld.",
    "Morgen geef ik een korte workshop over slim vergaderen. Er zijn nog drie plekken vrij!",
    "Na de cursus Excel voor gevorderden durf ik eindelijk draaitabellen te maken. Wie wil er "
    "tips?",
    "Mijn fiets is gestolen bij de stalling achter het stadhuis. Iemand iets gezien? Het is een "
    "groene stadsfiets met een mand voorop.",
    "Wat een mooie opkomst bij de open dag van de gemeentewerf! Meer dan 400 bezoekers, en de "
    "kinderen vonden de veegwagen natuurlijk het mooist.",
    "Ik ben deze week bereikbaar via mijn mobiel; mijn vaste telefoon werkt niet sinds de "
    "verhuizing naar de derde verdieping.",
    "Eerste dag terug na mijn verlof. Ik heb 312 mails, dus even geduld als je op antwoord wacht.",
    "Leuke samenwerking gehad met het team Vergunningen. Dankzij hun snelle advies kan het "
    "buurtfeest in Noord toch doorgaan.",
)
CLOSINGS = (
    "Groetjes, {first}",
    "Fijne dag allemaal!",
    "Alvast bedankt!",
    "Laat het me weten.",
    "Goed weekend alvast!",
)
ANNOUNCEMENTS = (
    "## Welkom op Plein!\n\nVanaf vandaag is Plein ons nieuwe intranet. Hier vind je het nieuws "
    "van Gemeente Voorbeeld, je collega's en alle ruimtes van teams en clubs. Vul je profiel aan "
    "en stel je voor in de Koffiecorner. Vragen? Stel ze gerust aan @{editor} of aan de "
    "ambassadeur van je afdeling. #intranet #onboarding",
    "**Personeelsfeest op vrijdag 12 december**\n\nDit jaar vieren we het eindejaarsfeest in "
    "het Stadscafé, van 16.00 tot 20.00 uur. Er is eten, muziek en een pubquiz. Aanmelden kan "
    "tot 1 december via de personeelsvereniging. #teamuitje",
    "De gemeente wil in 2030 klimaatneutraal werken. Deze maand starten we met *Duurzaam "
    "Donderdag*: elke donderdag een tip over minder printen, minder reizen en minder "
    "verspilling. Heb je zelf een goed idee? Deel het met #duurzaamheid.",
)
PINNED_POST = (
    "**Welkom in de Koffiecorner!** Dit is de plek voor iedereen bij Gemeente Voorbeeld. "
    "Stel jezelf voor, deel een leuke vondst of vraag iets aan collega's. Houd het vriendelijk: "
    "dit is een gezellige plek, geen klachtenloket. #onboarding #intranet"
)
EDITED_FROM = (
    "Het overleg over de nieuwe werkplekken is op donderdag om 14.00 uur in de Raadzaal. "
    "Neem je laptop mee."
)
EDITED_TO = (
    "Het overleg over de nieuwe werkplekken is **verplaatst** naar vrijdag om 10.30 uur in "
    "vergaderruimte De Linde. Neem je laptop mee. #werkplekken"
)
MENTION_SENTENCES = (
    "@{who} weet jij hier meer van?",
    "Dank aan @{who} voor het meedenken!",
    "cc @{who}",
    "@{who} kunnen we dit {day} even bespreken?",
    "Goed idee van @{who} trouwens.",
)
HASHTAGS = (
    "onboarding",
    "duurzaamheid",
    "teamuitje",
    "intranet",
    "werkplekken",
    "omgevingswet",
    "dienstverlening",
    "vitaliteit",
    "hybridewerken",
    "nieuwecollega",
    "digitalisering",
    "samenwerken",
)
# A comment that suits most posts, and the replies it may get (or GENERIC_REPLIES).
COMMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Goed idee!", ("Dank je!", "Fijn dat je het ook zo ziet.")),
    ("Dank je wel voor het delen.", ("Graag gedaan!",)),
    ("Ik ben erbij!", ("Top, tot dan!", "Leuk, zie je daar!")),
    ("Helemaal mee eens.", ()),
    (
        "Kun je de link nog even delen?",
        (
            "Ik heb de link bovenaan in het bericht gezet.",
            "Staat in de gedeelde map, ik stuur hem je.",
        ),
    ),
    (
        "Ik kan {day} helaas niet, is er een andere datum?",
        ("We plannen nog een tweede moment, ik laat het weten.", "Ik stuur je het verslag."),
    ),
    (
        "Heel herkenbaar. Bij ons team speelt hetzelfde.",
        (
            "Zullen we eens samen kijken hoe we dit aanpakken?",
            "Goed om te horen dat we niet de enigen zijn.",
        ),
    ),
    ("Top, dat scheelt een hoop gedoe.", ()),
    ("Mag ik nog aansluiten?", ("Ja hoor, je bent welkom!", "Zeker, er is nog plek.")),
    ("Duidelijk verhaal, dank!", ()),
    (
        "Geldt dit ook voor collega's die parttime werken?",
        ("Goede vraag, ik zoek het uit.", "Ja, we houden rekening met alle roosters."),
    ),
    ("Dit nemen we mee in ons overleg van {day}.", ("Laat maar weten hoe het bevalt!",)),
    ("Staat dit ook ergens op een rijtje?", ("Ik maak er een overzicht van en deel het hier.",)),
    ("Hoe laat precies?", ("Om {time} in {room}.", "Vanaf {time}, loop gerust binnen.")),
    (
        "Wie is hiervoor het aanspreekpunt?",
        ("Dat ben ik, stuur me gerust een bericht.", "Voorlopig het teamsecretariaat."),
    ),
    ("Fijn, dank voor de heads-up!", ()),
    ("Goed geregeld!", ()),
    (
        "Komt er ook een verslag voor wie er niet bij kan zijn?",
        ("Ja, dat zet ik volgende week hier neer.", "Zeker, ik deel het na afloop."),
    ),
)
GENERIC_REPLIES = ("Dank je!", "Haha, precies!", "Eens!", "Goed punt.")
# How often each kind of reaction is chosen (like is the usual one).
REACTION_KINDS = ("like", "love", "celebrate", "insightful", "funny")
REACTION_WEIGHTS = (55, 14, 12, 12, 7)
