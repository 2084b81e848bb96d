"""The report archive over the API: list and read (paginated, filterable), download, ask for a new one.

Asking is its own action (`POST /api/v1/reports/request/`), not a create or an edit of the archive:
a ward official, who writes nowhere else, may ask for reports — that is their main use of the IOC —
and who may have which report is the access rule's business (ioc/reports/access.py), with a 403
that says why.
"""

from django.http import FileResponse, Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from ioc.api.viewsets import ParkReadOnlyViewSet
from ioc.park.choices import Role
from ioc.park.models import Enterprise, Zone
from ioc.reports import services
from ioc.reports.access import PARK_READERS
from ioc.reports.choices import Language, PeriodKind, ScopeKind
from ioc.reports.models import Report

FILE_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportSerializer(serializers.ModelSerializer):
    pdf_url = serializers.SerializerMethodField()
    xlsx_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "period_kind",
            "period_start",
            "period_end",
            "scope_kind",
            "zone",
            "enterprise",
            "language",
            "status",
            "progress",
            "stage",
            "error",
            "scheduled",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "emailed_at",
            "pdf_url",
            "xlsx_url",
        ]

    def _url(self, report, kind) -> str | None:
        if not getattr(report, kind):
            return None
        return self.context["request"].build_absolute_uri(f"/api/v1/reports/{report.pk}/{kind}/")

    def get_pdf_url(self, report) -> str | None:
        return self._url(report, "pdf")

    def get_xlsx_url(self, report) -> str | None:
        return self._url(report, "xlsx")


class ReportDetailSerializer(ReportSerializer):
    """With the document: every section's summary, tables (typed columns, raw values) and charts."""

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "data"]


class ReportFilter(filters.FilterSet):
    period_start_from = filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_start_to = filters.DateFilter(field_name="period_start", lookup_expr="lte")

    class Meta:
        model = Report
        fields = ["period_kind", "scope_kind", "zone", "enterprise", "language", "status", "scheduled"]


class ReportRequestSerializer(serializers.Serializer):
    period = serializers.ChoiceField(PeriodKind.choices, default=PeriodKind.MONTH)
    start = serializers.DateField(
        help_text=_("A day of the month, quarter or year; the first day of a range.")
    )
    end = serializers.DateField(required=False, help_text=_("The last day of a range."))
    scope = serializers.ChoiceField(ScopeKind.choices, required=False)
    zone = serializers.PrimaryKeyRelatedField(queryset=Zone.objects.all(), required=False)
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all(), required=False)
    language = serializers.ChoiceField(Language.choices, required=False)

    def validate(self, attrs):
        user = self.context["request"].user
        if user.is_enterprise_user:
            attrs.setdefault("scope", ScopeKind.ENTERPRISE)
            attrs.setdefault("enterprise", user.enterprise)
        attrs.setdefault("scope", ScopeKind.PARK)
        attrs.setdefault(
            "language",
            translation.get_language() if translation.get_language() in Language.values else Language.VI,
        )
        attrs["period"] = services.period_from_input(
            attrs["period"], attrs["start"], attrs.get("end"), timezone.localdate()
        )
        return attrs


class ReportViewSet(ParkReadOnlyViewSet):
    """The archive, newest first. An enterprise user sees only its own enterprise's reports."""

    queryset = Report.objects.all()
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    ordering_fields = ["created_at", "period_start"]
    enterprise_field = "enterprise"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.user.effective_role not in (*PARK_READERS, Role.ENTERPRISE):
            return queryset.none()
        return queryset.defer("data") if self.action == "list" else queryset

    def _file(self, kind: str):
        report = self.get_object()
        stored = getattr(report, kind)
        if not stored:
            raise Http404
        return FileResponse(
            stored.open("rb"),
            as_attachment=True,
            filename=report.file_name(kind),
            content_type=FILE_TYPES[kind],
        )

    @extend_schema(responses={(200, FILE_TYPES["pdf"]): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """The report as PDF (A4)."""
        return self._file("pdf")

    @extend_schema(responses={(200, FILE_TYPES["xlsx"]): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        """The report as a workbook: one sheet per section with the data behind every chart."""
        return self._file("xlsx")

    def get_permissions(self):
        if self.action == "ask":
            return [IsAuthenticated()]
        return super().get_permissions()

    def get_serializer_class(self):
        if self.action == "ask":
            return ReportRequestSerializer
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer

    @extend_schema(request=ReportRequestSerializer, responses={202: ReportSerializer})
    @action(detail=False, methods=["post"], url_path="request")
    def ask(self, request):
        """Ask for a report of any period and scope: it is generated in the background; poll its `progress`."""
        query = ReportRequestSerializer(data=request.data, context={"request": request})
        query.is_valid(raise_exception=True)
        data = query.validated_data
        try:
            report = services.report_request(
                user=request.user,
                period=data["period"],
                scope_kind=data["scope"],
                zone=data.get("zone"),
                enterprise=data.get("enterprise"),
                language=data["language"],
            )
        except services.ReportRefused as refused:
            raise PermissionDenied(str(refused)) from None
        return Response(
            ReportSerializer(report, context={"request": request}).data, status=status.HTTP_202_ACCEPTED
        )
