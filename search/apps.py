from typing import Any

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from wiki.signals import content_applied

        content_applied.connect(_rebuild_index, dispatch_uid="search-index-rebuild")


def _rebuild_index(sender: Any, *, site: Any, changed: bool, **kwargs: Any) -> None:
    """Rebuild the index in the content load's own transaction, when content changed or none exists."""
    from .models import SearchDocument
    from .services import index_rebuild

    if changed or not SearchDocument.objects.exists():
        index_rebuild(site)
