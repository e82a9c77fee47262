"""The demo accounts: people with a known e-mail address and password, to try Plein in each
role."""

from __future__ import annotations

from dataclasses import dataclass

from ..roles import ADMINISTRATOR, COMMUNITY_MANAGER, EDITOR

DEMO_PASSWORD = "plein-demo"  # noqa: S105 - the documented password of the demo accounts


@dataclass(frozen=True)
class DemoLogin:
    """An account with a known e-mail address, to try Plein in each role."""

    email: str
    role: str  # for the table the command prints
    first_name: str
    name_prefix: str
    last_name: str
    unit: str
    job_title: str
    roles: tuple[str, ...] = ()
    is_staff: bool = False
    head: bool = False  # heads its unit
    complete: bool = True  # a fully filled profile; otherwise a few things are left to do
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    bio: str = ""
    days_ago: int = 400

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.name_prefix, self.last_name) if p)


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "beheer@example.org",
        "community manager + administrator",
        "Sanne",
        "de",
        "Wit",
        "COM",
        "Projectleider intranet",
        roles=(COMMUNITY_MANAGER.key, ADMINISTRATOR.key),
        is_staff=True,
        skills=("Projectleiding", "Schrijven", "Campagnes", "Verandermanagement"),
        interests=("Fotografie", "Hardlopen", "Podcasts"),
        bio="Ik ben projectleider van Plein, ons nieuwe intranet. Samen met de ambassadeurs zorg "
        "ik dat iedereen er makkelijk zijn weg vindt. Tips, tops en flops? Stuur me een bericht!",
        days_ago=700,
    ),
    DemoLogin(
        "redactie@example.org",
        "editor",
        "Fleur",
        "",
        "Bakker",
        "COM",
        "Webredacteur",
        roles=(EDITOR.key,),
        skills=("Webredactie", "Schrijven", "B1-taalniveau", "Social media"),
        interests=("Lezen", "Theater", "Koken"),
        bio="Als webredacteur schrijf en redigeer ik het nieuws op Plein en de website. Heb je "
        "nieuws uit je team? Laat het me weten, dan maken we er samen een mooi bericht van.",
        days_ago=650,
    ),
    DemoLogin(
        "manager@example.org",
        "manager (head of Publiekszaken)",
        "Peter",
        "van den",
        "Berg",
        "BZ-PZ",
        "Teamleider Publiekszaken",
        head=True,
        skills=("Burgerzaken", "Leidinggeven", "Procesverbetering", "Klantcontact"),
        interests=("Wielrennen", "Geschiedenis"),
        bio="Ik ben teamleider van Publiekszaken: de balies in het stadhuis en de buurtkantoren. "
        "Elke week schrijf ik een korte 'Keek op de week' over wat ons team bezighoudt.",
        days_ago=720,
    ),
    DemoLogin(
        "ambassadeur@example.org",
        "employee (ambassador)",
        "Mo",
        "",
        "El Idrissi",
        "SD-WMO",
        "Wmo-consulent",
        skills=("Wmo", "Keukentafelgesprek", "Arabisch", "Microsoft 365"),
        interests=("Voetbal", "Koken", "Programmeren"),
        bio="Wmo-consulent en ambassadeur van Plein voor het sociaal domein. Vragen over het "
        "intranet, of over de Wmo? Stel ze gerust, ik help je graag op weg.",
        days_ago=540,
    ),
    DemoLogin(
        "medewerker@example.org",
        "employee (front office)",
        "Anne",
        "de",
        "Jong",
        "BZ-PZ",
        "Klantcontactmedewerker",
        complete=False,
        skills=("Klantcontact", "Reisdocumenten", "BRP"),
        bio="Ik help inwoners aan de balie en aan de telefoon met paspoorten, rijbewijzen en "
        "verhuizingen. Meestal werk ik vanuit het stadhuis.",
        days_ago=300,
    ),
)
DEMO_LOGINS_BY_UNIT_HEAD = {login.unit: login for login in DEMO_LOGINS if login.head}
