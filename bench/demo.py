"""Time `plein demo` on a fresh SQLite database in a temporary directory.

    .venv/bin/python bench/demo.py                    # 10,000 people
    .venv/bin/python bench/demo.py --people 250 10000 --seed 1

For each size: a new directory, `plein migrate` (not timed), then `plein demo` (timed, as a
separate process like a real run: start-up, password hash, inserts, commit, photo files).
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/http.py beside this file would hide the standard library's http: look in this folder last.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time


def _plein(var_dir: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT")}
    env.update(PLEIN_VAR_DIR=str(var_dir), PLEIN_ENV="development", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "plein.manage", *args],
        cwd=var_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"plein {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def bench(people: int, seed: int) -> dict[str, object]:
    var_dir = Path(tempfile.mkdtemp(prefix="plein-bench-demo-"))
    try:
        _plein(var_dir, "migrate", "--noinput", "-v", "0")
        started = time.perf_counter()
        output = _plein(var_dir, "demo", "--people", str(people), "--seed", str(seed))
        wall = time.perf_counter() - started
        database = var_dir / "plein.sqlite3"
        with sqlite3.connect(database) as connection:
            counts = {
                table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
                for table in (
                    "people_person",
                    "people_department",
                    "people_person_skills",
                    "people_person_interests",
                )
            }
        photos = var_dir / "media" / "people" / "photos"
        inside = re.search(r"in ([\d.]+) s\.", output)
        return {
            "people": counts["people_person"],
            "departments": counts["people_department"],
            "skill rows": counts["people_person_skills"],
            "interest rows": counts["people_person_interests"],
            "photos": len(list(photos.iterdir())) if photos.exists() else 0,
            "wall s": round(wall, 2),
            "command s": float(inside.group(1)) if inside else None,
            "people/s": round(counts["people_person"] / wall),
            "database MB": round(
                sum(f.stat().st_size for f in var_dir.glob("plein.sqlite3*")) / 1e6, 1
            ),
            "steps": next(
                (line.strip() for line in output.splitlines() if "people_step" in line), ""
            ),
        }
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[10_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for people in args.people:
        figures = bench(people, args.seed)
        print(f"plein demo --people {people} --seed {args.seed}")
        for key, value in figures.items():
            print(f"  {key:<14} {value}")


if __name__ == "__main__":
    main()
