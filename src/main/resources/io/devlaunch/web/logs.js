// The log pane: one buffer per view (all services merged, and each service), painted in batches,
// at most LOG_CAP lines each in memory and in the DOM. A line is text: its prefix and message are
// built with textContent and ansi.js's spans.
//
// The page never makes the supervisor wait: log lines are painted at most every PAINT_MS, in one
// frame, however many arrived.

import { $, el } from './dom.js';
import { ansiNodes, stripAnsi } from './ansi.js';
import { getJson } from './api.js';

const LOG_CAP = 5000;            // lines kept per view, in memory and in the DOM
const BACKLOG_LINES = 500;       // lines per service fetched when the page (re)connects
const PAINT_MS = 80;             // new log lines are painted at most this often
const TRIM_SLACK = 500;          // lines over LOG_CAP the DOM may hold before the oldest are dropped
export const ALL = '';           // the merged view's key

let colourSlots = new Map();     // name → 0..7, the colour of its log prefix (stable for the run)
let highestSeq = 0;              // the newest line's seq (a "skipped" note sorts after it)

function slotOf(name) {
  if (!colourSlots.has(name)) colourSlots.set(name, colourSlots.size % 8);
  return colourSlots.get(name);
}

/** A new run (another `devlaunch up` on the port) deals the prefix colours again. */
export function resetColours() {
  colourSlots = new Map();
}

export const logs = {
  buffers: new Map([[ALL, []]]),   // view → lines (oldest first), each {seq, service, stream, text, plain, note}
  lastSeq: new Map(),              // service → highest seq held (drops lines a backlog fetch already gave)
  view: ALL,
  matcher: null,                   // null: every line
  paused: false,
  pending: 0,                      // matching lines that arrived while paused
  queue: [],                       // matching lines not yet painted
  stick: true,                     // follow the tail (false once the user scrolls up)
  frame: 0,
};

function bufferOf(view) {
  if (!logs.buffers.has(view)) logs.buffers.set(view, []);
  return logs.buffers.get(view);
}

function capBuffer(buffer) {
  // Trimmed in batches, so the cost of splice is paid once per LOG_CAP / 5 lines, not per line.
  if (buffer.length > LOG_CAP + LOG_CAP / 5) buffer.splice(0, buffer.length - LOG_CAP);
}

function inView(line, view) {
  return view === ALL || line.note || line.service === view;
}

function matches(line) {
  return line.note || logs.matcher === null || logs.matcher(plainOf(line));
}

/** The line without escape codes, worked out the first time a filter needs it (not per line received). */
function plainOf(line) {
  if (line.plain === null) line.plain = stripAnsi(line.text);
  return line.plain;
}

function lineNode(line) {
  if (line.note) return el('div', { class: 'line note', role: 'note', text: line.text });
  return el('div', { class: 'line' + (line.stream === 'err' ? ' err' : '') },
    el('span', { class: 'who svc-c' + slotOf(line.service), text: line.service }),
    el('span', { class: 'msg' }, ...ansiNodes(line.text)));
}

export function atBottom(log) {
  return log.scrollHeight - log.scrollTop - log.clientHeight < 8;
}

export function scrollToEnd() {
  const log = $('log');
  log.scrollTop = log.scrollHeight;
  logs.stick = true;
  $('to-bottom').hidden = true;
}

/** Paints the queued lines (at most every PAINT_MS, however many arrived). */
function flush() {
  logs.frame = 0;
  const log = $('log');
  if (logs.paused) { renderPending(); return; }
  const lines = logs.queue.length > LOG_CAP ? logs.queue.slice(-LOG_CAP) : logs.queue;
  logs.queue = [];
  if (lines.length === 0) return;
  const fragment = document.createDocumentFragment();
  for (const line of lines) fragment.append(lineNode(line));
  if (log.firstElementChild?.classList.contains('empty')) log.firstElementChild.remove();   // the only child when there
  log.append(fragment);
  trimLog(log);
  if (logs.stick) scrollToEnd();
}

