from collections import Counter

from django.db import migrations


def count_authorities(apps, schema_editor):
    """Add the ``authority`` counts (``followup.tallies``) of the conventions already
    counted: each authority a convention was counted under, under the register and each
    of its authorities."""
    from pacte.followup.tallies import MAX_DAY, MIN_DAY, REGISTER, counts_apply

    StoredAuthority = apps.get_model("followup", "StoredAuthority")
    authorities = {}
    for convention, organisation in StoredAuthority.objects.values_list(
        "convention_id", "organisation"
    ).iterator(chunk_size=5000):
        authorities.setdefault(convention, set()).add(organisation)
    delta = Counter()
    for counted in authorities.values():
        for organisation in {REGISTER, *counted}:
            for authority in counted:
                delta[(organisation, "authority", str(authority), MIN_DAY, MAX_DAY)] += 1
    counts_apply(delta, model=apps.get_model("followup", "StoredCount"))


def forget_authorities(apps, schema_editor):
    apps.get_model("followup", "StoredCount").objects.filter(fact="authority").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("followup", "0012_sum_committed_index"),
    ]

    operations = [migrations.RunPython(count_authorities, forget_authorities)]
