// devlaunch dashboard: one live page over the running supervisor's HTTP API. This module only wires
// the others together; each is named for what it does.
//
// Rules every module keeps (the page can stop processes and shows other programs' output):
//  * a child's output is data, never markup: every string reaches the DOM through textContent or a
//    text node, and ANSI colour codes become <span class="fg-N"> built by hand (ansi.js);
//  * no inline script or style (the server's CSP forbids both), so no element.style either: looks
//    live in app.css and are switched by class names;
//  * the page never makes the supervisor wait: log lines are painted in batches, and each view
//    keeps at most a fixed number of lines (logs.js).

import { wireActions } from './actions.js';
import { ALL } from './logs.js';
import { ensureTab, selectView, wireLogTools } from './logtools.js';
import { tickUptimes } from './rows.js';
import { connect } from './stream.js';

wireActions();
wireLogTools();
setInterval(tickUptimes, 1000);
ensureTab(ALL);
selectView(ALL);
connect();