/** Drops the oldest lines past LOG_CAP in one range deletion, and only once TRIM_SLACK are over. */
function trimLog(log) {
  const extra = log.childElementCount - LOG_CAP;
  if (extra <= 0 || (extra < TRIM_SLACK && log.childElementCount < LOG_CAP * 2)) return;
  const range = document.createRange();
  range.setStartBefore(log.firstElementChild);
  range.setEndAfter(log.children[extra - 1]);
  range.deleteContents();
}

// A timer, then a frame: fewer, larger paints (layout and scrolling once per batch, not per
// screen refresh) keep a browser on a busy stack cheap; state changes are never batched.
function scheduleFlush() {
  if (!logs.frame) logs.frame = setTimeout(() => requestAnimationFrame(flush), PAINT_MS);
}

/** Rebuilds the pane from the selected view's buffer (after a view, filter, clear or resume). */
export function renderView() {
  const log = $('log');
  logs.queue = [];
  const lines = bufferOf(logs.view).filter(matches).slice(-LOG_CAP);
  const fragment = document.createDocumentFragment();
  for (const line of lines) fragment.append(lineNode(line));
  if (lines.length === 0) {
    fragment.append(el('div', { class: 'empty', text: logs.matcher ? 'No lines match the filter.' : 'No output yet.' }));
  }
  log.replaceChildren(fragment);
  log.classList.toggle('single', logs.view !== ALL);
  scrollToEnd();
}

export function renderPending() {
  $('pending').textContent = logs.paused && logs.pending > 0 ? logs.pending + ' new line' + (logs.pending === 1 ? '' : 's') : '';
}

/** Takes one line into its buffers and, when it is on screen, into the paint queue. */
function addLine(line) {
  for (const view of line.note ? logs.buffers.keys() : [ALL, line.service]) {
    const buffer = bufferOf(view);
    buffer.push(line);
    capBuffer(buffer);
  }
  if (!inView(line, logs.view) || !matches(line)) return;
  if (logs.paused) {
    logs.pending++;
  } else {
    logs.queue.push(line);
    if (logs.queue.length > LOG_CAP * 2) logs.queue.splice(0, logs.queue.length - LOG_CAP);   // a hidden tab paints no frames
  }
  scheduleFlush();
}

export function onLog(data) {
  highestSeq = Math.max(highestSeq, data.seq);
  const held = logs.lastSeq.get(data.service);
  if (held !== undefined && data.seq <= held) return;      // already had it from a backlog fetch
  logs.lastSeq.set(data.service, data.seq);
  addLine({ seq: data.seq, service: data.service, stream: data.stream, text: data.text, plain: null, note: false });
}

export function onSkipped(data) {
  const n = data.count;
  addLine({ seq: highestSeq + 0.5, service: null, note: true,
    text: n + ' line' + (n === 1 ? '' : 's') + ' skipped (the page fell behind)', plain: null });
}

/** Merges two seq-ordered line lists, dropping duplicates. */
function mergeBySeq(a, b) {
  const out = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i].seq <= b[j].seq) ? a[i++] : b[j++];
    if (out.length === 0 || out[out.length - 1].seq !== next.seq) out.push(next);
  }
  return out;
}

/** The recent lines of each of names, so the page does not open on an empty pane. */
export async function loadBacklog(names) {
  const results = await Promise.allSettled(names.map((name) =>
    getJson('/api/services/' + encodeURIComponent(name) + '/logs?n=' + BACKLOG_LINES)));
  let all = bufferOf(ALL);
  results.forEach((result, i) => {
    if (result.status !== 'fulfilled') return;
    const name = names[i];
    const lines = (result.value.lines || []).map((l) => ({ seq: l.seq, service: name, stream: l.stream, text: l.text, plain: null, note: false }));
    if (lines.length === 0) return;
    logs.buffers.set(name, mergeBySeq(bufferOf(name), lines).slice(-LOG_CAP));
    all = mergeBySeq(all, lines);
    const top = lines[lines.length - 1].seq;
    if (!(logs.lastSeq.get(name) >= top)) logs.lastSeq.set(name, top);
  });
  logs.buffers.set(ALL, all.slice(-LOG_CAP));
  if (!logs.paused) renderView();
}

export function resetLogs() {
  logs.buffers = new Map([[ALL, []]]);
  logs.lastSeq = new Map();
  logs.queue = [];
  logs.pending = 0;
  renderView();
}
