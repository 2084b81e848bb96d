/* The report page: draws the charts the server built (Plotly), or follows a report being generated. */
(function () {
  "use strict";
  const charts = document.getElementById("report-charts");
  if (charts) {
    for (const chart of JSON.parse(charts.textContent)) {
      Plotly.newPlot(`chart-${chart.key}`, chart.figure.data, chart.figure.layout, { responsive: true, displaylogo: false });
    }
  }
  const progress = document.getElementById("report-progress");
  if (!progress || !document.getElementById("report-bar")) return;
  const poll = () => fetch(progress.dataset.statusUrl, { credentials: "same-origin" })
    .then((answer) => answer.json())
    .then((state) => {
      if (state.status === "done" || state.status === "failed") { window.location.reload(); return; }
      document.getElementById("report-bar").value = state.progress;
      if (state.stage) document.getElementById("report-stage").textContent = `${state.stage} (${state.progress} %)`;
      setTimeout(poll, 1500);
    })
    .catch(() => setTimeout(poll, 5000));
  setTimeout(poll, 1000);
})();
