/* The traffic page's map: the park's zones, its road segments in their congestion colour, the gates.
   No tile layer: the park network may be closed, so the map is the park's own outlines. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("traffic-map-data").textContent);
  const element = document.getElementById("traffic-map");
  if (!element || !(data.zones.length || data.segments.length)) return;
  const map = L.map(element, { attributionControl: false, minZoom: 10, maxZoom: 20 });
  // Circles and cones need a projected view before they are added; the data then fits the view.
  map.setView([20.92, 106.27], 14);
  const zones = L.geoJSON({ type: "FeatureCollection", features: data.zones.map((z) => ({ type: "Feature", geometry: z.boundary, properties: { name: z.name } })) },
    { style: { color: "#125635", weight: 1, fillOpacity: 0.06 }, onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name) }).addTo(map);
  const layers = [zones];
  for (const s of data.segments) {
    const line = L.geoJSON(s.line, { style: { color: s.color, weight: 7, opacity: 0.9 } });
    line.bindTooltip(s.label ? `${s.name} — ${s.label}` : s.name);
    layers.push(line.addTo(map));
  }
  for (const g of data.gates) {
    const marker = L.circleMarker([g.lat, g.lon], { radius: 8, weight: 2, color: "#1f2933", fillColor: "#2b6cb0", fillOpacity: 0.9 });
    marker.bindTooltip(`${g.name}: ↓ ${g.entries} · ↑ ${g.exits}`);
    layers.push(marker.addTo(map));
  }
  map.fitBounds(L.featureGroup(layers).getBounds().pad(0.05));
})();
