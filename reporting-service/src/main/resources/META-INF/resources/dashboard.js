// The support dashboard: reads only the public report API (summary and periods) with a bearer token (a lead signed
// in through the identity provider by signin.js, or, for scripts, one given as #token=), draws the
// charts with Chart.js and refreshes itself. Each chart's canvas carries data-points (the values it drew) and each
// tile data-value, so a headless browser test can check what was rendered.
'use strict';

const API = 'api/v1/reports';
// read once the sign-in has restored the fragment (#refresh=N), see the end of this file
let refreshSeconds = 60;
const COLORS = ['#3f7fbf', '#e07b39', '#2e9e5b', '#9b59b6', '#d64545', '#16a3b5', '#b8a02e', '#7f8c8d'];
const PRIORITY_COLORS = { P1: '#d64545', P2: '#e07b39', P3: '#3f7fbf', P4: '#7f8c8d', unknown: '#c0c7cf' };
const charts = {};
let timer = null;

function param(name) {
  const fragment = new URLSearchParams(location.hash.slice(1));
  return fragment.get(name) || new URLSearchParams(location.search).get(name);
}

/** The signed-in lead's access token, else a token given as #token= or pasted (scripts, tests). */
function token() {
  const fromUrl = param('token');
  if (fromUrl) {
    sessionStorage.setItem('ts-token', fromUrl);
    // keep the token out of the address bar and the history
    const fragment = new URLSearchParams(location.hash.slice(1));
    fragment.delete('token');
    history.replaceState(null, '', location.pathname + location.search + (fragment.toString() ? '#' + fragment : ''));
  }
  return Auth.accessToken() || sessionStorage.getItem('ts-token');
}

/** The claims of the token the page reads the reports with. */
function currentClaims(current) {
  return Auth.claims() || Auth._claims(current);
}

function displayName(c) {
  return c.name || c.preferred_username || c.sub || 'unknown';
}

/** Who the page reads the reports as: name and roles from the token's claims. */
function showWho() {
  const who = document.getElementById('who');
  const current = token();
  if (!current) {
    who.hidden = true;
    return;
  }
  const c = currentClaims(current);
  const name = displayName(c);
  const roles = ((c.realm_access && c.realm_access.roles) || []).filter(r => ['lead', 'admin'].includes(r));
  document.getElementById('who-name').textContent =
    'Signed in as ' + name + (roles.length ? ' (' + roles.join(', ') + ')' : '') + (Auth.accessToken() ? '' : ' · token');
  document.getElementById('who-name').dataset.subject = c.sub || '';
  who.hidden = false;
}

function showSignIn(message) {
  document.getElementById('signin').hidden = false;
  document.getElementById('signin-oidc').hidden = !Auth.configured();
  if (message) document.getElementById('status').textContent = message;
}

/**
 * The report API refused the token (403): someone is signed in who is neither a lead nor an admin. The page says so
 * (body data-access="forbidden") instead of showing empty charts, and offers Sign out (a pasted token: paste another).
 */
function showForbidden() {
  const c = currentClaims(token() || '');
  const name = displayName(c);
  document.getElementById('forbidden-who').textContent =
    name === 'unknown' ? 'This account' : name + (c.preferred_username && c.preferred_username !== name
                                                  ? ' (' + c.preferred_username + ')' : '');
  document.getElementById('forbidden').hidden = false;
  document.getElementById('reports').hidden = true;
  document.getElementById('signin').hidden = Boolean(Auth.accessToken());
  document.getElementById('signin-oidc').hidden = true;
  document.body.dataset.access = 'forbidden';
}

function hideForbidden() {
  document.getElementById('forbidden').hidden = true;
  document.getElementById('reports').hidden = false;
  delete document.body.dataset.access;
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function initPeriod() {
  const to = param('to') || isoDay(new Date());
  const from = param('from') || isoDay(new Date(Date.parse(to) - 29 * 86400000));
  document.getElementById('from').value = from;
  document.getElementById('to').value = to;
  document.getElementById('granularity').value = param('granularity') || 'day';
}

async function get(path) {
  const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' } });
  if (response.status === 403) {
    showForbidden();
    throw new Error('Not allowed: the reports are for leads and admins');
  }
  if (response.status === 401) {
    showSignIn();
    throw new Error('sign in: the token is missing or expired');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || problem.title || ('HTTP ' + response.status));
  }
  return response.json();
}

function fmtHours(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const hours = seconds / 3600;
  return hours < 1 ? Math.round(seconds / 60) + ' min' : hours.toFixed(1) + ' h';
}

