#!/usr/bin/env bash
# Rebuild src/corroborate/data/geo/countries-50m.topo.json from the npm package
# world-atlas (Natural Earth 1:50m countries), simplified with mapshaper.
# Development time only: needs node and npm; nothing here runs when corroborate runs.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent world-atlas@2.0.2 >/dev/null
tar xzf world-atlas-2.0.2.tgz
npm install --silent --no-audit --no-fund mapshaper@0.7.70 >/dev/null
node_modules/.bin/mapshaper package/countries-50m.json -target countries \
  -simplify 20% keep-shapes \
  -o format=topojson quantization=100000 target=countries \
  "$repo/src/corroborate/data/geo/countries-50m.topo.json"
