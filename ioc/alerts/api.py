"""Alarms, rules and incidents over the API; the actions are the services' functions."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from ioc.alerts import services
from ioc.alerts.choices import Domain, IncidentStatus
from ioc.alerts.models import Alarm, AlarmEvent, AlarmRule, Incident, IncidentEvent, NotificationPreference
from ioc.api.serializers import CleanModelSerializer
from ioc.api.viewsets import ParkModelViewSet, ParkViewSetMixin
from ioc.park.choices import Role
from ioc.park.models import User

HANDLERS = frozenset({Role.ADMIN, Role.PARK_MANAGER, Role.OPERATOR})


class AlarmRuleSerializer(CleanModelSerializer):
    class Meta:
        model = AlarmRule
        fields = "__all__"


class AlarmEventSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = AlarmEvent
        fields = ["at", "kind", "user", "text"]


class AlarmSerializer(serializers.ModelSerializer):
    rule_name = serializers.CharField(source="rule.name", read_only=True)
    domain = serializers.CharField(source="rule.domain", read_only=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    events = AlarmEventSerializer(many=True, read_only=True)

    class Meta:
        model = Alarm
        fields = [
            "id", "rule", "rule_name", "domain", "source", "device", "channel", "severity", "state", "message",
            "value", "count", "first_at", "last_at", "assignee", "acknowledged_at", "cleared_at", "escalated_at",
            "events",
        ]  # fmt: skip


class AlarmFilter(filters.FilterSet):
    domain = filters.CharFilter(field_name="rule__domain")
    severity_at_least = filters.NumberFilter(field_name="severity", lookup_expr="gte")

    class Meta:
        model = Alarm
        fields = ["state", "severity", "device", "rule"]


class ActionText(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="")


class PromoteBody(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AssignTo(serializers.Serializer):
    assignee = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), allow_null=True
    )


class AlarmRuleViewSet(ParkModelViewSet):
    """Rules park managers edit; everyone signed in may read them."""

    queryset = AlarmRule.objects.all()
    serializer_class = AlarmRuleSerializer
    filterset_fields = ["kind", "domain", "severity", "enabled", "metric"]
    search_fields = ["name"]
    enterprise_field = None


class AlarmViewSet(
    ParkViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Alarms; operators and managers acknowledge, assign, comment, clear and promote them."""

    queryset = Alarm.objects.select_related("rule", "assignee").prefetch_related("events__user")
    serializer_class = AlarmSerializer
    filterset_class = AlarmFilter
    ordering_fields = ["last_at", "severity", "count"]
    enterprise_field = "device__enterprise"
    write_roles = HANDLERS

    def _done(self, alarm):
        return Response(
            AlarmSerializer(Alarm.objects.get(pk=alarm.pk), context=self.get_serializer_context()).data
        )

    @extend_schema(request=ActionText, responses=AlarmSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        text = _text(request)
        return self._done(services.alarm_acknowledge(self.get_object(), request.user, text))

    @extend_schema(request=ActionText, responses=AlarmSerializer)
    @action(detail=True, methods=["post"])
    def clear(self, request, pk=None):
        return self._done(services.alarm_clear(self.get_object(), request.user, _text(request)))

    @extend_schema(request=ActionText, responses=AlarmSerializer)
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        text = _text(request)
        if not text:
            raise serializers.ValidationError({"text": _("Write something to comment.")})
        return self._done(services.alarm_comment(self.get_object(), request.user, text))

    @extend_schema(request=AssignTo, responses=AlarmSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        body = AssignTo(data=request.data)
        body.is_valid(raise_exception=True)
        return self._done(
            services.alarm_assign(self.get_object(), request.user, body.validated_data["assignee"])
        )

    @extend_schema(request=PromoteBody,
                   responses=inline_serializer("Promoted", {"incident": serializers.IntegerField()}))  # fmt: skip
    @action(detail=True, methods=["post"])
    def promote(self, request, pk=None):
        body = PromoteBody(data=request.data)
        body.is_valid(raise_exception=True)
        incident = services.incident_from_alarm(
            self.get_object(), request.user, title=body.validated_data["title"]
        )
        return Response({"incident": incident.pk}, status=201)


def _text(request) -> str:
    body = ActionText(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data["text"]


class IncidentEventSerializer(AlarmEventSerializer):
    class Meta:
        model = IncidentEvent
        fields = ["at", "kind", "user", "text"]


class IncidentSerializer(CleanModelSerializer):
    events = IncidentEventSerializer(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id", "title", "category", "zone", "location", "owner", "status", "severity", "alarms", "enterprise",
            "created_at", "updated_at", "events",
        ]  # fmt: skip
        read_only_fields = ["status"]


class IncidentStatusChange(serializers.Serializer):
    status = serializers.ChoiceField(
        IncidentStatus.choices,
        error_messages={"invalid_choice": _("Choose open, in_progress, resolved or closed.")},
    )
    text = serializers.CharField(required=False, allow_blank=True)


class IncidentViewSet(ParkModelViewSet):
    queryset = Incident.objects.prefetch_related("alarms", "events__user")
    serializer_class = IncidentSerializer
    filterset_fields = ["status", "category", "severity", "zone", "owner"]
    search_fields = ["title"]
    write_roles = HANDLERS

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user, **self.tenant_values())

    @extend_schema(request=IncidentStatusChange, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        body = IncidentStatusChange(data=request.data)  # a body that is no object is a 400, not a crash
        body.is_valid(raise_exception=True)
        incident = services.incident_set_status(
            self.get_object(),
            request.user,
            body.validated_data["status"],
            body.validated_data.get("text", ""),
        )
        return Response(IncidentSerializer(incident, context=self.get_serializer_context()).data)


ROUTES = [
    ("alarm-rules", AlarmRuleViewSet, "alarm-rule"),
    ("alarms", AlarmViewSet, "alarm"),
    ("incidents", IncidentViewSet, "incident"),
]


class NotificationPreferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = NotificationPreference
        fields = ["by_email", "in_page", "min_severity", "domains", "quiet_from", "quiet_to"]

    def validate_domains(self, domains):
        unknown = sorted(set(domains) - set(Domain.values)) if isinstance(domains, list) else ["?"]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown domains: %(names)s.") % {"names": ", ".join(map(str, unknown))}
            )
        return domains


class MyNotificationsView(generics.RetrieveUpdateAPIView):
    permission_classes = [IsAuthenticated]  # everyone edits their own, whatever their role
    """The signed-in user's own choices: which severities and domains reach them, how, and quiet hours."""

    serializer_class = NotificationPreferenceSerializer

    def get_object(self):
        return NotificationPreference.objects.get_or_create(user=self.request.user)[0]
