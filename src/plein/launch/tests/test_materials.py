"""The launch materials: real PDFs, opened and read back, with a QR code a phone can scan."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest
import zxingcpp
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from plein.core.models import Branding
from plein.launch import materials
from plein.launch.models import LaunchPlan
from plein.launch.selectors import launch_plan_forget
from plein.people.tests.factories import PersonFactory

LOGIN_URL = "https://intranet.example.org/account/login/"
NAME = "Kompasnet"
SLOGAN = "Eén “plein” voor iedereen – ook voor €-vragen"  # noqa: RUF001
A4 = (595.28, 841.89)
A3 = (841.89, 1190.55)
A6 = (297.64, 419.53)
SAFE_MARGIN_PT = 10 * 72 / 25.4  # the code keeps 12 mm; allow for glyph side bearings


def _branding(**overrides: object) -> Branding:
    values: dict[str, object] = {
        "intranet_name": NAME,
        "organisation_name": "Waterschap Noorderzijl",
        "slogan": SLOGAN,
        "primary_colour": "#2a4d14",
        "accent_colour": "#9c2f6b",
        "persona_name": "Ilse",
        "persona_welcome": (
            "Hoi, ik ben Ilse! Welkom op Kompasnet. Hier vind je het nieuws, je collega's en "
            "antwoord op je vragen. Begin met je profiel."
        ),
    }
    values.update(overrides)
    return Branding(pk=Branding.SINGLETON_PK, **values)


def _read(data: bytes) -> pypdf.PdfReader:
    assert data.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(data))


def _size(page: pypdf.PageObject) -> tuple[float, float]:
    return float(page.mediabox.width), float(page.mediabox.height)


def _assert_size(page: pypdf.PageObject, expected: tuple[float, float]) -> None:
    width, height = _size(page)
    assert width == pytest.approx(expected[0], abs=1.5)
    assert height == pytest.approx(expected[1], abs=1.5)


def _words(text: str) -> str:
    """Text with every run of white space (line breaks too) made one space."""
    return " ".join(text.split())


def _text(reader: pypdf.PdfReader) -> str:
    return _words(" ".join(page.extract_text() for page in reader.pages))


def _decoded(page: pypdf.PageObject) -> list[str]:
    """The texts of every QR code found in the page's pictures."""
    found = []
    for picture in page.images:
        image = picture.image
        assert image is not None
        found += [result.text for result in zxingcpp.read_barcodes(image.convert("L"))]
    return found


