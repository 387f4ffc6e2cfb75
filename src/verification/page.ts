// The verify page, rendered on the server: works without JavaScript, every string from the i18n
// catalogs, every user-supplied or credential-supplied text escaped. Icons are paired with words.
import { escapeHtml } from '../html/index.ts';
import { WAY_BACK_CSS, wayBackNav } from '../html/way-back.ts';
import { translate } from '../i18n/index.ts';
import type { Claims, ReportCheck, ReportWarning, VerificationReport } from './report.ts';
import { type Standing, standingOf, TONE, type Tone } from './standing.ts';

export type PageOutcome =
  | { kind: 'report'; report: VerificationReport; email?: string; checkedAt: Date }
  | { kind: 'not-a-badge'; reason: string; detail: string }
  | { kind: 'input-problem'; messageKey: string };

export interface PageState {
  locale: string;
  email?: string;
  outcome?: PageOutcome;
}

const ICONS = { passed: '✓', failed: '✗', unchecked: '?' } as const;
const TONE_ICONS: Record<Tone, string> = { good: '✓', caution: '!', bad: '✗' };
/** Paired with words, never alone: ✓ rely on it, ✗ do not, ! genuine but not current, ? not fully checked. */
export const standingIcon = (standing: Standing): string =>
  standing === 'could-not-check' ? '?' : TONE_ICONS[TONE[standing]];
/** The colours of each tone are the verdicts' (verify.css): green, amber, red. */
const TONE_CLASS: Record<Tone, string> = {
  good: 'verdict-verified',
  caution: 'verdict-could-not-check',
  bad: 'verdict-not-verified',
};
const camel = (code: string) => code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function checkName(locale: string, code: string): string {
  try {
    return translate(locale, `verify.check.${camel(code)}`);
  } catch {
    return code;
  }
}

function formatDate(locale: string, value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function renderCheck(locale: string, item: ReportCheck): string {
  const t = (key: string) => translate(locale, key);
  // The detail comes from the verifier in English; say so to screen readers in other locales.
  return `<li class="check check-${item.status}">
  <span class="icon" aria-hidden="true">${ICONS[item.status]}</span>
  <div><p class="check-title"><strong>${escapeHtml(checkName(locale, item.code))}</strong>: <span class="status">${escapeHtml(t(`verify.status.${item.status}`))}</span></p>
  <p class="detail" lang="en">${escapeHtml(item.message)}</p></div>
</li>`;
}

/** Warnings under their own heading, after the checks: they never change the verdict. */
function renderWarnings(locale: string, warnings: ReportWarning[] | undefined): string {
  if (!warnings || warnings.length === 0) return '';
  const items = warnings
    .map(
      (item) =>
        `<li class="warning" data-code="${escapeHtml(item.code)}"><span class="icon" aria-hidden="true">!</span> <span lang="en">${escapeHtml(item.message)}</span></li>`,
    )
    .join('\n');
  return `<h3>${escapeHtml(translate(locale, 'verify.warningsHeading'))}</h3>\n<ul class="warnings">\n${items}\n</ul>`;
}

function recipientText(locale: string, recipient: NonNullable<Claims['recipient']>): string {
  const email = /^e?mail(Address)?$/i.test(recipient.type);
  const label =
    recipient.type === 'id'
      ? translate(locale, 'verify.recipient.id')
      : email
        ? translate(locale, recipient.hashed ? 'verify.recipient.hashedEmail' : 'verify.recipient.plainEmail')
        : translate(locale, 'verify.recipient.other', { type: recipient.type });
  return `${escapeHtml(label)}: <code>${escapeHtml(recipient.identity)}</code>`;
}

function renderClaims(locale: string, report: VerificationReport): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  const { claims } = report;
  const rows: [string, string][] = [['format', t(`verify.format.${camel(report.format)}`)]];
  for (const key of ['badgeName', 'achievementName', 'issuerName', 'issuerId'] as const) {
    const value = claims[key];
    if (value && !(key === 'achievementName' && value === claims.badgeName))
      rows.push([key, escapeHtml(value)]);
  }
  if (claims.recipient) rows.push(['recipient', recipientText(locale, claims.recipient)]);
  for (const key of ['awardedDate', 'validFrom', 'validUntil'] as const) {
    const value = claims[key];
    if (value)
      rows.push([
        key,
        `<time datetime="${escapeHtml(value)}">${escapeHtml(formatDate(locale, value))}</time>`,
      ]);
  }
  const items = rows
    .map(([key, value]) => `<dt>${t(`verify.claims.${key}`)}</dt><dd>${value}</dd>`)
    .join('\n');
  return `<h3>${t('verify.claimsHeading')}</h3>\n<dl class="claims">\n${items}\n</dl>`;
}

