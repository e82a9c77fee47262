"""Availability: a person's absences (from and to, a note, "back on …"), set by hand or read from a
published calendar (ICS), shown on the profile, in the directory, the pickers and the @mention
suggestions, and to a manager for their team.

models.py holds the data (imported into plein.people.models), services.py the write path,
permissions.py the rules, selectors.py the reads (one extra query for a whole list of people),
feed.py reads a calendar, tasks.py fetches the calendars on a schedule.
"""
