// A kept-alive client for bench/proxy_restarts.sh: Node's http.Agent({keepAlive: true,
// maxSockets: 1}), as Vite's dev-server proxy and most Node HTTP clients use it, no retry.
//
//   node keepalive_client.js PORT EVENTS [INTERVAL_MS [TIMEOUT_S [PATH]]]
//     GET http://127.0.0.1:PORT/ (or PATH) until SIGTERM (the request in progress finishes first), a new one
//     INTERVAL_MS (10) after the previous one started, or at once if that took longer; TIMEOUT_S (5)
//     s of socket inactivity fails a request. The agent reuses its one socket and opens a new one
//     when it is gone. EVENTS gets a line per request, as restart_client.py writes them:
//     "<start ns> <duration ns> <outcome>" (CLOCK_MONOTONIC: process.hrtime is libuv's uv_hrtime,
//     the same clock as Python's), followed for a failure by the error's code and message
//     ("closed ECONNRESET: socket hang up"), a non-200 by the first 160 bytes of its body. Outcomes: ok, http-NNN, refused, reset, closed (no
//     answer: "socket hang up"), cut (the answer aborted), timeout, error-CODE. A last line
//     "connections <n>" counts the TCP connections it opened.
"use strict";
const fs = require("fs");
const http = require("http");

const port = Number(process.argv[2]);
const out = fs.openSync(process.argv[3], "w");
const interval = BigInt(Number(process.argv[4] || 10)) * 1000000n;
const timeoutMs = Number(process.argv[5] || 5) * 1000;
const path = process.argv[6] || "/";
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const seen = new WeakSet();
let connections = 0;
let stop = false;
let busy = false;

function outcomeOf(e) {
  if (e.code === "ECONNREFUSED") return "refused";
  if (e.message === "socket hang up") return "closed";   // EOF (or RST) before any answer
  if (e.code === "ECONNRESET" || e.code === "EPIPE") return "reset";
  if (e.code === "ECONNABORTED" || e.message === "aborted") return "cut";
  if (e.code === "ETIMEDOUT") return "timeout";
  return "error-" + (e.code || e.name);
}

function finish() {
  fs.writeSync(out, "connections " + connections + "\n");
  fs.closeSync(out);
  agent.destroy();
  process.exit(0);
}

function next(t0prev) {
  if (stop) return finish();
  const now = process.hrtime.bigint();
  const due = t0prev === undefined ? now : t0prev + interval;
  if (due > now) return setTimeout(() => next(t0prev), Number(due - now) / 1e6);
  const t0 = process.hrtime.bigint();
  let done = false;
  busy = true;
  const end = (outcome, e, body) => {
    if (done) return;
    done = true;
    busy = false;
    const detail = e ? " " + (e.code || e.name) + ": " + e.message : body ? " " + body.slice(0, 160).replace(/\n/g, " ") : "";
    fs.writeSync(out, t0 + " " + (process.hrtime.bigint() - t0) + " " + outcome + detail + "\n");
    next(t0);
  };
  const req = http.get({ host: "127.0.0.1", port, path, agent, headers: { "User-Agent": "keepalive_client.js" } }, (res) => {
    let body = "";
    res.on("data", (d) => { if (res.statusCode !== 200) body += d; });
    res.on("aborted", () => end("cut", Object.assign(new Error("aborted"), { code: "ECONNABORTED" })));
    res.on("error", (e) => end(outcomeOf(e), e));
    res.on("end", () => end(res.statusCode === 200 ? "ok" : "http-" + res.statusCode, undefined, body));
  });
  req.on("socket", (s) => { if (!seen.has(s)) { seen.add(s); connections++; } });
  req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("no answer within " + timeoutMs + " ms"), { code: "ETIMEDOUT" })));
  req.on("error", (e) => end(outcomeOf(e), e));
}

for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => { stop = true; if (!busy) finish(); });
next();
