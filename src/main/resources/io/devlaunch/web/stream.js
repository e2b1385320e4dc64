// The live feed: one EventSource on /api/events. "status" (the first event of every connection)
// replaces the table, "state" updates one row at once, "log" and "skipped" go to the log pane. The
// browser resumes a dropped stream itself (Last-Event-ID); when it gives up, the page starts anew.

import { $ } from './dom.js';
import { toast } from './notify.js';
import { applyState, applyStatus, services, supervisor } from './rows.js';
import { loadBacklog, onLog, onSkipped, resetColours, resetLogs } from './logs.js';

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
    resetColours();
    resetLogs();
    needBacklog = true;
  }
  if (needBacklog) {
    needBacklog = false;
    loadBacklog([...services.keys()]).catch((e) => toast('could not load earlier log lines: ' + e.message, 'error'));
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

export function connect() {
  source = new EventSource('/api/events');       // same origin: the cookie goes along
  source.addEventListener('open', () => setConnection('live', 'live'));
  source.addEventListener('status', (e) => onStatusEvent(JSON.parse(e.data)));
  source.addEventListener('state', (e) => applyState(JSON.parse(e.data)));
  source.addEventListener('log', (e) => onLog(JSON.parse(e.data)));
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
