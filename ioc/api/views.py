"""Small API views of the core: who am I, and the metric vocabulary."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ioc.telemetry.metrics import METRICS


class MeView(APIView):
    """The signed-in user's role and enterprise."""

    @extend_schema(
        responses=inline_serializer(
            "Me",
            {
                "username": serializers.CharField(),
                "role": serializers.CharField(),
                "enterprise": serializers.IntegerField(allow_null=True),
                "language": serializers.CharField(),
            },
        )
    )
    def get(self, request):
        user = request.user
        return Response(
            {
                "username": user.username,
                "role": user.effective_role,
                "enterprise": user.enterprise_id,
                "language": request.LANGUAGE_CODE,
            }
        )


class MetricListView(APIView):
    """The metric keys every device and API uses, with canonical units."""

    @extend_schema(
        responses=inline_serializer(
            "Metric",
            {
                "key": serializers.CharField(),
                "name": serializers.CharField(),
                "unit": serializers.CharField(),
                "circular10_symbol": serializers.CharField(),
                "accepted_units": serializers.ListField(),
            },
            many=True,
        )
    )
    def get(self, request):
        return Response(
            [
                {
                    "key": m.key,
                    "name": str(m.name),
                    "unit": m.unit,
                    "circular10_symbol": m.circular10_symbol,
                    "accepted_units": list(m.accepted_units),
                }
                for m in METRICS.values()
            ]
        )
