"""Where two records of an incident can be the same place: distance against precision.

A reported place and a reference record are each a point with an uncertainty
radius that follows from how precisely the place is known.  They can be the
same place when the distance between the points is at most the sum of the two
radii.  Places known only as an area (a governorate, a district, a country)
have no useful radius; they match by containment instead (a village inside its
governorate), which `reference.place_matches` decides by name.

Radii (kilometres), chosen from what each precision means rather than fitted
to any incident:

* a reported **city or town**: its built-up area and outskirts, by population
  (under 20,000: 3; under 100,000: 5; under 500,000: 10; from 500,000: 15);
  reports say "near Deir ez-Zor" of the city's surroundings;
* a reported **landmark** (an airport, a base, a hill): 5, the site and its
  immediate surroundings ("near the airport");
* a reported **district**: 25;
* a reference record at UCDP GED ``where_prec`` 1 (exact location): the point
  of a village 2, of a town or city 5, of another named site (a hill, a
  crossing) 3; ``where_prec`` 2 ("within ca. 25 km of a known point"): 25;
  3 and above (district, governorate, region, country): containment only.
  ACLED's ``geo_precision`` 1, 2, 3 are read as GED's 1, 2 and 4.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088

#: GED where_prec from which a record is an area, matched by containment only
AREA_PRECISION = 3


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def report_radius_km(kind: str | None, population: int | None = None) -> float | None:
    """Uncertainty radius of a reported place by its gazetteer kind; None for areas."""
    if kind == "landmark":
        return 5.0
    if kind == "district":
        return 25.0
    if kind == "city":
        pop = population or 0
        if pop >= 500_000:
            return 15.0
        if pop >= 100_000:
            return 10.0
        if pop >= 20_000:
            return 5.0
        return 3.0
    return None


def reference_radius_km(where_prec: int | None, place_type: str | None) -> float | None:
    """Uncertainty radius of a reference record (GED ``where_prec`` semantics); None for areas."""
    if where_prec is None or where_prec >= AREA_PRECISION:
        return None
    if where_prec == 2:
        return 25.0
    if place_type == "village":
        return 2.0
    if place_type in ("town", "city"):
        return 5.0
    return 3.0
