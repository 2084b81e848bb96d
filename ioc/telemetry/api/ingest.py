"""HTTP ingest: `POST /api/v1/devices/<token>/telemetry` (ThingsBoard's URL shape) and
`POST /api/v1/telemetry/` with `Authorization: Device <token>`. Same payloads as MQTT."""

import time

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from ioc.telemetry.devices import DeviceContext, context_for_token
from ioc.telemetry.models import AuthFailure, Source
from ioc.telemetry.pipeline import Message, ingest
from ioc.telemetry.reasons import reason_message

KEYWORD = "Device"
WHOLE_MESSAGE_REASONS = {"malformed_json": status.HTTP_400_BAD_REQUEST, "too_many_readings": 413}


class DevicePrincipal:
    """The device a request speaks for; stands where DRF expects a user."""

    is_authenticated = True
    is_enterprise_user = False

    def __init__(self, context: DeviceContext):
        self.context = context


def count_auth_failure(source: str, identity: str) -> None:
    now = timezone.now()
    row, created = AuthFailure.objects.get_or_create(
        source=source,
        day=timezone.localdate(now),
        identity=identity[:100],
        defaults={"count": 1, "last_at": now},
    )
    if not created:
        AuthFailure.objects.filter(pk=row.pk).update(count=F("count") + 1, last_at=now)


class DeviceTokenAuthentication(BaseAuthentication):
    """The device's access token, from the URL or from `Authorization: Device <token>`."""

    def authenticate(self, request):
        token = request.parser_context["kwargs"].get("token")
        if token is None:
            words = get_authorization_header(request).split()
            if not words or words[0].decode(errors="replace").lower() != KEYWORD.lower():
                return None
            token = words[1].decode(errors="replace") if len(words) == 2 else ""
        context = context_for_token(token)
        if context is None:
            count_auth_failure(Source.HTTP, request.META.get("REMOTE_ADDR", "?"))
            raise exceptions.AuthenticationFailed(_("Unknown, revoked or malformed device token."))
        return DevicePrincipal(context), context

    def authenticate_header(self, request):
        return KEYWORD


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    target_class = DeviceTokenAuthentication
    name = "deviceToken"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Device <token>"}


class IsDevice(BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.user, DevicePrincipal)


class TelemetryIngestView(APIView):
    """Readings from one device: answers 202 with what was stored, duplicated and refused (and why)."""

    authentication_classes = [DeviceTokenAuthentication]
    permission_classes = [IsDevice]

    @extend_schema(
        request={"application/json": {"type": "object"}},
        responses={202: OpenApiResponse(description="accepted / duplicate / rejected counts with reasons")},
    )
    def post(self, request, token=None):
        message = Message(request.auth, request.body, Source.HTTP, time.time())
        result = ingest([message], max_readings=settings.TELEMETRY_MAX_READINGS_PER_REQUEST)
        rejections = [
            {
                "item": r.index,
                "name": r.name,
                "reason": r.reason,
                "message": reason_message(r.reason, r.params),
            }
            for _position, r in result.rejected
        ]
        whole = next((r for r in rejections if r["reason"] in WHOLE_MESSAGE_REASONS), None)
        body = {
            "accepted": result.accepted,
            "duplicate": result.duplicate,
            "rejected": len(rejections),
            "rejections": rejections,
        }
        if whole:
            return Response(
                {"detail": whole["message"], **body}, status=WHOLE_MESSAGE_REASONS[whole["reason"]]
            )
        return Response(body, status=status.HTTP_202_ACCEPTED)
