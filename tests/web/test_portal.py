"""The enterprise portal and the park's review page: every role, both languages, forms, tenancy."""

from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from ioc.park.choices import Role
from ioc.registry import registry
from ioc.submissions import portal_forms
from ioc.submissions.choices import Status
from ioc.submissions.kinds import Field, Rows, SubmissionKind
from ioc.submissions.models import Submission

FORM = reverse("portal:form", args=["labour.monthly"])
GOOD = {
    "headcount_vn_male": "400", "headcount_vn_female": "560", "headcount_foreign_male": "12",
    "headcount_foreign_female": "3", "hires": "20", "separations": "15", "wage_average": "9800000",
    "wage_lowest": "5600000", "overtime_hours_total": "6500", "overtime_hours_max_worker": "38",
    "accidents_injured": "1", "accidents_fatal": "0", "days_lost": "4", "training_hours": "1200",
}  # fmt: skip
FUELS = SubmissionKind(
    key="test.fuels", app="test", title="Fuels", version=1, cadence="monthly",
    fields=(Field("site", "Site", kind="text"),
            Rows("fuels", "Fuels", (Field("fuel", "Fuel", kind="text"), Field("amount", "Amount", unit="t")))),
)  # fmt: skip


def signed_in(make_user, role, enterprise=None, language="vi") -> Client:
    client = Client()
    client.force_login(make_user(role, enterprise))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("role", [Role.PARK_MANAGER, Role.OPERATOR, Role.WARD_OFFICIAL, Role.ENTERPRISE])
def test_the_portal_pages_render_for_every_role_in_both_languages(small_park, make_user, role, language):
    enterprise = small_park["a"] if role == Role.ENTERPRISE else None
    client = signed_in(make_user, role, enterprise, language)
    home = client.get(reverse("portal:home"))
    review = client.get(reverse("portal:review"))
    form = client.get(FORM)
    if role == Role.ENTERPRISE:
        assert home.status_code == 200 and form.status_code == 200 and review.status_code == 403
        html = home.content.decode() + form.content.decode()
        assert f'<html lang="{language}">' in html and "DEV-a" in html
        assert ("Báo cáo lao động hằng tháng" if language == "vi" else "Monthly labour report") in html
    else:
        assert home.status_code == 302 and home["Location"] == reverse("portal:review")
        assert review.status_code == 200 and form.status_code == 403
        assert f'<html lang="{language}">' in review.content.decode()


@freeze_time("2026-02-20 03:00")
def test_a_form_with_errors_shows_each_next_to_its_field_and_keeps_what_was_typed(small_park, make_user):
    client = signed_in(make_user, Role.ENTERPRISE, small_park["a"], "en")
    posted = {**GOOD, "wage_lowest": "a lot", "hires": "", "period": "2026-01", "action": "submit"}
    page = client.post(FORM, posted)
    assert page.status_code == 400
    html = page.content.decode()
    assert html.count('class="error"') >= 3  # the banner, wage_lowest, hires
    assert "Give a number." in html and "This field is required." in html
    assert 'value="a lot"' in html and 'value="9800000"' in html  # nothing typed is lost
    assert not Submission.objects.filter(period=date(2026, 1, 1)).exists()
    vietnamese = signed_in(make_user, Role.ENTERPRISE, small_park["b"], "vi").post(FORM, posted)
    assert "Trường này là bắt buộc." in vietnamese.content.decode()


@freeze_time("2026-02-20 03:00")
def test_a_valid_form_saves_a_draft_then_submits_it_for_the_users_own_enterprise(small_park, make_user):
    client = signed_in(make_user, Role.ENTERPRISE, small_park["a"])
    assert client.post(FORM, {**GOOD, "period": "2026-01", "action": "save"}).status_code == 302
    draft = Submission.objects.get(period=date(2026, 1, 1))
    assert (draft.status, draft.enterprise, draft.data["wage_lowest"]) == (
        Status.DRAFT,
        small_park["a"],
        5_600_000,
    )
    assert client.post(
        FORM, {**GOOD, "period": "2026-01", "action": "submit", "enterprise": small_park["b"].pk}
    )
    sent = Submission.objects.get(period=date(2026, 1, 1))
    assert (sent.status, sent.enterprise, sent.version) == (Status.SUBMITTED, small_park["a"], 1)
    home = client.get(reverse("portal:home")).content.decode()
    assert "01/2026" in home and "Đã gửi" in home


