// The dashboard's HTTP API (same origin: the HttpOnly cookie goes along; the page never sees the token).

import { toast } from './notify.js';

const HTTP_WHY = {
  401: 'not signed in — open the address `devlaunch dashboard` prints (it carries the token)',
  403: 'refused by the dashboard',
  404: 'no such service',
  409: 'the supervisor is busy (another restart is running); try again in a moment',
};

/** POSTs an operation; the answer is only "accepted", what happens next arrives as state events. */
export async function post(path, what) {
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

export async function getJson(path) {
  const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error('HTTP ' + res.status);
  return res.json();
}
