"""API errors in the caller's language.

Django's Http404 carries an English sentence built from the model's class name ("No Device
matches the given query."), which DRF would pass through untranslated; a plain NotFound speaks
the caller's language and does not reveal model names. Likewise DRF's JSON parse error.
"""

import math

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

_JSON_ERROR_PREFIX = "JSON parse error - "


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


def _throttled(exc: exceptions.Throttled) -> exceptions.Throttled:
    # DRF appends "Expected available in N seconds" untranslated; Retry-After carries the number too.
    wait = math.ceil(exc.wait or 1)
    answer = exceptions.Throttled(
        detail=_("Too many requests with this token; try again in %(seconds)d seconds.") % {"seconds": wait}
    )
    answer.wait = wait
    return answer


def park_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoValidationError):  # a service's refusal: a 400 naming the fields
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith(_JSON_ERROR_PREFIX):
        # DRF builds this message without gettext; the parser's reason stays as the technical detail.
        reason = str(exc.detail).removeprefix(_JSON_ERROR_PREFIX)
        exc = exceptions.ParseError(_("The request body is not valid JSON: %(reason)s") % {"reason": reason})
    elif isinstance(exc, ProtectedError | RestrictedError):
        # Deleting a row that others still point to (a device with readings, a zone with lots).
        exc = Conflict(_("This record is still referred to by other records, so it cannot be deleted."))
    elif isinstance(exc, exceptions.Throttled):
        exc = _throttled(exc)
    return exception_handler(exc, context)
