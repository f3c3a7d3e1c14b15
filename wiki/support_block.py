"""The support block on the wiki's safety articles: the same services the test's report shows."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from assessment import registry
from assessment.selectors import region_links, region_view


def support_context(language: str, region_id: str | None) -> dict[str, Any]:
    directory = registry.support_directory()
    return {
        "region": region_view(directory.region_for(language, region_id), language, directory),
        "regions": region_links(directory, language),
        "support_heading": gettext("Where to find support"),
        "support_intro": gettext(
            "Free, confidential services that listen, explain your options and help you plan for safety. "
            "You do not have to decide anything before you call."
        ),
        "show_quick_exit": True,
    }
