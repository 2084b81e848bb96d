"""The alarm API: handlers act on alarms, others read; every step lands in the timeline."""

from ioc.alerts.models import Alarm
from ioc.park.choices import Role


def test_an_operator_acknowledges_assigns_comments_and_clears_an_alarm(
    pm25_rule, send, client_for, make_user
):
    send([(60, 80)])
    alarm = Alarm.objects.get(rule=pm25_rule)
    api = client_for(Role.OPERATOR)
    colleague = make_user(Role.OPERATOR, username="colleague")
    assert (
        api.post(f"/api/v1/alarms/{alarm.pk}/acknowledge/", {"text": "on it"}).json()["state"]
        == "acknowledged"
    )
    assert (
        api.post(f"/api/v1/alarms/{alarm.pk}/assign/", {"assignee": "colleague"}).json()["assignee"]
        == colleague.username
    )
    assert (
        api.post(f"/api/v1/alarms/{alarm.pk}/comment/", {"text": "dust from the road works"}).status_code
        == 200
    )
    cleared = api.post(f"/api/v1/alarms/{alarm.pk}/clear/").json()
    assert cleared["state"] == "cleared"
    assert [e["kind"] for e in cleared["events"]] == [
        "raised",
        "acknowledged",
        "assigned",
        "commented",
        "cleared",
    ]
    assert cleared["events"][1]["user"] == api.user.username


def test_a_ward_official_reads_alarms_but_cannot_act_on_them(pm25_rule, send, client_for):
    send([(60, 80)])
    alarm = Alarm.objects.get(rule=pm25_rule)
    api = client_for(Role.WARD_OFFICIAL)
    listed = api.get("/api/v1/alarms/", {"state": "active", "domain": "environment", "rule": pm25_rule.pk})
    assert listed.json()["count"] == 1
    assert api.post(f"/api/v1/alarms/{alarm.pk}/acknowledge/").status_code == 403


def test_an_alarm_promoted_to_an_incident_moves_through_its_statuses(pm25_rule, send, client_for):
    send([(60, 80)])
    alarm = Alarm.objects.get(rule=pm25_rule)
    api = client_for(Role.PARK_MANAGER)
    incident = api.post(f"/api/v1/alarms/{alarm.pk}/promote/", {"title": "Dust near gate 2"}).json()[
        "incident"
    ]
    assert (
        api.post(f"/api/v1/incidents/{incident}/status/", {"status": "in_progress"}).json()["status"]
        == "in_progress"
    )
    assert "status" in api.post(f"/api/v1/incidents/{incident}/status/", {"status": "done"}).json()


def test_a_manager_edits_rules_and_a_rule_without_a_threshold_is_refused(client_for, db):
    api = client_for(Role.PARK_MANAGER, language="en")
    response = api.post(
        "/api/v1/alarm-rules/", {"name": "COD", "metric": "cod", "operator": "gt"}, format="json"
    )
    assert response.status_code == 400 and "threshold" in response.json()
    created = api.post(
        "/api/v1/alarm-rules/", {"name": "COD", "metric": "cod", "threshold": 75, "duration": 900}
    )
    assert created.status_code == 201
    assert client_for(Role.OPERATOR).post("/api/v1/alarm-rules/", {"name": "x"}).status_code == 403


def test_everyone_sets_their_own_notification_choices(client_for):
    api = client_for(Role.WARD_OFFICIAL, language="en")
    assert api.get("/api/v1/me/notifications/").json()["min_severity"] == 2
    changed = api.put(
        "/api/v1/me/notifications/",
        {
            "by_email": True,
            "in_page": True,
            "min_severity": 3,
            "domains": ["environment"],
            "quiet_from": "22:00",
            "quiet_to": "06:00",
        },
        format="json",
    )
    assert changed.status_code == 200 and changed.json()["quiet_from"] == "22:00:00"
    assert "domains" in api.patch("/api/v1/me/notifications/", {"domains": ["weather"]}, format="json").json()


def test_a_promotion_with_an_overlong_title_is_a_400_naming_it(pm25_rule, send, client_for):
    send([(60, 80)])
    alarm = Alarm.objects.get(rule=pm25_rule)
    response = client_for(Role.PARK_MANAGER).post(f"/api/v1/alarms/{alarm.pk}/promote/", {"title": "x" * 500})
    assert response.status_code == 400 and "title" in response.json()
