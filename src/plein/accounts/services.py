from plein.people.models import Person


def person_set_language(*, person: Person, language: str) -> Person:
    if language not in Person.Language.values:
        raise ValueError(f"Unknown language {language!r}")
    person.language = language
    person.save(update_fields=["language"])
    return person
