// The way back from a server-rendered public page (a badge's page, its "not found", /verify): a visitor who
// arrived by a shared link finds Tessera's home, the catalog and the verifier. A static page cannot know who
// is logged in, so it offers the same links to everyone.
import { escapeHtml } from './index.ts';

export type WayBackLink = 'home' | 'catalog' | 'verify';

const HREF: Record<WayBackLink, string> = { home: '/', catalog: '/catalog', verify: '/verify' };

/** `t` translates `wayBack.*` keys for the page's language. */
export function wayBackNav(t: (key: string) => string, links: readonly WayBackLink[]): string {
  const items = links
    .map((link) => `<li><a href="${HREF[link]}">${escapeHtml(t(`wayBack.${link}`))}</a></li>`)
    .join('');
  return `<footer class="way-back"><nav aria-label="${escapeHtml(t('wayBack.label'))}"><ul>${items}</ul></nav></footer>`;
}

/** Added to the public pages' stylesheet (verify.css). */
export const WAY_BACK_CSS = `.way-back{max-width:44rem;margin:0 auto;padding:1rem 1rem 2rem}
.way-back ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0;padding:1rem 0 0;border-top:1px solid #d0d7de}
.way-back a{color:#0550ae}
`;
