"""Load QCVN 40:2011, QCVN 05:2023 and QCVN 19:2009 from environment/regulations.py."""

from django.db import migrations


def load(apps, schema_editor):
    from environment.regulations import load_standards

    load_standards(apps.get_model("environment", "Standard"), apps.get_model("environment", "StandardLimit"))


class Migration(migrations.Migration):
    dependencies = [("environment", "0001_standards_and_stations")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
