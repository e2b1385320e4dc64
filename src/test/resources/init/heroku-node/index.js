const http = require('http');

// Heroku tells the web process which port to bind through PORT; 5006 is for running it by hand.
const PORT = process.env.PORT || 5006;

const routes = {
  '/': (res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>Node on Heroku</title><h1>Getting started with Node</h1>\n');
  },
  '/times': (res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(Array.from({ length: Number(process.env.TIMES || 5) }, (_, i) => i).join(' ') + '\n');
  },
};

http.createServer((req, res) => {
  const route = routes[req.url];
  if (route) return route(res);
  res.writeHead(404);
  res.end('not found\n');
}).listen(PORT, () => console.log(`Listening on ${PORT}`));
