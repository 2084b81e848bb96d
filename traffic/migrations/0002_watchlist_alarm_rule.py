"""The park's starting rule for watch-listed plates; the park manager tunes it in the admin."""

from django.db import migrations

SEVERITY_MAJOR = 3
NAME = "Biển số trong danh sách theo dõi / Watch-listed plate"


def create_rule(apps, schema_editor):
    AlarmRule = apps.get_model("alerts", "AlarmRule")
    AlarmRule.objects.get_or_create(
        kind="event", event_type="watchlist_hit", event_when="always",
        defaults={"name": NAME, "domain": "security", "severity": SEVERITY_MAJOR, "device_kind": "",
                  "opens_incident": False},
    )  # fmt: skip


def remove_rule(apps, schema_editor):
    apps.get_model("alerts", "AlarmRule").objects.filter(kind="event", event_type="watchlist_hit").delete()


class Migration(migrations.Migration):
    dependencies = [("traffic", "0001_initial"), ("alerts", "0003_event_rules")]

    operations = [migrations.RunPython(create_rule, remove_rule)]
