"""The starter library of tips and the starter posting guidelines, in Dutch and English.

Both are only written into an empty table, so a community manager's own texts are never
overwritten. "{intranet}" becomes the intranet's name when shown.
"""

from django.db import migrations

# (title_nl, body_nl, title_en, body_en), in the order people get them.
TIPS = [
    (
        "Laat zien wie je bent",
        "Zet een foto bij je profiel en vul je functie, afdeling en vaardigheden in. Collega's "
        "herkennen je dan sneller en vinden je als ze iemand zoeken die weet wat jij weet.\n\n"
        "Je vindt het onder je naam rechtsboven → **Profiel bewerken**.",
        "Show who you are",
        "Add a photo to your profile and fill in your job title, department and skills. "
        "Colleagues recognise you sooner and find you when they look for someone who knows "
        "what you know.\n\nYou find it under your name at the top right → **Edit profile**.",
    ),
    (
        "Volg je directe collega's",
        "Open het profiel van een collega en klik op **Volgen**. Wat die collega plaatst, zie je "
        "dan terug bij de activiteiten op je startpagina. Begin met je eigen team en je "
        "leidinggevende.",
        "Follow your closest colleagues",
        "Open a colleague's profile and click **Follow**. What they post then shows up in the "
        "activity on your start page. Start with your own team and your manager.",
    ),
    (
        "Word lid van een ruimte",
        "Onder **Ruimtes** vind je teams, projecten en interessegroepen, van de "
        "ondernemingsraad tot de hardloopgroep. Word lid van een ruimte die je aanspreekt: de "
        "berichten komen dan op je startpagina. Past een ruimte toch niet, dan verlaat je hem "
        "net zo makkelijk.",
        "Join a space",
        "Under **Spaces** you find teams, projects and interest groups, from the works council "
        "to the running club. Join a space that appeals to you: its posts then appear on your "
        "start page. If it is not for you after all, leaving is just as easy.",
    ),
    (
        "Een reactie zonder woorden",
        "Geen tijd om iets te schrijven? Kies onder een bericht een reactie, zoals een duim of "
        "een feestje. Zo weet de schrijver dat het gelezen en gewaardeerd is, en dat maakt "
        "meer uit dan je denkt.",
        "A reaction without words",
        "No time to write something? Pick a reaction under a post, such as a thumbs-up or a "
        "celebration. The writer then knows it was read and appreciated, which matters more "
        "than you might think.",
    ),
    (
        "Noem een collega met @",
        "Typ **@** en de eerste letters van een naam in een bericht of reactie, en kies je "
        "collega uit de lijst. Die krijgt een melding en kan meteen meepraten, zonder aparte "
        "e-mail.",
        "Mention a colleague with @",
        "Type **@** and the first letters of a name in a post or comment, and pick your "
        "colleague from the list. They get a notification and can join in straight away, no "
        "separate e-mail needed.",
    ),
    (
        "Wat mag ik hier plaatsen?",
        "Twijfel je of iets op {intranet} past? Lees [de spelregels](/getting-started/guidelines/)."
        " Kort gezegd: deel gerust je werk, je vragen en je successen, wees vriendelijk en zet "
        "nooit gegevens van inwoners of cliënten online.",
        "What may I post here?",
        "Not sure whether something belongs on {intranet}? Read [the guidelines]"
        "(/getting-started/guidelines/). In short: share your work, your questions and your "
        "successes, be kind, and never put details of citizens or clients online.",
    ),
    (
        "Stel je vraag aan iedereen",
        "Weet je niet bij wie je moet zijn? Kies **Vragen** in het menu en stel je vraag daar. "
        "Iedereen kan meelezen en antwoorden, en het antwoord helpt ook de volgende die het "
        "zich afvraagt. Jij wijst het antwoord aan dat je verder hielp.",
        "Ask everyone",
        "Don't know who to ask? Choose **Questions** in the menu and ask there. Everyone can "
        "read along and answer, and the answer also helps the next person who wonders. You "
        "mark the answer that helped you.",
    ),
    (
        "Vragen over {intranet} zelf?",
        "Onderaan elke pagina staat een link naar de ruimte voor vragen over het intranet. "
        "Daar helpen de ambassadeurs en het projectteam je verder. Geen vraag is te klein: "
        "grote kans dat een collega hetzelfde wil weten.",
        "Questions about {intranet} itself?",
        "At the bottom of every page there is a link to the space for questions about the "
        "intranet. The ambassadors and the project team help you there. No question is too "
        "small: chances are a colleague wonders the same.",
    ),
    (
        "Deel je startpagina in",
        "Jouw startpagina, jouw keuze. Met **Je startpagina indelen** onderaan de startpagina "
        "zet je blokken hoger of lager, of verberg je wat je niet gebruikt. Ook dit blok met "
        "tips.",
        "Arrange your start page",
        "Your start page, your choice. With **Arrange your start page** at the bottom of the "
        "start page you move blocks up or down, or hide what you don't use. This block of tips "
        "too.",
    ),
    (
        "{intranet} op je telefoon",
        "Open {intranet} in de browser van je telefoon en kies in het menu **Toevoegen aan "
        "beginscherm** (of **Installeren**). Dan staat {intranet} tussen je apps en heb je het "
        "nieuws en je collega's altijd bij de hand.",
        "{intranet} on your phone",
        "Open {intranet} in your phone's browser and choose **Add to Home screen** (or "
        "**Install**) in its menu. {intranet} then sits among your apps, with the news and your "
        "colleagues always at hand.",
    ),
    (
        "Vind de juiste collega",
        "Onder **Mensen** zoek je collega's op naam, afdeling, locatie of vaardigheid. Handig "
        "als je iemand zoekt die verstand heeft van subsidies, of wilt weten wie die nieuwe "
        "collega op jouw locatie is.",
        "Find the right colleague",
        "Under **People** you search colleagues by name, department, location or skill. Handy "
        "when you need someone who knows about grants, or want to know who that new colleague "
        "at your location is.",
    ),
    (
        "Alles over één onderwerp",
        "Zet een hekje voor een woord in je bericht, zoals #verbouwing. Klik je op zo'n tag, "
        "dan zie je alle berichten over dat onderwerp bij elkaar, uit alle ruimtes die je mag "
        "zien.",
        "Everything about one subject",
        "Put a hash sign in front of a word in your post, like #renovation. Click such a tag "
        "and you see every post about that subject together, from all the spaces you can see.",
    ),
    (
        "Te veel meldingen uit een ruimte?",
        "Klik op de pagina van de ruimte op **Meldingen dempen**. Je blijft lid en ziet de "
        "berichten nog, maar krijgt er geen meldingen meer over. Noemt iemand je met @, dan "
        "hoor je dat wel.",
        "Too many notifications from a space?",
        "Click **Mute notifications** on the space's page. You stay a member and still see "
        "the posts, but get no notifications about them. When someone mentions you with @, "
        "you still hear about it.",
    ),
    (
        "Bij blijven zonder elke dag te kijken",
        "Onder je naam → **Instellingen en taal** → **Kies welke e-mails je krijgt** bepaal je "
        "of je een dagelijkse of wekelijkse samenvatting per e-mail krijgt, of helemaal geen. "
        "Zo mis je niets, ook als je een paar dagen weg bent.",
        "Keep up without checking every day",
        "Under your name → **Settings and language** → **Choose which e-mails you get** you "
        "decide whether you get a daily or weekly summary by e-mail, or none at all. That way "
        "you miss nothing, even after a few days away.",
    ),
    (
        "Verplicht leesvoer",
        "Sommige nieuwsberichten hebben het label **Verplicht lezen**. Lees ze en klik onderaan "
        "op **Ik heb dit gelezen**: dan weet de afzender dat het bericht is aangekomen, en krijg "
        "je er geen herinnering meer over.",
        "Must-read news",
        "Some news items carry the label **Must read**. Read them and click **I have read "
        "this** at the bottom: the sender then knows the message arrived, and you get no "
        "reminder about it.",
    ),
    (
        "De agenda in je eigen agenda",
        "Ga naar **Agenda** en kies **Abonneer je in je agenda**. Je krijgt een persoonlijk "
        "adres voor Outlook, Google Agenda of je telefoon. Bijeenkomsten waarvoor je je "
        "aanmeldt, staan dan vanzelf ook in je eigen agenda.",
        "The agenda in your own calendar",
        "Go to **Agenda** and choose **Subscribe in your calendar**. You get a personal address "
        "for Outlook, Google Calendar or your phone. Events you sign up for then appear in "
        "your own calendar by themselves.",
    ),
    (
        "Zeg het met kudos",
        "Heeft een collega je goed geholpen? Kies **Meer** → **Kudos** → **Kudos geven**, kies "
        "waarvoor je iemand bedankt en schrijf er een paar woorden bij. Een compliment dat "
        "iedereen kan zien, doet extra goed.",
        "Say it with kudos",
        "Did a colleague help you out? Choose **More** → **Kudos** → **Give kudos**, pick what "
        "you thank them for and add a few words. A compliment everyone can see feels extra "
        "good.",
    ),
    (
        "Documenten op één plek",
        "Formulieren, protocollen en handleidingen staan onder **Meer** → **Documenten**, en "
        "elke ruimte heeft een eigen documentenbibliotheek. Werk je een document bij, upload "
        "dan een nieuwe versie: iedereen ziet meteen de nieuwste, de oude versies blijven "
        "bewaard.",
        "Documents in one place",
        "Forms, protocols and manuals are under **More** → **Documents**, and every space has "
        "its own document library. Updating a document? Upload a new version: everyone sees "
        "the latest at once, and the old versions are kept.",
    ),
    (
        "Kennis die blijft: de wiki",
        "Werkinstructies en \"hoe doen we dat hier\" zet je in de wiki van een ruimte (**In "
        "deze ruimte** → **Wiki**). Leden van de ruimte kunnen pagina's samen bijwerken, en in "
        "de geschiedenis zie je wie wat veranderde.",
        "Knowledge that lasts: the wiki",
        "Work instructions and \"how we do things here\" go in a space's wiki (**In this "
        "space** → **Wiki**). Members of the space keep the pages up to date together, and the "
        "history shows who changed what.",
    ),
    (
        "Volg een gesprek",
        "Wil je weten hoe een discussie afloopt zonder zelf te reageren? Kies in het menu van "
        "het bericht **Volgen**. Je krijgt dan een melding bij elke nieuwe reactie.",
        "Follow a conversation",
        "Want to know how a discussion ends without joining in? Choose **Follow** in the "
        "post's menu. You then get a notification for every new comment.",
    ),
    (
        "Schrijf een blog",
        "Heb je een verhaal dat langer is dan een bericht? Via **Meer** → **Blogs** schrijf je "
        "een blogbericht: over een project, een mooie dag of wat je deze week opviel. "
        "Collega's kunnen reageren, en je berichten staan samen op je eigen blog.",
        "Write a blog",
        "Got a story longer than a post? Through **More** → **Blogs** you write a blog entry: "
        "about a project, a good day or what struck you this week. Colleagues can comment, and "
        "your entries stay together on your own blog.",
    ),
    (
        "Een idee? Zet het neer",
        "Kan iets in je werk slimmer, of mis je iets op {intranet}? Zet het onder **Meer** → "
        "**Ideeën en feedback**. Collega's stemmen mee, zo zie je welke ideeën leven.",
        "Got an idea? Share it",
        "Could something in your work be smarter, or do you miss something on {intranet}? Put "
        "it under **More** → **Ideas and feedback**. Colleagues vote, so you see which ideas "
        "catch on.",
    ),
]

