"""PostgreSQL: a separate title vector with its own GIN index, for title-only candidate searches."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector")
        schema_editor.execute("CREATE INDEX search_title_vector_gin ON search_searchdocument USING gin (title_vector)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_title_vector_gin")
        schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_termstatistic")]
    operations = [migrations.RunPython(create, drop)]