function fmt(value, unit) {
  if (value === null || value === undefined) return '–';
  const text = Number.isInteger(value) ? String(value) : value.toFixed(unit === '/5' ? 2 : 1);
  return unit === '%' ? text + ' %' : unit === 'h' ? text + ' h' : unit === '/5' ? text + ' / 5' : text;
}

function tile(id, label, value, shown, target, met) {
  const div = document.createElement('div');
  div.className = 'tile ' + (met === true ? 'met' : met === false ? 'missed' : (target ? 'nodata' : ''));
  div.id = 'tile-' + id;
  div.dataset.value = value === null || value === undefined ? '' : String(value);
  div.innerHTML = '<div class="label"></div><div class="value"></div><div class="target"></div>';
  div.querySelector('.label').textContent = label;
  div.querySelector('.value').textContent = shown;
  if (target) {
    div.querySelector('.target').textContent = 'target ' + target;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = met === true ? 'on target' : met === false ? 'off target' : 'no data';
    div.querySelector('.target').appendChild(badge);
  }
  return div;
}

function renderTiles(summary) {
  const tiles = document.getElementById('tiles');
  tiles.replaceChildren();
  tiles.appendChild(tile('created', 'Tickets created', summary.tickets.total, String(summary.tickets.total)));
  tiles.appendChild(tile('backlog', 'Open backlog now', summary.backlog.total, String(summary.backlog.total)));
  tiles.appendChild(tile('frt-p50', 'First response p50', summary.first_response.p50_seconds,
                         fmtHours(summary.first_response.p50_seconds)));
  for (const kpi of summary.kpis) {
    tiles.appendChild(tile(kpi.name, kpi.label, kpi.value, fmt(kpi.value, kpi.unit),
                           kpi.comparison.replace('>=', '≥').replace('<=', '≤') + ' ' + fmt(kpi.target, kpi.unit),
                           kpi.met));
  }
}

function draw(id, config, points) {
  const canvas = document.getElementById(id);
  canvas.dataset.points = String(points);
  config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options);
  if (charts[id]) {
    charts[id].data = config.data;
    charts[id].options = config.options;
    charts[id].update();
  } else {
    charts[id] = new Chart(canvas, config);
  }
}

function count(datasets) {
  return datasets.reduce((n, d) => n + d.data.filter(v => v !== null && v !== 0).length, 0);
}

function renderVolume(periods) {
  const labels = periods.periods.map(p => p.start);
  const channels = [...new Set(periods.periods.flatMap(p => Object.keys(p.created_by_channel)))].sort();
  const datasets = channels.map((channel, i) => ({
    label: channel, backgroundColor: COLORS[i % COLORS.length],
    data: periods.periods.map(p => p.created_by_channel[channel] || 0),
  }));
  draw('chart-volume', { type: 'bar', data: { labels, datasets },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } } },
    count(datasets));
}

function renderBacklog(summary) {
  const byTeam = summary.backlog.by_team_and_priority;
  const teams = Object.keys(byTeam).sort();
  const priorities = [...new Set(teams.flatMap(t => Object.keys(byTeam[t])))].sort();
  const datasets = priorities.map(p => ({
    label: p, backgroundColor: PRIORITY_COLORS[p] || '#c0c7cf', data: teams.map(t => byTeam[t][p] || 0),
  }));
  draw('chart-backlog', { type: 'bar', data: { labels: teams, datasets },
    options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
                                         y: { stacked: true } } } }, count(datasets));
}

function renderSla(summary) {
  const target = summary.kpis.find(k => k.name === 'sla_compliance').target;
  const priorities = Object.keys(summary.sla.by_priority).sort();
  const labels = ['all', ...priorities];
  const values = [summary.sla.compliance_percent,
                  ...priorities.map(p => summary.sla.by_priority[p].overall.compliance_percent)];
  const datasets = [
    { type: 'bar', label: 'compliance %', data: values,
      backgroundColor: values.map(v => v === null ? '#c0c7cf' : v >= target ? '#2e9e5b' : '#d64545') },
    { type: 'line', label: 'target ' + target + ' %', data: labels.map(() => target), borderColor: '#1d2733',
      borderDash: [6, 4], pointRadius: 0, fill: false },
  ];
  draw('chart-sla', { data: { labels, datasets }, options: { scales: { y: { min: 0, max: 100 } } } },
       count([datasets[0]]));
}

