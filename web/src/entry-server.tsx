// The server's rendering of the front door and the catalog for a visitor (no session; issue #18 item 13): painted
// from the HTML itself instead of after the app's script has downloaded, compiled and run. The same components,
// routes and catalogs as the browser's app; the browser then hydrates this markup (main.tsx) with the query cache
// it was rendered from, so it asks for nothing again.
// Built by `vite build --ssr` into web/dist/server (never served); src/http/web-render.ts runs it, answering
// the app's API requests in process (setApiTransport) so the pages ask exactly what they ask in the browser.
import { type DehydratedState, dehydrate, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { setApiTransport } from './api.ts';
import { BuyerLanguages } from './buyer-languages.ts';
import { catalog as en } from './i18n/catalog-en.ts';
import { catalog as es } from './i18n/catalog-es.ts';
import { type Language, languageFor } from './i18n/languages.ts';
import { catalogFiltersOf, catalogQuery } from './learning.ts';
import { priceTermsQuery } from './pages/shop/PriceTerms.tsx';
import { routes } from './routes.tsx';
import { sessionKey } from './session.ts';

export { setApiTransport };

const catalogs = { en, es } as const;

/** The paths rendered here. Every other path is the browser app's alone. */
export const renderedPaths: readonly string[] = ['/', '/catalog'];

export interface RenderedPage {
  /** The markup of #root. */
  html: string;
  /** The query cache the markup was rendered from, for the browser to hydrate with. */
  state: DehydratedState;
  language: Language;
}

/**
 * Renders `url` (path and query) for a visitor reading `languages` (Accept-Language, best first): null when
 * the path is not one rendered here or its data could not be read (the browser app then does it all). The
 * front door features a few courses of the catalog; the catalog lists one page of the API's answer (50 courses
 * at most), with each priced course's issuer's price terms; both as in the browser.
 */
export async function renderVisitorPage(
  url: URL,
  languages: readonly string[],
): Promise<RenderedPage | null> {
  if (!renderedPaths.includes(url.pathname)) return null;
  const language = languageFor(languages);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // A visitor: no session. Then the courses the page lists (the front door's query has no filters).
  queryClient.setQueryData(sessionKey, null);
  const frontDoor = url.pathname === '/';
  const courses = await queryClient
    .fetchQuery(catalogQuery(frontDoor ? {} : catalogFiltersOf(url.searchParams)))
    .catch(() => null);
  if (!courses) return null;
  if (!frontDoor) {
    // The catalog's price lines ask each issuer's price terms (tax included or added).
    const issuers = new Set(courses.items.filter((c) => c.price).map((c) => c.issuer.id));
    await Promise.all([...issuers].map((orgId) => queryClient.prefetchQuery(priceTermsQuery(orgId, null))));
  }

  const i18n = createInstance();
  await i18n.use(initReactI18next).init({
    lng: language,
    resources: { [language]: { translation: catalogs[language] } },
    fallbackLng: false,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(url));
  if (context instanceof Response) return null;
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <BuyerLanguages.Provider value={languages}>
          <QueryClientProvider client={queryClient}>
            <StaticRouterProvider router={router} context={context} hydrate={false} />
          </QueryClientProvider>
        </BuyerLanguages.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
  const state = dehydrate(queryClient);
  queryClient.clear();
  return { html, state, language };
}
