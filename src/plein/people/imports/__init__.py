"""Import people from an HR export: a CSV file that creates and updates people and departments.

The file format
===============

* The first row is a header naming the columns; their order does not matter. Column names are
  read case-insensitively; spaces and hyphens count as underscores ("Employee number" works).
* Values are separated by commas or semicolons (Dutch Excel writes semicolons); this is detected.
* The text is UTF-8, with or without a byte order mark ("CSV UTF-8" in Excel), or Windows-1252
  (plain "CSV" from Excel on Windows).
* Line numbers in error messages count the header as line 1.

Columns (only the first four are required; any other column name is an error):

employee_number          The key: who this row is about. Required, unique in the file.
email                    Required, a valid address, unique in the file and not used by someone
                         with another employee number in Plein. Stored in lower case.
first_name               Required.
name_prefix              "van", "de", "van der", ...
last_name                Required.
job_title
department               The department's name. Nested departments are written from the top
                         down as "Parent > Child"; missing departments are created.
department_code          The department's code in the HR system (optional). With a code the
                         department is found by its code, so a renamed or moved department in
                         HR is renamed or moved in Plein. A code alone (without a name) must be
                         known in Plein already.
location                 The location's name; created when missing.
manager_employee_number  The manager's employee number: someone in the file (also further down)
                         or already in Plein. Nobody can be their own manager, and managers
                         cannot form a circle.
phone
active                   1/0, yes/no, ja/nee or true/false; empty means active. "No" deactivates
                         the account (it is never deleted); "yes" reactivates it.

How rows are applied
====================

* Every row is checked first and every problem is reported with its line number; if there is any
  problem nothing at all is written.
* People are matched on employee_number. Someone in Plein without an employee number whose e-mail
  address appears in the file gets that row's employee number (for example the administrator
  who installed Plein).
* New people get no usable password: they choose one with "Forgot your password?", or with the
  link in the welcome e-mail that the import sends each new (active) person when asked to
  (send_welcome), once the import is committed.
* A column that is left out of the file is left alone in Plein; an empty value in a column that
  is present clears that value (for example the job title or the department).
  Without an active column nobody is deactivated or reactivated.
* People who are not in the file are left alone. Roles are not part of the import.
* Importing the same file again changes nothing: rows are compared before anything is saved.

The modules
===========

read.py reads the file (encoding, delimiter, header, rows); check.py checks every row and plans
the changes, with departments.py keeping the department tree as it will be; apply.py writes
them (people_import_csv is the entry point).
"""

from .apply import people_import_csv
from .check import ImportResult
from .read import COLUMNS, ImportFile, PeopleImportError

__all__ = ["COLUMNS", "ImportFile", "ImportResult", "PeopleImportError", "people_import_csv"]
