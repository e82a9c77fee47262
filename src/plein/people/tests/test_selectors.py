"""Reads about people: completeness, the department tree and the directory query."""

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile

from plein.people.models import Department
from plein.people.selectors import (
    department_descendant_ids,
    department_path,
    department_tree,
    directory_people,
    profile_completeness,
    tag_find,
)
from plein.people.tests.factories import (
    DepartmentFactory,
    LocationFactory,
    PersonFactory,
    TagFactory,
)


def test_completeness_of_an_empty_profile(db):  # type: ignore[no-untyped-def]
    person = PersonFactory()

    completeness = profile_completeness(person)

    assert completeness.percentage == 0
    assert not completeness.is_complete
    assert [key for key, _label in completeness.missing] == [
        "photo",
        "job_title",
        "department",
        "location",
        "phone",
        "bio",
        "skills",
        "interests",
    ]


def test_completeness_counts_each_filled_item(db):  # type: ignore[no-untyped-def]
    person = PersonFactory(job_title="Planner", department=DepartmentFactory())

    assert profile_completeness(person).percentage == 25

    person.location = LocationFactory()
    person.phone = "0201234567"
    person.skills.add(TagFactory())
    completeness = profile_completeness(person)

    assert completeness.percentage == 62  # 5 of 8
    assert [key for key, _label in completeness.missing] == ["photo", "bio", "interests"]


def test_completeness_of_a_full_profile(db):  # type: ignore[no-untyped-def]
    person = PersonFactory(
        job_title="Planner",
        department=DepartmentFactory(),
        location=LocationFactory(),
        phone="0201234567",
        bio="Hello",
    )
    person.photo.save("x.jpg", ContentFile(b"jpeg"), save=True)
    person.skills.add(TagFactory())
    person.interests.add(TagFactory())

    completeness = profile_completeness(person)

    assert completeness.percentage == 100
    assert completeness.is_complete
    assert completeness.missing == []


def test_department_tree_is_depth_first_and_alphabetical(db):  # type: ignore[no-untyped-def]
    sales = DepartmentFactory(name="Sales")
    ops = DepartmentFactory(name="operations")
    DepartmentFactory(name="Warehouse", parent=ops)
    logistics = DepartmentFactory(name="Logistics", parent=ops)
    DepartmentFactory(name="Trucks", parent=logistics)
    DepartmentFactory(name="Benelux", parent=sales)

    tree = [(d.name, depth) for d, depth in department_tree()]

    assert tree == [
        ("operations", 0),
        ("Logistics", 1),
        ("Trucks", 2),
        ("Warehouse", 1),
        ("Sales", 0),
        ("Benelux", 1),
    ]


def test_department_tree_survives_a_cycle(db):  # type: ignore[no-untyped-def]
    a = DepartmentFactory(name="A")
    b = DepartmentFactory(name="B", parent=a)
    Department.objects.filter(pk=a.pk).update(parent=b)  # bad data: A and B are each other's part
    DepartmentFactory(name="C")

    tree = [(d.name, depth) for d, depth in department_tree()]

    assert sorted(name for name, _depth in tree) == ["A", "B", "C"]
    assert len(tree) == 3


def test_descendants_and_path(db):  # type: ignore[no-untyped-def]
    top = DepartmentFactory(name="Top")
    middle = DepartmentFactory(name="Middle", parent=top)
    bottom = DepartmentFactory(name="Bottom", parent=middle)
    other = DepartmentFactory(name="Other")

    assert department_descendant_ids(top.pk) == {top.pk, middle.pk, bottom.pk}
    assert department_descendant_ids(bottom.pk) == {bottom.pk}
    assert other.pk not in department_descendant_ids(top.pk)
    assert [d.name for d in department_path(bottom)] == ["Top", "Middle", "Bottom"]
    assert [d.name for d in department_path(top)] == ["Top"]
    assert department_path(None) == []


def test_directory_people_shows_nothing_to_anonymous_visitors(db):  # type: ignore[no-untyped-def]
    PersonFactory()

    assert list(directory_people(AnonymousUser())) == []


def test_directory_people_lists_each_person_once(db):  # type: ignore[no-untyped-def]
    viewer = PersonFactory()
    tag = TagFactory(name="Python")
    both = PersonFactory()
    both.skills.add(tag)
    both.interests.add(tag)

    assert list(directory_people(viewer, skill="python")) == [both]


def test_tag_find_by_id_or_name(db):  # type: ignore[no-untyped-def]
    tag = TagFactory(name="Python")

    assert tag_find(str(tag.pk)) == tag
    assert tag_find(" PYTHON ") == tag
    assert tag_find("Java") is None
    assert tag_find("") is None
