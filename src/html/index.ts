// Escaping for everything Tessera writes as HTML or XML (server-rendered pages, mails, SVG): one
// implementation, so a fix to it reaches every page. Infrastructure: no I/O, no HTTP.

/** Markup that is already safe: made by `html` (and helpers built on it), never from raw input. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

type HtmlValue = SafeHtml | SafeHtml[] | string | number | null | undefined | false;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function interpolate(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map((item) => item.markup).join('\n');
  return escapeHtml(String(value));
}

/** A template whose interpolated values are escaped unless they are SafeHtml: escaping is the default. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, i) => {
    markup += interpolate(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(markup);
}
