from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "wiki"
    verbose_name = "Wiki"

    def ready(self) -> None:
        from core.cache import set_version_source

        from .models import ContentVersion

        def version_in_database() -> int:
            row = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first()
            return int(row or 0)

        # The page cache (core) learns the content version from the wiki without importing it.
        set_version_source(version_in_database)
