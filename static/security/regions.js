/* Drawing a camera's regions and counting line on its latest snapshot. Coordinates are shares (0–1) of
   the image's width and height, as the analysis reads them; the JSON fields of the form hold the result,
   so the server checks and keeps exactly what is drawn (and the page works as a plain form without this). */
(function () {
  "use strict";
  const box = document.getElementById("drawing");
  const canvas = document.getElementById("drawing-canvas");
  const regionsField = document.getElementById("id_regions");
  const lineField = document.getElementById("id_counting_line");
  if (!box || !canvas || !regionsField || !lineField) return;
  const ctx = canvas.getContext("2d");
  const editable = box.dataset.editable === "1";
  const list = document.getElementById("region-list");
  const CLOSE_PX = 12;
  const state = { regions: [], line: null, draft: [], mode: "region" };

  function parse(text, fallback) {
    if (!text.trim() || text.trim() === "null") return fallback;
    try { return JSON.parse(text); } catch (e) { return undefined; }
  }
  function load() {
    const regions = parse(regionsField.value, []), line = parse(lineField.value, null);
    if (Array.isArray(regions)) state.regions = regions.filter((r) => r && Array.isArray(r.points));
    if (line === null || Array.isArray(line)) state.line = line;
  }
  function save() {
    regionsField.value = JSON.stringify(state.regions);
    lineField.value = state.line ? JSON.stringify(state.line) : "";
  }
  const round = (v) => Math.round(Math.min(Math.max(v, 0), 1) * 10000) / 10000;
  const px = ([x, y]) => [x * canvas.width, y * canvas.height];

  function polygon(points, stroke, fill, closed) {
    if (!points.length) return;
    ctx.beginPath();
    points.map(px).forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    if (closed) { ctx.closePath(); ctx.fillStyle = fill; ctx.fill(); }
    ctx.strokeStyle = stroke; ctx.lineWidth = 3; ctx.stroke();
    for (const [x, y] of points.map(px)) { ctx.fillStyle = stroke; ctx.fillRect(x - 4, y - 4, 8, 8); }
  }
  function label(text, [x, y], color) {
    ctx.font = "bold 26px sans-serif"; ctx.lineWidth = 5; ctx.strokeStyle = "#000"; ctx.strokeText(text, x + 8, y - 8);
    ctx.fillStyle = color; ctx.fillText(text, x + 8, y - 8);
  }
  function draw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (const r of state.regions) {
      const color = r.restricted ? "#e53e3e" : "#3182ce";
      polygon(r.points, color, r.restricted ? "rgba(229,62,62,.25)" : "rgba(49,130,206,.2)", true);
      if (r.points.length) label(r.name || "?", px(r.points[0]), color);
    }
    polygon(state.draft, "#ecc94b", "", false);
    if (state.line && state.line.length) {
      polygon(state.line, "#38a169", "", false);
      if (state.line.length === 2) label(box.dataset.line, px(state.line[1]), "#38a169");
    }
    renderList();
  }
  function renderList() {
    if (!list) return;
    list.replaceChildren(...state.regions.map((r, i) => {
      const li = document.createElement("li");
      const name = document.createElement("strong");
      name.textContent = r.name;
      const restricted = document.createElement("label");
      const check = document.createElement("input");
      check.type = "checkbox"; check.checked = !!r.restricted; check.disabled = !editable;
      check.addEventListener("change", () => { r.restricted = check.checked; save(); draw(); });
      restricted.append(check, " " + box.dataset.restricted);
      li.append(name, restricted);
      if (editable) {
        const remove = document.createElement("button");
        remove.type = "button"; remove.textContent = box.dataset.delete;
        remove.addEventListener("click", () => { state.regions.splice(i, 1); save(); draw(); });
        li.append(remove);
      }
      return li;
    }));
  }
  function closeRegion() {
    const nameInput = document.getElementById("region-name");
    const name = nameInput.value.trim();
    if (state.draft.length < 3) return;
    if (!name) { nameInput.focus(); nameInput.setCustomValidity(box.dataset.unnamed); nameInput.reportValidity(); return; }
    nameInput.setCustomValidity("");
    state.regions.push({ name, points: state.draft, restricted: document.getElementById("region-restricted").checked });
    state.draft = []; nameInput.value = "";
    save(); draw();
  }
  function pointAt(event) {
    const rect = canvas.getBoundingClientRect();
    return [round((event.clientX - rect.left) / rect.width), round((event.clientY - rect.top) / rect.height)];
  }

  load(); draw();
  if (!editable) return;
  canvas.addEventListener("click", (event) => {
    const point = pointAt(event);
    if (state.mode === "line") {
      state.line = state.line && state.line.length === 1 ? [state.line[0], point] : [point];
      if (state.line.length === 2) save();
    } else {
      const first = state.draft[0];
      const near = first && Math.hypot((first[0] - point[0]) * canvas.clientWidth, (first[1] - point[1]) * canvas.clientHeight) < CLOSE_PX;
      if (near && state.draft.length >= 3) { closeRegion(); return; }
      state.draft.push(point);
    }
    draw();
  });
  for (const button of document.querySelectorAll("[data-mode]")) {
    button.addEventListener("click", () => {
      state.mode = button.dataset.mode;
      document.querySelectorAll("[data-mode]").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
    });
  }
  document.getElementById("close-region").addEventListener("click", closeRegion);
  document.getElementById("undo-point").addEventListener("click", () => { state.draft.pop(); draw(); });
  document.getElementById("clear-line").addEventListener("click", () => { state.line = null; save(); draw(); });
  for (const field of [regionsField, lineField]) field.addEventListener("input", () => { load(); draw(); });
})();
