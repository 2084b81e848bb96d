/* Park IOC live dashboard: park map, alarm feed, device panel and charts, kept live over a websocket.
   Plain browser JavaScript; Leaflet, markercluster and Plotly are served by the IOC itself. */
(function () {
  "use strict";
  const labels = JSON.parse(document.getElementById("ioc-labels").textContent);
  const state = { devices: new Map(), markers: new Map(), latest: new Map(), alarms: new Map(), selected: null };
  window.iocDashboard = state;  // for the browser tests and for curious operators
  const COLORS = { alarm: "#c53030", offline: "#8a94a0", online: "#1b7a4b", unknown: "#3182ce" };

  function csrfToken() {
    const match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  async function api(url, options = {}) {
    const response = await fetch(url, { credentials: "same-origin", headers: { "X-CSRFToken": csrfToken(), "Content-Type": "application/json" }, ...options });
    if (!response.ok) throw new Error(url + " answered " + response.status);
    return response.json();
  }
  async function allPages(url) {
    const rows = [];
    for (let next = url; next; ) { const page = await api(next); rows.push(...page.results); next = page.next; }
    return rows;
  }
  function text(value) { const span = document.createElement("span"); span.textContent = value; return span.innerHTML; }
  function localTime(iso) { return new Date(iso).toLocaleString(document.documentElement.lang === "vi" ? "vi-VN" : "en-GB"); }

  /* The map */
  // No tile layer: the park network may be closed, so the map is the park's own zones and devices.
  const map = L.map("map", { preferCanvas: true, zoomControl: true, attributionControl: false, minZoom: 10, maxZoom: 20 });
  const cluster = L.markerClusterGroup({ chunkedLoading: true, disableClusteringAtZoom: 18 });
  map.addLayer(cluster);

  function deviceColor(device) {
    if ([...state.alarms.values()].some((a) => a.device === device.id && a.state !== "cleared")) return COLORS.alarm;
    if (device.online === true) return COLORS.online;
    if (device.online === false) return COLORS.offline;
    return COLORS.unknown;
  }
  // An app's overlay (the AQI band of an air station, say) fills the marker; the ring keeps the state.
  function fillColor(device) {
    const mark = state.overlays && state.overlays[device.id];
    return mark ? mark.color : deviceColor(device);
  }
  function paint(deviceId) {
    const device = state.devices.get(deviceId), marker = state.markers.get(deviceId);
    if (device && marker) marker.setStyle({ color: deviceColor(device), fillColor: fillColor(device) });
  }
  async function refreshOverlays() {
    const response = await fetch(tiles.dataset.overlays, { credentials: "same-origin" });
    if (!response.ok) return;
    state.overlays = await response.json();
    for (const deviceId of state.markers.keys()) paint(deviceId);
  }
  function popupHtml(device) {
    const values = state.latest.get(device.id) || {};
    const rows = Object.entries(values).map(([name, v]) => `<tr><td>${text(name)}</td><td>${text(Number(v.value).toFixed(2))} ${text(v.unit || "")}</td></tr>`);
    const mark = state.overlays && state.overlays[device.id];
    return `<strong>${text(device.name)}</strong><br>${text(device.serial)}${mark ? "<br>" + text(mark.label) : ""}<table>${rows.join("") || "<tr><td>" + text(labels.no_data) + "</td></tr>"}</table>`;
  }
  function addDevice(device) {
    state.devices.set(device.id, device);
    if (!device.location || !device.location.coordinates) return;
    const [lon, lat] = device.location.coordinates;
    const marker = L.circleMarker([lat, lon], { radius: 7, weight: 2, fillOpacity: 0.75, color: deviceColor(device), fillColor: fillColor(device) });
    marker.deviceId = device.id;
    marker.bindPopup(() => popupHtml(device));
    marker.on("click", () => openDevice(device.id));
    state.markers.set(device.id, marker);
    cluster.addLayer(marker);
  }

  /* The alarm feed */
  const feed = document.getElementById("alarm-feed");
  function renderFeed() {
    const open = [...state.alarms.values()].filter((a) => a.state !== "cleared").sort((a, b) => b.severity - a.severity || (b.last_at > a.last_at ? 1 : -1));
    feed.innerHTML = open.length ? "" : `<li>${text(feed.dataset.empty)}</li>`;
    for (const alarm of open) {
      const li = document.createElement("li");
      li.className = "sev-" + alarm.severity;
      li.dataset.alarm = alarm.id;
      li.dataset.state = alarm.state;
      li.innerHTML = `<div>${text(alarm.message)}</div><div class="meta">${text(alarm.severity_label || "")} · ${text(alarm.state === "acknowledged" ? labels.acknowledged : labels.active)} · ${alarm.count} ${text(labels.times)} · ${text(localTime(alarm.last_at))}${alarm.assignee ? " · " + text(alarm.assignee) : ""}</div>`;
      if (alarm.state === "active") li.appendChild(button(labels.acknowledge, "acknowledge", () => api(`/api/v1/alarms/${alarm.id}/acknowledge/`, { method: "POST", body: "{}" })));
      li.appendChild(button(labels.assign_to_me, "assign", () => api(`/api/v1/alarms/${alarm.id}/assign/`, { method: "POST", body: JSON.stringify({ assignee: document.body.dataset.username }) })));
      feed.appendChild(li);
    }
  }
  function button(label, action, onClick) {
    const b = document.createElement("button");
    b.type = "button"; b.textContent = label; b.dataset.action = action;
    b.addEventListener("click", () => onClick().then(applyAlarmResponse).catch(console.error));
    return b;
  }
  function applyAlarmResponse(alarm) { if (alarm && alarm.id) upsertAlarm({ ...alarm, severity_label: (state.alarms.get(alarm.id) || {}).severity_label }); }
  function upsertAlarm(alarm) {
    state.alarms.set(alarm.id, { ...(state.alarms.get(alarm.id) || {}), ...alarm });
    renderFeed();
    if (alarm.device) paint(alarm.device);
  }

  /* Tiles: refreshed from the server, at most once a second, when data arrives */
  const tiles = document.getElementById("tiles");
  let tilesTimer = null;
  function refreshTiles() {
    if (tilesTimer) return;
    tilesTimer = setTimeout(async () => {
      tilesTimer = null;
      const response = await fetch(tiles.dataset.url, { credentials: "same-origin" });
      if (response.ok) tiles.innerHTML = await response.text();
      await refreshOverlays();
    }, 1000);
  }

  /* The device panel and its chart */
  const panel = document.getElementById("device-panel"), metricSelect = document.getElementById("device-metric");
  let rangeDays = 1;
  function openDevice(deviceId) {
    const device = state.devices.get(deviceId);
    state.selected = deviceId;
    panel.hidden = false;
    document.getElementById("device-title").textContent = `${device.name} (${device.serial})`;
    metricSelect.innerHTML = [...new Set(device.channels.map((c) => c.metric))].map((m) => `<option>${text(m)}</option>`).join("");
    renderValues();
    drawChart();
  }
  function renderValues() {
    const values = state.latest.get(state.selected) || {};
    document.getElementById("device-values").innerHTML = Object.entries(values).map(([name, v]) => `<span><strong>${text(name)}</strong> ${text(Number(v.value).toFixed(2))} ${text(v.unit || "")}</span>`).join("") || text(labels.no_data);
  }
  async function drawChart() {
    if (!state.selected || !metricSelect.value) return;
    const to = new Date(), from = new Date(to - rangeDays * 86400e3);
    const query = new URLSearchParams({ metric: metricSelect.value, from: from.toISOString(), to: to.toISOString() });
    const series = await api(`/api/v1/devices/${state.selected}/telemetry/?${query}`);
    const x = series.points.map((p) => p.time), y = series.points.map((p) => p.value);
    Plotly.react("chart", [{ x, y, type: "scattergl", mode: "lines", name: `${series.metric} (${series.interval})` }],
      { margin: { t: 20, r: 10, b: 40, l: 50 }, yaxis: { title: series.unit }, showlegend: true }, { responsive: true, displaylogo: false });
  }
  document.querySelectorAll(".range-buttons button").forEach((b) => b.addEventListener("click", () => { rangeDays = Number(b.dataset.days); drawChart(); }));
  metricSelect.addEventListener("change", drawChart);

  /* Initial load, and again after every reconnection (what we missed) */
  async function sync() {
    const [zones, devices, latest, active, acknowledged] = await Promise.all([
      allPages("/api/v1/zones/?page_size=200"), allPages("/api/v1/devices/?page_size=1000"),
      allPages("/api/v1/telemetry/latest/?page_size=1000"), allPages("/api/v1/alarms/?state=active&page_size=200"),
      allPages("/api/v1/alarms/?state=acknowledged&page_size=200"),
    ]);
    if (!state.zonesLayer) {
      state.zonesLayer = L.geoJSON({ type: "FeatureCollection", features: zones.map((z) => ({ type: "Feature", geometry: z.boundary, properties: { name: z.name } })) },
        { style: { color: "#125635", weight: 1, fillOpacity: 0.06 }, onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name) }).addTo(map);
      if (zones.length) map.fitBounds(state.zonesLayer.getBounds());
    }
    if (!state.markers.size) devices.forEach(addDevice);
    else devices.forEach((d) => { state.devices.set(d.id, d); paint(d.id); });
    latest.forEach((row) => state.latest.set(row.device, row.values));
    state.alarms.clear();
    [...active, ...acknowledged].forEach((a) => state.alarms.set(a.id, a));
    renderFeed();
    state.devices.forEach((d) => paint(d.id));
    refreshTiles();
  }

  /* The websocket, with reconnection and backoff */
  const liveState = document.getElementById("live-state");
  let delay = 1000;
  function connect() {
    const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/dashboard/");
    socket.onopen = () => { delay = 1000; liveState.textContent = liveState.dataset.online; liveState.dataset.state = "open"; };
    socket.onmessage = (message) => {
      const data = JSON.parse(message.data);
      if (data.type === "hello") { sync().catch(console.error); return; }
      if (data.type !== "batch") return;
      for (const r of data.readings) {
        const values = state.latest.get(r.device) || {};
        const channel = (state.devices.get(r.device) || { channels: [] }).channels.find((c) => c.source_name === r.name) || {};
        values[r.name] = { metric: r.metric, value: r.value, quality: r.quality, time: new Date(r.ts * 1000).toISOString(), unit: values[r.name] ? values[r.name].unit : channel.unit };
        state.latest.set(r.device, values);
        const device = state.devices.get(r.device);
        if (device && device.online !== true) { device.online = true; paint(r.device); }
        const marker = state.markers.get(r.device);
        if (marker) { marker.setRadius(10); setTimeout(() => marker.setRadius(7), 600); marker.getElement && marker.isPopupOpen() && marker.setPopupContent(popupHtml(device)); }
      }
      if (data.readings.length) { refreshTiles(); if (state.selected) renderValues(); }
      for (const event of data.events) {
        if (event.type === "alarm") upsertAlarm(event);
        if (event.type === "device_status" && state.devices.has(event.device)) { state.devices.get(event.device).online = event.online; paint(event.device); }
      }
      document.body.dataset.lastBatch = String(Date.now());
    };
    socket.onclose = () => {
      liveState.textContent = liveState.dataset.offline; liveState.dataset.state = "closed";
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
