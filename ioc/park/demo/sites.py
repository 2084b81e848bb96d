"""Zones and lots of the demo Đại An park.

Where the figures come from: shared/domain/park.md — about 600 ha (sources give 600–664 ha, built in
two phases), phase I about 174 ha, along National Road 5 west of the former Hải Dương city, with a
central wastewater plant discharging to the Kim Sơn river. The outlines below are a schematic layout
drawn for the demo around 20.93 N, 106.28 E; they are not surveyed boundaries. Areas are measured
geodesically by the models (ioc.park.geo.area_ha): the zones sum to about 603 ha, phase I to 174 ha.
"""

from dataclasses import dataclass

from shapely.geometry import Point, Polygon, shape

from ioc.park.choices import ZoneKind

# Column and row lines of the layout (degrees, WGS 84); the south edge runs along National Road 5.
_W, _X1, _X2, _X3, _E = 106.2580, 106.2641, 106.2830, 106.2940, 106.3000
_S, _S1 = 20.9180, 20.9188


@dataclass(frozen=True)
class ZoneSpec:
    code: str
    name_vi: str
    name_en: str
    kind: str
    outline: tuple[tuple[float, float], ...]  # (lon, lat) corners, counter-clockwise, not closed


# fmt: off
ZONES: tuple[ZoneSpec, ...] = (
    ZoneSpec("z-a", "Khu sản xuất giai đoạn I", "Production zone, phase I", ZoneKind.PRODUCTION,
             ((_X1, _S1), (_X2, _S1), (_X2, 20.9268), (_X1, 20.9268))),
    ZoneSpec("z-b", "Khu sản xuất mở rộng phía Bắc (giai đoạn II)",
             "North expansion production zone (phase II)", ZoneKind.PRODUCTION,
             ((_X1, 20.9268), (_X2, 20.9268), (_X2, 20.9334), (106.2705, 20.9334), (_X1, 20.9300))),
    ZoneSpec("z-c", "Khu sản xuất mở rộng phía Đông (giai đoạn II)",
             "East expansion production zone (phase II)", ZoneKind.PRODUCTION,
             ((_X2, _S1), (_X3, _S1), (_X3, 20.9250), (_X3, 20.9274), (106.2890, 20.9286), (_X2, 20.9286))),
    ZoneSpec("z-u", "Khu hạ tầng kỹ thuật và nhà máy xử lý nước thải tập trung",
             "Utilities and central wastewater treatment plant", ZoneKind.UTILITIES,
             ((_X3, 20.9250), (_E, 20.9250), (_E, 20.9274), (_X3, 20.9274))),
    ZoneSpec("z-l", "Khu kho vận và logistics", "Logistics and warehouses", ZoneKind.LOGISTICS,
             ((_X3, _S1), (_E, _S1), (_E, 20.9250), (_X3, 20.9250))),
    ZoneSpec("z-s", "Khu điều hành và dịch vụ", "Park administration and services", ZoneKind.SERVICES,
             ((_W, _S1), (_X1, _S1), (_X1, 20.9222), (_W, 20.9222))),
    ZoneSpec("z-g1", "Dải cây xanh cách ly dọc Quốc lộ 5", "Green buffer along National Road 5",
             ZoneKind.GREEN, ((_W, _S), (_E, _S), (_E, _S1), (_W, _S1))),
    ZoneSpec("z-g2", "Công viên cây xanh và hồ điều hòa phía Tây", "West park and regulating lake",
             ZoneKind.GREEN, ((_W, 20.9222), (_X1, 20.9222), (_X1, 20.9300), (_W, 20.9300))),
)
# fmt: on

ZONE_CODES = frozenset(zone.code for zone in ZONES)


@dataclass(frozen=True)
class LotGrid:
    """How a zone is cut into leasable lots: lots of `width` × `depth` metres between internal roads."""

    prefix: str
    width_m: float
    depth_m: float
    road_m: float = 20.0
    margin_m: float = 25.0


# Lots of about 1.5 ha in the production zones and 2.4 ha in the logistics zone (typical plot sizes
# offered by northern Vietnamese parks; a demo choice). The order is the order lots are leased in:
# phase I first, then the east and north expansions.
LOT_GRIDS: dict[str, LotGrid] = {
    "z-a": LotGrid("a", 150, 100),
    "z-c": LotGrid("c", 150, 100),
    "z-b": LotGrid("b", 150, 100),
    "z-l": LotGrid("l", 200, 120),
}

# Metres per degree at the park's latitude (20.93 N, WGS 84), only to lay out the grid; areas are
# measured on the ellipsoid by the models.
M_PER_DEG_LON = 104_000.0
M_PER_DEG_LAT = 110_700.0
_DECIMALS = 6  # about 0.1 m


