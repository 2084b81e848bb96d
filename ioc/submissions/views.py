"""The enterprise portal (its reports, due dates, flags, devices and a form per kind) and the park's
review page. Every write goes through `services`, as the API's do."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Min
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from ioc.api.tenancy import scope_to_user
from ioc.park.choices import REGISTRY_EDITORS
from ioc.park.models import Device
from ioc.registry import registry
from ioc.submissions import portal_forms, selectors, services
from ioc.submissions.deadlines import OVERDUE_STATES, last_closed_period
from ioc.submissions.kinds import deadline
from ioc.submissions.models import Submission
from ioc.submissions.portal_filters import ReviewFilter

PAGE = 25


def kinds():
    return sorted(registry.submission_kinds.values(), key=lambda k: k.key)


class EnterpriseOnlyMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_enterprise_user:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ParkStaffMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_enterprise_user:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def with_due(submissions, enterprise_id: int) -> list[dict]:
    """Each submission with its deadline and whether its first sending was late."""
    first = {
        (row["kind"], row["period"]): timezone.localdate(row["first"])
        for row in Submission.objects.filter(enterprise_id=enterprise_id, submitted_at__isnull=False)
        .values("kind", "period")
        .annotate(first=Min("submitted_at"))
    }
    rows = []
    for submission in submissions:
        kind = registry.submission_kinds.get(submission.kind)
        due = deadline(kind, submission.period) if kind else None
        sent = first.get((submission.kind, submission.period))
        rows.append(
            {"submission": submission, "kind": kind, "due": due, "late": bool(due and sent and sent > due)}
        )
    return rows


class PortalHomeView(LoginRequiredMixin, TemplateView):
    """An enterprise's home: its reports and their state, what is due, flags and checks, its devices."""

    template_name = "submissions/portal.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_enterprise_user:
            return redirect("portal:review")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        page = Paginator(selectors.current_submissions(user), PAGE).get_page(self.request.GET.get("page"))
        today = timezone.localdate()
        due = []
        for kind in kinds():
            period = last_closed_period(kind, today)
            for row in selectors.standings(
                kind, period, soon_days=settings.SUBMISSION_REMINDER_DAYS, user=user
            ):
                due.append({"kind": kind, "period": period, "standing": row,
                            "form_period": portal_forms.period_value(kind.cadence, period)})  # fmt: skip
        devices = scope_to_user(Device.objects.select_related("zone"), user, "enterprise")
        return super().get_context_data(
            rows=with_due(page, user.enterprise_id), page_obj=page, is_paginated=page.has_other_pages(),
            due=due, devices=devices, kinds=kinds(), **kwargs,
        )  # fmt: skip


class ReportFormView(EnterpriseOnlyMixin, TemplateView):
    """A report of one kind and period: drafts and submission through services.save."""

    template_name = "submissions/form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.kind = registry.submission_kinds.get(kwargs["kind"])
        if self.kind is None:
            raise Http404

    def current(self, period):
        return (
            selectors.current_submissions(self.request.user).filter(kind=self.kind.key, period=period).first()
        )

    def get(self, request, *args, **kwargs):
        period = portal_forms.period_from_post(self.kind.cadence, request.GET.get("period", ""))[0]
        if period is None:
            period = last_closed_period(self.kind, timezone.localdate())
        current = self.current(period)
        return self.show(period, current.data if current else {}, {}, current)

    def post(self, request, *args, **kwargs):
        raw_period = request.POST.get("period", "")
        period, period_error = portal_forms.period_from_post(self.kind.cadence, raw_period)
        data = portal_forms.data_from_post(self.kind, request.POST)
        action = request.POST.get("action", "save")
        if action not in ("save", "submit"):  # a row added or removed: show the form again
            return self.show(period, data, {}, self.current(period) if period else None, raw_period)
        if period_error:
            return self.show(period, data, {"period": [period_error]}, None, raw_period)
        try:
            services.save(
                enterprise=request.user.enterprise, kind_key=self.kind.key, period=period, data=data,
                user=request.user, address=request.META.get("REMOTE_ADDR"), submit=action == "submit",
            )  # fmt: skip
        except ValidationError as error:
            errors = portal_forms.errors_by_path(error.message_dict)
            return self.show(period, data, errors, self.current(period), raw_period, status=400)
        messages.success(request, _("Report submitted.") if action == "submit" else _("Draft saved."))
        return redirect("portal:home")

    def show(self, period, data, errors, current, raw_period=None, status=200):
        context = self.get_context_data(
            kind=self.kind, items=portal_forms.layout(self.kind, data, errors), errors=errors,
            current=current, due=deadline(self.kind, period) if period else None,
            period_value=raw_period if raw_period is not None else portal_forms.period_value(self.kind.cadence, period),
            other_errors={k: v for k, v in errors.items() if k in ("data", "status", "kind")},
        )  # fmt: skip
        return self.render_to_response(context, status=status)


class ReviewView(ParkStaffMixin, FilterView):
    """Reports waiting for the park (submitted, by default) and who is late or missing."""

    template_name = "submissions/review.html"
    filterset_class = ReviewFilter
    paginate_by = PAGE

    def get_queryset(self):
        return selectors.current_submissions(self.request.user).order_by("submitted_at", "id")

    def get_context_data(self, **kwargs):
        overdue = selectors.overdue(self.request.user, kinds(), period=None, states=set(OVERDUE_STATES),
                                    soon_days=settings.SUBMISSION_REMINDER_DAYS)  # fmt: skip
        return super().get_context_data(
            overdue=overdue, may_review=self.request.user.effective_role in REGISTRY_EDITORS, **kwargs
        )


class ReviewActionView(ParkStaffMixin, View):
    """Accept, or return with a comment: park managers only."""

    def post(self, request, pk, verb):
        if request.user.effective_role not in REGISTRY_EDITORS:
            raise PermissionDenied
        submission = get_object_or_404(selectors.current_submissions(request.user), pk=pk)
        comment, address = request.POST.get("comment", "").strip(), request.META.get("REMOTE_ADDR")
        try:
            if verb == "accept":
                services.accept(submission, request.user, address, comment)
                messages.success(request, _("Report accepted."))
            else:
                services.return_to_sender(submission, request.user, comment, address)
                messages.success(request, _("Report returned to the enterprise."))
        except ValidationError as error:
            messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
        return redirect(request.POST.get("next") or "portal:review")
