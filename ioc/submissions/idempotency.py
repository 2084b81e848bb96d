"""Idempotency-Key on POST: a retried request (a lost answer, a double click) creates nothing twice.

The first answer to a key is kept per user; the same key with the same body returns it again,
with a different body it is refused (the client reused a key by mistake).
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response

from ioc.submissions.models import IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY = 200


def _digest(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str).encode()
    return hashlib.sha256(request.path.encode() + b"\0" + body).hexdigest()


class IdempotentCreateMixin:
    def create(self, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key:
            return super().create(request, *args, **kwargs)
        if len(key) > MAX_KEY:
            return Response({HEADER: [_("At most %(n)d characters.") % {"n": MAX_KEY}]}, status=400)
        digest = _digest(request)
        kept = IdempotencyRecord.objects.filter(user=request.user, key=key).first()
        if kept is not None:
            return self._replay(kept, digest)
        try:
            # The creation and its record commit together: a concurrent twin with the same key loses
            # on the unique key, its creation is rolled back and it answers as the first did.
            with transaction.atomic():
                response = super().create(request, *args, **kwargs)
                if status.is_success(response.status_code):
                    IdempotencyRecord.objects.create(user=request.user, key=key, request_digest=digest,
                                                     status_code=response.status_code, response=response.data)  # fmt: skip
        except IntegrityError:
            kept = IdempotencyRecord.objects.filter(user=request.user, key=key).first()
            if kept is None:
                raise
            return self._replay(kept, digest)
        return response

    @staticmethod
    def _replay(kept: IdempotencyRecord, digest: str) -> Response:
        if kept.request_digest != digest:
            return Response(
                {HEADER: [_("This key was used for a different request; use a new key for a new request.")]},
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        return Response(kept.response, status=kept.status_code, headers={"Idempotent-Replayed": "true"})
