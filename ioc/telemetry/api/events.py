"""Device events over HTTP: `POST /api/v1/devices/<token>/events` (the webhook a smart camera or an
NVR is given) and `POST /api/v1/events/` with `Authorization: Device <token>`. Same envelope as MQTT
(ioc.telemetry.events); answers what was kept, what was a repeat and what was refused, and why."""

import time

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ioc.telemetry.api.ingest import DeviceTokenAuthentication, IsDevice
from ioc.telemetry.events import EventResult, ingest_events, refuse_message
from ioc.telemetry.models import Source

WHOLE_MESSAGE = {"malformed_json": 400, "too_many_events": 413, "body_too_large": 413}

ENVELOPE = {
    "type": "object",
    "required": ["type"],
    "properties": {
        "type": {"type": "string", "description": "An event type an app registers (intrusion, plate_read…)."},
        "id": {"type": "string", "maxLength": 100, "description": "The device's own id of the event."},
        "ts": {
            "oneOf": [{"type": "integer"}, {"type": "string", "format": "date-time"}],
            "description": "Epoch milliseconds or ISO 8601 (naive: park time); absent: time of arrival.",
        },
        "image": {"type": "string", "format": "byte", "description": "A JPEG or PNG, base64."},
    },
    "additionalProperties": True,
}
EXAMPLE = [
    {"type": "intrusion", "id": "nvr-7-000123", "ts": 1767225600000, "rule": "line_crossing",
     "object": "person", "confidence": 0.91, "image": "/9j/4AAQSkZJRgABAQ…"},
    {"type": "people_count", "id": "nvr-7-000124", "ts": "2026-01-01T07:00:00+07:00", "count": 12},
]  # fmt: skip


class EventRejectionSerializer(serializers.Serializer):
    item = serializers.IntegerField(allow_null=True, help_text=_("Position of the event in the request."))
    type = serializers.CharField()
    field = serializers.CharField()
    reason = serializers.CharField(help_text=_("A stable code for programs."))
    message = serializers.CharField(help_text=_("The reason, in the request's language."))


class EventIntakeAnswerSerializer(serializers.Serializer):
    accepted = serializers.IntegerField()
    duplicate = serializers.IntegerField()
    rejected = serializers.IntegerField()
    rejections = EventRejectionSerializer(many=True)


class EventRefusedWholeSerializer(EventIntakeAnswerSerializer):
    detail = serializers.CharField()


def answer(result: EventResult) -> tuple[dict, int]:
    rejections = [
        {"item": r.index, "type": r.type, "field": r.field, "reason": r.reason, "message": r.message}
        for r in result.refusals
    ]
    body = {
        "accepted": result.accepted, "duplicate": result.duplicate, "rejected": len(rejections),
        "rejections": rejections,
    }  # fmt: skip
    whole = next((r for r in rejections if r["reason"] in WHOLE_MESSAGE), None)
    if whole:
        return {"detail": whole["message"], **body}, WHOLE_MESSAGE[whole["reason"]]
    return body, status.HTTP_202_ACCEPTED


class EventIngestView(APIView):
    """Events from one device: 202 with what was kept, repeated and refused (each refusal explained)."""

    authentication_classes = [DeviceTokenAuthentication]
    permission_classes = [IsDevice]

    @extend_schema(
        request={"application/json": {"oneOf": [ENVELOPE, {"type": "array", "items": ENVELOPE}]}},
        examples=[OpenApiExample("Two events", value=EXAMPLE, request_only=True)],
        responses={
            202: EventIntakeAnswerSerializer,
            400: OpenApiResponse(EventRefusedWholeSerializer, description="The body is not JSON."),
            413: OpenApiResponse(
                EventRefusedWholeSerializer,
                description="More than EVENT_MAX_PER_REQUEST events, or a body over DATA_UPLOAD_MAX_MEMORY_SIZE.",
            ),
        },
    )
    def post(self, request, token=None):
        received_at = time.time()
        try:
            body = request.body
        except RequestDataTooBig:
            limit = {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
            result = refuse_message(request.auth, "body_too_large", limit, Source.HTTP, received_at)
        else:
            result = ingest_events(request.auth, body, Source.HTTP, received_at)
        data, code = answer(result)
        return Response(data, status=code)
