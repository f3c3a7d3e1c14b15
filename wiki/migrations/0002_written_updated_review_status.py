"""Replace the single `reviewed` date, which readers took for a clinician's review, with what is true."""

from django.db import migrations, models


def copy_dates(apps, schema_editor):
    translations = apps.get_model("wiki", "ArticleTranslation")
    translations.objects.update(updated=models.F("written"))


class Migration(migrations.Migration):
    dependencies = [("wiki", "0001_initial")]

    operations = [
        migrations.RemoveIndex(model_name="articletranslation", name="wiki_articl_languag_4ce6cd_idx"),
        migrations.RenameField(model_name="articletranslation", old_name="reviewed", new_name="written"),
        migrations.AddField(
            model_name="articletranslation",
            name="updated",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(copy_dates, migrations.RunPython.noop),
        migrations.AlterField(model_name="articletranslation", name="updated", field=models.DateField()),
        migrations.AddField(
            model_name="articletranslation",
            name="review_status",
            field=models.CharField(
                default="awaiting-clinical-review",
                help_text="awaiting-clinical-review until a clinician has reviewed this text",
                max_length=40,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="articletranslation", name="reviewed_on", field=models.DateField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="articletranslation", name="reviewer", field=models.CharField(blank=True, max_length=200)
        ),
        migrations.AddIndex(
            model_name="articletranslation",
            index=models.Index(fields=["language", "updated"], name="wiki_article_lang_updated"),
        ),
    ]
