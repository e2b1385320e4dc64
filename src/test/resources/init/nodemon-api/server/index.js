const http = require('http');

// In production the platform sets PORT (e.g. http://localhost:8080).
const port = process.env.PORT || 3001;

http.createServer((req, res) => {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ notes: [] }));
}).listen(port, () => console.log(`notes API on http://localhost:${port}`));
