from plein.posts import markup


def _resolve(name: str) -> str | None:
    return {"jan.devries": "/people/1/", "hr": "/spaces/hr/"}.get(name)


def test_markdown_becomes_html() -> None:
    html = markup.render("**vet** _schuin_\n\n- een\n- twee", _resolve).html
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert "<ul>" in html and "<li>een</li>" in html


def test_raw_html_and_script_links_are_neutralised() -> None:
    html = markup.render(
        "<script>alert(1)</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1))",
        _resolve,
    ).html
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown as text, never as an element


def test_mentions_are_marked_and_hashtags_linked_outside_code() -> None:
    rendered = markup.render(
        "Hoi @jan.devries en @onbekend in @hr #Plan `#code @jan.devries`", _resolve
    )
    # Marked only: who they name, for whom, is decided when the page is shown (mentions.py).
    assert '<span class="mention">@jan.devries</span>' in rendered.html
    assert '<span class="mention">@hr</span>' in rendered.html
    assert "/people/1/" not in rendered.html and "/spaces/hr/" not in rendered.html
    assert "@onbekend" in rendered.html and '"mention">@onbekend' not in rendered.html
    assert rendered.hashtags == ["plan"]
    assert "<code>#code @jan.devries</code>" in rendered.html
    assert set(rendered.mentions) >= {"jan.devries", "hr"}


def test_links_get_safe_rel_and_email_is_not_a_mention() -> None:
    html = markup.render("Zie https://example.org of mail jan@example.org", _resolve).html
    assert 'href="https://example.org"' in html
    assert "noopener" in html
    assert "mention" not in html


def test_hashtag_rules() -> None:
    assert markup.hashtags_in("#Een #een #2nd a#b &#39; #x-y") == ["een", "x-y"]
    rendered = markup.render("@jan.devries, @piet. mail@example.org", lambda name: True)
    assert rendered.mentions == ["jan.devries", "piet"]
