// The reader's languages, for prices with tax as their locale expects them (tax-display.ts): the browser's
// (navigator.languages), or, while the server renders a page (entry-server.tsx), the request's
// Accept-Language, which the browser derives from the same list, so the page it hydrates reads the same.
import { createContext, useContext } from 'react';

export const BuyerLanguages = createContext<readonly string[] | null>(null);

export function useBuyerLanguages(): readonly string[] {
  return useContext(BuyerLanguages) ?? (typeof navigator === 'undefined' ? [] : (navigator.languages ?? []));
}
