/* The camera wall: every few seconds, each card gets its camera's latest snapshot, state and last frame time
   (shown in the park's time zone, whatever the browser's). */
(function () {
  "use strict";
  const wall = document.getElementById("wall");
  if (!wall) return;
  const stamp = new Intl.DateTimeFormat("sv-SE", { timeZone: wall.dataset.timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const updated = document.getElementById("wall-updated");
  function local(iso) { return iso ? stamp.format(new Date(iso)) : "—"; }

  function paint(card, camera) {
    card.className = camera.status;
    card.querySelector(".state").textContent = wall.dataset[camera.status] || camera.status;
    const time = card.querySelector(".last-frame");
    time.dateTime = camera.last_frame_at || "";
    time.textContent = local(camera.last_frame_at);
    const frame = card.querySelector(".frame");
    const url = camera.latest_snapshot && camera.latest_snapshot.url;
    let img = frame.querySelector("img");
    if (!url) { frame.textContent = wall.dataset.noFrame; return; }
    if (!img) { frame.textContent = ""; img = document.createElement("img"); img.alt = camera.name; frame.append(img); }
    if (img.getAttribute("src") !== url) img.src = url;  // a new snapshot is a new image id, so a new URL
  }

  async function refresh() {
    try {
      const rows = [];
      for (let next = wall.dataset.url; next; ) {
        const response = await fetch(next, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error(String(response.status));
        const page = await response.json();
        rows.push(...page.results);
        next = page.next;
      }
      for (const camera of rows) {
        const card = wall.querySelector(`figure[data-camera="${camera.id}"]`);
        if (card) paint(card, camera);
      }
      updated.textContent = `${wall.dataset.updated} ${local(new Date().toISOString())}`;
    } catch (error) {
      updated.textContent = `${wall.dataset.failed} (${error.message})`;
    }
  }
  setInterval(refresh, Number(wall.dataset.refresh) || 5000);
})();