def test_a_bad_period_is_named_and_the_data_kept(small_park, make_user):
    page = signed_in(make_user, Role.ENTERPRISE, small_park["a"], "en").post(
        FORM, {**GOOD, "period": "January", "action": "save"}
    )
    assert page.status_code == 200 and "Give a month as YYYY-MM." in page.content.decode()


def test_rows_are_added_removed_and_converted_to_the_fields_unit(monkeypatch):
    post = {"site": "A", "fuels-count": "3", "fuels-0-fuel": "coal", "fuels-0-amount": "2500",
            "fuels-0-amount__unit": "kg", "fuels-1-fuel": "", "fuels-1-amount": "", "fuels-2-fuel": "LPG",
            "fuels-2-amount": "1", "fuels-2-amount__unit": "t"}  # fmt: skip
    assert portal_forms.data_from_post(FUELS, post)["fuels"] == [
        {"fuel": "coal", "amount": {"value": "2500", "unit": "kg"}},
        {"fuel": "LPG", "amount": "1"},
    ]  # the blank row is dropped
    assert len(portal_forms.data_from_post(FUELS, {**post, "action": "add:fuels"})["fuels"]) == 3
    assert portal_forms.data_from_post(FUELS, {**post, "action": "remove:fuels:0"})["fuels"] == [
        {"fuel": "LPG", "amount": "1"}
    ]
    items = portal_forms.layout(FUELS, {"fuels": [{"amount": "x"}]}, {"fuels.0.amount": ["Give a number."]})
    cell = items[1].rows[0][1]
    assert (cell.name, cell.errors, cell.units) == ("fuels-0-amount", ["Give a number."], ["t", "kg"])


def test_the_add_row_button_shows_the_form_again_with_one_more_row(small_park, make_user, monkeypatch):
    monkeypatch.setitem(registry.submission_kinds, FUELS.key, FUELS)
    client = signed_in(make_user, Role.ENTERPRISE, small_park["a"], "en")
    page = client.post(reverse("portal:form", args=[FUELS.key]), {"period": "2025-12", "fuels-count": "0",
                                                                   "action": "add:fuels"})  # fmt: skip
    assert page.status_code == 200 and 'name="fuels-0-amount"' in page.content.decode()


def test_an_enterprise_never_sees_or_reviews_anothers_reports(small_park, make_user):
    other = Submission.objects.get(enterprise=small_park["b"])
    other.flags = [{"code": "x", "field": "hires", "message": "flag of B only"}]
    other.status = Status.SUBMITTED
    other.save()
    client = signed_in(make_user, Role.ENTERPRISE, small_park["a"])
    assert "flag of B only" not in client.get(reverse("portal:home")).content.decode()
    assert client.post(reverse("portal:accept", args=[other.pk])).status_code == 403
    other.refresh_from_db()
    assert other.status == Status.SUBMITTED
    manager = signed_in(make_user, Role.PARK_MANAGER)
    assert "flag of B only" in manager.get(reverse("portal:review")).content.decode()


def test_the_park_accepts_or_returns_with_a_comment_and_a_ward_official_cannot(small_park, make_user):
    reports = list(Submission.objects.all())
    Submission.objects.update(status=Status.SUBMITTED)
    ward = signed_in(make_user, Role.WARD_OFFICIAL)
    assert ward.post(reverse("portal:accept", args=[reports[0].pk])).status_code == 403
    manager = signed_in(make_user, Role.PARK_MANAGER, language="en")
    page = manager.post(reverse("portal:return", args=[reports[0].pk]), {"comment": ""}, follow=True)
    assert "Say what needs correcting." in page.content.decode()
    manager.post(reverse("portal:return", args=[reports[0].pk]), {"comment": "Wrong month"})
    reports[0].refresh_from_db()
    assert (reports[0].status, reports[0].review_comment) == (Status.RETURNED, "Wrong month")
    reports[1].data, reports[1].status = {k: int(v) for k, v in GOOD.items()}, Status.SUBMITTED
    reports[1].save()
    manager.post(reverse("portal:accept", args=[reports[1].pk]))
    reports[1].refresh_from_db()
    assert reports[1].status == Status.ACCEPTED


@freeze_time("2026-02-20 03:00")
def test_the_review_page_lists_who_is_missing(small_park, make_user):
    html = (
        signed_in(make_user, Role.PARK_MANAGER, language="en").get(reverse("portal:review")).content.decode()
    )
    assert "Công ty A" in html and "Công ty B" in html and "Missing" in html
