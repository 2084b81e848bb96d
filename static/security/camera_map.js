/* The security page's map: the park's zones, each camera with the cone it sees, coloured by state.
   No tile layer, as on the dashboard: the park network may be closed. */
(function () {
  "use strict";
  const COLORS = { online: "#1b7a4b", offline: "#8a94a0", silent: "#b7791f" };
  const CONE_M = 80;  // drawn reach of a camera's view; the real one depends on lens and light
  const element = document.getElementById("camera-map");
  const cameras = JSON.parse(document.getElementById("map-cameras").textContent);
  const zones = JSON.parse(document.getElementById("map-zones").textContent);
  if (!element) return;
  const map = L.map(element, { attributionControl: false, minZoom: 10, maxZoom: 20 });
  // Circles and cones need a projected view before they are added; the data then fits the view.
  map.setView([20.92, 106.27], 14);
  const zoneLayer = L.geoJSON({ type: "FeatureCollection", features: zones.map((z) => ({ type: "Feature", geometry: z.boundary, properties: { name: z.name } })) },
    { style: { color: "#125635", weight: 1, fillOpacity: 0.06 }, onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name) }).addTo(map);

  // A point `metres` away from [lat, lon] towards `bearing` (degrees clockwise from north); flat earth is
  // close enough over a camera's reach.
  function ahead(lat, lon, bearing, metres) {
    const rad = (bearing * Math.PI) / 180;
    return [lat + (metres * Math.cos(rad)) / 111320, lon + (metres * Math.sin(rad)) / (111320 * Math.cos((lat * Math.PI) / 180))];
  }
  function cone(c) {
    if (c.bearing === null || c.bearing === undefined) return null;
    if (c.fov >= 360) return L.circle([c.lat, c.lon], { radius: CONE_M });
    const points = [[c.lat, c.lon]];
    for (let a = c.bearing - c.fov / 2; a <= c.bearing + c.fov / 2 + 0.01; a += Math.max(c.fov / 12, 1)) points.push(ahead(c.lat, c.lon, a, CONE_M));
    return L.polygon(points);
  }
  function popup(c) {
    const box = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = `${c.name} (${c.serial})`;
    const meta = document.createElement("div");
    meta.textContent = [c.purpose, c.zone, element.dataset[c.status] || c.status, c.last_frame ? `${element.dataset.lastFrame} ${c.last_frame}` : ""].filter(Boolean).join(" · ");
    box.append(title, meta);
    if (c.snapshot) {
      const img = document.createElement("img");
      img.src = c.snapshot; img.width = 240; img.alt = c.name; img.loading = "lazy";
      box.append(img);
    }
    return box;
  }
  const layers = [zoneLayer];
  for (const c of cameras) {
    const color = COLORS[c.status] || COLORS.offline;
    const view = cone(c);
    if (view) { view.setStyle({ color, weight: 1, fillColor: color, fillOpacity: 0.2 }); view.addTo(map); layers.push(view); }
    const marker = L.circleMarker([c.lat, c.lon], { radius: 7, weight: 2, color: "#1f2933", fillColor: color, fillOpacity: 0.9 });
    marker.bindPopup(() => popup(c));
    marker.bindTooltip(c.serial);
    marker.addTo(map);
    layers.push(marker);
  }
  const bounds = L.featureGroup(layers).getBounds();
  if (bounds.isValid()) map.fitBounds(bounds.pad(0.1)); else map.setView([20.92, 106.27], 14);
  window.iocCameraMap = { map, cameras };
})();
