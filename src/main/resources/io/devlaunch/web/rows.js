// The services table: one <tbody> per service (its row, and its reason row when it is unwell), built
// once and then updated in place from status rows and state events; the header's summary. On a
// narrow window app.css turns each <tbody> into a card.

import { $, el } from './dom.js';
import { ansiNodes, stripAnsi } from './ansi.js';
import { duration, exitText } from './format.js';
import { announce } from './notify.js';
import { ensureTab, markTab, removeTab, selectView } from './logtools.js';

const PROBLEM_STATES = new Set(['unhealthy', 'failed', 'backoff']);
const RUNNING_STATES = new Set(['starting', 'healthy', 'unhealthy', 'stopping']);
const STOPPABLE_STATES = new Set(['pending', 'starting', 'healthy', 'unhealthy', 'backoff']);
const STARTABLE_STATES = new Set(['stopped', 'exited', 'failed']);

export const services = new Map();   // name → { row, at, detail, busy, dom: {…} }
export let supervisor = { pid: null, running: false };   // a live binding: importers see each new value
let projectName = '';

/** The row's cells, built once per service; later changes only update their contents. */
function buildServiceDom(name) {
  const cell = (label, cls) => el('td', { 'data-label': label, class: cls });
  const dom = {
    body: el('tbody', { class: 'svc', 'data-service': name }),
    nameButton: el('button', { type: 'button', class: 'name-link', title: 'Show ' + name + '’s log', text: name }),
    watch: el('span', { class: 'watch', hidden: true, text: '↻ watch' }),
    attach: el('code', { class: 'attach', hidden: true, title: 'an interactive service: run this in a terminal to type into it' }),
    state: cell('State', 'c-state'), health: cell('Health now', 'c-health'), pid: cell('PID', 'c-pid num'),
    ports: cell('Ports', 'c-ports'), uptime: cell('Uptime', 'c-uptime num'), restarts: cell('Restarts', 'c-restarts num'),
    exit: cell('Last exit', 'c-exit num'), actions: cell('Actions', 'c-actions'),
    reasonRow: el('tr', { class: 'reason-row', hidden: true }),
    reasonText: el('p', { class: 'reason-text' }),
    lastLines: el('pre', { class: 'last-lines', tabindex: '0', 'aria-label': 'last output lines of ' + name }),
  };
  dom.buttons = {
    restart: el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'restart', 'aria-label': 'Restart ' + name, text: 'Restart' }),
    stop: el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'stop', 'aria-label': 'Stop ' + name, text: 'Stop' }),
    start: el('button', { type: 'button', class: 'btn btn-small', 'data-action': 'start', 'aria-label': 'Start ' + name, text: 'Start' }),
  };
  // Their clicks are taken by actions.js for the whole table (by data-action and the tbody's data-service).
  dom.actions.append(...Object.values(dom.buttons));
  dom.nameButton.addEventListener('click', () => { selectView(name); $('log').focus(); });
  const nameCell = el('th', { scope: 'row', class: 'c-name', 'data-label': 'Service' }, dom.nameButton, ' ', dom.watch, ' ', dom.attach);
  const mainRow = el('tr', { class: 'main-row' }, nameCell, dom.state, dom.health, dom.pid, dom.ports, dom.uptime,
    dom.restarts, dom.exit, dom.actions);
  dom.reasonRow.append(el('td', { colspan: '9' }, el('div', { class: 'reason', role: 'group', 'aria-label': 'why ' + name + ' is not running well' },
    dom.reasonText, dom.lastLines)));
  dom.body.append(mainRow, dom.reasonRow);
  return dom;
}

/** A service deserves an explanation when it is unwell or ended with a failure. */
function needsReason(row) {
  return PROBLEM_STATES.has(row.state) || (row.state === 'exited' && row.exitCode !== null && row.exitCode !== undefined && row.exitCode !== 0);
}

function stateLabel(row) {
  return row.state === 'exited' && row.exitCode !== null && row.exitCode !== undefined ? 'exited ' + row.exitCode : row.state;
}

function stateClass(row) {
  if (row.state === 'exited') return row.exitCode ? 'st-failed' : 'st-exited';
  return 'st-' + row.state;
}

function renderPorts(cell, row) {
  const ports = row.ports || [];
  const privates = row.privatePorts || [];
  if (ports.length === 0) { cell.replaceChildren('–'); return; }
  cell.replaceChildren(...ports.map((port, i) => {
    const link = el('a', { href: 'http://127.0.0.1:' + port + '/', target: '_blank', rel: 'noopener noreferrer', class: 'port', text: ':' + port });
    if (privates[i]) link.title = 'proxied: devlaunch holds :' + port + ' and forwards to :' + privates[i];
    return link;
  }));
}

