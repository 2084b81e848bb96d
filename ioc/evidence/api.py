"""GET /api/v1/images/: what is known of each kept image; `…/<id>/content/` the picture itself.

Images are personal data (Decree 13/2023/NĐ-CP, Art. 2: a face or a number plate identifies a person).
Who may look: the park's staff who act on events (administrators, park managers, operators) every
image; an enterprise user the images of its own devices (the queryset scopes them); ward officials
none, their reports need no pictures. Every view of a picture is written to the audit log.
"""

import json

from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.renderers import BaseRenderer, JSONRenderer

from ioc.api.instants import InstantFilter
from ioc.api.viewsets import ParkReadOnlyViewSet
from ioc.audit.recording import record_access
from ioc.evidence.models import Image, Purpose
from ioc.park.choices import REGISTRY_EDITORS, Role
from ioc.park.models import Zone

IMAGE_VIEWERS = frozenset({Role.ADMIN, Role.PARK_MANAGER, Role.OPERATOR, Role.ENTERPRISE})
VIEW_ACTION = "image.view"


class ImageViewers(BasePermission):
    message = _("Nobody writes images through the API: devices send them with their events.")

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        role = user.effective_role
        if request.method not in SAFE_METHODS:  # a 403 says so before a 405 would
            return role in REGISTRY_EDITORS
        if role not in IMAGE_VIEWERS:
            self.message = _(
                "Camera and plate images are personal data (Decree 13/2023/NĐ-CP); a ward official's "
                "work needs none, so they are not shown to this role. Ask the park's operators for an "
                "incident's evidence."
            )
            return False
        return True


class ImageSerializer(serializers.ModelSerializer):
    serial = serializers.CharField(source="device.serial")
    content_url = serializers.HyperlinkedIdentityField(view_name="image-content")

    class Meta:
        model = Image
        fields = ["id", "device", "serial", "purpose", "taken_at", "expires_at", "content_type", "size",
                  "width", "height", "sha256", "content_url"]  # fmt: skip


class ImageFilter(filters.FilterSet):
    serial = filters.CharFilter(field_name="device__serial")
    zone = filters.ModelChoiceFilter(field_name="device__zone", queryset=Zone.objects.all())
    purpose = filters.ChoiceFilter(choices=Purpose.choices)
    taken_from = InstantFilter(field_name="taken_at", lookup_expr="gte")
    taken_to = InstantFilter(field_name="taken_at", lookup_expr="lt")

    class Meta:
        model = Image
        fields = ["device", "serial", "zone", "purpose", "taken_from", "taken_to"]


class ImageRenderer(BaseRenderer):
    """Lets a client ask for `Accept: image/*`; the picture itself bypasses rendering (a FileResponse),
    so only a refusal comes here, and it goes out as JSON."""

    media_type = "image/*"
    format = "image"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return json.dumps(data, ensure_ascii=False).encode()


class ImageViewSet(ParkReadOnlyViewSet):
    """Images kept from cameras and plate readers, each until its `expires_at`."""

    queryset = Image.objects.select_related("device")
    serializer_class = ImageSerializer
    permission_classes = [ImageViewers]
    filterset_class = ImageFilter
    enterprise_field = "device__enterprise"
    ordering_fields = ["taken_at", "expires_at"]

    @extend_schema(
        filters=False,
        responses={
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
        },
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, ImageRenderer])
    def content(self, request, pk=None):
        """The picture, as it was received. The view is written to the audit log."""
        image = self.get_object()
        try:
            handle = image.file.storage.open(image.file.name, "rb")
        except FileNotFoundError:
            raise NotFound(
                _("The image file is gone (deleted after its retention period, or lost).")
            ) from None
        record_access(request, model=Image._meta.label, action=VIEW_ACTION, object_id=image.pk, detail={
            "device": image.device.serial, "purpose": image.purpose, "taken_at": image.taken_at.isoformat(),
        })  # fmt: skip
        extension = "png" if image.content_type == "image/png" else "jpg"
        response = FileResponse(
            handle, content_type=image.content_type, filename=f"image-{image.pk}.{extension}"
        )
        response["Cache-Control"] = "private, no-store"  # personal data: no shared or browser cache
        return response
