"""Profile photos: uploading, replacing, removing and serving them."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from plein.people import services
from plein.people.models import Person, Tag
from plein.people.tests.factories import PersonFactory

EDIT_URL = reverse("people:profile_edit")


def picture(fmt: str = "PNG", size: tuple[int, int] = (800, 600), mode: str = "RGB") -> bytes:
    colour = (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)
    image = Image.new(mode, size, colour)
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "job_title": "Photographer",
        "department": "",
        "location": "",
        "phone": "",
        "bio": "",
        "skills": "Lighting",
        "interests": "",
    }
    data.update(overrides)
    return data


def media_files(settings) -> list[Path]:  # type: ignore[no-untyped-def]
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def stored_image(person: Person) -> Image.Image:
    person.refresh_from_db()
    assert person.photo
    with person.photo.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def photo_url(person: Person) -> str:
    return reverse("people:photo", args=[person.pk])


@pytest.fixture
def with_photo(person, settings):  # type: ignore[no-untyped-def]
    services.profile_photo_set(person=person, upload=upload("me.png", picture()))
    person.refresh_from_db()
    return person


# --- Uploading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "mode", "content_type"),
    [
        ("me.png", "PNG", "RGB", "image/png"),
        ("me.png", "PNG", "RGBA", "image/png"),
        ("me.jpg", "JPEG", "RGB", "image/jpeg"),
    ],
)
def test_upload_gives_a_square_jpeg(  # type: ignore[no-untyped-def]
    logged_in_client, person, settings, name, fmt, mode, content_type
):
    response = logged_in_client.post(
        EDIT_URL,
        form_data(photo=upload(name, picture(fmt, (900, 500), mode), content_type)),
    )

    assert response.status_code == 302
    image = stored_image(person)
    assert image.format == "JPEG"
    assert image.size == (400, 400)
    assert person.photo.name.startswith("people/photos/")
    assert person.photo.name.endswith(".jpg")
    assert name not in person.photo.name
    assert person.job_title == "Photographer"


def test_a_file_that_is_not_a_picture_is_rejected_and_nothing_changes(  # type: ignore[no-untyped-def]
    logged_in_client, person, settings
):
    person.job_title = "Old title"
    person.save()

    response = logged_in_client.post(
        EDIT_URL,
        form_data(
            job_title="New title",
            skills="Something new",
            photo=upload("x.jpg", b"not an image", "image/jpeg"),
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "This file is not a picture we can read." in html
    assert "Please correct the errors below" in html
    assert 'value="New title"' in html
    assert 'value="Something new"' in html
    person.refresh_from_db()
    assert not person.photo
    assert person.job_title == "Old title"
    assert not Tag.objects.exists()
    assert media_files(settings) == []


def test_a_bad_file_keeps_the_current_photo(  # type: ignore[no-untyped-def]
    logged_in_client, with_photo, settings, django_capture_on_commit_callbacks
):
    before = with_photo.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in_client.post(
            EDIT_URL,
            form_data(remove_photo="on", photo=upload("x.jpg", b"not an image", "image/jpeg")),
        )

    assert response.status_code == 200
    with_photo.refresh_from_db()
    assert with_photo.photo.name == before
    assert [p.name for p in media_files(settings)] == [Path(before).name]


def test_replacing_a_photo_deletes_the_old_file_after_commit(  # type: ignore[no-untyped-def]
    logged_in_client, with_photo, settings, django_capture_on_commit_callbacks
):
    old = with_photo.photo.name

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = logged_in_client.post(
            EDIT_URL, form_data(photo=upload("new.jpg", picture("JPEG"), "image/jpeg"))
        )

    assert response.status_code == 302
    assert len(callbacks) == 1
    with_photo.refresh_from_db()
    assert with_photo.photo.name != old
    assert [p.name for p in media_files(settings)] == [Path(with_photo.photo.name).name]


def test_old_file_is_kept_until_commit(with_photo, settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    old = with_photo.photo.name

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.profile_photo_set(person=with_photo, upload=upload("b.png", picture()))
        assert (Path(settings.MEDIA_ROOT) / old).exists()

    assert len(callbacks) == 1
    callbacks[0]()
    assert not (Path(settings.MEDIA_ROOT) / old).exists()


def test_remove_photo_checkbox(  # type: ignore[no-untyped-def]
    logged_in_client, with_photo, settings, django_capture_on_commit_callbacks
):
    html = logged_in_client.get(EDIT_URL).content.decode()
    assert 'id="id_remove_photo"' in html
    assert '<label for="id_remove_photo">' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in_client.post(EDIT_URL, form_data(remove_photo="on"))

    assert response.status_code == 302
    with_photo.refresh_from_db()
    assert not with_photo.photo
    assert media_files(settings) == []


def test_a_new_photo_wins_over_remove(logged_in_client, with_photo):  # type: ignore[no-untyped-def]
    old = with_photo.photo.name

    logged_in_client.post(EDIT_URL, form_data(remove_photo="on", photo=upload("n.png", picture())))

    with_photo.refresh_from_db()
    assert with_photo.photo
    assert with_photo.photo.name != old


def test_profile_photo_remove_service(with_photo, settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_photo_remove(person=with_photo)

    with_photo.refresh_from_db()
    assert not with_photo.photo
    assert media_files(settings) == []


def test_profile_photo_set_service_rejects_non_pictures(person, settings):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.profile_photo_set(person=person, upload=upload("x.jpg", b"not an image"))

    assert "photo" in error.value.message_dict
    person.refresh_from_db()
    assert not person.photo
    assert media_files(settings) == []


# --- Showing ---------------------------------------------------------------------------------


def test_photo_is_served_as_a_private_jpeg(logged_in_client, with_photo):  # type: ignore[no-untyped-def]
    colleague_client = logged_in_client
    response = colleague_client.get(photo_url(with_photo))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, max-age=86400"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.format == "JPEG"
    assert image.size == (400, 400)


def test_colleagues_can_see_each_others_photo(client, with_photo):  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory())

    assert client.get(photo_url(with_photo)).status_code == 200


def test_photo_needs_login(client, with_photo):  # type: ignore[no-untyped-def]
    response = client.get(photo_url(with_photo))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_no_photo_is_not_found(logged_in_client, person):  # type: ignore[no-untyped-def]
    assert logged_in_client.get(photo_url(person)).status_code == 404
    assert logged_in_client.get(reverse("people:photo", args=[999999])).status_code == 404


def test_a_missing_file_is_not_found(logged_in_client, with_photo, settings):  # type: ignore[no-untyped-def]
    (Path(settings.MEDIA_ROOT) / with_photo.photo.name).unlink()

    assert logged_in_client.get(photo_url(with_photo)).status_code == 404


def test_a_deactivated_persons_photo_is_only_for_administrators(  # type: ignore[no-untyped-def]
    client, with_photo, administrator
):
    with_photo.is_active = False
    with_photo.save()
    client.force_login(PersonFactory())
    assert client.get(photo_url(with_photo)).status_code == 404

    client.force_login(administrator)
    assert client.get(photo_url(with_photo)).status_code == 200


def test_profile_shows_the_photo_with_the_name_as_alt_text(client, with_photo):  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory())

    html = client.get(reverse("people:profile", args=[with_photo.pk])).content.decode()

    assert f'src="{photo_url(with_photo)}?v=' in html
    assert f'alt="{with_photo.full_name}"' in html


def test_a_bad_picture_is_reported_together_with_other_mistakes(logged_in_client, person):  # type: ignore[no-untyped-def]
    response = logged_in_client.post(
        EDIT_URL, form_data(phone="call me", photo=upload("x.jpg", b"not an image", "image/jpeg"))
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "This file is not a picture we can read." in html
    assert "Use only digits" in html


def test_a_good_picture_with_other_mistakes_is_not_saved(  # type: ignore[no-untyped-def]
    logged_in_client, person, settings
):
    response = logged_in_client.post(
        EDIT_URL, form_data(phone="call me", photo=upload("me.png", picture()))
    )

    assert response.status_code == 200
    assert "choose it again before saving" in response.content.decode()
    person.refresh_from_db()
    assert not person.photo
    assert media_files(settings) == []


def test_profile_update_service_checks_the_photo_before_writing(person, settings):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.profile_update(
            person=person,
            job_title="Changed",
            department=None,
            location=None,
            phone="",
            bio="",
            skills=["New skill"],
            interests=[],
            photo=upload("x.jpg", b"not an image"),
        )

    assert "not a picture" in " ".join(error.value.message_dict["photo"])
    person.refresh_from_db()
    assert person.job_title == ""
    assert not Tag.objects.exists()
    assert media_files(settings) == []
