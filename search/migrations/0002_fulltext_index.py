"""The database's own full-text index beside SearchDocument: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "language UNINDEXED, title, body, doc_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')"
        )
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument ADD COLUMN vector tsvector")
        schema_editor.execute("CREATE INDEX search_vector_gin ON search_searchdocument USING gin (vector)")


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_vector_gin")
        schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
