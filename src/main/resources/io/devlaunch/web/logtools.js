// The log pane's controls: one tab per view (All, then each service), the filter (text or regex,
// case-insensitive), pause/resume, clear, follow-the-tail.

import { $, el } from './dom.js';
import { ALL, atBottom, logs, renderPending, renderView, scrollToEnd } from './logs.js';

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

export function ensureTab(view) {
  if (tabs.has(view)) return;
  const label = view === ALL ? 'All' : view;
  const button = el('button', { type: 'button', role: 'tab', class: 'tab', id: 'tab-' + tabs.size, 'aria-controls': 'log',
    'aria-selected': String(view === logs.view), tabindex: view === logs.view ? '0' : '-1', 'data-view': view },
  el('span', { class: 'dot', 'aria-hidden': 'true' }), label);
  button.addEventListener('click', () => selectView(view));
  tabs.set(view, button);
  $('log-tabs').append(button);
}

export function removeTab(view) {
  tabs.get(view)?.remove();
  tabs.delete(view);
  logs.buffers.delete(view);
  if (logs.view === view) selectView(ALL);
}

export function markTab(view, state) {
  const tab = tabs.get(view);
  if (tab) tab.dataset.state = state;
}

export function selectView(view) {
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

/** The log tools' buttons and keys. */
export function wireLogTools() {
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
}
