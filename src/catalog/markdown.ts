// Lesson Markdown (and badge criteria) → HTML that is safe to show in the player and on public pages.
// Parsed by markdown-it (CommonMark, plus GFM tables and strikethrough); the HTML it writes then goes
// through sanitize-html with the allowlist below, so only these tags, attributes, URL schemes and
// table alignments can ever come out, whatever the parser does. Raw HTML in the Markdown is never passed
// through: dangerous elements (scripts, iframes, SVG…) are dropped with their content, other tags are
// removed and their text kept. Links keep only http(s), mailto and relative targets; images only the
// lesson images authors upload (/course-images/<name>), which the app's Content-Security-Policy serves.
import MarkdownIt, { type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** Raw elements dropped with everything inside them. */
const DANGEROUS = [
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'frame',
  'frameset',
  'svg',
  'math',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'textarea',
  'title',
  'xmp',
  'select',
  'option',
];
// biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip these in URLs (`java\tscript:`), so the scheme check must too.
const IGNORED_IN_URLS = /[\u0000-\u0020\u007f-\u009f]/g;
const LINK_SCHEMES = ['http', 'https', 'mailto'];
/** Lesson images as the upload answers them (src/catalog/images.ts): one random file name, no path. */
const LESSON_IMAGE = /^\/course-images\/[0-9A-Za-z-]+\.(png|jpe?g)$/;
const ALIGN = ['text-align:left', 'text-align:right', 'text-align:center'];

/** Whether a link target may be followed: http(s), mailto or relative (not `//host`, which leaves the site). */
function allowedLink(url: string): boolean {
  const plain = url.replace(IGNORED_IN_URLS, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(plain)?.[1];
  return scheme === undefined ? !plain.startsWith('//') : LINK_SCHEMES.includes(scheme);
}

/** Raw HTML reduced to its text: tags removed, dangerous elements with their content. The text is escaped. */
const textOfRawHtml = (html: string) =>
  sanitizeHtml(html, { allowedTags: [], allowedAttributes: {}, nonTextTags: DANGEROUS });

const rawTagName = (html: string) => /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(html)?.[1]?.toLowerCase();

/** Drops inline raw HTML tags, and everything between a dangerous one and its closing tag (or the end). */
function withoutRawInlineHtml(children: Token[]): Token[] {
  const kept: Token[] = [];
  let skippingUntil: string | null = null;
  for (const child of children) {
    if (child.type !== 'html_inline') {
      if (skippingUntil === null) kept.push(child);
      continue;
    }
    const name = rawTagName(child.content);
    const closing = child.content.startsWith('</');
    if (skippingUntil !== null) {
      if (closing && name === skippingUntil) skippingUntil = null;
    } else if (!closing && name && DANGEROUS.includes(name) && !child.content.endsWith('/>')) {
      skippingUntil = name;
    }
  }
  return kept;
}

/** An image's alt text: its words without markup or raw HTML (escaped brackets kept, unlike renderInlineAsText). */
function plainText(children: Token[]): string {
  return children
    .map((child) => {
      if (['text', 'text_special', 'code_inline'].includes(child.type)) return child.content;
      if (child.type === 'softbreak' || child.type === 'hardbreak') return ' ';
      return child.type === 'image' ? plainText(child.children ?? []) : '';
    })
    .join('');
}

const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
md.validateLink = allowedLink;

md.core.ruler.push('drop_raw_html', (state) => {
  state.tokens.forEach((token, i) => {
    if (token.type !== 'inline' || !token.children) return;
    token.children = withoutRawInlineHtml(token.children);
    // A paragraph that held raw HTML only leaves nothing behind, not an empty <p>.
    const [open, close] = [state.tokens[i - 1], state.tokens[i + 1]];
    if (token.children.length === 0 && open?.type === 'paragraph_open' && close?.type === 'paragraph_close') {
      open.hidden = true;
      close.hidden = true;
    }
  });
});

const { escapeHtml } = md.utils;
const rules = md.renderer.rules;
rules.html_block = (tokens, idx) => {
  const text = textOfRawHtml(tokens[idx]?.content ?? '').trim();
  return text === '' ? '' : `<p>${text}</p>`;
};
const codeBlock = (tokens: Token[], idx: number) =>
  `<pre><code>${escapeHtml((tokens[idx]?.content ?? '').replace(/\n$/, ''))}</code></pre>`;
rules.fence = codeBlock;
rules.code_block = codeBlock;
rules.image = (tokens, idx) => {
  const token = tokens[idx];
  if (!token) return '';
  const alt = plainText(token.children ?? []);
  const src = String(token.attrGet('src') ?? '');
  if (!LESSON_IMAGE.test(src)) return escapeHtml(alt);
  const title = String(token.attrGet('title') ?? '');
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`;
};
// A wide table scrolls inside its own region (`.table-wrap` in the web app), which keyboard users can reach.
rules.table_open = () => '<div class="table-wrap" tabindex="0"><table>';
rules.table_close = () => '</table></div>';
// Blocks are written without line breaks between them, as the renderer always did.
const renderToken = md.renderer.renderToken.bind(md.renderer);
md.renderer.renderToken = (tokens, idx, options) => {
  const html = renderToken(tokens, idx, options);
  return tokens[idx]?.block ? html.replace(/^\n|\n$/g, '') : html;
};

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'ul', 'ol', 'li', 'pre', 'div'],
    ...['em', 'strong', 's', 'code', 'a', 'img'],
    ...['table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    // Exact values, checked without a CSS parser (fast): the alignments GFM tables write.
    th: [{ name: 'style', multiple: false, values: ALIGN }],
    td: [{ name: 'style', multiple: false, values: ALIGN }],
    div: [
      { name: 'class', multiple: false, values: ['table-wrap'] },
      { name: 'tabindex', multiple: false, values: ['0'] },
    ],
  },
  parseStyleAttributes: false,
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DANGEROUS,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener' }) },
  // sanitize-html escapes &, < and >; quotes too, as the parser writes them.
  textFilter: (text) => text.replace(/"/g, '&quot;'),
};

export function renderMarkdown(markdown: string): string {
  // Void elements as HTML writes them (`<img …>`); ` />` cannot occur elsewhere, every `>` in text or values is escaped.
  return sanitizeHtml(md.render(markdown), SANITIZE).replaceAll(' />', '>').trim();
}
