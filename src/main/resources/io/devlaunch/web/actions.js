// What the user asks the supervisor to do: a service's Restart/Stop/Start, Restart all, and
// Restart with reset (after a confirm dialog, since it deletes the `clean` paths). Each is one POST;
// its effect arrives as state events like any other change.

import { $ } from './dom.js';
import { post } from './api.js';
import { toast } from './notify.js';
import { services, supervisor, updateButtons } from './rows.js';

async function serviceAction(name, action) {
  const entry = services.get(name);
  if (!entry) return;
  entry.busy = true;          // no double clicks while the request is in flight
  updateButtons(entry);
  await post('/api/services/' + encodeURIComponent(name) + '/' + action, action + ' ' + name);
  entry.busy = false;
  updateButtons(entry);
}

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

export function wireActions() {
  // One listener for every service's buttons (rows come and go; a disabled button fires no click).
  $('services').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-action]');
    const body = button && button.closest('tbody.svc');
    if (body) serviceAction(body.dataset.service, button.dataset.action);
  });
  $('restart-all').addEventListener('click', () => restartAll(false));
  $('restart-reset').addEventListener('click', openResetDialog);
  $('reset-cancel').addEventListener('click', () => $('reset-dialog').close());
  $('reset-confirm').addEventListener('click', () => { $('reset-dialog').close(); restartAll(true); });
}