function renderReason(entry) {
  const { row, dom } = entry;
  const show = needsReason(row);
  dom.reasonRow.hidden = !show;
  if (!show) return;
  const why = row.reason || entry.detail || (row.state === 'exited' ? 'exited with code ' + row.exitCode : row.state);
  dom.reasonText.replaceChildren(el('strong', { text: 'Why: ' }), stripAnsi(why));
  const lines = row.lastLines || [];
  dom.lastLines.hidden = lines.length === 0;
  const nodes = [];
  lines.forEach((line, i) => { if (i > 0) nodes.push('\n'); nodes.push(...ansiNodes(line)); });
  dom.lastLines.replaceChildren(...nodes);
}

export function updateButtons(entry) {
  const { row, dom, busy } = entry;
  const on = supervisor.running;
  dom.buttons.restart.disabled = busy || !on || row.state === 'stopping';
  dom.buttons.stop.disabled = busy || !on || !STOPPABLE_STATES.has(row.state);
  dom.buttons.start.disabled = busy || !on || !STARTABLE_STATES.has(row.state);
}

function renderUptime(entry) {
  const { row, dom } = entry;
  const live = row.uptimeMs !== null && row.uptimeMs !== undefined && RUNNING_STATES.has(row.state);
  dom.uptime.textContent = live ? duration(row.uptimeMs + (Date.now() - entry.at)) : '–';
}

function renderService(entry) {
  const { row, dom } = entry;
  dom.body.dataset.state = row.state;
  const badge = el('span', { class: 'badge ' + stateClass(row), title: entry.detail || null },
    el('span', { class: 'dot', 'aria-hidden': 'true' }), stateLabel(row));
  dom.state.replaceChildren(badge);
  dom.health.textContent = row.health ? stripAnsi(row.health) : '–';
  dom.pid.textContent = row.pid ? String(row.pid) : '–';
  renderPorts(dom.ports, row);
  renderUptime(entry);
  dom.restarts.textContent = String(row.restarts || 0);
  dom.exit.textContent = exitText(row.exitCode);
  const watching = row.watching || [];
  dom.watch.hidden = watching.length === 0;
  dom.watch.title = watching.length ? 'restarts when ' + watching.join(', ') + ' change' : '';
  dom.attach.hidden = !row.attach;
  dom.attach.textContent = row.waitingForInput ? '⏸ waiting for input: ' + row.attach : (row.attach || '');
  dom.attach.classList.toggle('waiting', !!row.waitingForInput);
  renderReason(entry);
  updateButtons(entry);
  markTab(row.name, row.state);
}

/** Adds or updates a service from a status row (or a state event's row). */
function upsertService(row, detail) {
  let entry = services.get(row.name);
  if (!entry) {
    entry = { row, at: Date.now(), detail: null, busy: false, dom: buildServiceDom(row.name) };
    services.set(row.name, entry);
    $('services').append(entry.dom.body);     // one <tbody> per service: its row and its reason
    ensureTab(row.name);
  }
  entry.row = row;
  entry.at = Date.now();
  if (detail !== undefined) entry.detail = detail;
  renderService(entry);
}

function renderHeader() {
  $('project').textContent = projectName || '(no project name)';
  $('supervisor').textContent = supervisor.running ? 'supervisor PID ' + supervisor.pid : 'supervisor not running';
  const rows = [...services.values()].map((e) => e.row);
  const healthy = rows.filter((r) => r.state === 'healthy').length;
  const bad = rows.filter(needsReason).length;
  $('summary').replaceChildren(el('span', { text: healthy + ' of ' + rows.length + ' healthy' }),
    bad ? el('span', { class: 'summary-bad', text: ' · ' + bad + ' need attention' }) : '');
  document.title = (bad ? '(' + bad + ' ✕) ' : '') + (projectName || 'devlaunch') + ' — devlaunch';
  $('restart-all').disabled = !supervisor.running;
  $('restart-reset').disabled = !supervisor.running;
}

/** A full picture (the first event of every connection): replaces the table. */
export function applyStatus(status) {
  projectName = status.project || '';
  supervisor = status.supervisor || { pid: null, running: false };
  const names = new Set((status.services || []).map((s) => s.name));
  for (const [name, entry] of services) {
    if (!names.has(name)) { entry.dom.body.remove(); services.delete(name); removeTab(name); }
  }
  for (const row of status.services || []) upsertService(row);
  const placeholder = $('placeholder');
  placeholder.hidden = services.size > 0;
  placeholder.querySelector('td').textContent = 'No services in launcher.conf.';
  renderHeader();
}

/** One transition, applied at once (the event carries the service's whole new row). */
export function applyState(ev) {
  const entry = services.get(ev.service);
  const row = ev.row || Object.assign({}, entry ? entry.row : { name: ev.service }, { state: ev.to, pid: ev.pid });
  upsertService(row, ev.detail || null);
  renderHeader();
  announce(ev.service + ' ' + stateLabel(row) + (ev.detail ? ': ' + stripAnsi(ev.detail) : ''));
}

/** The running clock in each row's Uptime cell. */
export function tickUptimes() {
  for (const entry of services.values()) renderUptime(entry);
}
