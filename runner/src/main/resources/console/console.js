// The runner's web console. Plain browser JavaScript, no framework; Chart.js (window.Chart) is served by the runner.
// Every value from the server is put into the page with textContent or attributes, never as HTML: trigger ids,
// params and error texts are written by whoever drops a trigger.
'use strict';

(() => {
  const PAGES = ['overview', 'runs', 'gold', 'trigger'];
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf', '#393b79', '#ad494a', '#637939', '#8c6d31', '#7b4173', '#3182bd'];
  const state = { about: null, page: null, timer: null, runsFilter: {}, selected: null, follow: null, versions: {} };
  // For the browser tests (and curious people): the charts, what each page last loaded, any CSP violation.
  const api = { charts: {}, loaded: {}, cspViolations: [], followed: null };
  window.lakehouseConsole = api;
  document.addEventListener('securitypolicyviolation',
    (e) => api.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));

  // ---- small helpers ----------------------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) node.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const $ = (id) => document.getElementById(id);
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function time(iso) { return iso ? String(iso).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–'; }
  function hour(iso) { return iso ? String(iso).slice(5, 13).replace('T', ' ') + ':00' : ''; }
  function ago(iso) {
    if (!iso) return '';
    const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
    if (s < 0) return 'in the future';
    if (s < 90) return s + ' s ago';
    if (s < 5400) return Math.round(s / 60) + ' min ago';
    if (s < 129600) return Math.round(s / 3600) + ' h ago';
    return Math.round(s / 86400) + ' days ago';
  }
  function ms(v) { return v === null || v === undefined ? '–' : (v < 1000 ? v + ' ms' : (v / 1000).toFixed(1) + ' s'); }
  function num(v) { return v === null || v === undefined ? '–' : Number(v).toLocaleString('en-US'); }
  function money(v) {
    return v === null || v === undefined ? '–'
      : Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  function status(s) { return el('span', { class: 'status ' + s }, s); }
  function pre(value) { return el('pre', {}, typeof value === 'string' ? value : JSON.stringify(value, null, 2)); }
  function row(cells, attrs) {
    return el('tr', attrs, ...cells.map((c) => (c instanceof Node && c.tagName === 'TD') ? c : el('td', {}, c)));
  }
  function td(value, cls) { return el('td', { class: cls }, value); }
  function rowsInOut(m) { return m ? num(m.rows_in) + ' / ' + num(m.rows_out) : '–'; }

  async function getJson(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await r.json().catch(() => ({ error: r.status + ' ' + r.statusText }));
    if (!r.ok) throw new Error(body.error || String(r.status));
    return body;
  }
  function showError(err) {
    const p = $('page-error');
    if (err) { p.textContent = String(err.message || err); p.hidden = false; } else { p.hidden = true; }
  }

  // ---- routing and refresh ----------------------------------------------------------------------------------------
  function current() {
    const page = location.hash.replace(/^#/, '');
    return PAGES.includes(page) ? page : 'overview';
  }
  function show() {
    state.page = current();
    for (const p of PAGES) $('page-' + p).hidden = p !== state.page;
    document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === state.page));
    document.title = 'Lakehouse runner: ' + state.page;
    refresh();
  }
  async function refresh() {
    clearTimeout(state.timer);
    const page = state.page;
    try {
      await Promise.all([health(), LOADERS[page]()]);
      showError(null);
    } catch (e) {
      showError(e);
    }
    if (page === state.page) state.timer = setTimeout(refresh, state.about ? state.about.refresh_ms : 2000);
  }
  async function health() {
    const h = $('health');
    try {
      const r = await fetch('/health', { cache: 'no-store' });
      const body = await r.json();
      h.textContent = (body.up ? 'up' : 'down') + ' · ' + body.runner_id + ' · queued ' + body.queued
        + ' · running ' + body.running;
      h.className = 'health ' + (body.up ? 'up' : 'down');
    } catch (e) {
      h.textContent = 'runner unreachable';
      h.className = 'health down';
    }
  }

  // ---- Overview ---------------------------------------------------------------------------------------------------
  async function overview() {
    const o = await getJson('/api/overview');
    api.loaded.overview = o;
    freshness(o.kafka_lag, o.freshness);
    const pipe = clear($('pipeline'));
    o.pipeline.forEach((step, i) => {
      if (i > 0) pipe.append(el('div', { class: 'arrow', 'aria-hidden': 'true' }, '→'));
      pipe.append(card(step));
    });
    const other = clear($('other-jobs').tBodies[0]);
    for (const j of o.other_jobs) {
      const r = j.last_run;
      other.append(row([j.job, r ? r.run_id : 'never ran', r ? status(r.status) : '–',
        r ? time(r.finished_at || r.started_at) : '–', r ? ms(r.duration_ms) : '–', r ? rowsInOut(r) : '–']));
    }
    const q = o.queue;
    const jobs = new Set([...Object.keys(q.incoming), ...Object.keys(q.claimed), ...Object.keys(q.queued),
      ...Object.keys(q.running)]);
    const queue = clear($('queue').tBodies[0]);
    if (jobs.size === 0) queue.append(row([el('td', { colspan: 5, class: 'muted' }, 'nothing waiting or running')]));
    for (const j of [...jobs].sort()) {
      queue.append(row([j, td(num(q.incoming[j] || 0), 'num'), td(num(q.claimed[j] || 0), 'num'),
        td(num(q.queued[j] || 0), 'num'), q.running[j] || '–'], { 'data-job': j }));
    }
    const failed = clear($('failed').tBodies[0]);
    if (o.failed.length === 0) failed.append(row([el('td', { colspan: 6, class: 'muted' }, 'none')]));
    for (const f of o.failed) {
      failed.append(row([time(f.at), f.trigger_id, f.job, f.kind, f.attempts ?? '–', td(f.error, 'error')],
        { 'data-trigger-id': f.trigger_id }));
    }
  }
  function seconds(s) {
    if (s === null || s === undefined) return '–';
    if (Math.abs(s) < 90) return s.toFixed(1) + ' s';
    if (Math.abs(s) < 5400) return (s / 60).toFixed(1) + ' min';
    return (s / 3600).toFixed(1) + ' h';
  }
  // Kafka lag (records bronze has not read) and Gold's freshness (the age of its newest counted event)
  function freshness(lag, fresh) {
    const box = clear($('freshness'));
    const figure = (name, value, note, cls) => el('div', { class: 'figure', 'data-figure': name },
      el('div', { class: 'muted' }, name === 'kafka-lag' ? 'Kafka lag' : 'Gold freshness'),
      el('div', { class: 'value' }, value), el('div', { class: cls || 'muted' }, note));
    if (!lag) {
      box.append(figure('kafka-lag', '–', 'no bronze job on this runner'));
    } else if (lag.error) {
      box.append(figure('kafka-lag', 'unknown', lag.error, 'error'));
    } else {
      box.append(figure('kafka-lag', num(lag.total) + ' records', lag.source + ' · ' + time(lag.at)));
    }
    box.append(fresh && fresh.newest_event_at
      ? figure('freshness', seconds(fresh.age_seconds), 'newest event in Gold ' + time(fresh.newest_event_at)
        + ' · counted by ' + fresh.run_id)
      : figure('freshness', '–', 'no gold run has counted an event yet'));
    const body = clear($('kafka-lag').tBodies[0]);
    const topics = lag && lag.topics ? Object.keys(lag.topics).sort() : [];
    if (topics.length === 0) {
      body.append(row([el('td', { colspan: 2, class: 'muted' }, lag && lag.error ? 'Kafka cannot be asked now'
        : 'no topic to show')]));
    }
    for (const t of topics) body.append(row([t, td(num(lag.topics[t]), 'num')], { 'data-topic': t }));
  }
  function card(step) {
    const r = step.last_run;
    const dl = el('dl');
    const add = (k, v) => dl.append(el('dt', {}, k), el('dd', {}, v));
    if (!r) {
      add('last run', 'never ran');
    } else {
      add('status', status(r.status));
      add('when', time(r.finished_at || r.started_at) + ' (' + ago(r.finished_at || r.started_at) + ')');
      add('duration', ms(r.duration_ms));
      add('rows in / out', rowsInOut(r));
      add('quarantined', num(r.quarantined));
      add('duplicates', num(r.duplicates));
      add('attempts', r.attempts);
      add('run', r.run_id);
      if (r.error) add('error', r.error);
    }
    return el('div', { class: 'card', 'data-job': step.job },
      el('h3', {}, step.layer + ' ', el('span', { class: 'muted' }, step.job)), dl);
  }

  // ---- Runs -------------------------------------------------------------------------------------------------------
  function fill(select, values) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const v of values) select.append(el('option', { value: v }, v));
    select.value = values.includes(keep) ? keep : '';
  }
  async function runs() {
    const qs = new URLSearchParams({ limit: '200' });
    for (const [k, v] of Object.entries(state.runsFilter)) if (v) qs.set(k, v);
    const page = await getJson('/api/runs?' + qs);
    api.loaded.runs = page;
    const form = $('runs-filter');
    fill(form.elements.job, page.jobs);
    fill(form.elements.status, page.statuses);
    $('runs-total').textContent = '(' + page.total + (page.total > page.runs.length ? ', newest ' + page.runs.length
      + ' shown' : '') + ')';
    const body = clear($('runs').tBodies[0]);
    if (page.runs.length === 0) body.append(row([el('td', { colspan: 8, class: 'muted' }, 'no runs match')]));
    for (const r of page.runs) {
      const key = r.run_id ? { run_id: r.run_id } : { trigger_id: r.trigger_ids[0] };
      const selected = state.selected && JSON.stringify(state.selected) === JSON.stringify(key);
      const tr = row([time(r.started_at || r.finished_at), r.job || '–', status(r.status),
        r.requested_by.join(', ') || '–', r.trigger_ids.join(', '), td(r.attempts, 'num'),
        td(ms(r.duration_ms), 'num'), td(rowsInOut(r.metrics), 'num')],
      { class: 'clickable' + (selected ? ' selected' : ''), 'data-run-id': r.run_id, tabindex: 0 });
      tr.addEventListener('click', () => openRun(key));
      tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') openRun(key); });
      body.append(tr);
    }
    if (state.selected) await detail(state.selected);
  }
  function openRun(key) {
    state.selected = key;
    if (state.page !== 'runs') location.hash = '#runs'; else refresh();
  }
  async function detail(key) {
    const d = await getJson('/api/run?' + new URLSearchParams(key));
    api.loaded.run = d;
    const r = d.run;
    const box = clear($('run-detail'));
    box.hidden = false;
    const dl = el('dl');
    const add = (k, v) => dl.append(el('dt', {}, k), el('dd', {}, v));
    add('status', status(r.status));
    add('job', r.job || '–');
    add('triggers', r.trigger_ids.join(', '));
    add('requested by', r.requested_by.join(', ') || '–');
    add('started', time(r.started_at));
    add('finished', time(r.finished_at));
    add('attempts', r.attempts);
    add('duration', ms(r.duration_ms));
    if (r.original_run_id) add('original run', r.original_run_id);
    if (r.error) add('error', el('span', { class: 'error-text' }, r.error));
    const params = el('table', { class: 'params' }, el('thead', {}, el('tr', {}, el('th', {}, 'param'),
      el('th', {}, 'value'))));
    const pbody = el('tbody');
    const names = Object.keys(r.params || {}).sort();
    if (names.length === 0) pbody.append(row([el('td', { colspan: 2, class: 'muted' }, 'defaults')]));
    for (const n of names) pbody.append(row([n, r.params[n]]));
    params.append(pbody);
    box.append(el('h3', {}, r.run_id || ('trigger ' + r.trigger_ids.join(', '))), dl, el('h3', {}, 'Params'), params,
      el('h3', {}, 'Metrics'), r.metrics ? pre(r.metrics) : el('p', { class: 'muted' }, 'none (no successful attempt)'));
    for (const t of d.triggers) {
      box.append(el('h3', {}, 'Result file results/' + t.trigger_id + '.json'),
        t.result_file ? pre(t.result_file) : el('p', { class: 'muted' }, 'none'),
        el('h3', {}, 'Error file failed/' + t.trigger_id + '.error.json'),
        t.error_file ? pre(t.error_file) : el('p', { class: 'muted' }, 'none'));
    }
    box.append(el('h3', {}, 'Ledger lines'), pre(d.ledger.map((l) => JSON.stringify(l)).join('\n')));
  }
  $('runs-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target.elements;
    state.runsFilter = { job: f.job.value, status: f.status.value, requested_by: f.requested_by.value.trim(),
      trigger: f.trigger.value.trim() };
    refresh();
  });
  $('runs-filter').addEventListener('change', (e) => {
    if (e.target.tagName === 'SELECT') $('runs-filter').requestSubmit();
  });

  // ---- Gold -------------------------------------------------------------------------------------------------------
  function chart(id, config) {
    if (!window.Chart) throw new Error('Chart.js did not load from /console/vendor/');
    if (!api.charts[id]) {
      config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: false }, plugins: { legend: { position: 'right' } } },
      config.options || {});
      api.charts[id] = new window.Chart($(id), config);
    } else {
      api.charts[id].data = config.data;
      api.charts[id].update('none');
    }
    return api.charts[id];
  }
  function caption(id, g, what) {
    $(id).textContent = g.version === null ? g.table + ': no data yet (run ' + what + ')'
      : g.table + ' · Delta version ' + g.version + (g.truncated ? ' · newest rows only' : '');
  }
  function changed(key, g) {
    if (state.versions[key] === g.version && api.charts['chart-' + key]) return false;
    state.versions[key] = g.version;
    return true;
  }
  async function gold() {
    const [city, product, quality] = await Promise.all([getJson('/api/gold/revenue-by-city-hour'),
      getJson('/api/gold/revenue-by-product-day'), getJson('/api/gold/quality-by-hour')]);
    api.loaded.gold = { city, product, quality };
    if (changed('city-hour', city)) cityHour(city);
    if (changed('product-day', product)) productDay(product);
    if (changed('quality-hour', quality)) qualityHour(quality);
  }
  function cityHour(g) {
    caption('caption-city-hour', g, 'gold');
    // A linear time axis (epoch ms), so hours with no orders (late events days back) keep their real distance.
    const datasets = g.series.map((s, i) => ({ label: s.city,
      data: s.points.map((p) => ({ x: Date.parse(p.hour_start), y: Number(p.revenue) })),
      borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], pointRadius: 2,
      borderWidth: 1.5 }));
    const xs = datasets.flatMap((d) => d.data.map((p) => p.x));
    const first = xs.length ? Math.min(...xs) : 0;
    const last = xs.length ? Math.max(...xs) : 3600000;
    const step = Math.max(1, Math.ceil((last - first) / 3600000 / 12)) * 3600000; // whole hours, about 12 ticks
    chart('chart-city-hour', { type: 'line', data: { datasets },
      options: { scales: { y: { title: { display: true, text: 'revenue (EUR)' }, beginAtZero: true },
        x: { type: 'linear', min: first, max: Math.max(last, first + step), title: { display: true, text: 'hour (UTC)' },
          ticks: { stepSize: step, callback: (v) => new Date(v).toISOString().slice(5, 16).replace('T', ' ') } } } } });
    const body = clear($('table-city-hour').tBodies[0]);
    for (const s of g.series) {
      for (const p of s.points) {
        body.append(row([s.city, time(p.hour_start), td(money(p.revenue), 'num'), td(num(p.units), 'num'),
          td(num(p.orders), 'num')]));
      }
    }
  }
  function productDay(g) {
    caption('caption-product-day', g, 'gold');
    const labels = g.products.map((p) => p.product_name || p.product);
    const datasets = g.days.map((day, i) => ({ label: day, backgroundColor: PALETTE[i % PALETTE.length],
      data: g.products.map((p) => {
        const d = p.days.find((x) => x.day === day);
        return d ? Number(d.revenue) : 0;
      }) }));
    chart('chart-product-day', { type: 'bar', data: { labels, datasets },
      options: { scales: { y: { title: { display: true, text: 'revenue (EUR)' }, beginAtZero: true } } } });
    const body = clear($('table-product-day').tBodies[0]);
    for (const p of g.products) {
      for (const d of p.days) {
        body.append(row([p.product, p.product_name, d.day, td(money(d.revenue), 'num'), td(num(d.units), 'num'),
          td(num(d.orders), 'num')]));
      }
    }
  }
  // Where each hour's records went: the stacks add up to Bronze's rows (duplicates split by whether their payload
  // differs from their original's). The failed rules are a chart of their own: a row failing two rules counts under
  // both, so they add up to at least the quarantined rows, not to them.
  function qualityHour(g) {
    caption('caption-quality-hour', g, 'silver and gold');
    caption('caption-rules-hour', g, 'silver and gold');
    const labels = g.hours.map((h) => hour(h.hour_start));
    const conflicting = (h) => Number(h.conflicting_duplicates || 0);
    chart('chart-quality-hour', { type: 'bar', data: { labels, datasets: [
      { label: 'valid', backgroundColor: '#2ca02c', data: g.hours.map((h) => Number(h.silver_rows)) },
      { label: 'quarantined', backgroundColor: '#d62728', data: g.hours.map((h) => Number(h.quarantined_rows)) },
      { label: 'duplicates', backgroundColor: '#7f7f7f',
        data: g.hours.map((h) => Number(h.duplicates) - conflicting(h)) },
      { label: 'conflicting duplicates', backgroundColor: '#9467bd', data: g.hours.map(conflicting) }] },
      options: { scales: { x: { stacked: true, title: { display: true, text: 'hour of Kafka timestamp (UTC)' } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: 'records' } } } } });
    const datasets = g.rules.map((rule, i) => ({ label: rule,
      backgroundColor: ['#d62728', '#ff7f0e', '#e377c2', '#8c564b', '#bcbd22', '#9467bd', '#ad494a'][i % 7],
      data: g.hours.map((h) => Number(h.quarantined_by_rule[rule] || 0)) }));
    chart('chart-rules-hour', { type: 'bar', data: { labels, datasets },
      options: { scales: { x: { stacked: true, title: { display: true, text: 'hour of Kafka timestamp (UTC)' } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: 'rule failures' } } } } });
    const body = clear($('table-quality-hour').tBodies[0]);
    for (const h of g.hours) {
      const rules = Object.entries(h.quarantined_by_rule).map(([k, v]) => k + ' ' + v).join(', ');
      body.append(row([time(h.hour_start), td(num(h.bronze_rows), 'num'), td(num(h.silver_rows), 'num'),
        td(num(h.quarantined_rows), 'num'), rules || '–', td(num(h.duplicates), 'num'),
        td(num(conflicting(h)), 'num')]));
    }
  }

  // ---- Trigger ----------------------------------------------------------------------------------------------------
  let triggerFormReady = false;
  function paramRow(name, value) {
    const remove = el('button', { type: 'button', 'aria-label': 'remove param' }, '×');
    const r = el('div', { class: 'param-row' },
      el('input', { name: 'param-name', placeholder: 'name, e.g. max_offsets_per_trigger', value: name || '' }),
      el('input', { name: 'param-value', placeholder: 'value', value: value || '' }), remove);
    remove.addEventListener('click', () => r.remove());
    $('trigger-params').append(r);
  }
  async function trigger() {
    $('trigger-off').hidden = state.about.triggers_enabled;
    $('trigger-form').hidden = !state.about.triggers_enabled;
    if (state.about.triggers_enabled && !triggerFormReady) {
      const select = $('trigger-job');
      for (const j of state.about.jobs) select.append(el('option', { value: j }, j));
      triggerFormReady = true;
    }
    const recent = await getJson('/api/runs?' + new URLSearchParams({ requested_by: 'console', limit: '10' }));
    api.loaded.trigger = recent;
    const body = clear($('console-runs').tBodies[0]);
    if (recent.runs.length === 0) body.append(row([el('td', { colspan: 5, class: 'muted' }, 'none yet')]));
    for (const r of recent.runs) {
      const key = r.run_id ? { run_id: r.run_id } : { trigger_id: r.trigger_ids[0] };
      const tr = row([time(r.started_at || r.finished_at), r.job, status(r.status), r.trigger_ids.join(', '),
        td(ms(r.duration_ms), 'num')], { class: 'clickable', 'data-run-id': r.run_id });
      tr.addEventListener('click', () => openRun(key));
      body.append(tr);
    }
    if (state.follow) await follow();
  }
  async function follow() {
    const f = state.follow;
    const s = await getJson('/api/trigger?' + new URLSearchParams({ id: f.trigger_id, job: f.job }));
    api.followed = s;
    const box = clear($('trigger-follow'));
    box.hidden = false;
    const dl = el('dl');
    const add = (k, v) => dl.append(el('dt', {}, k), el('dd', {}, v));
    add('trigger', f.trigger_id);
    add('file', 'incoming/' + f.trigger_file);
    add('state', status(s.state === 'finished' ? s.result.status : s.state));
    if (s.run_id) add('run', s.run_id);
    box.append(el('h3', {}, 'Following your trigger'), dl);
    if (s.state === 'finished') {
      const r = s.result;
      if (r.run_id) {
        const link = el('a', { href: '#runs', id: 'trigger-open-run' }, 'open run ' + r.run_id);
        link.addEventListener('click', (e) => { e.preventDefault(); openRun({ run_id: r.run_id }); });
        box.append(link);
      }
      if (r.error) box.append(el('p', { class: 'error-text' }, r.error));
      box.append(el('h3', {}, 'Result file'), pre(r));
    }
  }
  $('trigger-add-param').addEventListener('click', () => paramRow());
  $('trigger-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const params = {};
    document.querySelectorAll('#trigger-params .param-row').forEach((r) => {
      const n = r.querySelector('[name=param-name]').value.trim();
      if (n) params[n] = r.querySelector('[name=param-value]').value;
    });
    const button = $('trigger-submit');
    button.disabled = true;
    try {
      const res = await fetch('/api/triggers', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ job: $('trigger-job').value, params }) });
      const body = await res.json().catch(() => ({ error: res.status + ' ' + res.statusText }));
      if (!res.ok) throw new Error(body.error || String(res.status));
      state.follow = body;
      showError(null);
      refresh();
    } catch (err) {
      showError(err);
    } finally {
      button.disabled = false;
    }
  });

  const LOADERS = { overview, runs, gold, trigger };

  // ---- start ------------------------------------------------------------------------------------------------------
  async function start() {
    try {
      state.about = await getJson('/api/console');
    } catch (e) {
      showError(e);
      setTimeout(start, 2000);
      return;
    }
    window.addEventListener('hashchange', show);
    show();
  }
  start();
})();
