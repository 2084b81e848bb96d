"""The alarm rule QCVN exceedances are raised under; operators tune its severity and escalation."""

from django.db import migrations


def create(apps, schema_editor):
    AlarmRule = apps.get_model("alerts", "AlarmRule")
    AlarmRule.objects.get_or_create(
        kind="regulation",
        limit_key="environment.qcvn",
        defaults={"name": "Vượt quy chuẩn (QCVN) theo thời gian trung bình", "domain": "environment",
                  "severity": 3, "escalate_after": 60, "escalate_to": 4},  # fmt: skip
    )


class Migration(migrations.Migration):
    dependencies = [("environment", "0003_aqi_and_compliance"), ("alerts", "0002_regulation_rule_kind")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
