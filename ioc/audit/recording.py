"""Recording a write: what the API answered tells which row and which version it was."""

from ioc.audit.models import AuditEntry

# A replayed Idempotency-Key answer repeats an earlier write; it wrote nothing this time.
REPLAY_HEADER = "Idempotent-Replayed"


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


MAX_FIELDS, MAX_NAME = 50, 80


def _storable(name) -> str:
    """A key as PostgreSQL text can hold it: no NUL, no lone surrogate (a fuzzer's or a broken client's)."""
    return str(name).replace("\x00", "").encode("utf-8", "replace").decode("utf-8")[:MAX_NAME]


def written_fields(data) -> list[str]:
    """The names of the fields a request wrote; the values stay out (they may be personal data)."""
    return sorted({_storable(key) for key in data})[:MAX_FIELDS] if isinstance(data, dict) else []


def describe(response_data, kwargs: dict, lookup: str) -> tuple[str, int | None]:
    """The written row's id and version, from the answer if it carries them, else from the URL."""
    body = response_data if isinstance(response_data, dict) else {}
    object_id = body.get("id", kwargs.get(lookup, ""))
    version = body.get("version")
    return str(object_id if object_id is not None else ""), version if isinstance(version, int) else None


def record(request, response, *, model: str, action: str, lookup: str, kwargs: dict) -> AuditEntry | None:
    if response.status_code >= 300 or response.has_header(REPLAY_HEADER):
        return None
    user = request.user
    object_id, version = describe(getattr(response, "data", None), kwargs, lookup)
    return AuditEntry.objects.create(
        user=user, username=user.get_username(), enterprise_id=getattr(user, "enterprise_id", None),
        method=request.method, path=request.path[:300], action=action[:40], model=model, object_id=object_id[:64],
        version=version, changes=written_fields(request.data), status_code=response.status_code,
        address=client_address(request),
    )  # fmt: skip


def record_access(
    request, *, model: str, action: str, object_id="", detail: dict | None = None
) -> AuditEntry:
    """Log a read of personal data (Decree 13/2023/NĐ-CP): who looked at which image or searched
    for which plate, from where. Recorded whatever the answer, since looking is what is logged."""
    user = request.user
    return AuditEntry.objects.create(
        user=user if user.is_authenticated else None, username=user.get_username(),
        enterprise_id=getattr(user, "enterprise_id", None), method=request.method, path=request.path[:300],
        action=action[:40], model=model, object_id=str(object_id)[:64], detail=detail or {}, status_code=200,
        address=client_address(request),
    )  # fmt: skip
