"""API tokens: username and password in, a revocable token out (stored hashed by knox)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from knox import views as knox_views
from knox.models import AuthToken
from knox.settings import knox_settings
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView


class TokenObtainView(APIView):
    """POST username and password; the answer carries the token once. Send it as
    `Authorization: Token <token>`; revoke it with POST /api/v1/auth/logout/."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"
    serializer_class = AuthTokenSerializer

    @extend_schema(
        request=AuthTokenSerializer,
        responses=inline_serializer(
            "IssuedToken",
            {
                "token": serializers.CharField(),
                "expiry": serializers.DateTimeField(allow_null=True),
                "username": serializers.CharField(),
                "role": serializers.CharField(),
            },
        ),
    )
    def post(self, request):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        instance, token = AuthToken.objects.create(user, knox_settings.TOKEN_TTL)
        return Response(
            {
                "token": token,
                "expiry": instance.expiry,
                "username": user.username,
                "role": user.effective_role,
                "detail": _("Keep this token secret; it is shown only now."),
            }
        )


@extend_schema(request=None, responses={204: None})
class TokenRevokeView(knox_views.LogoutView):
    """Revoke the token this request carries."""


@extend_schema(request=None, responses={204: None})
class TokenRevokeAllView(knox_views.LogoutAllView):
    """Revoke every token of the signed-in user (a lost laptop, a leaked integration)."""
