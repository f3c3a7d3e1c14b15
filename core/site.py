"""The site's name in the active language, from the SITE_NAME setting."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext


def site_name() -> str:
    # The default name is marked for translation in config/settings.py; a name an operator sets
    # through the environment has no translation and is shown as written.
    return gettext(settings.SITE_NAME)
