/* The environment page: stations on a map in their AQI or compliance colour, and the outfall's limit charts.
   Figures are built on the server (Plotly); this only draws them. No tile layer: the park network may be closed. */
(function () {
  "use strict";
  const stations = JSON.parse(document.getElementById("map-stations").textContent);
  const mapElement = document.getElementById("station-map");
  if (mapElement && stations.length) {
    const map = L.map(mapElement, { attributionControl: false, minZoom: 10, maxZoom: 20 });
    const markers = stations.map((s) => {
      const marker = L.circleMarker([s.lat, s.lon], { radius: 9, weight: 2, color: "#1f2933", fillColor: s.color, fillOpacity: 0.9 });
      const label = document.createElement("div");
      label.textContent = `${s.code} · ${s.name}${s.label ? " — " + s.label : ""}`;
      marker.bindPopup(label);
      marker.bindTooltip(s.code);
      marker.stationCode = s.code;
      return marker.addTo(map);
    });
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3));
    window.iocStationMap = { map, markers };
  }
  const charts = document.getElementById("limit-charts");
  if (charts) {
    for (const chart of JSON.parse(charts.textContent)) {
      Plotly.newPlot(`chart-${chart.parameter}`, chart.figure.data, chart.figure.layout, { responsive: true, displaylogo: false });
    }
  }
})();