GUIDELINES_NL = """\
{intranet} is van ons allemaal. Deel gerust je werk, je vragen, je successen en wat er verder speelt. Deze afspraken houden het een prettige en veilige plek.

## Wees vriendelijk
- Schrijf zoals je een collega bij de koffieautomaat aanspreekt: open, eerlijk en met respect.
- Kritiek mag, op de inhoud en niet op de persoon.
- Geen discriminatie, pesten, grof taalgebruik of reclame.

## Geen persoonsgegevens van inwoners of cliënten
- Zet nooit namen, adressen, BSN's, dossiernummers of foto's van inwoners, cliënten of klanten op {intranet}, ook niet in een besloten ruimte.
- Gaat je vraag over een zaak? Beschrijf de situatie in algemene termen, en bespreek de details in het systeem waar het dossier hoort.
- Deel ook over collega's niets wat zij zelf niet willen delen, zoals ziekte of privézaken.

## Wat zet je waar?
- **Een bericht in een ruimte**: nieuws uit je team, een vraag aan vakgenoten, iets moois uit je werk.
- **Vragen** (in het menu): een vraag waar iedereen op kan antwoorden, zodat de volgende het antwoord ook vindt.
- **Documenten**: formulieren, protocollen en handleidingen. Werk ze bij met een nieuwe versie.
- **Wiki** van een ruimte: werkinstructies en kennis die je als team samen bijhoudt.
- **Marktplaats**: spullen die je verkoopt, weggeeft of zoekt.
- **Nieuws** voor de hele organisatie plaatst de redactie. Heb je een nieuwtje? Laat het hun weten.
- Vertrouwelijke stukken horen niet op {intranet}, maar in de systemen die daarvoor zijn.

## Foto's en auteursrecht
- Gebruik eigen foto's, of beeld waarvan je zeker weet dat je het mag gebruiken. Een plaatje van internet is bijna nooit vrij te gebruiken.
- Vraag collega's of ze het goed vinden voordat je een foto plaatst waarop ze herkenbaar zijn.
- Noem de bron bij een citaat of artikel, en deel liever een link dan een hele tekst.

## Wie let erop?
De communitymanager en de moderators van elke ruimte houden een oogje in het zeil. Zij kunnen berichten aanpassen of weghalen die niet aan deze afspraken voldoen, en laten je dan weten waarom.

## Zie je iets wat niet klopt?
Laat het de moderator van de ruimte of de communitymanager weten, of stel je vraag in de ruimte voor vragen over het intranet (de link staat onderaan elke pagina). Gaat het om persoonsgegevens of iets wat echt niet kan? Meld het meteen, dan wordt het snel weggehaald.
"""

