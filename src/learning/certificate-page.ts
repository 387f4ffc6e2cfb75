// The page behind a certificate's QR code: whether the code belongs to a certificate we issued, and
// what that certificate states. Every value from the database is escaped by the html template.

import { html, type SafeHtml } from '../html/index.ts';
import type { CertificateFacts } from './completion.ts';
import { formatNumber, renderPage, timeElement, translatorOf } from './pages.ts';

export const certificatePath = (code: string) => `/certificates/${encodeURIComponent(code)}`;

function frame(locale: string, code: string, main: SafeHtml): string {
  const t = translatorOf(locale);
  return renderPage({
    locale,
    title: t('certificate.title'),
    path: certificatePath(code),
    languagesLabel: t('certificate.languages'),
    main,
  });
}

export function renderCertificatePage(locale: string, facts: CertificateFacts): string {
  const t = translatorOf(locale);
  const { completion } = facts;
  const rows: [string, SafeHtml][] = [
    ['learner', html`<strong>${facts.learnerName}</strong>`],
    ['course', html`${facts.courseTitle}`],
    ['issuer', html`${facts.issuer.name}`],
    ['completedAt', timeElement(locale, completion.completedAt)],
    ['hours', html`${formatNumber(locale, facts.hours)}`],
    ['revision', html`${facts.revision}`],
    ['activityCode', html`<span class="code">${completion.activityCode}</span>`],
  ];
  const items = rows.map(([key, value]) => html`<dt>${t(`certificate.facts.${key}`)}</dt><dd>${value}</dd>`);
  return frame(
    locale,
    completion.activityCode,
    html`<h1>${t('certificate.title')}</h1>
<section class="panel outcome-good" aria-labelledby="verdict">
<h2 id="verdict"><span class="icon" aria-hidden="true">✓</span> ${t('certificate.genuine')}</h2>
<p>${t('certificate.genuineText', { issuer: facts.issuer.name })}</p>
</section>
<section class="panel" aria-labelledby="facts-heading">
<h2 id="facts-heading">${t('certificate.factsHeading')}</h2>
<dl class="facts">
${items}
</dl>
</section>`,
  );
}

export function renderUnknownCertificatePage(locale: string, code: string): string {
  const t = translatorOf(locale);
  return frame(
    locale,
    code,
    html`<h1>${t('certificate.title')}</h1>
<section class="panel outcome-bad" aria-labelledby="verdict">
<h2 id="verdict"><span class="icon" aria-hidden="true">✗</span> ${t('certificate.unknown')}</h2>
<p>${t('certificate.unknownText', { code })}</p>
<p>${t('certificate.unknownAdvice')}</p>
</section>`,
  );
}
