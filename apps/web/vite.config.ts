import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** apps/web, wherever vite is started from (npm -w runs it here; tools may run it from the repo root). */
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

/** The Fastify server the dev server forwards API and system routes to (`npm run dev` at the root). */
const apiTarget = 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
      '/docs': apiTarget,
    },
  },
});
