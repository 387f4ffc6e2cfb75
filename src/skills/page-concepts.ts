// The public page of a skill (/skills/{framework}/{code}: the concept and the jobs where it matters), of an
// occupation (/occupations/{framework}/{code}: titles, core skills, technologies) and the page that says
// there is no such concept or occupation. Pure rendering: the data comes from page-data.ts and
// occupation-detail.ts.
import { html, type SafeHtml } from '../html/index.ts';
import type { OccupationDetail, OccupationSkill } from './occupation-detail.ts';
import type { RelatedOccupation } from './occupations-service.ts';
import type { ConceptPage } from './page-data.ts';
import {
  attributionLine,
  formatNumber,
  frameworkName,
  jobZoneText,
  occupationPath,
  renderSkillPage,
  skillPath,
  translatorOf,
} from './page-layout.ts';
import type { FrameworkId } from './tables.ts';

const JOB_TITLES = 3;

function jobItem(locale: string, job: RelatedOccupation): SafeHtml {
  const t = translatorOf(locale);
  const zone = jobZoneText(locale, job.jobZone);
  const titles = [...job.titles.alternate, ...job.titles.reported]
    .filter((title, i, all) => title !== job.title && all.indexOf(title) === i)
    .slice(0, JOB_TITLES);
  return html`<li><h3><a href="${occupationPath(job.framework, job.code)}">${job.title}</a></h3>
${zone ? html`<p>${t('skillPages.preparation')}: ${zone}</p>` : ''}
${titles.length > 0 ? html`<p class="muted">${t('skillPages.alsoTitled', { titles: titles.join(' · ') })}</p>` : ''}</li>`;
}

export function renderConceptPage(locale: string, path: string, concept: ConceptPage): string {
  const t = translatorOf(locale);
  const facts = [
    html`<dt>${t('skillPages.framework')}</dt><dd>${concept.source}</dd>`,
    html`<dt>${t('skillPages.code')}</dt><dd>${/^https?:\/\//.test(concept.code) ? html`<a href="${concept.code}" rel="noopener">${concept.code}</a>` : concept.code}</dd>`,
  ];
  const altLabels = concept.altLabels.filter((label) => label.toLowerCase() !== concept.label.toLowerCase());
  if (concept.reuseLevel)
    facts.push(html`<dt>${t('skillPages.reuseLevel')}</dt><dd>${concept.reuseLevel}</dd>`);
  const alternates =
    altLabels.length > 0
      ? html`<h2 class="sub">${t('skillPages.alternateLabels')}</h2><ul class="tags">${altLabels.slice(0, 30).map((label) => html`<li>${label}</li>`)}</ul>`
      : '';
  const jobs =
    concept.jobs.length > 0
      ? html`<ol class="plain jobs">${concept.jobs.map((job) => jobItem(locale, job))}</ol>`
      : html`<p>${t('skillPages.noJobs')}</p>`;
  const main = html`<article class="panel" aria-labelledby="concept-name">
<p><span class="kind">${t(`skillPages.kind.${concept.kind}`)}</span></p>
<h1 id="concept-name">${concept.label}</h1>
${concept.description ? html`<p>${concept.description}</p>` : ''}
<dl class="facts">${facts}</dl>
${alternates}
</article>
<section class="panel" aria-labelledby="jobs-heading">
<h2 id="jobs-heading">${t('skillPages.jobsHeading')}</h2>
<p class="muted">${t('skillPages.jobsIntro')}</p>
${jobs}
${attributionLine(locale, concept.framework, concept.source)}
</section>`;
  return renderSkillPage({ locale, title: concept.label, path, description: concept.description, main });
}

function rating(locale: string, skill: OccupationSkill): string {
  const t = translatorOf(locale);
  if (skill.importance !== null) {
    const parts = [t('skillPages.importance', { importance: formatNumber(locale, skill.importance) })];
    if (skill.level !== null) parts.push(t('skillPages.level', { level: formatNumber(locale, skill.level) }));
    return parts.join(' · ');
  }
  return skill.relation === 'essential' ? t('skillPages.essential') : t('skillPages.optional');
}

