// The console's little JavaScript: charts from the data the page carries, overlay toggles, the sortable region
// table and the region crop. No framework, nothing loaded from elsewhere.
(function () {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, x, y, value, anchor) {
    const t = el('text', {x: x, y: y, 'text-anchor': anchor || 'start'}, parent);
    t.textContent = value;
    return t;
  }

  // Trend: one line per class, regions per bucket.
  function drawTrend(container) {
    const points = JSON.parse(container.dataset.series || '[]');
    const colours = JSON.parse(container.dataset.colours || '{}');
    if (points.length === 0) { container.textContent = 'No frames in this range.'; return; }
    const buckets = [...new Set(points.map(p => p.bucket))].sort();
    const classes = new Map();
    points.forEach(p => {
      if (!classes.has(p.class_id)) classes.set(p.class_id, {name: p.class_name, values: new Map()});
      classes.get(p.class_id).values.set(p.bucket, p.regions);
    });
    const W = 900, H = 260, L = 50, B = 30, T = 10, R = 150;
    const max = Math.max(1, ...points.map(p => p.regions));
    const x = i => L + (buckets.length === 1 ? (W - L - R) / 2 : i * (W - L - R) / (buckets.length - 1));
    const y = v => H - B - v * (H - B - T) / max;
    const svg = el('svg', {viewBox: `0 0 ${W} ${H}`, id: 'trend-svg'}, container);
    el('line', {x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis'}, svg);
    el('line', {x1: L, y1: T, x2: L, y2: H - B, class: 'axis'}, svg);
    text(svg, L - 4, T + 10, String(max), 'end');
    text(svg, L - 4, H - B, '0', 'end');
    text(svg, L, H - 8, buckets[0].replace('T', ' ').replace(':00Z', ''));
    text(svg, W - R, H - 8, buckets[buckets.length - 1].replace('T', ' ').replace(':00Z', ''), 'end');
    let legend = 0;
    classes.forEach((c, id) => {
      const d = buckets.map((b, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(c.values.get(b) || 0).toFixed(1)}`).join(' ');
      el('path', {d: d, fill: 'none', stroke: colours[id] || '#555', 'stroke-width': 2, class: 'trend-line',
        'data-class': id}, svg);
      el('rect', {x: W - R + 12, y: T + legend * 18, width: 10, height: 10, fill: colours[id] || '#555'}, svg);
      text(svg, W - R + 26, T + 9 + legend * 18, c.name);
      legend++;
    });
  }

  // Pareto: bars by regions, largest first, and the cumulative share as a line.
  function drawPareto(container) {
    const rows = JSON.parse(container.dataset.series || '[]');
    const colours = JSON.parse(container.dataset.colours || '{}');
    if (rows.length === 0) { container.textContent = 'No defects in this range.'; return; }
    const W = 420, H = 240, L = 44, B = 44, T = 10, R = 36;
    const max = Math.max(1, ...rows.map(r => r.regions));
    const step = (W - L - R) / rows.length;
    const svg = el('svg', {viewBox: `0 0 ${W} ${H}`, id: 'pareto-svg'}, container);
    el('line', {x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis'}, svg);
    text(svg, L - 4, T + 10, String(max), 'end');
    text(svg, W - R + 4, T + 10, '100%');
    const line = [];
    rows.forEach((r, i) => {
      const h = r.regions * (H - B - T) / max;
      el('rect', {x: L + i * step + 4, y: H - B - h, width: step - 8, height: h, fill: colours[r.class_id] || '#777',
        class: 'pareto-bar', 'data-class': r.class_id}, svg);
      text(svg, L + i * step + step / 2, H - B + 14, r.class_name, 'middle');
      text(svg, L + i * step + step / 2, H - B + 28, String(r.regions), 'middle');
      line.push(`${i ? 'L' : 'M'}${(L + i * step + step / 2).toFixed(1)},${(H - B - r.cumulative_share * (H - B - T)).toFixed(1)}`);
    });
    el('path', {d: line.join(' '), fill: 'none', stroke: '#1d2733', 'stroke-width': 2, 'stroke-dasharray': '4 3'}, svg);
  }

  function setupOverlays() {
    document.querySelectorAll('.overlay-toggle').forEach(box => {
      box.addEventListener('change', () => {
        const overlay = document.getElementById('overlay-' + box.dataset.class);
        if (!overlay) return;
        if (box.checked && !overlay.getAttribute('src') && box.dataset.src) overlay.src = box.dataset.src;
        overlay.hidden = !box.checked;
      });
    });
    const boxes = document.getElementById('toggle-boxes');
    if (boxes) boxes.addEventListener('change', () =>
      document.getElementById('boxes').classList.toggle('hidden', !boxes.checked));
  }

  function selectRegion(id) {
    const row = document.querySelector(`tr.region-row[data-region="${CSS.escape(id)}"]`);
    if (!row) return;
    document.querySelectorAll('.region-row.selected, .region-box.selected').forEach(n => n.classList.remove('selected'));
    row.classList.add('selected');
    const box = document.querySelector(`.region-box[data-region="${CSS.escape(id)}"]`);
    if (box) box.classList.add('selected');
    const img = document.getElementById('crop-image');
    img.src = row.dataset.crop;
    img.alt = 'crop of ' + id;
    img.dataset.region = id;
    img.hidden = false;
    document.getElementById('crop-hint').hidden = true;
    document.getElementById('crop-caption').textContent = row.dataset.label;
  }

  function setupRegions() {
    document.querySelectorAll('tr.region-row').forEach(row =>
      row.addEventListener('click', () => selectRegion(row.dataset.region)));
    document.querySelectorAll('.region-box').forEach(box =>
      box.addEventListener('click', () => selectRegion(box.dataset.region)));
  }

  function setupSorting() {
    document.querySelectorAll('table.sortable').forEach(table => {
      table.querySelectorAll('th').forEach((th, column) => th.addEventListener('click', () => {
        const ascending = !th.classList.contains('sorted-asc');
        table.querySelectorAll('th').forEach(h => h.classList.remove('sorted-asc', 'sorted-desc'));
        th.classList.add(ascending ? 'sorted-asc' : 'sorted-desc');
        const numeric = th.dataset.type === 'number';
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
          const c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return ascending ? c : -c;
        });
        rows.forEach(r => body.appendChild(r));
      }));
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const trend = document.getElementById('trend-chart');
    if (trend) drawTrend(trend);
    const pareto = document.getElementById('pareto-chart');
    if (pareto) drawPareto(pareto);
    setupOverlays();
    setupRegions();
    setupSorting();
  });
})();
