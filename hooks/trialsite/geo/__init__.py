"""The sites map, drawn at build time as inline SVG: no tiles, no script, no request.

Country outlines are Natural Earth's 1:50m admin-0 countries (public domain), as packaged
in TopoJSON by the npm package world-atlas 2.0.2 (``countries-50m.json``, copied here
unchanged; its licence is in ``LICENSE-world-atlas``). The file names countries by their
ISO 3166-1 numeric code; CLDR's territory aliases (through Babel) turn those into the
two-letter codes the data uses.

The projection is Lambert azimuthal equal-area, centred on the area shown, so the Nordic
countries keep their true shape and relative size.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.core import get_global

OUTLINES_FILE = Path(__file__).parent / "countries-50m.json"

Ring = list[tuple[float, float]]
Polygon = list[Ring]


@lru_cache(maxsize=1)
def outlines() -> dict[str, list[Polygon]]:
    """Every country's polygons (rings of (longitude, latitude)), by ISO 3166-1 alpha-2 code."""
    topology = json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized positions
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    aliases = get_global("territory_aliases")
    countries: dict[str, list[Polygon]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        codes = aliases.get(str(geometry.get("id", "")), [])
        if not codes or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        countries.setdefault(codes[0], []).extend([ring(r) for r in polygon] for polygon in polygons)
    return countries


@dataclass(frozen=True)
class Projection:
    """Lambert azimuthal equal-area around (lon0, lat0), in units of the earth's radius."""

    lon0: float
    lat0: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return self.view([(lon, lat)], 0.0, 0.0, 1.0)[0]

    def view(self, ring: Ring, left: float, top: float, scale: float) -> Ring:
        """The points projected, moved by (-left, -top) and scaled (SVG's y axis points down)."""
        phi0 = math.radians(self.lat0)
        points = []
        for lon, lat in ring:
            lam, phi = math.radians(lon - self.lon0), math.radians(lat)
            cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
            k = math.sqrt(2 / max(1 + cos_c, 1e-9))  # the point opposite the centre has no one place
            x = k * math.cos(phi) * math.sin(lam)
            y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
            points.append(((x - left) * scale, (-y - top) * scale))
        return points


def _ring_area(ring: Ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def _clip(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """The part of a ring inside the box (left, top, right, bottom): Sutherland-Hodgman."""
    left, top, right, bottom = box
    edges = [
        (lambda p: p[0] >= left, lambda a, b: (left, a[1] + (b[1] - a[1]) * (left - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= right, lambda a, b: (right, a[1] + (b[1] - a[1]) * (right - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= top, lambda a, b: (a[0] + (b[0] - a[0]) * (top - a[1]) / (b[1] - a[1]), top)),
        (lambda p: p[1] <= bottom, lambda a, b: (a[0] + (b[0] - a[0]) * (bottom - a[1]) / (b[1] - a[1]), bottom)),
    ]
    points = ring
    for inside, cross in edges:
        if not points:
            break
        result: Ring = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return points


def _path(rings: Iterable[Ring], min_step: float) -> str:
    """SVG path data in whole units (pixels at full size); points closer than ``min_step`` to
    the last one kept are dropped, which keeps the page light."""
    parts = []
    for ring in rings:
        kept: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x), round(y))
            if not kept or abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= min_step:
                kept.append(point)
        if len(kept) < 3:
            continue
        parts.append("M" + "L".join(f"{x},{y}" for x, y in kept) + "Z")
    return "".join(parts)


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    status_code: str
    label: str


@dataclass(frozen=True)
class MapDrawing:
    width: int
    height: int
    land: str  # path data: countries not taking part
    countries: str  # path data: countries taking part
    markers: list[Marker]
    withdrawn: str = ""  # path data: countries listed, where the study was withdrawn


#: The drawing's width in its own units. The page shows it 22-34 rem wide (CSS), so a unit is about one
#: CSS pixel: marks and their numbers stay readable on a phone without filling a wide screen.
WIDTH = 400
#: The tallest map for its width (height / width): on a 390 x 844 phone it takes at most about half the screen.
MAX_ASPECT = 0.95
#: The flattest: sites along one parallel still get some land around them.
MIN_ASPECT = 0.5
PADDING = 0.15
#: The smallest margin around the sites, in earth radii (0.015 is about 95 km): room for the marks' numbers.
MIN_PADDING = 0.015
#: The smallest area shown around the sites, in earth radii (0.05 is about 320 km): one site, or sites
#: in one city, still show where in the country they are.
MIN_SPAN = 0.05
#: A site mark's size (its radius, in drawing units) and the space kept between marks in the same place.
MARK = 7.0
SPREAD = 2.4 * MARK
#: The numbers beside the marks, each on a small dark tag: its height, and its width per digit plus
#: both sides' padding, in drawing units (for a 14-unit bold figure).
LABEL_HEIGHT = 18.0
DIGIT_WIDTH = 8.5
LABEL_PADDING = 8.0


def draw(
    countries: list[str], places: list[tuple[float, float, str, str]], withdrawn: Iterable[str] = ()
) -> MapDrawing | None:
    """The map of ``countries`` with a marker at each (longitude, latitude, status code, label).

    The countries in ``withdrawn`` (the study was withdrawn there) are drawn apart from those taking
    part. None when no outline is known for any of the countries (the page then shows the list only).
    The geometry depends only on the countries and coordinates, so it is worked out once and
    shared by every language (only the labels differ).
    """
    withdrawn = frozenset(withdrawn)
    geometry = _geometry(tuple(countries), tuple((lon, lat) for lon, lat, _, _ in places), withdrawn)
    if geometry is None:
        return None
    width, height, land, taking_part, withdrawn_path, positions = geometry
    markers = [
        Marker(x, y, status_code, label) for (x, y), (_, _, status_code, label) in zip(positions, places, strict=True)
    ]
    return MapDrawing(width, height, land, taking_part, markers, withdrawn_path)


@lru_cache(maxsize=8)
def _bounds() -> dict[tuple[str, int], tuple[float, float, float, float]]:
    """(west, south, east, north) of every polygon, to skip those far from the map cheaply."""
    return {
        (code, index): (
            min(lon for lon, _ in polygon[0]),
            min(lat for _, lat in polygon[0]),
            max(lon for lon, _ in polygon[0]),
            max(lat for _, lat in polygon[0]),
        )
        for code, polygons in outlines().items()
        for index, polygon in enumerate(polygons)
    }


@lru_cache(maxsize=8)
def _geometry(
    countries: tuple[str, ...], coordinates: tuple[tuple[float, float], ...], withdrawn: frozenset[str] = frozenset()
):
    shapes = outlines()
    taking_part = {code: shapes[code] for code in countries if code in shapes}
    if not taking_part:
        return None
    # The area shown: the sites, with a margin (the map is for finding them); without any site on the
    # map, each country's largest polygon (its mainland, not far islands).
    anchor_points = list(coordinates) or [
        point for polygons in taking_part.values() for point in max(polygons, key=lambda polygon: len(polygon[0]))[0]
    ]
    lons = [lon for lon, _ in anchor_points]
    lats = [lat for _, lat in anchor_points]
    project = Projection((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
    projected = [project(lon, lat) for lon, lat in anchor_points]
    left, right, top, bottom = _frame([x for x, _ in projected], [y for _, y in projected])
    scale = WIDTH / (right - left)
    width, height = round((right - left) * scale), round((bottom - top) * scale)

    def to_view(lon: float, lat: float) -> tuple[float, float]:
        return project.view([(lon, lat)], left, top, scale)[0]

    # Polygons whose box lies well outside the area's longitudes and latitudes cannot show.
    margin_lon, margin_lat = max(10.0, (max(lons) - min(lons))), max(6.0, (max(lats) - min(lats)) / 2)
    west, east = min(lons) - margin_lon, max(lons) + margin_lon
    south, north = min(lats) - margin_lat, max(lats) + margin_lat
    box = (0.0, 0.0, float(width), float(height))
    land_rings: list[Ring] = []
    country_rings: list[Ring] = []
    withdrawn_rings: list[Ring] = []
    for (code, index), (p_west, p_south, p_east, p_north) in _bounds().items():
        if p_east < west or p_west > east or p_north < south or p_south > north:
            continue
        for ring in shapes[code][index]:
            clipped = _clip(project.view(ring, left, top, scale), box)
            if len(clipped) >= 3 and _ring_area(clipped) > 4:
                if code not in taking_part:
                    land_rings.append(clipped)
                else:
                    (withdrawn_rings if code in withdrawn else country_rings).append(clipped)

    positions: list[tuple[float, float]] = []
    seen: dict[tuple[int, int], int] = {}
    for lon, lat in coordinates:
        x, y = to_view(lon, lat)
        # Sites in the same place are set around it on a spiral (each further out), so that each keeps
        # its own mark and number.
        key = (round(x / MARK), round(y / MARK))
        count = seen.get(key, 0)
        seen[key] = count + 1
        if count:
            angle, radius = count * 2.4, SPREAD * math.sqrt(count)
            x, y = x + radius * math.cos(angle), y + radius * math.sin(angle)
        positions.append((round(x, 1), round(y, 1)))
    return width, height, _path(land_rings, 2), _path(country_rings, 2), _path(withdrawn_rings, 2), positions


def _frame(xs: list[float], ys: list[float]) -> tuple[float, float, float, float]:
    """(left, right, top, bottom) around the projected points (y pointing down): a margin on every side,
    at least MIN_SPAN across, and widened or heightened so that the map is between MIN_ASPECT and
    MAX_ASPECT as tall as it is wide."""
    centre_x, centre_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    span_x = max(max(xs) - min(xs) + 2 * max((max(xs) - min(xs)) * PADDING, MIN_PADDING), MIN_SPAN)
    span_y = max(max(ys) - min(ys) + 2 * max((max(ys) - min(ys)) * PADDING, MIN_PADDING), MIN_SPAN)
    span_x = max(span_x, span_y / MAX_ASPECT)
    span_y = max(span_y, span_x * MIN_ASPECT)
    return centre_x - span_x / 2, centre_x + span_x / 2, centre_y - span_y / 2, centre_y + span_y / 2


def place_labels(
    positions: tuple[tuple[float, float], ...],
    digits: tuple[int, ...],
    width: float,
    height: float,
) -> list[tuple[float, float, float]]:
    """Where each mark's number goes: the (left, top, width) of its tag, beside its mark (LABEL_HEIGHT tall).

    Each number tries the right of its mark, then the left, above, below and the corners, and takes the
    first place that stays on the map and covers no mark and no number placed before it; where none is
    free, it goes to the right. Marks are few, but a grid keeps a trial with hundreds of sites fast."""
    cell = 4 * MARK
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def cells(box: tuple[float, float, float, float]) -> Iterable[tuple[int, int]]:
        for gx in range(int(box[0] // cell), int(box[2] // cell) + 1):
            for gy in range(int(box[1] // cell), int(box[3] // cell) + 1):
                yield gx, gy

    def add(box: tuple[float, float, float, float]) -> None:
        for key in cells(box):
            grid.setdefault(key, []).append(box)

    def free(box: tuple[float, float, float, float]) -> bool:
        if box[0] < 1 or box[1] < 1 or box[2] > width - 1 or box[3] > height - 1:
            return False
        return not any(
            box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
            for key in cells(box)
            for other in grid.get(key, ())
        )

    for x, y in positions:
        add((x - MARK, y - MARK, x + MARK, y + MARK))
    gap, half, diagonal = MARK + 2, LABEL_HEIGHT / 2, (MARK + 2) * 0.7
    placed = []
    for (x, y), count in zip(positions, digits, strict=True):
        w = DIGIT_WIDTH * count + LABEL_PADDING
        # The tag's (left, top) in each place, in order of preference.
        options = [
            (x + gap, y - half),
            (x - gap - w, y - half),
            (x - w / 2, y - gap - LABEL_HEIGHT),
            (x - w / 2, y + gap),
            (x + diagonal, y - diagonal - LABEL_HEIGHT),
            (x + diagonal, y + diagonal),
            (x - diagonal - w, y - diagonal - LABEL_HEIGHT),
            (x - diagonal - w, y + diagonal),
        ]
        left, top = next(
            (option for option in options if free((*option, option[0] + w, option[1] + LABEL_HEIGHT))), options[0]
        )
        add((left, top, left + w, top + LABEL_HEIGHT))
        placed.append((round(left, 1), round(top, 1), round(w, 1)))
    return placed


# One shape per status, so that the key does not rely on colour alone (WCAG 1.4.1).
SHAPES = {
    "recruiting": "circle",
    "enrolling_by_invitation": "diamond",
    "not_yet_recruiting": "square",
    "active_not_recruiting": "triangle",
    "suspended": "triangle-down",
    "terminated": "cross",
    "withdrawn": "cross",
    "completed": "star",
    "not_given": "ring",
}


def marker_path(shape: str, x: float, y: float, size: float = MARK) -> str:
    """SVG path data of a marker shape centred on (x, y)."""
    s = size
    if shape == "circle":
        return f"M{x - s:.1f},{y:.1f}a{s},{s} 0 1,0 {2 * s},0a{s},{s} 0 1,0 {-2 * s},0Z"
    if shape == "ring":  # a hollow circle: the inner circle is a hole (drawn the other way round)
        r = s * 0.45
        return (
            f"M{x - s:.1f},{y:.1f}a{s},{s} 0 1,0 {2 * s},0a{s},{s} 0 1,0 {-2 * s},0Z"
            f"M{x - r:.1f},{y:.1f}a{r:.1f},{r:.1f} 0 1,1 {2 * r:.1f},0a{r:.1f},{r:.1f} 0 1,1 {-2 * r:.1f},0Z"
        )
    if shape == "square":
        side = s * 1.7
        return f"M{x - side / 2:.1f},{y - side / 2:.1f}h{side:.1f}v{side:.1f}h{-side:.1f}Z"
    if shape == "diamond":
        d = s * 1.3
        return f"M{x:.1f},{y - d:.1f}L{x + d:.1f},{y:.1f}L{x:.1f},{y + d:.1f}L{x - d:.1f},{y:.1f}Z"
    if shape in ("triangle", "triangle-down"):
        d = s * 1.3
        sign = 1 if shape == "triangle" else -1
        return f"M{x:.1f},{y - sign * d:.1f}L{x + d:.1f},{y + sign * d * 0.8:.1f}L{x - d:.1f},{y + sign * d * 0.8:.1f}Z"
    if shape == "cross":
        a, b = s * 1.1, s * 0.4
        return (
            f"M{x - a:.1f},{y - a + b:.1f}L{x - a + b:.1f},{y - a:.1f}L{x:.1f},{y - b:.1f}L{x + a - b:.1f},{y - a:.1f}"
            f"L{x + a:.1f},{y - a + b:.1f}L{x + b:.1f},{y:.1f}L{x + a:.1f},{y + a - b:.1f}L{x + a - b:.1f},{y + a:.1f}"
            f"L{x:.1f},{y + b:.1f}L{x - a + b:.1f},{y + a:.1f}L{x - a:.1f},{y + a - b:.1f}L{x - b:.1f},{y:.1f}Z"
        )
    # star
    points = []
    for index in range(10):
        radius = s * 1.3 if index % 2 == 0 else s * 0.55
        angle = math.pi / 5 * index - math.pi / 2
        points.append(f"{x + radius * math.cos(angle):.1f},{y + radius * math.sin(angle):.1f}")
    return "M" + "L".join(points) + "Z"
