"""GET /api/v1/submissions/overdue/: who is late, missing or due soon, for park managers (an
enterprise user sees only its own enterprise)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from ioc.registry import registry
from ioc.submissions import selectors
from ioc.submissions.deadlines import DUE_SOON, LATE, MISSING, OVERDUE_STATES
from ioc.submissions.kinds import period_of

STATE_CHOICES = [(LATE, _("Sent late")), (MISSING, _("Missing")), (DUE_SOON, _("Due soon"))]


class OverdueQuery(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[], required=False, help_text=_("Default: every report kind."))
    period = serializers.DateField(
        required=False, help_text=_("First day of the period. Default: each kind's last closed period.")
    )
    state = serializers.MultipleChoiceField(choices=STATE_CHOICES, required=False)
    within = serializers.IntegerField(
        required=False, min_value=0, max_value=366, help_text=_("“Due soon” means within this many days.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = sorted(registry.submission_kinds)

    def validate(self, attrs):
        period = attrs.get("period")
        kinds = [attrs["kind"]] if attrs.get("kind") else sorted(registry.submission_kinds)
        for key in kinds:
            if period and period != period_of(registry.submission_kinds[key].cadence, period):
                raise serializers.ValidationError(
                    {"period": _("A period starts on the first day of its month (or year).")}
                )
        return attrs


class OverdueSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(source="enterprise.pk")
    enterprise_name = serializers.CharField(source="enterprise.name")
    tax_code = serializers.CharField(source="enterprise.tax_code")
    kind = serializers.CharField(source="kind.key")
    period = serializers.DateField()
    state = serializers.ChoiceField(choices=STATE_CHOICES, source="standing.state")
    due = serializers.DateField(source="standing.due")
    sent_on = serializers.DateField(source="standing.sent_on", allow_null=True)
    days_late = serializers.IntegerField(source="standing.days_late")


class OverdueMixin:
    @extend_schema(parameters=[OverdueQuery], responses=OverdueSerializer(many=True))
    @action(detail=False, methods=["get"], filter_backends=[])
    def overdue(self, request):
        """Late (sent after the deadline), missing (nothing sent, deadline passed) and due soon."""
        query = OverdueQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        keys = [values["kind"]] if values.get("kind") else sorted(registry.submission_kinds)
        rows = selectors.overdue(
            request.user, [registry.submission_kinds[key] for key in keys], period=values.get("period"),
            states=set(values.get("state") or OVERDUE_STATES),
            soon_days=values.get("within", settings.SUBMISSION_REMINDER_DAYS),
        )  # fmt: skip
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(OverdueSerializer(page, many=True).data)
