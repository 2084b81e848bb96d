"""The reports page: ask for a report, follow its progress, read it, download it; the archive."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from ioc.park.choices import Role
from ioc.reports import access, services
from ioc.reports import render as rendering
from ioc.reports.choices import ReportStatus
from ioc.reports.document import from_dict
from ioc.reports.forms import ReportForm
from ioc.reports.models import Report

PAGE_SIZE = 25


def visible_reports(user):
    queryset = Report.objects.select_related("zone", "enterprise", "requested_by").defer("data")
    if user.effective_role in access.PARK_READERS:
        return queryset
    if user.effective_role == Role.ENTERPRISE:
        return queryset.filter(enterprise=user.enterprise_id)
    return queryset.none()


def refused(request, reason: str):
    return render(request, "reports/refused.html", {"reason": reason}, status=403)


class ReportIndexView(LoginRequiredMixin, View):
    def get(self, request, form=None):
        page = Paginator(visible_reports(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "reports/index.html",
            {
                "form": form or ReportForm(user=request.user),
                "page_obj": page,
                "is_paginated": page.has_other_pages(),
            },
            status=400 if form is not None else 200,
        )

    def post(self, request):
        form = ReportForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.get(request, form)
        data = form.cleaned_data
        try:
            report = services.report_request(
                user=request.user,
                period=data["the_period"],
                scope_kind=data["scope"],
                zone=data["zone"],
                enterprise=data["enterprise"],
                language=data["language"],
            )
        except services.ReportRefused as refusal:
            return refused(request, str(refusal))
        return redirect("reports:detail", report.pk)


class _OneReport(LoginRequiredMixin, View):
    def report_for(self, request, pk):
        report = get_object_or_404(Report.objects.select_related("zone", "enterprise"), pk=pk)
        reason = access.refusal_for(request.user, report)
        return report, reason


class ReportDetailView(_OneReport):
    def get(self, request, pk):
        report, reason = self.report_for(request, pk)
        if reason:
            return refused(request, reason)
        context = {"report": report}
        if report.status == ReportStatus.DONE:
            context.update(rendering.context(from_dict(report.data), chart_format="plotly"))
        return render(request, "reports/detail.html", context)


class ReportStatusView(_OneReport):
    """What the page polls while a report is generated."""

    def get(self, request, pk):
        report, reason = self.report_for(request, pk)
        if reason:
            return JsonResponse({"detail": reason}, status=403)
        return JsonResponse(
            {
                "status": report.status,
                "progress": report.progress,
                "stage": report.stage,
                "error": report.error,
                "url": reverse("reports:detail", args=[report.pk]),
            }
        )


class ReportFileView(_OneReport):
    def get(self, request, pk, kind):
        report, reason = self.report_for(request, pk)
        if reason:
            return refused(request, reason)
        stored = getattr(report, kind) if kind in ("pdf", "xlsx") else None
        if not stored:
            raise Http404
        return FileResponse(stored.open("rb"), as_attachment=True, filename=report.file_name(kind))
