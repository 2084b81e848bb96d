"""Submissions over the API: enterprises draft, correct and submit; the park accepts or returns."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ioc.api.viewsets import ParkViewSetMixin
from ioc.audit.recording import client_address
from ioc.park.choices import REGISTRY_EDITORS, Role
from ioc.park.models import Enterprise
from ioc.registry import registry
from ioc.submissions import services
from ioc.submissions.choices import Status
from ioc.submissions.idempotency import HEADER, IdempotentCreateMixin
from ioc.submissions.kinds import Rows, deadline
from ioc.submissions.models import Submission, SubmissionEvent
from ioc.submissions.overdue_api import OverdueMixin

SUBMITTERS = REGISTRY_EDITORS | {Role.ENTERPRISE}


class SubmissionEventSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = SubmissionEvent
        fields = ["at", "user", "action", "version", "address", "text"]


class SubmissionSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=[])
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all(), required=False)
    data = serializers.JSONField(
        help_text=_("The report's fields, as GET /api/v1/submission-kinds/ lists them.")
    )
    submit = serializers.BooleanField(
        write_only=True, default=False, help_text=_("Submit at once (not a draft).")
    )
    due = serializers.SerializerMethodField()
    events = SubmissionEventSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "enterprise", "kind", "schema_version", "period", "version", "supersedes", "status", "data",
                  "submit", "flags", "checks", "due", "submitted_at", "reviewed_at", "review_comment", "created_at",
                  "events"]  # fmt: skip
        read_only_fields = ["schema_version", "version", "supersedes", "status", "flags", "checks", "submitted_at",
                            "reviewed_at", "review_comment", "created_at"]  # fmt: skip
        validators = []  # versions are the service's business: a second report for a period is a correction

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = sorted(registry.submission_kinds)

    def get_due(self, submission) -> str | None:
        kind = registry.submission_kinds.get(submission.kind)
        return deadline(kind, submission.period).isoformat() if kind else None

    def validate(self, attrs):
        user = self.context["request"].user
        if user.is_enterprise_user:
            attrs["enterprise"] = user.enterprise
        elif self.instance is None and not attrs.get("enterprise"):
            raise serializers.ValidationError({"enterprise": _("Say which enterprise this report is for.")})
        return attrs


class SubmissionFilter(filters.FilterSet):
    period_from = filters.DateFilter(field_name="period", lookup_expr="gte")
    period_to = filters.DateFilter(field_name="period", lookup_expr="lte")
    current = filters.BooleanFilter(method="filter_current", label=_("current versions only"))

    class Meta:
        model = Submission
        fields = ["kind", "status", "period", "enterprise"]

    def filter_current(self, queryset, name, value):
        return (
            queryset.exclude(status=Status.SUPERSEDED) if value else queryset.filter(status=Status.SUPERSEDED)
        )


class ReviewComment(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


def review_comment(request) -> str:
    body = ReviewComment(data=request.data)  # a body that is no object is a 400, not a crash
    body.is_valid(raise_exception=True)
    return body.validated_data["comment"]


_IDEMPOTENCY_KEY = OpenApiParameter(
    HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER,
    description=_("Optional, at most 200 characters. The same key with the same body again returns the first "
                  "answer (with Idempotent-Replayed: true) and creates nothing; with another body, 422."),
)  # fmt: skip


@extend_schema_view(
    create=extend_schema(
        parameters=[_IDEMPOTENCY_KEY],
        responses={
            201: SubmissionSerializer,
            422: OpenApiResponse(description=_("Idempotency-Key reused for a different request.")),
        },
    )
)
class SubmissionViewSet(IdempotentCreateMixin, OverdueMixin, ParkViewSetMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin,
                        mixins.UpdateModelMixin, mixins.DestroyModelMixin, mixins.ListModelMixin,
                        viewsets.GenericViewSet):  # fmt: skip
    """Reports of enterprises. A sent report is never overwritten: changing it makes a new version."""

    queryset = Submission.objects.select_related("enterprise").prefetch_related("events__user")
    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    ordering_fields = ["period", "submitted_at", "kind"]
    write_roles = SUBMITTERS

    def perform_create(self, serializer):
        values = serializer.validated_data
        serializer.instance = services.save(
            enterprise=values["enterprise"], kind_key=values["kind"], period=values["period"], data=values["data"],
            user=self.request.user, address=client_address(self.request), submit=values.get("submit", False),
        )  # fmt: skip

    def perform_update(self, serializer):
        current, values = serializer.instance, serializer.validated_data
        serializer.instance = services.save(
            enterprise=current.enterprise, kind_key=current.kind, period=current.period,
            data=values.get("data", current.data), user=self.request.user, address=client_address(self.request),
            submit=values.get("submit", False),
        )  # fmt: skip

    def perform_destroy(self, instance):
        if instance.status != Status.DRAFT:
            raise serializers.ValidationError(
                {"status": _("Only a draft can be deleted; a sent report is kept.")}
            )
        instance.delete()

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        submission = services.send(self.get_object(), request.user, client_address(request))
        return self._answer(submission)

    @extend_schema(request=ReviewComment)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        submission = services.accept(self.get_object(), request.user, client_address(request),
                                     review_comment(request))  # fmt: skip
        return self._answer(submission)

    @extend_schema(request=ReviewComment)
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_sender(self, request, pk=None):
        submission = services.return_to_sender(self.get_object(), request.user, review_comment(request),
                                               client_address(request))  # fmt: skip
        return self._answer(submission)

    def _answer(self, submission):
        """The submission as it is now, with the event the action just added."""
        return Response(self.get_serializer(self.get_queryset().get(pk=submission.pk)).data)


def _field_doc(spec) -> dict:
    if isinstance(spec, Rows):
        return {"name": spec.name, "label": str(spec.label), "rows": [_field_doc(f) for f in spec.fields],
                "min_rows": spec.min_rows, "max_rows": spec.max_rows}  # fmt: skip
    doc = {"name": spec.name, "label": str(spec.label), "type": spec.kind, "unit": spec.unit,
           "required": spec.required, "minimum": spec.minimum, "maximum": spec.maximum}  # fmt: skip
    if spec.unit_by:
        doc["unit_by"] = {"field": spec.unit_by[0], "units": dict(spec.unit_by[1])}
    if spec.choices:
        doc["choices"] = [{"value": key, "label": str(label)} for key, label in spec.choices]
    return doc


class SubmissionKindListView(APIView):
    """The report kinds, each with its schema version, fields, units, labels and deadline."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=inline_serializer("SubmissionKind", {"key": serializers.CharField()}, many=True))
    def get(self, request):
        return Response(
            [
                {
                    "key": kind.key,
                    "app": kind.app,
                    "title": str(kind.title),
                    "version": kind.version,
                    "cadence": kind.cadence,
                    "deadline_day": kind.deadline_day,
                    "fields": [_field_doc(spec) for spec in kind.fields],
                }  # fmt: skip
                for kind in sorted(registry.submission_kinds.values(), key=lambda k: k.key)
            ]
        )
