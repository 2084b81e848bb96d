"""Bulk upload over the API: the bilingual template of a kind, and a filled one uploaded back."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from ioc.api.viewsets import ParkViewSetMixin
from ioc.park.models import Enterprise
from ioc.registry import registry
from ioc.submissions import bulk, services
from ioc.submissions.api import SUBMITTERS, client_address
from ioc.submissions.batch import Item, save_many
from ioc.submissions.models import Submission
from ioc.submissions.validation import validate

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _FileRenderer(BaseRenderer):
    """Passes the file's bytes through; an error (a dict) still goes out as JSON."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return json.dumps(data, ensure_ascii=False).encode()


class XlsxRenderer(_FileRenderer):
    media_type, format = XLSX_TYPE, "xlsx"


class CsvRenderer(_FileRenderer):
    media_type, format = "text/csv", "csv"


class SubmissionTemplateView(APIView):
    """The spreadsheet to fill for a bulk upload: row 1 the column keys, row 2 their labels in
    Vietnamese and English with units; data from row 3."""

    permission_classes = [IsAuthenticated]
    renderer_classes = [XlsxRenderer, CsvRenderer]

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["xlsx", "csv"], description="xlsx (default) or csv")],
        responses={(200, XLSX_TYPE): OpenApiTypes.BINARY, (200, "text/csv"): OpenApiTypes.BINARY},
    )  # fmt: skip
    def get(self, request, key: str):
        kind = registry.submission_kinds.get(key)
        if kind is None:
            raise Http404
        as_csv = request.accepted_renderer.format == "csv"
        content = bulk.template_csv(kind) if as_csv else bulk.template_xlsx(kind)
        name = f"{kind.key}.v{kind.version}.{'csv' if as_csv else 'xlsx'}"
        return Response(content, headers={"Content-Disposition": f'attachment; filename="{name}"'})


_UPLOAD = inline_serializer(
    "SubmissionUpload",
    {
        "kind": serializers.CharField(),
        "file": serializers.FileField(help_text="XLSX or CSV (UTF-8) filled from the kind's template"),
        "submit": serializers.BooleanField(required=False, default=False),
    },
)
_UPLOADED = inline_serializer(
    "SubmissionUploadResult",
    {
        "kind": serializers.CharField(),
        "rows": serializers.IntegerField(help_text="reports read from the file"),
        "saved": serializers.IntegerField(),
        "refused": serializers.IntegerField(),
        "errors": serializers.ListField(child=serializers.DictField(), help_text="{row, field, message}"),
        "saved_rows": serializers.ListField(child=serializers.DictField(), help_text="{row, id, version}"),
    },
)

_REFUSED = inline_serializer(
    "SubmissionUploadRefused",
    {
        "kind": serializers.ListField(child=serializers.CharField(), required=False),
        "file": serializers.ListField(child=serializers.CharField(), required=False),
    },
)


class SubmissionUploadView(ParkViewSetMixin, generics.GenericAPIView):
    """A filled template: every row through the same validation and saving as POST /submissions/.

    Good rows are kept whatever the bad ones; the answer lists every refused row with its sheet row
    number, column and message in the caller's language. Enterprise users upload their own reports
    (tax code blank or their own); the park's staff give each row's tax code.
    """

    queryset = Submission.objects.all()
    write_roles = SUBMITTERS
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = None

    @extend_schema(request={"multipart/form-data": _UPLOAD}, responses={200: _UPLOADED, 400: _REFUSED})
    def post(self, request):
        kind_key, upload = str(request.data.get("kind", "")), request.FILES.get("file")
        kind = registry.submission_kinds.get(kind_key)
        if kind is None:
            return Response(
                {"kind": [_("“%(kind)s” is not a report kind.") % {"kind": kind_key}]}, status=400
            )
        if upload is None:
            return Response({"file": [_("Attach the filled template as “file”.")]}, status=400)
        if upload.size > settings.SUBMISSION_UPLOAD_MAX_BYTES:
            limit = settings.SUBMISSION_UPLOAD_MAX_BYTES // (1024 * 1024)
            return Response(
                {"file": [_("The file is larger than %(n)d MB; split it.") % {"n": limit}]}, status=400
            )
        user = request.user
        try:
            limit = settings.SUBMISSION_UPLOAD_MAX_ROWS
            table = bulk.read_table(upload.name or "", upload.read(), limit)
            lines = bulk.parse(kind, table, user.is_enterprise_user, limit)
        except bulk.BadFile as problem:
            return Response({"file": [str(problem)]}, status=400)
        items, kept = [], []
        owners = self._enterprises(lines)
        for line in lines:
            enterprise = self._owner(line, owners)
            if line.errors:  # still check the rest, so every error of the row is told at once
                line.errors += bulk.error_rows(line, validate(kind, line.data, line.period).errors)
                if line.period and not any(column == bulk.PERIOD for _r, column, _m in line.errors):
                    try:
                        services.check_period(kind, line.period)
                    except ValidationError as refusal:
                        line.errors += bulk.error_rows(line, refusal.message_dict)
            else:
                items.append(Item(enterprise, line.period, line.data))
                kept.append(line)
        submit = str(request.data.get("submit", "")).lower() in ("true", "1", "on", "yes")
        outcomes = save_many(kind_key=kind.key, items=items, user=user, address=client_address(request),
                             submit=submit)  # fmt: skip
        saved = []
        for line, outcome in zip(kept, outcomes, strict=True):
            if outcome.errors:
                line.errors += bulk.error_rows(line, outcome.errors)
            else:
                saved.append(
                    {"row": line.row, "id": outcome.submission.pk, "version": outcome.submission.version}
                )
        errors = sorted((e for line in lines for e in line.errors), key=lambda e: e[0])
        return Response({
            "kind": kind.key, "rows": len(lines), "saved": len(saved), "refused": len(lines) - len(saved),
            "errors": [{"row": row, "field": column, "message": message} for row, column, message in errors],
            "saved_rows": saved,
        })  # fmt: skip

    def _enterprises(self, lines) -> dict[str, Enterprise]:
        user = self.request.user
        if user.is_enterprise_user:
            return {user.enterprise.tax_code: user.enterprise}
        codes = {line.tax_code for line in lines if line.tax_code}
        return {e.tax_code: e for e in Enterprise.objects.filter(tax_code__in=codes)}

    def _owner(self, line: bulk.Line, owners: dict[str, Enterprise]) -> Enterprise | None:
        user = self.request.user
        if user.is_enterprise_user and line.tax_code in ("", user.enterprise.tax_code):
            return user.enterprise
        if user.is_enterprise_user:
            line.errors.append(
                (line.row, bulk.TAX_CODE, _("You may upload only your own enterprise's reports."))
            )
        elif not line.tax_code:
            line.errors.append((line.row, bulk.TAX_CODE, _("This field is required.")))
        elif line.tax_code not in owners:
            line.errors.append((line.row, bulk.TAX_CODE, _("No enterprise of the park has tax code %(code)s.")
                                % {"code": line.tax_code}))  # fmt: skip
        return owners.get(line.tax_code)
