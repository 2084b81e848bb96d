"""OpenAPI: the errors every operation can answer, documented once for all of them.

The views document their success answers; the errors come from DRF and ioc.api.exceptions and are
the same everywhere, so this hook adds them to each operation that does not say otherwise.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "The reason, in the request's language."}},
    "required": ["detail"],
}
# {"field": ["message", …]}, nested for nested fields and table rows; a refusal that names no
# field is a list of messages or {"detail": …} (a body that is not JSON).
FIELD_ERRORS = {
    "oneOf": [
        {"type": "object", "additionalProperties": {}},
        {"type": "array", "items": {"type": "string"}},
    ],
    "description": "Every error at once, under the name of the field it concerns, in the request's language.",
    "example": {"period": ["Ngày không đúng định dạng."], "data": {"headcount_total": ["Bắt buộc."]}},
}
WRITES = {"post", "put", "patch"}


def _errors(method: str, path: str, operation: dict) -> dict:
    errors = {}
    if method in WRITES or operation.get("parameters"):
        errors["400"] = (_("Invalid request: every error at once, by field."), "FieldErrors")
    if operation.get("security", [{}]) != [{}]:  # [{}]: open to anonymous callers (the login)
        errors["401"] = (_("No valid credentials (send Authorization: Token <token>)."), "ErrorDetail")
        errors["403"] = (_("Signed in, but this role may not do this."), "ErrorDetail")
    if "{" in path:
        errors["404"] = (_("No such record, or not one this user may see."), "ErrorDetail")
    if method == "delete":
        errors["409"] = (_("Still referred to by other records; not deleted."), "ErrorDetail")
    errors["429"] = (_("Too many requests with this token; see the Retry-After header."), "ErrorDetail")
    return errors


def document_errors(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ErrorDetail", DETAIL)
    schemas.setdefault("FieldErrors", FIELD_ERRORS)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code, (description, schema) in _errors(method, path, operation).items():
                responses.setdefault(
                    code,
                    {
                        "description": str(description),
                        "content": {
                            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
                        },
                    },
                )
            if "429" in responses:
                responses["429"].setdefault("headers", {})["Retry-After"] = {
                    "schema": {"type": "integer"},
                    "description": str(_("Seconds to wait before the next request.")),
                }
    return result


class LocalTimeField(OpenApiSerializerFieldExtension):
    """Times of day ("22:00:00") are local wall-clock times without an offset; OpenAPI's `time`
    format (RFC 3339) demands one, so a validator would reject every answer."""

    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = build_basic_type(OpenApiTypes.STR)
        schema["pattern"] = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$"
        schema["example"] = "22:00:00"
        return schema
