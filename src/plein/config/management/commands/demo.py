"""`plein demo --people N --seed S [--phase P] [--if-empty]`: fill an empty Plein with a demo.

The content comes from the demo steps the apps register (plein.core.registries.demo; people
first), then the launch phase and, if asked, simulated weeks of use; all in one transaction.
Only an empty database (no people at all) gets demo content: a real organisation is never mixed
with invented colleagues.
"""

from __future__ import annotations

import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from faker import Faker

from plein.adoption.simulation import simulate
from plein.core.registries.demo import DEMO_STEPS, step_seed
from plein.launch.demo import PHASES, phase_apply
from plein.launch.models import LaunchPlan
from plein.people.demo import DEMO_LOGINS, DEMO_PASSWORD, minimum_people
from plein.people.models import Department, Person

MAX_SIMULATED_WEEKS = 52


class Command(BaseCommand):
    help = (
        "Create the demo organisation Gemeente Voorbeeld (people, departments, branding) in an "
        "empty database. The same seed and number of people always give the same organisation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--people", type=int, default=250, help="How many people (default 250)."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Seed for the random choices (default 2026)."
        )
        parser.add_argument(
            "--phase",
            choices=PHASES,
            default=LaunchPlan.Phase.LAUNCHED,
            help=(
                "How far the launch is: preparation (only the project team, editors and "
                "ambassadors are in; the readiness check has work to do), pilot, or launched "
                "(default)."
            ),
        )
        parser.add_argument(
            "--simulate-weeks",
            type=int,
            default=0,
            metavar="N",
            help=(
                "Launched N weeks ago, with plausible usage every day since, so the adoption "
                "dashboard has figures (implies --phase launched)."
            ),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (no error) when the database already has people.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        people, seed, if_empty = options["people"], options["seed"], options["if_empty"]
        weeks = options["simulate_weeks"]
        self._check(people=people, weeks=weeks, phase=options["phase"])
        started = time.perf_counter()
        timings: list[tuple[str, float]] = []
        with transaction.atomic():
            existing = Person.objects.count()
            if existing:
                self._refuse(existing, if_empty=if_empty)
                return
            departments_before = Department.objects.count()
            self.stdout.write(f"Creating Gemeente Voorbeeld: {people} people, seed {seed}.")
            committed: list[float] = []
            # Registered first, so it runs first after the commit: splits commit from file work.
            transaction.on_commit(lambda: committed.append(time.perf_counter()))
            self._steps(seed=seed, people=people, timings=timings)
            phase_apply(
                phase=options["phase"],
                rng=random.Random(step_seed(seed, "phase")),
                stdout=self.stdout,
            )
            if weeks:
                started_simulation = time.perf_counter()
                simulate(
                    weeks=weeks,
                    rng=random.Random(step_seed(seed, "simulation")),
                    stdout=self.stdout,
                )
                timings.append(("simulation", time.perf_counter() - started_simulation))
            commit_started = time.perf_counter()
        # Leaving the block commits; the on-commit work (photo files, cache) is done by now.
        # (Inside an outer transaction, as in tests, nothing has been committed yet.)
        commit_done = committed[0] if committed else time.perf_counter()
        timings.append(("commit", commit_done - commit_started))
        timings.append(("files after commit", time.perf_counter() - commit_done))
        self._report(started, departments_before, timings)

    def _check(self, *, people: int, weeks: int, phase: str) -> None:
        if weeks < 0 or weeks > MAX_SIMULATED_WEEKS:
            raise CommandError(f"--simulate-weeks must be between 0 and {MAX_SIMULATED_WEEKS}.")
        if weeks and phase != LaunchPlan.Phase.LAUNCHED:
            raise CommandError(
                "--simulate-weeks simulates the weeks after the launch: use it "
                "with --phase launched."
            )
        if people < minimum_people():
            raise CommandError(
                f"--people must be at least {minimum_people()}: every department needs a head "
                "and the demo accounts come on top."
            )

    def _refuse(self, existing: int, *, if_empty: bool) -> None:
        counted = f"{existing} {'person' if existing == 1 else 'people'}"
        if not if_empty:
            raise CommandError(
                f"This database already has {counted}. The demo organisation is "
                "only added to an empty database, so that invented colleagues never mix with "
                "real ones. Use an empty database, or --if-empty to skip without an error."
            )
        self.stdout.write(f"Plein already has {counted}: no demo content added.")
        self._print_logins(only_existing=True)

    def _steps(self, *, seed: int, people: int, timings: list[tuple[str, float]]) -> None:
        fake = Faker("nl_NL")
        for step in DEMO_STEPS.all():
            step_started = time.perf_counter()
            fake.seed_instance(step_seed(seed, step.key))
            step.load()(
                rng=random.Random(step_seed(seed, step.key)),
                fake=fake,
                people=people,
                stdout=self.stdout,
            )
            timings.append((step.key, time.perf_counter() - step_started))

    def _report(
        self, started: float, departments_before: int, timings: list[tuple[str, float]]
    ) -> None:
        elapsed = time.perf_counter() - started
        created_people = Person.objects.count()
        created_departments = Department.objects.count() - departments_before
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {created_people} people and {created_departments} departments "
                f"in {elapsed:.1f} s."
            )
        )
        self.stdout.write("  " + ", ".join(f"{name} {secs:.2f} s" for name, secs in timings))
        self._print_logins(only_existing=False)

    def _print_logins(self, *, only_existing: bool) -> None:
        logins = list(DEMO_LOGINS)
        if only_existing:
            existing = set(
                Person.objects.filter(email__in=[login.email for login in logins]).values_list(
                    "email", flat=True
                )
            )
            logins = [login for login in logins if login.email in existing]
            if not logins:
                return
        width = max(len(login.email) for login in logins) + 2
        role_width = max(len(login.role) for login in logins) + 2
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password: {DEMO_PASSWORD})"))
        self.stdout.write(f"  {'e-mail':<{width}}{'role':<{role_width}}name")
        for login in logins:
            self.stdout.write(
                f"  {login.email:<{width}}{login.role:<{role_width}}{login.full_name}"
            )
