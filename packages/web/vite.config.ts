import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.RAPPORT_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  // One React for the app and the component libraries, however npm lays out node_modules.
  resolve: { dedupe: ['react', 'react-dom'] },
  server: {
    port: 5173,
    proxy: { '/api': { target: api, ws: true, changeOrigin: false } },
  },
  build: {
    chunkSizeWarningLimit: 1500,
  },
});
