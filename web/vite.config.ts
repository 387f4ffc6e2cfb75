// The web app's build (web/ → web/dist) and, in development, a dev server on :5173 that proxies the
// API to the Tessera server on :3000 (`npm run dev` starts both).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from './precompress.ts';

const FRAMEWORK =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/][^\\/]+|i18next|react-i18next|use-sync-external-store|cookie|set-cookie-parser)[\\/]/;
/**
 * The English catalog (the default language) is fetched alongside the entry script instead of after it ran:
 * a modulepreload link (with the chunks it imports), so an English first paint waits for no extra round trip. Spanish readers fetch theirs
 * when the entry runs (one round trip later) and download the English chunk too (about 23 KB compressed).
 */
function preloadDefaultLanguage(): Plugin {
  return {
    name: 'tessera-preload-default-language',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (file) => file.type === 'chunk' && file.facadeModuleId?.endsWith('/i18n/catalog-en.ts'),
        );
        if (chunk?.type !== 'chunk') return [];
        // With the chunks it imports (the catalog merge), or they would be fetched only once it runs.
        const preloaded = new Set(
          context.chunk?.type === 'chunk' ? [context.chunk.fileName, ...context.chunk.imports] : [],
        );
        return [chunk.fileName, ...chunk.imports]
          .filter((fileName) => !preloaded.has(fileName))
          .map((fileName) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${fileName}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

const apiServer = process.env.TESSERA_API_URL ?? 'http://localhost:3000';

// `vite build --ssr src/entry-server.tsx` (after the app's build, src/cli/build-web.ts) writes the server's
// renderer of the visitors' pages into dist/server: never served. Its packages are bundled in and built for
// production, whatever NODE_ENV the server runs with (React's development build renders several times slower).
export default defineConfig(({ isSsrBuild }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: isSsrBuild ? [react()] : [react(), preloadDefaultLanguage(), precompress()],
  ...(isSsrBuild
    ? {
        ssr: { noExternal: true, target: 'node' as const },
        define: { 'process.env.NODE_ENV': '"production"' },
      }
    : {}),
  build: {
    outDir: isSsrBuild ? 'dist/server' : 'dist',
    emptyOutDir: true,
    // The app's sources are not published with it; `npm run dev` still maps everything in the browser.
    sourcemap: false,
    rollupOptions: {
      output: {
        // React, the router, react-query and i18next change far less often than the app: their own chunk stays
        // cached across releases. recharts (and the d3 parts it brings) is a chunk of its own that only the
        // employer's analytics pages import, never part of a first paint.
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor)[\\/]/.test(id)) return 'charts';
          if (FRAMEWORK.test(id)) return 'framework';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': apiServer,
      '/health': apiServer,
      '/ready': apiServer,
    },
  },
}));
