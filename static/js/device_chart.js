/* One device's chart: a metric over 24 h, 7 days or a year, from the tiered telemetry API (≤ ~2,000 points). */
(function () {
  "use strict";
  const root = document.getElementById("device-chart");
  if (!root) return;
  const select = document.getElementById("chart-metric");
  let days = 1;
  async function draw() {
    const to = new Date(), from = new Date(to - days * 86400e3);
    const query = new URLSearchParams({ metric: select.value, from: from.toISOString(), to: to.toISOString() });
    const response = await fetch(`/api/v1/devices/${root.dataset.device}/telemetry/?${query}`, { credentials: "same-origin" });
    if (!response.ok) return;
    const series = await response.json();
    const trace = { x: series.points.map((p) => p.time), y: series.points.map((p) => p.value), type: "scattergl", mode: "lines", name: `${series.metric} (${series.interval})` };
    Plotly.react(root, [trace], { margin: { t: 20, r: 10, b: 40, l: 50 }, yaxis: { title: series.unit }, showlegend: true }, { responsive: true, displaylogo: false });
  }
  document.querySelectorAll("[data-chart-days]").forEach((b) => b.addEventListener("click", () => { days = Number(b.dataset.chartDays); draw(); }));
  select.addEventListener("change", draw);
  draw();
})();
