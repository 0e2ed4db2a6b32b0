// Vaultrisk dashboard: draws everything from GET /api/v1/dashboard with the API key given in the URL fragment
// (#key=…, kept for the tab's session only) or typed in. Each drawn chart marks its canvas data-drawn="true" and the
// body gets data-ready="true" when done, so a headless browser can check what was drawn.
(function () {
  'use strict';
  const palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569'];
  const statusEl = document.getElementById('status');

  function apiKey() {
    const m = /(?:^|[#&])key=([^&]+)/.exec(location.hash);
    if (m) {
      sessionStorage.setItem('vaultrisk.key', decodeURIComponent(m[1]));
      history.replaceState(null, '', location.pathname); // the key leaves the address bar
    }
    return sessionStorage.getItem('vaultrisk.key');
  }

  async function getJson(path, key) {
    const r = await fetch(path, { headers: key ? { 'X-API-Key': key } : {} });
    const body = await r.json();
    if (!r.ok) { throw new Error(body.detail || ('HTTP ' + r.status)); }
    return body;
  }

  // The first value under a key with this name, depth first (report layouts nest their summaries).
  function find(node, name) {
    if (node === null || typeof node !== 'object') { return undefined; }
    if (Object.prototype.hasOwnProperty.call(node, name)) { return node[name]; }
    for (const v of Object.values(node)) {
      const f = find(v, name);
      if (f !== undefined) { return f; }
    }
    return undefined;
  }

  function drawn(id, ok) {
    document.getElementById(id).dataset.drawn = ok ? 'true' : 'false';
    const empty = document.getElementById(id + '-empty');
    if (empty) { empty.hidden = ok; }
    if (!ok) { document.getElementById(id).hidden = true; }
  }

  function fmt(x) { return typeof x === 'number' ? x.toLocaleString(undefined, { maximumFractionDigits: 2 }) : '–'; }

  function histogramBins(h) {
    if (!h) { return null; }
    if (Array.isArray(h)) { // [{lo, hi, count}] or [{x, count}]
      return { labels: h.map(b => fmt(b.lo !== undefined ? (b.lo + b.hi) / 2 : b.x)), counts: h.map(b => b.count) };
    }
    const edges = h.edges || h.binEdges || h.bounds;
    const counts = h.counts || h.frequencies;
    if (edges && counts) {
      const mid = counts.map((_, i) => edges.length > counts.length ? (edges[i] + edges[i + 1]) / 2 : edges[i]);
      return { labels: mid.map(fmt), counts };
    }
    if (h.centers && counts) { return { labels: h.centers.map(fmt), counts }; }
    if (typeof h.low === 'number' && typeof h.high === 'number' && counts) { // equal bins over [low, high]
      const w = (h.high - h.low) / counts.length;
      return { labels: counts.map((_, i) => fmt(h.low + (i + 0.5) * w)), counts };
    }
    return null;
  }

  function drawPnl(runs) {
    const bins = runs.length ? histogramBins(find(runs[0].result, 'histogram')) : null;
    if (!bins) { drawn('pnl', false); return; }
    new Chart(document.getElementById('pnl'), {
      type: 'bar',
      data: { labels: bins.labels, datasets: [{ label: 'paths per P&L bin', data: bins.counts, backgroundColor: palette[0] }] },
      options: { animation: false, aspectRatio: 2, plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: 'P&L' } } } }
    });
    drawn('pnl', true);
  }

  function levelsOf(result) {
    const rows = [];
    const horizons = find(result, 'horizons');
    if (Array.isArray(horizons)) {
      horizons.forEach(h => Object.entries(h.levels || {}).forEach(([lvl, v]) =>
        rows.push({ horizon: h.horizonDays || h.days, level: lvl, var: v.var, es: v.es })));
    }
    if (!rows.length) {
      Object.entries(find(result, 'levels') || {}).forEach(([lvl, v]) => rows.push({ horizon: '', level: lvl, var: v.var, es: v.es }));
    }
    return rows;
  }

  function drawVar(runs) {
    const tbody = document.querySelector('#var tbody');
    const series = [];
    runs.forEach((run, i) => {
      levelsOf(run.result).forEach(r => {
        const tr = document.createElement('tr');
        [run.id.substring(0, 8), r.horizon, r.level, fmt(r.var), fmt(r.es)].forEach(t => {
          const td = document.createElement('td'); td.textContent = t; tr.appendChild(td);
        });
        tbody.appendChild(tr);
        if (i === 0) { series.push(r); }
      });
    });
    if (!series.length) { document.getElementById('var').hidden = true; drawn('varChart', false); document.getElementById('var-empty').hidden = false; return; }
    new Chart(document.getElementById('varChart'), {
      type: 'bar',
      data: { labels: series.map(r => (r.horizon ? r.horizon + 'd ' : '') + r.level),
        datasets: [{ label: 'VaR', data: series.map(r => r.var), backgroundColor: palette[0] },
                   { label: 'ES', data: series.map(r => r.es), backgroundColor: palette[1] }] },
      options: { animation: false, aspectRatio: 2 }
    });
    drawn('varChart', true);
  }

  function matrixOf(result) {
    const m = find(result, 'riskMatrix') || find(result, 'matrix');
    if (!m) { return null; }
    const spot = m.spotShocks, vol = m.volShocks, pnl = m.pnl || m.values;
    return spot && vol && pnl ? { spot, vol, pnl } : null;
  }

  function drawHeatmap(reports) {
    const m = reports.length ? matrixOf(reports[0].result) : null;
    if (!m) { drawn('heatmap', false); return; }
    const c = document.getElementById('heatmap'), g = c.getContext('2d');
    const left = 70, top = 20, w = (c.width - left - 10) / m.spot.length, h = (c.height - top - 40) / m.vol.length;
    const flat = m.pnl.flat(), maxAbs = Math.max(1e-12, ...flat.map(Math.abs));
    g.font = '11px sans-serif'; g.textAlign = 'center';
    m.vol.forEach((v, i) => m.spot.forEach((s, j) => {
      const x = m.pnl[j][i] / maxAbs; // pnl[spot][vol]; red for losses, green for gains
      g.fillStyle = x < 0 ? `rgba(220,38,38,${-x})` : `rgba(22,163,74,${x})`;
      g.fillRect(left + j * w, top + i * h, w - 1, h - 1);
    }));
    g.fillStyle = '#1d2430';
    m.spot.forEach((s, j) => g.fillText((s * 100).toFixed(0) + '%', left + (j + .5) * w, c.height - 22));
    g.fillText('spot shock', left + (c.width - left) / 2, c.height - 6);
    g.textAlign = 'right';
    m.vol.forEach((v, i) => g.fillText('vol ' + (v * 100).toFixed(0) + '%', left - 4, top + (i + .6) * h));
    drawn('heatmap', true);
  }

  function drawSmiles(surface) {
    const points = surface ? find(surface, 'points') : null;
    if (!Array.isArray(points) || !points.length) { drawn('smiles', false); return; }
    const byT = new Map();
    points.forEach(p => { const k = Number(p.T).toFixed(4); if (!byT.has(k)) { byT.set(k, []); } byT.get(k).push(p); });
    const datasets = [];
    [...byT.entries()].sort((a, b) => a[0] - b[0]).forEach(([T, ps], i) => {
      ps.sort((a, b) => a.k - b.k);
      const color = palette[i % palette.length];
      datasets.push({ label: 'T=' + T + ' fitted', data: ps.map(p => ({ x: p.k, y: p.fittedVol })), borderColor: color, showLine: true, pointRadius: 0 });
      datasets.push({ label: 'T=' + T + ' market', data: ps.map(p => ({ x: p.k, y: p.marketVol })), borderColor: color, backgroundColor: color, showLine: false, pointRadius: 2 });
    });
    new Chart(document.getElementById('smiles'), {
      type: 'scatter', data: { datasets },
      options: { animation: false, aspectRatio: 2, scales: { x: { title: { display: true, text: 'log-moneyness k' } }, y: { title: { display: true, text: 'implied vol' } } } }
    });
    drawn('smiles', true);
  }

  function limitsText(l) {
    if (!l) { return 'no limits: PUT /api/v1/vaults/{address}/limits (risk key) has the monitor watch them'; }
    const lvl = 'at ' + (l.confidence * 100) + '% over ' + l.horizonDays + 'd';
    const parts = [];
    if (l.var != null) { parts.push('VaR ≤ ' + (l.var * 100) + '%'); }
    if (l.es != null) { parts.push('ES ≤ ' + (l.es * 100) + '%'); }
    Object.entries(l.delta || {}).forEach(([u, d]) => parts.push('|delta ' + u + '| ≤ ' + d));
    if (l.maxDrawdown != null) { parts.push('drawdown ≤ ' + (l.maxDrawdown * 100) + '%'); }
    return 'limits ' + lvl + ': ' + parts.join(', ');
  }

  function drawAllocations(vaults) {
    const box = document.getElementById('allocations');
    let n = 0;
    // the vaults published to most recently first, at most six
    vaults.filter(v => v.allocations.length)
      .sort((a, b) => b.allocations[b.allocations.length - 1].createdAt.localeCompare(a.allocations[a.allocations.length - 1].createdAt))
      .slice(0, 6).forEach(v => {
      const div = document.createElement('div'); div.className = 'vault';
      const h = document.createElement('h3'); h.textContent = v.address + ' (chain ' + v.chainId + ')';
      const limits = document.createElement('p'); limits.className = 'limits'; limits.textContent = limitsText(v.limits);
      const canvas = document.createElement('canvas'); canvas.id = 'alloc-' + n; canvas.dataset.chart = 'allocation';
      div.append(h, limits, canvas); box.appendChild(div);
      new Chart(canvas, {
        type: 'bar', // one stacked bar per published allocation (nonce), summing to 100 %
        data: { labels: v.allocations.map(a => '#' + a.nonce + ' ' + a.createdAt.substring(5, 16).replace('T', ' ')),
          datasets: v.strategies.map((s, i) => ({ label: s, data: v.allocations.map(a => a.weightsBps[i] / 100),
            backgroundColor: palette[i % palette.length] })) },
        options: { animation: false, aspectRatio: 4,
          scales: { x: { stacked: true }, y: { stacked: true, min: 0, max: 100, title: { display: true, text: 'weight %' } } } }
      });
      canvas.dataset.drawn = 'true';
      n++;
    });
    document.getElementById('allocations-empty').hidden = n > 0;
    box.dataset.drawn = String(n);
  }

  function drawTimeline(vaults) {
    const rows = [];
    vaults.forEach(v => {
      (v.timeline || []).forEach(t => rows.push({ at: t.at, vault: v.address, what: t.kind, nonce: t.nonce,
        detail: t.reason != null ? t.reason : (t.breaches || []).join('; ') }));
      v.allocations.filter(a => a.trigger && a.trigger !== 'scheduled').forEach(a => rows.push({ at: a.createdAt,
        vault: v.address, what: a.urgent ? 'urgent allocation' : 'allocation', nonce: a.nonce, detail: a.trigger }));
    });
    rows.sort((a, b) => b.at.localeCompare(a.at));
    const body = document.querySelector('#timeline tbody');
    rows.slice(0, 50).forEach(r => {
      const tr = document.createElement('tr');
      [r.at.substring(0, 19).replace('T', ' '), r.vault.substring(0, 10) + '…', r.what, r.nonce == null ? '' : '#' + r.nonce, r.detail]
        .forEach(text => { const td = document.createElement('td'); td.textContent = text; tr.appendChild(td); });
      body.appendChild(tr);
    });
    document.getElementById('timeline').hidden = rows.length === 0;
    document.getElementById('timeline-empty').hidden = rows.length > 0;
  }

  async function load() {
    const key = apiKey();
    try {
      const signer = await getJson('/api/v1/signer');
      document.getElementById('signer').textContent = 'signer ' + signer.address;
    } catch (e) { /* the signer line is decoration */ }
    if (!key) {
      document.getElementById('login').hidden = false;
      statusEl.textContent = 'an API key with the risk or viewer role is needed';
      return;
    }
    try {
      const d = await getJson('/api/v1/dashboard', key);
      drawPnl(d.riskRuns); drawVar(d.riskRuns); drawHeatmap(d.stressReports); drawSmiles(d.surface); drawAllocations(d.vaults); drawTimeline(d.vaults);
      statusEl.textContent = 'updated ' + new Date().toISOString().substring(11, 19) + ' UTC';
      document.body.dataset.ready = 'true';
    } catch (e) {
      statusEl.textContent = 'error: ' + e.message;
      document.body.dataset.ready = 'error';
    }
  }

  document.getElementById('login').addEventListener('submit', ev => {
    ev.preventDefault();
    sessionStorage.setItem('vaultrisk.key', document.getElementById('key').value.trim());
    location.reload();
  });
  load();
})();