def _name_size(page: pypdf.PageObject) -> float:
    """The largest font size (in points) the intranet's name is printed at on the page."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if NAME in text:
            sizes.append(size * abs(tm[3]) * abs(cm[3]))

    page.extract_text(visitor_text=visit)
    return max(sizes)


def _text_origins(page: pypdf.PageObject) -> list[tuple[float, float, str]]:
    origins: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            origins.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text))

    page.extract_text(visitor_text=visit)
    return origins


def _assert_inside_safe_margin(page: pypdf.PageObject) -> None:
    width, height = _size(page)
    origins = _text_origins(page)
    assert origins
    for x, y, text in origins:
        assert SAFE_MARGIN_PT <= x <= width - SAFE_MARGIN_PT, text
        assert SAFE_MARGIN_PT <= y <= height - SAFE_MARGIN_PT, text


# -- the poster ---------------------------------------------------------------------------------


def test_the_a4_poster_has_the_branding_and_a_scannable_code_to_the_login_page():
    reader = _read(
        materials.poster_pdf(size="a4", login_url=LOGIN_URL, branding=_branding(), launch_date=None)
    )

    assert len(reader.pages) == 1
    _assert_size(reader.pages[0], A4)
    text = _text(reader)
    for expected in (NAME, SLOGAN, "Waterschap Noorderzijl", "Ilse", "Hoi, ik ben Ilse!"):
        assert expected in text
    assert "intranet.example.org/account/login/" in text
    assert _decoded(reader.pages[0]) == [LOGIN_URL]
    _assert_inside_safe_margin(reader.pages[0])


def test_the_a3_poster_is_the_a4_layout_scaled_up():
    a4 = _read(
        materials.poster_pdf(size="a4", login_url=LOGIN_URL, branding=_branding(), launch_date=None)
    ).pages[0]
    a3 = _read(
        materials.poster_pdf(size="a3", login_url=LOGIN_URL, branding=_branding(), launch_date=None)
    ).pages[0]

    _assert_size(a3, A3)
    assert _name_size(a3) == pytest.approx(_name_size(a4) * 2**0.5, rel=0.01)
    assert _decoded(a3) == [LOGIN_URL]
    assert NAME in a3.extract_text()
    _assert_inside_safe_margin(a3)


def test_an_unknown_poster_size_is_refused():
    with pytest.raises(ValueError, match="a5"):
        materials.poster_pdf(
            size="a5",  # type: ignore[arg-type]
            login_url=LOGIN_URL,
            branding=_branding(),
            launch_date=None,
        )


def test_the_launch_date_is_written_out_in_the_active_language():
    launch = timezone.localdate() + dt.timedelta(days=400)
    launch = launch.replace(month=3, day=2)

    def poster_text(language: str) -> str:
        with translation.override(language):
            data = materials.poster_pdf(
                size="a4", login_url=LOGIN_URL, branding=_branding(), launch_date=launch
            )
        return _text(_read(data))

    dutch, english = poster_text("nl"), poster_text("en")

    assert f"2 maart {launch.year}" in dutch
    assert f"March 2, {launch.year}" in english
    assert "maart" not in english
    assert dutch != english


def test_a_launch_date_in_the_past_says_since_when_and_a_moment_in_time_is_accepted():
    past = timezone.now() - dt.timedelta(days=30)
    with translation.override("en"):
        text = materials.launch_date_text(past)
        future = materials.launch_date_text(timezone.localdate() + dt.timedelta(days=3))
    assert text.startswith("Open since")
    assert str(timezone.localdate(past).year) in text
    assert future.startswith("Opens on")
    assert materials.launch_date_text(None) == ""


def test_without_persona_slogan_or_organisation_and_with_a_long_name_the_poster_still_works():
    long_name = "Het Digitale Plein van de Gemeenschappelijke Regeling Noord"
    branding = _branding(
        intranet_name=long_name,
        slogan="",
        organisation_name="",
        persona_name="",
        persona_welcome="",
    )
    reader = _read(
        materials.poster_pdf(size="a4", login_url=LOGIN_URL, branding=branding, launch_date=None)
    )

    assert len(reader.pages) == 1
    assert long_name in _words(reader.pages[0].extract_text())
    assert _decoded(reader.pages[0]) == [LOGIN_URL]
    _assert_inside_safe_margin(reader.pages[0])


def test_the_persona_picture_is_printed_when_there_is_one(db):
    picture = io.BytesIO()
    Image.new("RGB", (200, 200), "#cc8844").save(picture, format="JPEG")
    branding = _branding()
    branding.persona_avatar.save("persona.jpg", ContentFile(picture.getvalue()), save=False)

    page = _read(
        materials.poster_pdf(size="a4", login_url=LOGIN_URL, branding=branding, launch_date=None)
    ).pages[0]

    assert len(page.images) == 2  # the persona and the QR code
    assert _decoded(page) == [LOGIN_URL]


def test_a_missing_persona_picture_falls_back_to_initials(db):
    branding = _branding()
    branding.persona_avatar.name = "branding/gone.jpg"

    page = _read(
        materials.poster_pdf(size="a4", login_url=LOGIN_URL, branding=branding, launch_date=None)
    ).pages[0]

    assert len(page.images) == 1
    assert "I" in page.extract_text().split()  # Ilse's initial


def test_the_pdf_carries_its_title_author_and_the_bundled_unicode_font():
    reader = _read(
        materials.poster_pdf(size="a4", login_url=LOGIN_URL, branding=_branding(), launch_date=None)
    )

    assert reader.metadata is not None
    assert NAME in (reader.metadata.title or "")
    assert reader.metadata.author == "Waterschap Noorderzijl"
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert any("DejaVuSans" in name for name in names)
    assert "“plein”" in _text(reader)  # quotes and € survive, because the font has them


def test_the_fonts_ship_with_the_package_and_their_licence():
    folder = Path(materials.__file__).parent.parent / "fonts"  # the launch app's fonts
    assert folder == materials.FONT_DIR
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"):
        assert (folder / name).is_file()
    assert "Bitstream" in (folder / "LICENSE").read_text()


# -- the card -----------------------------------------------------------------------------------


def test_the_first_steps_card_is_a6_front_and_back():
    reader = _read(materials.card_pdf(login_url=LOGIN_URL, branding=_branding(), launch_date=None))

    assert len(reader.pages) == 2
    for page in reader.pages:
        _assert_size(page, A6)
    front, back = (_words(page.extract_text()) for page in reader.pages)
    assert NAME in front
    assert SLOGAN in front
    assert _decoded(reader.pages[0]) == [LOGIN_URL]
    for step in (
        "Log in",
        "Complete your profile",
        "Join a space",
        "Follow colleagues",
        "React",
        "Ask a question",
        "home screen",
    ):
        assert step in back
    for number in "1234567":
        assert number in back
    assert not reader.pages[1].images


# -- the guide ----------------------------------------------------------------------------------


def test_the_quick_guide_explains_the_main_screens_on_four_a4_pages():
    reader = _read(materials.guide_pdf(login_url=LOGIN_URL, branding=_branding(), launch_date=None))

    assert 2 <= len(reader.pages) <= 4
    for page in reader.pages:
        _assert_size(page, A4)
    cover = _words(reader.pages[0].extract_text())
    assert NAME in cover
    assert "Quick guide" in cover
    assert _decoded(reader.pages[0]) == [LOGIN_URL]
    screens = _words(" ".join(page.extract_text() for page in reader.pages[1:]))
    for title in (
        "The start page",
        "A post, with reactions",
        "A profile",
        "Spaces",
        "Questions",
        "Finding colleagues",
    ):
        assert title in cover  # the table of contents
        assert title in screens
    # The drawings are of this intranet: its name in the header, its address in the browser bar.
    assert screens.count(NAME) >= 6
    assert "intranet.example.org/people/" in screens
    assert "Ask a question" in screens
    assert "Ilse" in screens  # the persona's word on the start page


# -- the downloads ------------------------------------------------------------------------------


@pytest.fixture
def branded(db):  # type: ignore[no-untyped-def]
    _branding().save()
    return Branding.objects.get()


@pytest.mark.parametrize("name", ["launch:poster", "launch:card", "launch:guide"])
def test_an_employee_may_not_download_the_materials(client, person, branded, name):
    client.force_login(person)
    assert client.get(reverse(name)).status_code == 403


def test_logging_in_comes_first(client, branded):
    response = client.get(reverse("launch:poster"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_community_manager_downloads_the_poster_in_a4_or_a3(client, community_manager, branded):
    client.force_login(community_manager)

    a4 = client.get(reverse("launch:poster"))
    a3 = client.get(reverse("launch:poster"), {"size": "a3"})

    for response in (a4, a3):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert NAME in response["Content-Disposition"]
    assert "A3" in a3["Content-Disposition"]
    _assert_size(_read(a4.content).pages[0], A4)
    page = _read(a3.content).pages[0]
    _assert_size(page, A3)
    assert _decoded(page) == ["http://testserver" + reverse("accounts:login")]


@pytest.mark.parametrize(("name", "pages"), [("launch:card", 2), ("launch:guide", 4)])
def test_the_project_team_downloads_the_card_and_the_guide(client, branded, name, pages):
    client.force_login(PersonFactory(roles=["project_team"]))

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert NAME in response["Content-Disposition"]
    reader = _read(response.content)
    assert len(reader.pages) == pages
    assert _decoded(reader.pages[0]) == ["http://testserver" + reverse("accounts:login")]


def test_the_download_has_the_planned_launch_date(client, community_manager, branded):
    moment = timezone.make_aware(dt.datetime(timezone.localdate().year + 1, 3, 2, 9, 0))
    LaunchPlan.objects.create(pk=LaunchPlan.SINGLETON_PK, launch_date=moment)
    launch_plan_forget()
    client.force_login(community_manager)

    text = _text(_read(client.get(reverse("launch:card")).content))

    assert f"March 2, {moment.year}" in text


def test_the_materials_partial_offers_the_three_downloads(rf, community_manager, branded):
    request = rf.get("/launch/")
    request.user = community_manager
    html = render_to_string("launch/partials/materials.html", {"branding": branded}, request)

    assert reverse("launch:poster") in html
    assert 'value="a3"' in html
    assert reverse("launch:card") in html
    assert reverse("launch:guide") in html
    assert NAME in html
