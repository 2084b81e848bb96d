"""The park's starting event rules; the park manager tunes them in the admin afterwards."""

from django.db import migrations

SEVERITY_WARNING, SEVERITY_MAJOR, SEVERITY_CRITICAL = 1, 3, 4

RULES = [
    # (name, event type, severity, when, opens an incident)
    ("Xâm nhập khu vực cấm ngoài giờ / Intrusion in a restricted region out of hours", "intrusion",
     SEVERITY_CRITICAL, "restricted", False),
    ("Lảng vảng ngoài giờ / Loitering out of hours", "loitering", SEVERITY_MAJOR, "restricted", False),
    ("Cháy / Fire", "fire", SEVERITY_CRITICAL, "always", True),
    ("Khói / Smoke", "smoke", SEVERITY_CRITICAL, "always", True),
    ("Tụ tập đông người / Crowding", "crowding", SEVERITY_WARNING, "always", False),
]


def create_rules(apps, schema_editor):
    AlarmRule = apps.get_model("alerts", "AlarmRule")
    for name, event_type, severity, when, opens_incident in RULES:
        AlarmRule.objects.get_or_create(
            kind="event", event_type=event_type, event_when=when,
            defaults={"name": name, "domain": "security", "severity": severity, "device_kind": "camera",
                      "opens_incident": opens_incident},
        )  # fmt: skip


def remove_rules(apps, schema_editor):
    AlarmRule = apps.get_model("alerts", "AlarmRule")
    AlarmRule.objects.filter(kind="event", event_type__in=[r[1] for r in RULES], device_kind="camera").delete()


class Migration(migrations.Migration):
    dependencies = [("security", "0001_initial"), ("alerts", "0003_event_rules")]

    operations = [migrations.RunPython(create_rules, remove_rules)]
