"""Gemeente Voorbeeld, the demo organisation: departments, locations, skills and people.

`people_step` is the first step of `plein demo` (the steps are listed in plein.core.demo). All
randomness comes from the seeded generators it is given, so the same seed and the same number of
people give the same organisation: the same names, e-mail addresses, employee numbers,
departments, managers and profiles. Only two things are not fixed by the seed: dates are counted
back from today (so "new colleagues" always shows someone) and photo file names are random (a file
name never reveals whose photo it is).

Everything is written with a handful of bulk queries so that 10,000 people take seconds: people
in batches, managers with one UPDATE per manager, skills, interests and roles as rows of the M2M
tables, and one password hash shared by everyone.

The package: organisation.py holds Gemeente Voorbeeld as data, logins.py the demo accounts,
plan.py plans everyone in plain Python, step.py writes it all and photos.py draws the photos.
"""

from .logins import DEMO_LOGINS, DEMO_PASSWORD, DemoLogin
from .organisation import NAME_PREFIXES
from .photos import avatar_jpeg
from .plan import minimum_people, plan_people, split_last_name
from .step import people_step

__all__ = [
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "NAME_PREFIXES",
    "DemoLogin",
    "avatar_jpeg",
    "minimum_people",
    "people_step",
    "plan_people",
    "split_last_name",
]
