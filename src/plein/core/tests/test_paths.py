"""paths.path() gives exactly what reverse() gives, faster."""

import pytest
from django.urls import reverse

from plein.core.paths import absolute_url, path


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("posts:detail", [12]),
        ("posts:attachment", [3, 45]),
        ("posts:hashtag", ["duurzaamheid"]),
        ("posts:hashtag", ["café-overleg"]),
        ("spaces:detail", ["team-communicatie"]),
        ("people:profile", [7]),
    ],
)
def test_path_is_reverse(name: str, args: list[object]) -> None:
    assert path(name, *args) == reverse(name, args=args)


def test_path_follows_a_script_prefix(settings) -> None:  # type: ignore[no-untyped-def]
    from django.urls import set_script_prefix

    set_script_prefix("/intranet/")
    try:
        assert path("posts:detail", 5) == "/intranet/posts/5/" == reverse("posts:detail", args=[5])
    finally:
        set_script_prefix("/")


def test_absolute_url_puts_a_path_on_the_site_address(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PLEIN_SITE_URL = "https://intranet.example.org/"
    assert absolute_url("/posts/5/") == "https://intranet.example.org/posts/5/"
    settings.PLEIN_SITE_URL = "https://intranet.example.org"
    assert (
        absolute_url(reverse("posts:detail", args=[5])) == "https://intranet.example.org/posts/5/"
    )
