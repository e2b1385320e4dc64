// Numbers as the table shows them.

function pad2(n) { return n < 10 ? '0' + n : String(n); }

/** "42s", "3m 07s", "2h 05m", "1d 4h". */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return s + 's';
  const m = Math.floor(s / 60);
  if (m < 60) return m + 'm ' + pad2(s % 60) + 's';
  const h = Math.floor(m / 60);
  if (h < 24) return h + 'h ' + pad2(m % 60) + 'm';
  return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
}

/** An exit code, naming the signal when the shell's 128+N convention says one ended it. */
export function exitText(code) {
  if (code === null || code === undefined) return '–';
  return code > 128 && code < 160 ? code + ' (signal ' + (code - 128) + ')' : String(code);
}
