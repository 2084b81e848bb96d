"""Geometry of the park: areas on the WGS 84 ellipsoid, not on a flat map."""

from pyproj import Geod
from shapely.geometry import shape

_WGS84 = Geod(ellps="WGS84")
_M2_PER_HA = 10_000


def area_ha(geojson: dict) -> float:
    """Geodesic area of a GeoJSON (Multi)Polygon in hectares."""
    area_m2, _perimeter = _WGS84.geometry_area_perimeter(shape(geojson))
    return abs(area_m2) / _M2_PER_HA


def contains(polygon: dict, point: dict) -> bool:
    return shape(polygon).covers(shape(point))
