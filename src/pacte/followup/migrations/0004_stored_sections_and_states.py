import django.db.models.deletion
from django.db import migrations, models


def forget_stored_rows(apps, schema_editor):
    """Stored obligations are a cache: without their new columns they are recomputed
    (a convention without a stored state is refreshed on first display)."""
    apps.get_model("followup", "StoredObligation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conventions", "0001_initial"),
        ("followup", "0003_stored_obligation"),
    ]

    operations = [
        migrations.RunPython(forget_stored_rows, migrations.RunPython.noop),
        migrations.AddField(
            model_name="storedobligation",
            name="reference",
            field=models.CharField(
                default="", max_length=100, verbose_name="référence de la convention"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="storedobligation",
            name="section",
            field=models.CharField(
                default="", max_length=20, verbose_name="rubrique d'« À faire »"
            ),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="storedobligation",
            index=models.Index(
                fields=["terminal", "section", "due", "reference", "position"],
                name="followup_obligation_section",
            ),
        ),
        migrations.AddIndex(
            model_name="storedobligation",
            index=models.Index(
                fields=["terminal", "section", "due", "kind", "done_on", "convention"],
                name="followup_obligation_count",
            ),
        ),
        migrations.CreateModel(
            name="StoredState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("state", models.CharField(max_length=20, verbose_name="état")),
                ("start", models.DateField(blank=True, null=True, verbose_name="du")),
                ("end", models.DateField(blank=True, null=True, verbose_name="au")),
                ("computed_until", models.DateField(verbose_name="calculé jusqu'au")),
                (
                    "convention",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="stored_states",
                        to="conventions.convention",
                        verbose_name="convention",
                    ),
                ),
            ],
            options={
                "verbose_name": "état calculé",
                "verbose_name_plural": "états calculés",
                "indexes": [
                    models.Index(fields=["state", "start"], name="followup_state_state_start")
                ],
            },
        ),
    ]
