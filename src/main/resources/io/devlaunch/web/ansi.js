// ANSI escape codes in a child's output, made safe: SGR colours and styles become class names on
// <span>s built by hand (app.css styles them), every other escape sequence and control character
// is dropped, and the characters themselves only ever reach the DOM as text.

import { el } from './dom.js';

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

export function stripAnsi(raw) {
  return afterCarriageReturns(raw).replace(ESCAPE, '').replace(CONTROLS, '');
}

/** A span (or a bare text node) per run: colour by class, characters by text. */
export function ansiNodes(raw) {
  return parseAnsi(raw).map((run) => (run.cls ? el('span', { class: run.cls, text: run.text }) : document.createTextNode(run.text)));
}
