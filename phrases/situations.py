"""The situations a phrase can fit, with their names in each language.

The keys are the ones editors write in content files (see wiki.content.schema.SITUATIONS).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wiki.content.schema import SITUATIONS

LABELS: dict[str, Promise] = {
    "declining": _("Declining"),
    "hearing-no": _("Hearing a no"),
    "pause": _("Asking for a pause"),
    "expressing-need": _("Expressing a need"),
    "repairing": _("Repairing"),
    "checking-in": _("Checking in"),
    "appreciating": _("Appreciating"),
    "boundary": _("Setting a boundary"),
}
assert set(LABELS) == set(SITUATIONS), "every situation needs a label"


def label(situation: str) -> str:
    return str(LABELS.get(situation, situation))