function renderTimes(periods) {
  const labels = periods.periods.map(p => p.start);
  const series = [
    ['first response p50', 'first_response_p50_seconds', '#3f7fbf', []],
    ['first response p95', 'first_response_p95_seconds', '#3f7fbf', [6, 4]],
    ['resolution p50', 'resolution_p50_seconds', '#e07b39', []],
    ['resolution p95', 'resolution_p95_seconds', '#e07b39', [6, 4]],
  ];
  const datasets = series.map(([label, key, color, dash]) => ({
    label, borderColor: color, backgroundColor: color, borderDash: dash, spanGaps: true,
    data: periods.periods.map(p => p.values[key] === null ? null : +(p.values[key] / 3600).toFixed(2)),
  }));
  draw('chart-times', { type: 'line', data: { labels, datasets }, options: { scales: { y: { beginAtZero: true } } } },
       count(datasets));
}

function renderCsat(summary) {
  const teams = Object.keys(summary.csat.by_team).sort();
  const target = summary.kpis.find(k => k.name === 'csat_average').target;
  const values = teams.map(t => summary.csat.by_team[t].average);
  const datasets = [
    { type: 'bar', label: 'CSAT average', data: values,
      backgroundColor: values.map(v => v >= target ? '#2e9e5b' : '#d64545') },
    { type: 'line', label: 'target ' + target, data: teams.map(() => target), borderColor: '#1d2733',
      borderDash: [6, 4], pointRadius: 0, fill: false },
  ];
  draw('chart-csat', { data: { labels: teams, datasets }, options: { scales: { y: { min: 0, max: 5 } } } },
       count([datasets[0]]));
}

function renderTop(summary) {
  const categories = summary.top_issues.categories;
  const datasets = [{ label: 'tickets', backgroundColor: '#3f7fbf', data: categories.map(c => c.tickets) }];
  draw('chart-top', { type: 'bar', data: { labels: categories.map(c => c.category), datasets },
    options: { indexAxis: 'y', plugins: { legend: { display: false } },
               scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } }, count(datasets));
  const list = document.getElementById('recurring');
  list.replaceChildren();
  for (const r of summary.top_issues.recurring) {
    const li = document.createElement('li');
    li.textContent = 'Recurring: “' + r.signature + '” — ' + r.tickets + ' tickets' + (r.category ? ' (' + r.category + ')' : '');
    list.appendChild(li);
  }
}

async function refresh() {
  const status = document.getElementById('status');
  if (!token()) {
    if (Auth.configured() && !Auth.signedOut() && !Auth.error()) {
      status.textContent = 'Signing in…';
      Auth.signIn();
      return;
    }
    showWho();
    document.getElementById('reports').hidden = true; // no empty charts before anyone signed in
    showSignIn(Auth.error() || 'Sign in to see the reports');
    status.className = Auth.error() ? 'status error' : 'status';
    return;
  }
  showWho();
  const from = document.getElementById('from').value;
  const to = document.getElementById('to').value;
  const granularity = document.getElementById('granularity').value;
  const window = 'from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to);
  try {
    const [summary, periods] = await Promise.all([
      get(API + '/summary?' + window),
      get(API + '/periods?granularity=' + granularity + '&' + window),
    ]);
    document.getElementById('signin').hidden = true;
    hideForbidden();
    renderTiles(summary);
    renderVolume(periods);
    renderBacklog(summary);
    renderSla(summary);
    renderTimes(periods);
    renderCsat(summary);
    renderTop(summary);
    status.className = 'status';
    status.textContent = 'Updated ' + new Date().toLocaleTimeString() + ' · refreshes every ' + refreshSeconds + ' s';
    document.body.dataset.loaded = 'true';
  } catch (e) {
    status.className = 'status error';
    status.textContent = e.message;
  }
}

document.getElementById('period').addEventListener('submit', event => {
  event.preventDefault();
  refresh();
});
document.getElementById('token-form').addEventListener('submit', event => {
  event.preventDefault();
  sessionStorage.setItem('ts-token', document.getElementById('token').value.trim());
  document.getElementById('token').value = '';
  refresh();
});
document.getElementById('signin-oidc').addEventListener('click', () => Auth.signIn());
document.getElementById('signout').addEventListener('click', () => Auth.signOut());
(async () => {
  await Auth.init(); // completes a sign-in the identity provider sent back, restoring the fragment (period, refresh)
  refreshSeconds = Number(param('refresh')) || 60;
  initPeriod();
  await refresh();
  timer = setInterval(refresh, refreshSeconds * 1000);
})();
