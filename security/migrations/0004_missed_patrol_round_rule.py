"""The rule whose alarm a missed patrol round raises (security.patrols_services); tuned in the admin."""

from django.db import migrations

SEVERITY_WARNING = 1
NAME = "Bỏ lỡ vòng tuần tra / Missed patrol round"  # security.patrols_services.RULE_NAME


def create_rule(apps, schema_editor):
    AlarmRule = apps.get_model("alerts", "AlarmRule")
    # Kind "no data" watching nothing: the engine leaves it to the app that raises it.
    AlarmRule.objects.get_or_create(
        name=NAME, kind="no_data", domain="security", defaults={"severity": SEVERITY_WARNING}
    )


def remove_rule(apps, schema_editor):
    apps.get_model("alerts", "AlarmRule").objects.filter(name=NAME, kind="no_data", domain="security").delete()


class Migration(migrations.Migration):
    dependencies = [("security", "0003_cameras_checked_and_patrols"), ("alerts", "0003_event_rules")]

    operations = [migrations.RunPython(create_rule, remove_rule)]
