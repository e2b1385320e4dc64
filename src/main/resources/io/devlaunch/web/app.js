// devlaunch dashboard: one live page over the running supervisor's HTTP API.
//
// Rules this file keeps (the page can stop processes and shows other programs' output):
//  * a child's output is data, never markup: every string reaches the DOM through textContent or a
//    text node, and ANSI colour codes become <span class="fg-N"> built by hand;
//  * no inline script or style (the server's CSP forbids both), so no element.style either: looks
//    live in app.css and are switched by class names;
//  * the page never makes the supervisor wait: log lines are painted once per animation frame, and
//    each view keeps at most LOG_CAP lines.
'use strict';

(() => {
  const LOG_CAP = 5000;            // lines kept per view, in memory and in the DOM
  const BACKLOG_LINES = 500;       // lines per service fetched when the page (re)connects
  const PAINT_MS = 80;             // new log lines are painted at most this often
  const TRIM_SLACK = 500;          // lines over LOG_CAP the DOM may hold before the oldest are dropped
  const ALL = '';                  // the merged view's key
  const PROBLEM_STATES = new Set(['unhealthy', 'failed', 'backoff']);
  const RUNNING_STATES = new Set(['starting', 'healthy', 'unhealthy', 'stopping']);
  const STOPPABLE_STATES = new Set(['pending', 'starting', 'healthy', 'unhealthy', 'backoff']);
  const STARTABLE_STATES = new Set(['stopped', 'exited', 'failed']);

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- DOM building (no innerHTML)

  /** An element with a class, text and attributes; children may be nodes or strings (as text). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  // ---------------------------------------------------------------- ANSI escape codes

  // One escape sequence: CSI (ESC [ params intermediates final), OSC (ESC ] … BEL or ESC \),
  // DCS/SOS/PM/APC strings, two/three-byte escapes, or a lone ESC. Only CSI … m (SGR) is kept, as
  // classes; everything else (cursor moves, titles, hyperlinks) is dropped.
  const ESCAPE = /\x1b(?:\[([0-?]*)([ -/]*)([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[ -/]*[0-~])?/g;
  // Other control characters would show as boxes; tabs stay.
  const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f\x9b]/g;

  // xterm's 16 colours, to map 256-colour and true-colour codes onto the 16 classes app.css styles.
  const BASIC_RGB = [[0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205],
    [229, 229, 229], [127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0], [92, 92, 255], [255, 0, 255],
    [0, 255, 255], [255, 255, 255]];

  function nearestBasic(r, g, b) {
    let best = 0, bestDistance = Infinity;
    BASIC_RGB.forEach(([br, bg, bb], i) => {
      const d = (r - br) ** 2 + (g - bg) ** 2 + (b - bb) ** 2;
      if (d < bestDistance) { best = i; bestDistance = d; }
    });
    return best;
  }

  function colour256(n) {
    if (n < 16) return n;
    if (n < 232) {
      const level = [0, 95, 135, 175, 215, 255];
      const v = n - 16;
      return nearestBasic(level[Math.floor(v / 36)], level[Math.floor(v / 6) % 6], level[v % 6]);
    }
    const grey = 8 + 10 * (n - 232);
    return grey < 60 ? 0 : grey < 150 ? 8 : grey < 220 ? 7 : 15;
  }

  /** Reads an extended colour (38/48 …) starting at params[i]; returns [colour or null, params used]. */
  function extendedColour(params, i) {
    if (params[i + 1] === 5) return [colour256(params[i + 2] || 0), 3];
    if (params[i + 1] === 2) return [nearestBasic(params[i + 2] || 0, params[i + 3] || 0, params[i + 4] || 0), 5];
    return [null, 1];
  }

  /** Applies one SGR sequence's parameters to the running style. */
  function applySgr(style, paramText) {
    // "38:5:196" and "38:2::255:0:0" (colon sub-parameters) read like their ";" forms.
    const params = paramText === '' ? [0] : paramText.replace(/::/g, ':').split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      if (p === 0) Object.assign(style, { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false });
      else if (p === 1) style.bold = true;
      else if (p === 2) style.dim = true;
      else if (p === 3) style.italic = true;
      else if (p === 4) style.underline = true;
      else if (p === 7) style.inverse = true;
      else if (p === 9) style.strike = true;
      else if (p === 21 || p === 22) { style.bold = false; style.dim = false; }
      else if (p === 23) style.italic = false;
      else if (p === 24) style.underline = false;
      else if (p === 27) style.inverse = false;
      else if (p === 29) style.strike = false;
      else if (p >= 30 && p <= 37) style.fg = p - 30;
      else if (p >= 90 && p <= 97) style.fg = p - 90 + 8;
      else if (p >= 40 && p <= 47) style.bg = p - 40;
      else if (p >= 100 && p <= 107) style.bg = p - 100 + 8;
      else if (p === 39) style.fg = null;
      else if (p === 49) style.bg = null;
      else if (p === 38 || p === 48) {
        const [colour, used] = extendedColour(params, i);
        if (colour !== null) style[p === 38 ? 'fg' : 'bg'] = colour;
        i += used - 1;
      }
    }
  }

  function styleClass(style) {
    const c = [];
    let fg = style.fg, bg = style.bg;
    if (style.inverse) {
      c.push(bg === null ? 'fg-rev' : 'fg-' + bg, fg === null ? 'bg-rev' : 'bg-' + fg);
    } else {
      if (fg !== null) c.push('fg-' + fg);
      if (bg !== null) c.push('bg-' + bg);
    }
    if (style.bold) c.push('sgr-b');
    if (style.dim) c.push('sgr-d');
    if (style.italic) c.push('sgr-i');
    if (style.underline) c.push('sgr-u');
    if (style.strike) c.push('sgr-s');
    return c.join(' ');
  }

  /** A terminal overwrites a line at each carriage return; show what it would end with. */
  function afterCarriageReturns(text) {
    const cut = text.replace(/\r+$/, '').lastIndexOf('\r');
    return cut < 0 ? text.replace(/\r/g, '') : text.slice(cut + 1).replace(/\r/g, '');
  }

  /** The line split into runs of text with the classes its SGR codes ask for: [{text, cls}]. */
  function parseAnsi(raw) {
    const text = afterCarriageReturns(raw);
    const runs = [];
    const style = { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false };
    let last = 0;
    const push = (chunk) => {
      const clean = chunk.replace(CONTROLS, '');
      if (clean === '') return;
      const cls = styleClass(style);
      const prev = runs[runs.length - 1];
      if (prev && prev.cls === cls) prev.text += clean;
      else runs.push({ text: clean, cls });
    };
    ESCAPE.lastIndex = 0;
    for (let m; (m = ESCAPE.exec(text)) !== null;) {
      push(text.slice(last, m.index));
      last = ESCAPE.lastIndex;
      if (m[3] === 'm' && m[2] === '') applySgr(style, m[1]);
      if (m[0] === '') ESCAPE.lastIndex++;   // cannot happen (the pattern starts with ESC); guards a loop
    }
    push(text.slice(last));
    return runs;
  }

  function stripAnsi(raw) {
    return afterCarriageReturns(raw).replace(ESCAPE, '').replace(CONTROLS, '');
  }

  /** A span (or a bare text node) per run: colour by class, characters by text. */
  function ansiNodes(raw) {
    return parseAnsi(raw).map((run) => (run.cls ? el('span', { class: run.cls, text: run.text }) : document.createTextNode(run.text)));
  }

  // ---------------------------------------------------------------- small formatting

  function pad2(n) { return n < 10 ? '0' + n : String(n); }

  function duration(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return s + 's';
    const m = Math.floor(s / 60);
    if (m < 60) return m + 'm ' + pad2(s % 60) + 's';
    const h = Math.floor(m / 60);
    if (h < 24) return h + 'h ' + pad2(m % 60) + 'm';
    return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
  }

  function exitText(code) {
    if (code === null || code === undefined) return '–';
    return code > 128 && code < 160 ? code + ' (signal ' + (code - 128) + ')' : String(code);
  }

  // ---------------------------------------------------------------- messages to the user

  function toast(text, kind) {
    const close = el('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss', text: '×' });
    const node = el('div', { class: 'toast toast-' + (kind || 'info'), role: kind === 'error' ? 'alert' : 'status' },
      el('span', { class: 'toast-text', text }), close);
    close.addEventListener('click', () => node.remove());
    $('toasts').append(node);
    setTimeout(() => node.remove(), kind === 'error' ? 12000 : 5000);
  }

  let lastAnnounce = '';
  /** Screen readers hear state changes (politely; repeated words are not re-announced). */
  function announce(text) {
    if (text === lastAnnounce) return;
    lastAnnounce = text;
    $('announce').textContent = text;
  }

  // ---------------------------------------------------------------- the HTTP API

  const HTTP_WHY = {
    401: 'not signed in — open the address `devlaunch dashboard` prints (it carries the token)',
    403: 'refused by the dashboard',
    404: 'no such service',
    409: 'the supervisor is busy (another restart is running); try again in a moment',
  };

  /** POSTs an operation; the answer is only "accepted", what happens next arrives as state events. */
  async function post(path, what) {
    let res;
    try {
      res = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' } });
    } catch (e) {
      toast(what + ': the dashboard did not answer (' + e.message + ')', 'error');
      return false;
    }
    if (res.ok) return true;
    let detail = '';
    try { detail = (await res.json()).error || ''; } catch (ignored) { /* not JSON: the status says enough */ }
    const why = HTTP_WHY[res.status] || 'failed';
    toast(what + ': ' + why + ' (HTTP ' + res.status + ')' + (detail ? ' — ' + detail : ''), 'error');
    return false;
  }

  async function getJson(path) {
    const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    return res.json();
  }

  // ---------------------------------------------------------------- the services table

  const services = new Map();      // name → { row, at, detail, busy, dom: {…} }
  let colourSlots = new Map();     // name → 0..7, the colour of its log prefix (stable for the run)
  let supervisor = { pid: null, running: false };
  let projectName = '';

  function slotOf(name) {
    if (!colourSlots.has(name)) colourSlots.set(name, colourSlots.size % 8);
    return colourSlots.get(name);
  }

  /** The row's cells, built once per service; later changes only update their contents. */
  function buildServiceDom(name) {
    const cell = (label, cls) => el('td', { 'data-label': label, class: cls });
    const dom = {
      body: el('tbody', { class: 'svc', 'data-service': name }),
      nameButton: el('button', { type: 'button', class: 'name-link', title: 'Show ' + name + '’s log', text: name }),
      watch: el('span', { class: 'watch', hidden: true, text: '↻ watch' }),
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
    for (const [action, button] of Object.entries(dom.buttons)) {
      button.addEventListener('click', () => serviceAction(name, action));
      dom.actions.append(button);
    }
    dom.nameButton.addEventListener('click', () => { selectView(name); $('log').focus(); });
    const nameCell = el('th', { scope: 'row', class: 'c-name', 'data-label': 'Service' }, dom.nameButton, ' ', dom.watch);
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

  function updateButtons(entry) {
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
  function applyStatus(status) {
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
  function applyState(ev) {
    const entry = services.get(ev.service);
    const row = ev.row || Object.assign({}, entry ? entry.row : { name: ev.service }, { state: ev.to, pid: ev.pid });
    upsertService(row, ev.detail || null);
    renderHeader();
    announce(ev.service + ' ' + stateLabel(row) + (ev.detail ? ': ' + stripAnsi(ev.detail) : ''));
  }

  async function serviceAction(name, action) {
    const entry = services.get(name);
    if (!entry) return;
    entry.busy = true;          // no double clicks while the request is in flight
    updateButtons(entry);
    await post('/api/services/' + encodeURIComponent(name) + '/' + action, action + ' ' + name);
    entry.busy = false;
    updateButtons(entry);
  }

  // ---------------------------------------------------------------- the log pane

  const logs = {
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

  function atBottom(log) {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 8;
  }

  function scrollToEnd() {
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
  function renderView() {
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

  function renderPending() {
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

  function onLog(data) {
    const held = logs.lastSeq.get(data.service);
    if (held !== undefined && data.seq <= held) return;      // already had it from a backlog fetch
    logs.lastSeq.set(data.service, data.seq);
    addLine({ seq: data.seq, service: data.service, stream: data.stream, text: data.text, plain: null, note: false });
  }

  let highestSeq = 0;
  function onSkipped(data) {
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

  /** The recent lines of every service, so the page does not open on an empty pane. */
  async function loadBacklog() {
    const names = [...services.keys()];
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

  function resetLogs() {
    logs.buffers = new Map([[ALL, []]]);
    logs.lastSeq = new Map();
    logs.queue = [];
    logs.pending = 0;
    renderView();
  }

  // ---- filter, pause, clear, views

  function updateFilter() {
    const source = $('filter').value;
    const error = $('filter-error');
    error.textContent = '';
    $('filter').classList.remove('invalid');
    if (source === '') {
      logs.matcher = null;
    } else if ($('regex').checked) {
      try {
        const re = new RegExp(source, 'i');
        logs.matcher = (text) => re.test(text);
      } catch (e) {
        error.textContent = 'invalid regex (' + e.message.replace(/^Invalid regular expression: /, '') + '); matching as text';
        $('filter').classList.add('invalid');
        logs.matcher = textMatcher(source);
      }
    } else {
      logs.matcher = textMatcher(source);
    }
    if (!logs.paused) renderView();
  }

  function textMatcher(source) {
    const needle = source.toLowerCase();
    return (text) => text.toLowerCase().includes(needle);
  }

  function setPaused(paused) {
    logs.paused = paused;
    const button = $('pause');
    button.setAttribute('aria-pressed', String(paused));
    button.textContent = paused ? 'Resume' : 'Pause';
    $('log').classList.toggle('paused', paused);
    if (!paused) {
      logs.pending = 0;
      renderView();
    }
    renderPending();
  }

  function clearView() {
    if (logs.view === ALL) {
      for (const key of logs.buffers.keys()) logs.buffers.set(key, []);
    } else {
      logs.buffers.set(logs.view, []);
    }
    logs.pending = 0;
    renderPending();
    renderView();
  }

  const tabs = new Map();          // view → its tab button

  function ensureTab(view) {
    if (tabs.has(view)) return;
    const label = view === ALL ? 'All' : view;
    const button = el('button', { type: 'button', role: 'tab', class: 'tab', id: 'tab-' + tabs.size, 'aria-controls': 'log',
      'aria-selected': String(view === logs.view), tabindex: view === logs.view ? '0' : '-1', 'data-view': view },
    el('span', { class: 'dot', 'aria-hidden': 'true' }), label);
    button.addEventListener('click', () => selectView(view));
    tabs.set(view, button);
    $('log-tabs').append(button);
  }

  function removeTab(view) {
    tabs.get(view)?.remove();
    tabs.delete(view);
    logs.buffers.delete(view);
    if (logs.view === view) selectView(ALL);
  }

  function markTab(view, state) {
    const tab = tabs.get(view);
    if (tab) tab.dataset.state = state;
  }

  function selectView(view) {
    if (!tabs.has(view)) return;
    logs.view = view;
    for (const [key, tab] of tabs) {
      const selected = key === view;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    $('log').setAttribute('aria-labelledby', tabs.get(view).id);
    logs.pending = 0;
    renderPending();
    renderView();
  }

  /** Arrow keys move between tabs (one tab stop for the whole list, as ARIA tabs do). */
  function onTabKey(event) {
    const order = [...tabs.keys()];
    const at = order.indexOf(logs.view);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: order.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const view = order[(to + order.length) % order.length];
    selectView(view);
    tabs.get(view).focus();
  }

  // ---------------------------------------------------------------- the event stream

  let source = null;
  let retryMs = 1000;
  let needBacklog = true;

  function setConnection(kind, text) {
    const conn = $('conn');
    conn.className = 'conn conn-' + kind;
    $('conn-text').textContent = text;
  }

  function onStatusEvent(status) {
    const newRun = supervisor.pid !== null && status.supervisor && status.supervisor.pid !== supervisor.pid;
    applyStatus(status);
    setConnection('live', 'live');
    retryMs = 1000;
    if (newRun) {                 // another `devlaunch up` on the same port: its seqs start again
      colourSlots = new Map();
      resetLogs();
      needBacklog = true;
    }
    if (needBacklog) {
      needBacklog = false;
      loadBacklog().catch((e) => toast('could not load earlier log lines: ' + e.message, 'error'));
    }
  }

  /** Why the stream was refused, in words (EventSource itself never says). */
  async function explainRefusal() {
    try {
      const res = await fetch('/api/status', { credentials: 'same-origin' });
      if (res.status === 401) return 'not signed in: open the address `devlaunch dashboard` prints';
      if (res.status === 403) return 'refused (HTTP 403)';
      return res.ok ? 'the event stream closed' : 'HTTP ' + res.status;
    } catch (e) {
      return 'the supervisor is not answering';
    }
  }

  function connect() {
    source = new EventSource('/api/events');       // same origin: the cookie goes along
    source.addEventListener('open', () => setConnection('live', 'live'));
    source.addEventListener('status', (e) => onStatusEvent(JSON.parse(e.data)));
    source.addEventListener('state', (e) => applyState(JSON.parse(e.data)));
    source.addEventListener('log', (e) => {
      const data = JSON.parse(e.data);
      highestSeq = Math.max(highestSeq, data.seq);
      onLog(data);
    });
    source.addEventListener('skipped', (e) => onSkipped(JSON.parse(e.data)));
    source.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself and resumes with Last-Event-ID. CLOSED: it gave
      // up (an error status, e.g. a new run's token), so the page retries with a fresh stream.
      if (source.readyState === EventSource.CONNECTING) {
        setConnection('reconnecting', 'reconnecting…');
        return;
      }
      source.close();
      explainRefusal().then((why) => setConnection('offline', 'disconnected — ' + why + '; retrying'));
      needBacklog = true;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 15000);
    });
  }

  // ---------------------------------------------------------------- header actions and wiring

  function openResetDialog() {
    const dialog = $('reset-dialog');
    dialog.showModal();
    $('reset-cancel').focus();
  }

  async function restartAll(reset) {
    const button = $(reset ? 'restart-reset' : 'restart-all');
    button.disabled = true;
    const ok = await post('/api/restart' + (reset ? '?reset=true' : ''), reset ? 'restart with reset' : 'restart all');
    if (ok) toast(reset ? 'Removing the clean paths and restarting every service…' : 'Restarting every service…', 'info');
    button.disabled = !supervisor.running;
  }

  function wire() {
    $('restart-all').addEventListener('click', () => restartAll(false));
    $('restart-reset').addEventListener('click', openResetDialog);
    $('reset-cancel').addEventListener('click', () => $('reset-dialog').close());
    $('reset-confirm').addEventListener('click', () => { $('reset-dialog').close(); restartAll(true); });
    $('filter').addEventListener('input', updateFilter);
    $('filter').addEventListener('keydown', (e) => { if (e.key === 'Escape' && $('filter').value) { $('filter').value = ''; updateFilter(); } });
    $('regex').addEventListener('change', updateFilter);
    $('pause').addEventListener('click', () => setPaused(!logs.paused));
    $('clear').addEventListener('click', clearView);
    $('to-bottom').addEventListener('click', scrollToEnd);
    $('log-tabs').addEventListener('keydown', onTabKey);
    $('log').addEventListener('scroll', () => {
      logs.stick = atBottom($('log'));
      $('to-bottom').hidden = logs.stick;
    });
    // "/" jumps to the filter, as in many log viewers (not while typing somewhere else).
    document.addEventListener('keydown', (e) => {
      if (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) && !$('reset-dialog').open) {
        e.preventDefault();
        $('filter').focus();
      }
    });
    setInterval(() => { for (const entry of services.values()) renderUptime(entry); }, 1000);
  }

  wire();
  ensureTab(ALL);
  selectView(ALL);
  connect();
})();
