"""The audit trail: an append-only log of who did what, when and from where.

    from plein.core import audit

    audit.record(action=audit.ROLE_CHANGED, actor=actor, target=person, details={...})

`record` writes in the caller's transaction. The codes and their groups are in `actions.py`; the
model in `models.py`; the page (Management → Audit log) in `views.py`; the daily retention job
in `tasks.py`. See docs/audit.md.
"""

from .actions import *  # noqa: F403
from .services import record

__all__ = ["record"]
