// The page behind a supervisor's emailed link: what they are asked to confirm, a form to confirm or
// decline (plain HTML, no script), and the pages for what can happen after. The token in the path is
// the only credential; the learner's words and the course's text are escaped by the html template.

import { html, type SafeHtml } from '../html/index.ts';
import type { AttestationView } from './attestation.ts';
import { renderPage, timeElement, translatorOf } from './pages.ts';

export const attestationPath = (token: string) => `/attestations/${encodeURIComponent(token)}`;

/** The states the page can show; the route picks one from the outcome of the request. */
export type AttestationPage =
  | { kind: 'form'; view: AttestationView; invalid?: boolean }
  | { kind: 'recorded'; view: AttestationView }
  | { kind: 'answered'; view?: AttestationView }
  | { kind: 'expired' }
  | { kind: 'unknown' };

const COMMENT_MAX = 2000;

function whatIsAttested(locale: string, view: AttestationView): SafeHtml {
  const t = translatorOf(locale);
  const learner = view.learnerName;
  const statement = view.submission.response.trim();
  const rows: SafeHtml[] = [
    html`<dt>${t('attestation.facts.learner')}</dt><dd>${learner}</dd>`,
    html`<dt>${t('attestation.facts.course')}</dt><dd>${view.courseTitle}</dd>`,
    html`<dt>${t('attestation.facts.task')}</dt><dd>${view.taskTitle}</dd>`,
  ];
  return html`<section class="panel" aria-labelledby="what-heading">
<h2 id="what-heading">${t('attestation.whatHeading')}</h2>
<dl class="facts">
${rows}
</dl>
${view.instructions ? html`<h3>${t('attestation.instructions')}</h3><p class="text">${view.instructions}</p>` : ''}
<h3>${t('attestation.statement', { learner })}</h3>
${statement ? html`<blockquote class="text">${statement}</blockquote>` : html`<p class="muted">${t('attestation.noStatement', { learner })}</p>`}
</section>`;
}

function answerForm(locale: string, token: string, view: AttestationView, invalid: boolean): SafeHtml {
  const t = translatorOf(locale);
  const learner = view.learnerName;
  const described = invalid ? 'comment-hint form-problem' : 'comment-hint';
  return html`<form class="panel" method="post" action="${attestationPath(token)}?lang=${locale}" aria-labelledby="form-heading">
<h2 id="form-heading">${t('attestation.form.heading')}</h2>
${invalid ? html`<p class="alert" id="form-problem" role="alert">${t('attestation.form.invalid', { max: COMMENT_MAX })}</p>` : ''}
<label for="comment">${t('attestation.form.commentLabel')}</label>
<p class="hint" id="comment-hint">${t('attestation.form.commentHint', { learner })}</p>
<textarea id="comment" name="comment" rows="4" maxlength="${COMMENT_MAX}" aria-describedby="${described}"></textarea>
<div class="actions">
<button type="submit" class="confirm" name="decision" value="confirm">${t('attestation.form.confirm')}</button>
<button type="submit" class="decline" name="decision" value="decline">${t('attestation.form.decline')}</button>
</div>
<p class="hint">${t('attestation.expires')} ${timeElement(locale, view.attestation.expiresAt)}</p>
</form>`;
}

function outcome(kind: 'good' | 'bad' | 'neutral', icon: string, heading: string, body: SafeHtml): SafeHtml {
  return html`<section class="panel outcome-${kind}" aria-labelledby="outcome-heading">
<h2 id="outcome-heading"><span class="icon" aria-hidden="true">${icon}</span> ${heading}</h2>
${body}
</section>`;
}

function decisionText(locale: string, view: AttestationView): SafeHtml {
  const t = translatorOf(locale);
  const { decision, decidedAt, comment } = view.attestation;
  if (!decision || !decidedAt) return html``;
  return html`<p>${t(`attestation.answered.${decision}`)} ${timeElement(locale, decidedAt)}</p>
${comment ? html`<h3>${t('attestation.comment')}</h3><blockquote class="text">${comment}</blockquote>` : ''}`;
}

function mainOf(locale: string, token: string, page: AttestationPage): SafeHtml {
  const t = translatorOf(locale);
  switch (page.kind) {
    case 'form': {
      const { view } = page;
      const vars = {
        learner: view.learnerName,
        course: view.courseTitle,
        supervisor: view.attestation.supervisorName,
      };
      return html`<h1>${t('attestation.heading', vars)}</h1>
<p>${t('attestation.intro', vars)}</p>
${whatIsAttested(locale, view)}
${answerForm(locale, token, view, page.invalid ?? false)}`;
    }
    case 'recorded': {
      const { view } = page;
      const confirmed = view.attestation.decision === 'confirmed';
      const learner = view.learnerName;
      return html`<h1>${t('attestation.title')}</h1>
${outcome(
  confirmed ? 'good' : 'neutral',
  confirmed ? '✓' : '✗',
  t(confirmed ? 'attestation.recorded.confirmedHeading' : 'attestation.recorded.declinedHeading'),
  html`<p>${t(confirmed ? 'attestation.recorded.confirmedText' : 'attestation.recorded.declinedText', { learner })}</p>
${decisionText(locale, view)}`,
)}
${whatIsAttested(locale, view)}`;
    }
    case 'answered':
      return html`<h1>${t('attestation.title')}</h1>
${outcome(
  'neutral',
  'i',
  t('attestation.answered.heading'),
  html`${page.view ? decisionText(locale, page.view) : ''}<p>${t('attestation.answered.text')}</p>`,
)}`;
    case 'expired':
      return html`<h1>${t('attestation.title')}</h1>
${outcome('bad', '!', t('attestation.expired.heading'), html`<p>${t('attestation.expired.text')}</p>`)}`;
    case 'unknown':
      return html`<h1>${t('attestation.title')}</h1>
${outcome('bad', '✗', t('attestation.unknown.heading'), html`<p>${t('attestation.unknown.text')}</p>`)}`;
  }
}

export function renderAttestationPage(locale: string, token: string, page: AttestationPage): string {
  const t = translatorOf(locale);
  return renderPage({
    locale,
    title: t('attestation.title'),
    path: attestationPath(token),
    languagesLabel: t('attestation.languages'),
    main: mainOf(locale, token, page),
  });
}
