import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/* The dev server runs on http://localhost:5173; during development it
   hands API calls to Express. */
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      // http://localhost:5173/ping -> http://localhost:3000/ping
      '/ping': 'http://localhost:3000',
      '^/api/.*': { target: 'http://localhost:3000', changeOrigin: true, rewrite: (p) => p.replace(/^\/api\//, '/') },
    },
  },
})