def zone_geojson(zone: ZoneSpec) -> dict:
    ring = [[lon, lat] for lon, lat in zone.outline]
    return {"type": "Polygon", "coordinates": [[*ring, list(ring[0])]]}


def _rectangle(west: float, south: float, east: float, north: float) -> dict:
    west, south, east, north = (round(v, _DECIMALS) for v in (west, south, east, north))
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


@dataclass(frozen=True)
class LotSpec:
    code: str
    zone_code: str
    row: int
    boundary: dict


def grid_lots(zone: ZoneSpec, grid: LotGrid) -> list[LotSpec]:
    """The lots of one zone, row by row from the south and west to east, numbered from 01."""
    outline = Polygon(zone.outline)
    west, south, east, north = outline.bounds
    margin_lon, margin_lat = grid.margin_m / M_PER_DEG_LON, grid.margin_m / M_PER_DEG_LAT
    step_lon = (grid.width_m + grid.road_m) / M_PER_DEG_LON
    step_lat = (grid.depth_m + grid.road_m) / M_PER_DEG_LAT
    width, depth = grid.width_m / M_PER_DEG_LON, grid.depth_m / M_PER_DEG_LAT
    lots: list[LotSpec] = []
    row = 0
    lat = south + margin_lat
    while lat + depth <= north - margin_lat:
        lon = west + margin_lon
        placed = False
        while lon + width <= east - margin_lon:
            boundary = _rectangle(lon, lat, lon + width, lat + depth)
            cell = shape(boundary)
            # Keep a cell only when it lies inside the zone with the margin all round (cut corners).
            if outline.contains(cell) and outline.exterior.distance(cell) >= min(margin_lon, margin_lat):
                lots.append(LotSpec(f"{grid.prefix}-{len(lots) + 1:02d}", zone.code, row, boundary))
                placed = True
            lon += step_lon
        row += 1 if placed else 0
        lat += step_lat
    return lots


def all_lots() -> list[LotSpec]:
    zones = {zone.code: zone for zone in ZONES}
    return [lot for code, grid in LOT_GRIDS.items() for lot in grid_lots(zones[code], grid)]


def point_in(zone: ZoneSpec, fx: float, fy: float) -> dict:
    """A GeoJSON point at fractions (fx, fy) of the zone's bounding box, checked to lie in the zone."""
    west, south, east, north = Polygon(zone.outline).bounds
    lon = round(west + fx * (east - west), _DECIMALS)
    lat = round(south + fy * (north - south), _DECIMALS)
    if not Polygon(zone.outline).contains(Point(lon, lat)):
        raise ValueError(f"demo point ({fx}, {fy}) lies outside zone {zone.code}")
    return {"type": "Point", "coordinates": [lon, lat]}


def point_near_centre(boundary: dict, dx_m: float = 0.0, dy_m: float = 0.0) -> dict:
    """A GeoJSON point `dx_m` east and `dy_m` north of a polygon's centroid."""
    centre = shape(boundary).centroid
    lon = round(centre.x + dx_m / M_PER_DEG_LON, _DECIMALS)
    lat = round(centre.y + dy_m / M_PER_DEG_LAT, _DECIMALS)
    return {"type": "Point", "coordinates": [lon, lat]}


def allocate_lots(lots: list[LotSpec], holders: list[tuple[int, int, bool]]) -> dict[str, int]:
    """Which holder gets which lots: {lot code: holder id}.

    `holders` are (id, number of lots, is logistics), in the order they came to the park. Logistics
    holders go to the logistics zone, the others to the production zones. Lots are leased row by row
    in LOT_GRIDS order, first fit, so a holder's lots are neighbours in one row; lots nobody takes
    stay vacant (idle plots, as in a real park).
    """
    kinds = {zone.code: zone.kind for zone in ZONES}
    rows: dict[tuple[str, int], list[LotSpec]] = {}
    for lot in lots:
        rows.setdefault((lot.zone_code, lot.row), []).append(lot)
    leased = dict.fromkeys(rows, 0)  # row → how many of its lots are leased, from the west
    allocation: dict[str, int] = {}
    for holder_id, count, logistics in holders:
        wanted_kind = ZoneKind.LOGISTICS if logistics else ZoneKind.PRODUCTION
        row = next(
            (
                key
                for key, row_lots in rows.items()
                if kinds[key[0]] == wanted_kind and len(row_lots) - leased[key] >= count
            ),
            None,
        )
        if row is None:
            raise ValueError(f"the demo park has no room left for holder {holder_id} ({count} lots)")
        for lot in rows[row][leased[row] : leased[row] + count]:
            allocation[lot.code] = holder_id
        leased[row] += count
    return allocation
