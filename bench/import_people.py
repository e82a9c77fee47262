"""Time `plein import-people` with a generated HR export on a fresh SQLite database.

    .venv/bin/python bench/import_people.py               # 10,000 rows
    .venv/bin/python bench/import_people.py --rows 50000

Runs the import three times: the first creates everyone, the second finds nothing changed
(idempotence), the third after every job title changed. Each run is a separate process.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/http.py beside this file would hide the standard library's http: look in this folder last.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))

import argparse
import csv
import os
import subprocess
import tempfile
import time

DEPARTMENTS = [
    "Bedrijfsvoering > HR",
    "Bedrijfsvoering > ICT",
    "Burgerzaken > Publiekszaken",
    "Sociaal Domein > Wmo",
    "Sociaal Domein > Jeugd",
    "Ruimte > Vergunningen",
    "Openbare Ruimte > Groen",
    "Communicatie",
]
LOCATIONS = ["Stadhuis", "Gemeentewerf", "Buurtkantoor Noord"]


def write_export(path: Path, rows: int, title: str) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            [
                "employee_number",
                "email",
                "first_name",
                "last_name",
                "job_title",
                "department",
                "location",
                "manager_employee_number",
                "active",
            ]
        )
        for n in range(1, rows + 1):
            manager = "" if n <= 10 else f"E{(n % 10) + 1:06d}"
            writer.writerow(
                [
                    f"E{n:06d}",
                    f"medewerker{n}@example.org",
                    f"Voornaam{n}",
                    f"Achternaam{n}",
                    title,
                    DEPARTMENTS[n % len(DEPARTMENTS)],
                    LOCATIONS[n % len(LOCATIONS)],
                    manager,
                    "nee" if n % 97 == 0 else "ja",
                ]
            )


def plein(var_dir: Path, *args: str) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT")}
    env.update(PLEIN_VAR_DIR=str(var_dir), PLEIN_ENV="development")
    start = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "plein.manage", *args],
        cwd=var_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"plein {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, "; ".join(line.strip() for line in result.stdout.splitlines() if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory(prefix="plein-bench-import-") as tmp:
        var_dir = Path(tmp)
        plein(var_dir, "migrate", "-v", "0")
        export = var_dir / "export.csv"
        write_export(export, rows, "Beleidsmedewerker")
        print(f"import of {rows:,} rows (SQLite, separate processes, wall-clock seconds)")
        for label, title in (("first", None), ("again", None), ("all changed", "Adviseur")):
            if title:
                write_export(export, rows, title)
            seconds, summary = plein(var_dir, "import-people", str(export))
            print(f"  {label:<12} {seconds:6.2f} s   {summary}")


if __name__ == "__main__":
    main()
