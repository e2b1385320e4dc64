import express from 'express'

const app = express()
// CORS is not needed: the browser talks to http://localhost:5173 and Vite proxies to us.
const port = process.env.PORT || 3000

app.get('/ping', (req, res) => res.json({ ok: true }))

app.listen(port, () => console.log(`listening on ${port}`))
