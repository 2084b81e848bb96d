"""API errors in the caller's language.

Django's Http404 carries an English sentence built from the model's class name ("No Device
matches the given query."), which DRF would pass through untranslated; a plain NotFound speaks
the caller's language and does not reveal model names. Likewise DRF's JSON parse error.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

_JSON_ERROR_PREFIX = "JSON parse error - "


def park_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoValidationError):  # a service's refusal: a 400 naming the fields
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith(_JSON_ERROR_PREFIX):
        # DRF builds this message without gettext; the parser's reason stays as the technical detail.
        reason = str(exc.detail).removeprefix(_JSON_ERROR_PREFIX)
        exc = exceptions.ParseError(_("The request body is not valid JSON: %(reason)s") % {"reason": reason})
    return exception_handler(exc, context)
