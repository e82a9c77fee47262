"""News in Chromium: an editor writes a must-read item for a department (a wrong form first),
a reader in a team of that department sees it in the stream and the archive and confirms
(htmx), and the editor reads the report and sends the one reminder. axe runs on every page."""

import pytest

from plein.news.models import NewsItem, ReadConfirmation
from plein.people.tests.factories import DEFAULT_PASSWORD, DepartmentFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_must_read_for_a_department(visitor):  # type: ignore[no-untyped-def]
    burgerzaken = DepartmentFactory(name="Burgerzaken")
    team = DepartmentFactory(name="Publiekszaken", parent=burgerzaken)
    editor = PersonFactory(email="redactie@example.org", roles=["editor"])
    reader = PersonFactory(email="anne@example.org", department=team)
    PersonFactory(email="bram@example.org", department=burgerzaken)
    page = visitor.page

    visitor.log_in(editor.email, DEFAULT_PASSWORD)
    visitor.visit("/news/")
    page.click("#news-write")
    page.wait_for_url(visitor.url("/news/new/"))
    visitor.check_accessibility()
    page.fill("#id_title", "Paspoorten alleen nog op afspraak")
    page.fill("#id_body", "Vanaf volgende maand werken de **balies** op afspraak.")
    page.select_option("#id_departments", str(burgerzaken.pk))
    page.check("#id_must_read")
    page.click("#news-save")  # no lead: refused, nothing lost
    page.wait_for_selector(".form-errors")
    visitor.check_accessibility()
    assert page.input_value("#id_title") == "Paspoorten alleen nog op afspraak"
    assert not NewsItem.objects.exists()
    page.fill("#id_lead", "Inloop aan de balie stopt; inwoners maken een afspraak.")
    page.click("#news-save")
    page.wait_for_selector("#news-title")
    item = NewsItem.objects.get()
    assert page.url == visitor.url(f"/news/{item.pk}/")
    visitor.check_accessibility()

    page.context.clear_cookies()
    visitor.log_in(reader.email, DEFAULT_PASSWORD)
    visitor.visit("/posts/")
    assert page.is_visible(f"#news-{item.pk}-card-link")
    visitor.visit("/news/")
    page.click(f"#news-{item.pk}-link")
    page.wait_for_selector(f"#news-{item.pk}-confirm-button")
    visitor.check_accessibility()
    page.click(f"#news-{item.pk}-confirm-button")
    page.wait_for_selector(".news-confirm__done")
    visitor.check_accessibility()
    assert ReadConfirmation.objects.filter(news=item, person_id=reader.pk).exists()

    page.context.clear_cookies()
    visitor.log_in(editor.email, DEFAULT_PASSWORD)
    visitor.visit(f"/news/{item.pk}/")
    page.click("#news-report")
    page.wait_for_selector("#news-report")
    visitor.check_accessibility()
    assert page.locator("#news-report tbody tr").count() == 2
    page.click("#news-report-1-names")
    page.click("#news-remind")
    page.wait_for_selector("#news-reminder-sent")
    visitor.check_accessibility()
    assert page.is_disabled("#news-remind")
    item.refresh_from_db()
    assert item.reminder_sent_at is not None
