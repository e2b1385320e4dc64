// Messages to the user: toasts for what they asked for, a polite live region for state changes.

import { $, el } from './dom.js';

export function toast(text, kind) {
  const close = el('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss', text: '×' });
  const node = el('div', { class: 'toast toast-' + (kind || 'info'), role: kind === 'error' ? 'alert' : 'status' },
    el('span', { class: 'toast-text', text }), close);
  close.addEventListener('click', () => node.remove());
  $('toasts').append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 12000 : 5000);
}

let lastAnnounce = '';
/** Screen readers hear state changes (politely; repeated words are not re-announced). */
export function announce(text) {
  if (text === lastAnnounce) return;
  lastAnnounce = text;
  $('announce').textContent = text;
}
