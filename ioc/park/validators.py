"""Field validators of the park registry; each raises ValidationError with a translatable message."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from shapely.geometry import shape
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.vn import mst

from ioc.park.vsic import DIVISIONS


def normalise_tax_code(value: str) -> str:
    """A Vietnamese tax code (MST) as 10 digits, or 10 digits, a dash and the 3-digit branch."""
    try:
        digits = mst.validate(value)
    except StdnumError:
        raise ValidationError(
            _(
                "“%(value)s” is not a valid Vietnamese tax code (10 digits, or 13 for a branch, "
                "with a correct check digit)."
            ),
            code="invalid_tax_code",
            params={"value": value},
        ) from None
    return digits if len(digits) == 10 else f"{digits[:10]}-{digits[10:]}"


def validate_tax_code(value: str) -> None:
    normalise_tax_code(value)


def validate_vsic_code(value: str) -> None:
    """A VSIC 2018 code of level 2 to 5 (Decision 27/2018/QĐ-TTg)."""
    if not (value.isdigit() and 2 <= len(value) <= 5 and value[:2] in DIVISIONS):
        raise ValidationError(
            _("“%(value)s” is not a VSIC 2018 sector code (2 to 5 digits starting with a division)."),
            code="invalid_vsic",
            params={"value": value},
        )


def _check_position(position) -> None:
    if not (
        isinstance(position, list | tuple)
        and len(position) in (2, 3)
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in position)
    ):
        raise ValidationError(_("A position must be [longitude, latitude]."), code="invalid_position")
    lon, lat = position[0], position[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(
            _("Longitude must lie in −180..180 and latitude in −90..90."), code="invalid_position"
        )


def validate_polygon(value) -> None:
    """A GeoJSON Polygon or MultiPolygon in WGS 84, closed and not self-intersecting."""
    if not isinstance(value, dict) or value.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(_("Expected a GeoJSON Polygon or MultiPolygon object."), code="invalid_polygon")
    coordinates = value.get("coordinates")
    rings = (
        coordinates
        if value["type"] == "Polygon"
        else [ring for polygon in (coordinates or []) for ring in (polygon or [])]
    )
    if not isinstance(coordinates, list) or not rings:
        raise ValidationError(_("The polygon has no coordinates."), code="invalid_polygon")
    for ring in rings:
        if not isinstance(ring, list) or len(ring) < 4:
            raise ValidationError(
                _("Every ring of a polygon needs at least 4 positions."), code="invalid_polygon"
            )
        for position in ring:
            _check_position(position)
        if list(ring[0]) != list(ring[-1]):
            raise ValidationError(_("A polygon ring must end where it starts."), code="invalid_polygon")
    if not shape(value).is_valid:
        raise ValidationError(
            _("The polygon crosses itself or its holes lie outside it."), code="invalid_polygon"
        )


def validate_point(value) -> None:
    """A GeoJSON Point in WGS 84."""
    if not isinstance(value, dict) or value.get("type") != "Point":
        raise ValidationError(_("Expected a GeoJSON Point object."), code="invalid_point")
    _check_position(value.get("coordinates"))