GUIDELINES_EN = """\
{intranet} belongs to all of us. Share your work, your questions, your successes and whatever else is going on. These agreements keep it a pleasant and safe place.

## Be kind
- Write the way you would talk to a colleague at the coffee machine: open, honest and respectful.
- Criticism is fine, about the matter and not the person.
- No discrimination, bullying, offensive language or advertising.

## No personal data of citizens or clients
- Never put names, addresses, citizen service numbers, case numbers or photos of citizens, clients or customers on {intranet}, not even in a closed space.
- Is your question about a case? Describe the situation in general terms, and discuss the details in the system where the case file belongs.
- Don't share anything about colleagues they would not share themselves, such as illness or private matters.

## What goes where?
- **A post in a space**: news from your team, a question to people in your field, something good from your work.
- **Questions** (in the menu): a question anyone can answer, so the next person finds the answer too.
- **Documents**: forms, protocols and manuals. Update them with a new version.
- A space's **wiki**: work instructions and knowledge your team keeps up to date together.
- **Marketplace**: things you sell, give away or are looking for.
- **News** for the whole organisation is posted by the editors. Got news? Let them know.
- Confidential papers do not belong on {intranet}, but in the systems made for them.

## Pictures and copyright
- Use your own photos, or images you are sure you may use. A picture from the internet is almost never free to use.
- Ask colleagues whether they agree before you post a photo in which they can be recognised.
- Name the source of a quote or article, and share a link rather than a whole text.

## Who keeps an eye on things?
The community manager and the moderators of each space keep an eye on things. They may change or remove posts that do not follow these agreements, and then let you know why.

## Something not right?
Tell the space's moderator or the community manager, or ask in the space for questions about the intranet (the link is at the bottom of every page). Is it about personal data or something that really is not on? Report it at once, so it can be taken down quickly.
"""


def write_starters(apps, schema_editor):
    Tip = apps.get_model("onboarding", "Tip")
    PostingGuidelines = apps.get_model("onboarding", "PostingGuidelines")
    if not Tip.objects.exists():
        Tip.objects.bulk_create(
            Tip(title_nl=t_nl, body_nl=b_nl, title_en=t_en, body_en=b_en, position=position)
            for position, (t_nl, b_nl, t_en, b_en) in enumerate(TIPS)
        )
    if not PostingGuidelines.objects.exists():
        PostingGuidelines.objects.create(pk=1, body_nl=GUIDELINES_NL, body_en=GUIDELINES_EN)


def remove_starters(apps, schema_editor):
    Tip = apps.get_model("onboarding", "Tip")
    PostingGuidelines = apps.get_model("onboarding", "PostingGuidelines")
    Tip.objects.filter(title_en__in=[tip[2] for tip in TIPS]).delete()
    PostingGuidelines.objects.filter(body_en=GUIDELINES_EN).delete()


class Migration(migrations.Migration):
    dependencies = [("onboarding", "0001_initial")]

    operations = [migrations.RunPython(write_starters, remove_starters)]