function titleList(heading: string, titles: string[]): SafeHtml | '' {
  if (titles.length === 0) return '';
  return html`<h3>${heading}</h3><ul class="tags">${titles.map((title) => html`<li>${title}</li>`)}</ul>`;
}

export function renderOccupationPage(locale: string, path: string, occupation: OccupationDetail): string {
  const t = translatorOf(locale);
  const zone = jobZoneText(locale, occupation.jobZone);
  const facts = [html`<dt>${t('skillPages.framework')}</dt><dd>${occupation.source}</dd>`];
  facts.push(html`<dt>${t('skillPages.code')}</dt><dd>${occupation.code}</dd>`);
  if (zone) facts.push(html`<dt>${t('skillPages.preparation')}</dt><dd>${zone}</dd>`);
  if (occupation.iscoGroup)
    facts.push(html`<dt>${t('skillPages.iscoGroup')}</dt><dd>${occupation.iscoGroup}</dd>`);
  const { alternate, reported } = occupation.titles;
  const titles =
    alternate.length + reported.length > 0
      ? html`<section class="panel" aria-labelledby="titles-heading"><h2 id="titles-heading">${t('skillPages.titles')}</h2>
${titleList(t('skillPages.reportedTitles'), reported)}
${titleList(t('skillPages.alternateTitles'), alternate)}</section>`
      : '';
  const coreList = (kind: 'skill' | 'knowledge') => {
    const listed = occupation.skills.filter((skill) => skill.kind === kind);
    if (listed.length === 0) return '';
    return html`<h3>${t(`skillPages.kindPlural.${kind}`)}</h3><ul class="plain core">${listed.map(
      (skill) =>
        html`<li><a href="${skillPath(occupation.framework, skill.code)}">${skill.label}</a><span class="rating">${rating(locale, skill)}</span></li>`,
    )}</ul>`;
  };
  const skills =
    occupation.skills.length > 0
      ? html`${coreList('skill')}${coreList('knowledge')}`
      : html`<p>${t('skillPages.noCoreSkills')}</p>`;
  const technologies =
    occupation.technologies.length > 0
      ? html`<section class="panel" aria-labelledby="tech-heading"><h2 id="tech-heading">${t('skillPages.technologies')}</h2>
<ul class="plain core">${occupation.technologies.map(
          (tech) =>
            html`<li><span>${tech.name}${tech.hot ? html` <span class="mark mark-hot">${t('skillPages.hot')}</span>` : ''}${tech.inDemand ? html` <span class="mark mark-demand">${t('skillPages.inDemand')}</span>` : ''}</span></li>`,
        )}</ul></section>`
      : '';
  const main = html`<article class="panel" aria-labelledby="occupation-name">
<p><span class="kind">${t('skillPages.occupation')}</span></p>
<h1 id="occupation-name">${occupation.title}</h1>
${occupation.description ? html`<p>${occupation.description}</p>` : ''}
<dl class="facts">${facts}</dl>
</article>
${titles}
<section class="panel" aria-labelledby="skills-heading">
<h2 id="skills-heading">${t('skillPages.coreSkills')}</h2>
<p class="muted">${t(occupation.framework === 'onet' ? 'skillPages.coreSkillsOnet' : 'skillPages.coreSkillsEsco')}</p>
${skills}
</section>
${technologies}
${attributionLine(locale, occupation.framework, occupation.source)}`;
  return renderSkillPage({
    locale,
    title: occupation.title,
    path,
    description: occupation.description,
    main,
  });
}

/** The 404 page: which concept or occupation was asked for, and where the data comes from. */
export function renderNotFoundPage(
  locale: string,
  path: string,
  what: 'skill' | 'occupation',
  framework: string,
  code: string,
): string {
  const t = translatorOf(locale);
  const known = framework === 'onet' || framework === 'esco';
  const name = known ? frameworkName(framework as FrameworkId) : framework;
  const main = html`<section class="panel">
<h1>${t(`skillPages.notFound.${what}Title`)}</h1>
<p>${t(`skillPages.notFound.${what}Text`, { framework: name, code })}</p>
<p><a href="/">${t('skillPages.notFound.home')}</a></p>
</section>`;
  return renderSkillPage({ locale, title: t(`skillPages.notFound.${what}Title`), path, main });
}
