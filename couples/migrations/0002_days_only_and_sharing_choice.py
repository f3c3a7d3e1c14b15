"""Days only on invitations (times were kept to the second), and the partner's choice to share."""

from django.db import migrations, models


def keep_existing_pairings_visible(apps, schema_editor):
    # Pairings made before the choice existed were already shown to both partners.
    apps.get_model("couples", "Pairing").objects.update(shared=True)


class Migration(migrations.Migration):
    dependencies = [("couples", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="invitation", name="created", field=models.DateField(auto_now_add=True)),
        migrations.AlterField(
            model_name="invitation",
            name="expires",
            field=models.DateField(help_text="The last day the link can be used to join."),
        ),
        migrations.AlterField(model_name="invitation", name="accepted", field=models.DateField(blank=True, null=True)),
        migrations.AlterField(model_name="invitation", name="cancelled", field=models.DateField(blank=True, null=True)),
        migrations.AddField(
            model_name="pairing",
            name="shared",
            field=models.BooleanField(
                default=False, help_text="The partner chose to share their result with the inviter."
            ),
        ),
        migrations.RunPython(keep_existing_pairings_visible, migrations.RunPython.noop),
    ]
