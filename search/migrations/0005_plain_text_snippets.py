"""Snippets come from rendered plain text now, not Markdown: empty the index so it is rebuilt.

`manage.py content load` (run by `make prepare`, right after `migrate`) rebuilds an empty index
from the content files, with plain text.
"""

from django.db import migrations


def empty_index(apps, schema_editor):
    apps.get_model("search", "SearchDocument").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_title_vector")]
    operations = [migrations.RunPython(empty_index, migrations.RunPython.noop)]
