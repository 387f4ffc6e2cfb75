// Lesson Markdown → HTML that is safe to show in the player. Safe by construction: raw HTML is never passed
// through (dangerous elements are dropped with their content, other tags removed), every character of
// text is escaped, and the only tags and attributes are the ones written below. Links keep only
// http(s), mailto and relative targets; images only http(s) and relative ones.
// Supported: headings, paragraphs, emphasis, strong, inline code, fenced code, block quotes, lists,
// rules, links and images — the subset lessons need.

const DANGEROUS_ELEMENTS =
  /<(script|style|iframe|object|embed|frame|frameset|svg|math|template|noscript|textarea|title|xmp)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const UNCLOSED_DANGEROUS = /<(script|style|iframe|object|embed|svg|math|template)\b[\s\S]*$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip these in URLs (`java\tscript:`), so the scheme check must too.
const IGNORED_IN_URLS = /[\u0000-\u0020\u007f-\u009f]/g;
const ANY_TAG = /<\/?[a-zA-Z][^>]*>|<!--[\s\S]*?-->|<![^>]*>/g;

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function stripRawHtml(text: string): string {
  let previous: string;
  let current = text;
  // Repeat: removing one tag must not assemble another (`<scr<script></script>ipt>`).
  do {
    previous = current;
    current = current
      .replace(DANGEROUS_ELEMENTS, '')
      // An unclosed dangerous element swallows the rest of the text rather than leaking it.
      .replace(UNCLOSED_DANGEROUS, '')
      .replace(ANY_TAG, '');
  } while (current !== previous);
  return current;
}

/** Raw HTML is stripped outside code fences only; inside them it is shown, escaped, as written. */
function stripRawHtmlOutsideCode(text: string): string {
  return text
    .split(/(^\s*```[^\n]*\n[\s\S]*?^\s*```\s*$)/m)
    .map((part, i) => (i % 2 === 1 ? part : stripRawHtml(part)))
    .join('');
}

/** The target of a link, or null when its scheme is not allowed. Input is already HTML-escaped. */
function safeUrl(escaped: string, kind: 'link' | 'image'): string | null {
  const plain = escaped.replace(/&amp;/g, '&').replace(IGNORED_IN_URLS, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(plain)?.[1];
  if (scheme === undefined) return plain.startsWith('//') && kind === 'image' ? null : escaped;
  const allowed = kind === 'link' ? ['http', 'https', 'mailto'] : ['http', 'https'];
  return allowed.includes(scheme) ? escaped : null;
}

function inline(raw: string): string {
  const codeSpans: string[] = [];
  let text = escapeHtml(raw.replace(/\uE000/g, '')).replace(/`([^`]+)`/g, (_, code: string) => {
    codeSpans.push(`<code>${code}</code>`);
    return `\uE000${codeSpans.length - 1}\uE000`;
  });
  text = text
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_, alt: string, url: string) => {
      const src = safeUrl(url, 'image');
      return src ? `<img src="${src}" alt="${alt}">` : alt;
    })
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => {
      const href = safeUrl(url, 'link');
      return href ? `<a href="${href}" rel="nofollow noopener">${label}</a>` : label;
    })
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_, a?: string, b?: string) => `<strong>${a ?? b}</strong>`)
    .replace(/\*([^*]+)\*|\b_([^_]+)_\b/g, (_, a?: string, b?: string) => `<em>${a ?? b}</em>`);
  return text.replace(/\uE000(\d+)\uE000/g, (_, i: string) => codeSpans[Number(i)] ?? '');
}

type Block = { tag: 'p' | 'blockquote' | 'ul' | 'ol'; lines: string[] };

function renderBlock(block: Block): string {
  if (block.tag === 'ul' || block.tag === 'ol') {
    return `<${block.tag}>${block.lines.map((item) => `<li>${inline(item)}</li>`).join('')}</${block.tag}>`;
  }
  const body = inline(block.lines.join('\n')).replace(/\n/g, ' ');
  return block.tag === 'p' ? `<p>${body}</p>` : `<blockquote><p>${body}</p></blockquote>`;
}

export function renderMarkdown(markdown: string): string {
  const lines = stripRawHtmlOutsideCode(markdown.replace(/\r\n?/g, '\n')).split('\n');
  const out: string[] = [];
  let open: Block | null = null;
  const close = () => {
    if (open) out.push(renderBlock(open));
    open = null;
  };
  /** Adds a line to the open block of that kind, or closes the open one and starts it. */
  const append = (tag: Block['tag'], line: string) => {
    const current: Block = open?.tag === tag ? open : { tag, lines: [] };
    if (current !== open) close();
    current.lines.push(line);
    open = current;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*```/.test(line)) {
      close();
      const code: string[] = [];
      while (i + 1 < lines.length && !/^\s*```/.test(lines[i + 1] ?? '')) code.push(lines[++i] ?? '');
      i++;
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (line.trim() === '') close();
    else if (heading) {
      close();
      const level = heading[1]?.length ?? 1;
      out.push(`<h${level}>${inline(heading[2] ?? '')}</h${level}>`);
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      close();
      out.push('<hr>');
    } else if (bullet) append('ul', bullet[1] ?? '');
    else if (numbered) append('ol', numbered[1] ?? '');
    else if (quote) append('blockquote', quote[1] ?? '');
    else append('p', line.trim());
  }
  close();
  return out.join('\n');
}