/** The headline and its one sentence: which verdict, in plain words (an expired badge is not a forged one). */
function renderHeadline(locale: string, report: VerificationReport, email: string | undefined): string {
  const standing: Standing = standingOf(report);
  const key = `verify.standing.${camel(standing)}`;
  const until = report.claims.validUntil;
  const from = report.claims.validFrom;
  const vars: Record<string, string> = {
    email: email ?? '',
    until: until ? formatDate(locale, until) : '',
    from: from ? formatDate(locale, from) : '',
  };
  const t = (name: string) => escapeHtml(translate(locale, name, vars));
  return `<h2 id="result-heading"><span class="icon" aria-hidden="true">${standingIcon(standing)}</span> ${t(key)}</h2>
<p class="verdict-text">${t(`${key}Text`)}</p>`;
}

/** The section's classes: its colours by tone, and which standing (for styles and tests). */
export function resultClasses(report: VerificationReport): string {
  const standing = standingOf(report);
  return `result ${TONE_CLASS[TONE[standing]]} standing-${standing}`;
}

function renderReport(locale: string, outcome: Extract<PageOutcome, { kind: 'report' }>): string {
  const t = (key: string, vars?: Record<string, string>) => escapeHtml(translate(locale, key, vars));
  const { report } = outcome;
  const checkedAt = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(outcome.checkedAt);
  const email =
    report.emailMatch === undefined || !outcome.email
      ? ''
      : `<h3>${t('verify.email.heading')}</h3>
<p class="email email-${report.emailMatch ? 'match' : 'no-match'}"><span class="icon" aria-hidden="true">${report.emailMatch ? ICONS.passed : ICONS.failed}</span> ${t(report.emailMatch ? 'verify.email.match' : 'verify.email.noMatch', { email: outcome.email })}</p>`;
  return `<section class="${resultClasses(report)}" aria-labelledby="result-heading">
${renderHeadline(locale, report, outcome.email)}
<p class="checked-at">${t('verify.checkedAt', { time: checkedAt })}</p>
<h3>${t('verify.checksHeading')}</h3>
<ul class="checks">
${report.checks.map((item) => renderCheck(locale, item)).join('\n')}
</ul>
${renderWarnings(locale, report.warnings)}
${renderClaims(locale, report)}
${email}
</section>`;
}

/** The check-by-check report as an HTML section (the verify page's, and badge pages' verification panel). */
export function renderVerificationPanel(
  locale: string,
  report: VerificationReport,
  checkedAt: Date,
  email?: string,
): string {
  return renderReport(locale, { kind: 'report', report, checkedAt, ...(email ? { email } : {}) });
}

function renderOutcome(locale: string, outcome: PageOutcome): string {
  const t = (key: string, vars?: Record<string, string>) => escapeHtml(translate(locale, key, vars));
  if (outcome.kind === 'report') return renderReport(locale, outcome);
  if (outcome.kind === 'input-problem') {
    return `<section class="result verdict-not-verified" aria-labelledby="result-heading">
<h2 id="result-heading"><span class="icon" aria-hidden="true">!</span> ${t('verify.resultHeading')}</h2>
<p>${t(outcome.messageKey)}</p>
</section>`;
  }
  return `<section class="result verdict-not-verified" aria-labelledby="result-heading">
<h2 id="result-heading"><span class="icon" aria-hidden="true">✗</span> ${t('verify.invalid.heading')}</h2>
<p lang="en">${t('verify.invalid.reason', { detail: outcome.detail })}</p>
<p>${t('verify.invalid.code', { code: outcome.reason })}</p>
</section>`;
}

function languageLinks(locale: string): string {
  const names: Record<string, string> = { en: 'English', es: 'Español' };
  const links = Object.entries(names).map(
    ([code, name]) =>
      `<a href="/verify?lang=${code}" lang="${code}" hreflang="${code}"${code === locale ? ' aria-current="true"' : ''}>${name}</a>`,
  );
  return `<nav class="languages" aria-label="${escapeHtml(translate(locale, 'verify.languages'))}">${links.join(' ')}</nav>`;
}

export function renderVerifyPage(state: PageState): string {
  const { locale } = state;
  const t = (key: string) => escapeHtml(translate(locale, key));
  const field = (id: string, control: string) =>
    `<div class="field">
<label for="${id}">${t(`verify.form.${id}Label`)}</label>
<p class="hint" id="${id}-hint">${t(`verify.form.${id}Hint`)}</p>
${control}
</div>`;
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('verify.title')} · Tessera</title>
<link rel="stylesheet" href="/verify/verify.css">
</head>
<body>
<header class="site"><a class="brand" href="/">Tessera</a>${languageLinks(locale)}</header>
<main>
<h1>${t('verify.title')}</h1>
<p class="intro">${t('verify.intro')}</p>
${state.outcome ? renderOutcome(locale, state.outcome) : ''}
<form method="post" action="/verify?lang=${escapeHtml(locale)}" enctype="multipart/form-data" aria-labelledby="form-heading">
<h2 id="form-heading">${t('verify.form.heading')}</h2>
${field('credential', '<textarea id="credential" name="credential" rows="5" spellcheck="false" aria-describedby="credential-hint"></textarea>')}
${field('file', '<input type="file" id="file" name="file" accept="image/png,image/svg+xml,.png,.svg" aria-describedby="file-hint">')}
${field('email', `<input type="email" id="email" name="email" autocomplete="email" aria-describedby="email-hint" value="${escapeHtml(state.email ?? '')}">`)}
<button type="submit">${t('verify.form.submit')}</button>
</form>
</main>
${wayBackNav((key) => translate(locale, key), ['home', 'catalog'])}
</body>
</html>`;
}

export const VERIFY_PAGE_CSS = `*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1b1f24;background:#f6f7f9}
.site{display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem;padding:.75rem 1rem;background:#fff;border-bottom:1px solid #d0d7de}
.brand{font-weight:700;color:#1b1f24;text-decoration:none}
.languages a{margin-left:.75rem;color:#0550ae}
.languages a[aria-current]{font-weight:700;text-decoration:none;color:#1b1f24}
main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;margin:.5rem 0}
.intro{color:#424a53}
form,.result{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin:1rem 0}
.field{margin-bottom:1rem}
label{display:block;font-weight:600}
.hint{margin:.1rem 0 .4rem;color:#57606a;font-size:.9rem}
textarea,input[type=email],input[type=file]{width:100%;font:inherit;padding:.5rem;border:1px solid #6e7781;border-radius:.375rem;background:#fff}
textarea{font-family:ui-monospace,monospace;font-size:.85rem}
button{font:inherit;font-weight:600;padding:.6rem 1.4rem;border:0;border-radius:.375rem;background:#0550ae;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #fb8f44;outline-offset:2px}
.result h2{margin-top:0;font-size:1.4rem}
.verdict-verified{border-left:.5rem solid #1a7f37}
.verdict-not-verified{border-left:.5rem solid #cf222e}
.verdict-could-not-check{border-left:.5rem solid #9a6700}
.checks,.warnings{list-style:none;padding:0;margin:0}
.warning{padding:.4rem 0;color:#424a53;font-size:.9rem}
.warning .icon{color:#9a6700}
.check{display:flex;gap:.6rem;padding:.5rem 0;border-top:1px solid #eaeef2}
.check p{margin:0}
.icon{display:inline-block;min-width:1.4rem;text-align:center;font-weight:700}
.check-passed .icon,.email-match .icon,.verdict-verified h2 .icon{color:#1a7f37}
.check-failed .icon,.email-no-match .icon,.verdict-not-verified h2 .icon{color:#cf222e}
.check-unchecked .icon,.verdict-could-not-check h2 .icon{color:#9a6700}
.detail{color:#424a53;font-size:.9rem;overflow-wrap:anywhere}
.claims{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.3rem 1rem}
.claims dt{font-weight:600}
.claims dd{margin:0;overflow-wrap:anywhere}
code{font-size:.85rem;overflow-wrap:anywhere}
@media (max-width:30rem){.claims{grid-template-columns:1fr}.claims dd{margin-bottom:.5rem}}
${WAY_BACK_CSS}`;
