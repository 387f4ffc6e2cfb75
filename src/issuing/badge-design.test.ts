import { describe, expect, it } from 'vitest';
import { checkBadgeImage } from '../badges/index.ts';
import {
  BADGE_PALETTES,
  BADGE_TEMPLATES,
  type BadgeDesign,
  contrastRatio,
  designProblems,
  generatedDesign,
  textColorOn,
} from './badge-design.ts';
import { renderBadgeDesign } from './badge-design-render.ts';
import { BADGE_ICONS, iconForWords, iconMarkup } from './badge-icons.ts';
import { defaultBadgeSvg, logoForBadge, svgToPng } from './badge-image.ts';
import { fitName, MIN_FONT_SIZE, textWidthEm } from './badge-text.ts';

const design = (overrides: Partial<BadgeDesign> = {}): BadgeDesign => ({
  template: 'circle',
  colors: { primary: '#1e3a8a', secondary: '#dbeafe', accent: '#f59e0b' },
  icon: 'book-open',
  useLogo: false,
  subtitle: null,
  ...overrides,
});
const fontSizes = (svg: string) => [...svg.matchAll(/font-size="(\d+)"/g)].map((m) => Number(m[1]));

describe('the badge icon set', () => {
  it('has about forty curated icons, each drawn from the icon package', () => {
    expect(BADGE_ICONS.length).toBeGreaterThanOrEqual(40);
    for (const icon of BADGE_ICONS)
      expect(iconMarkup(icon), icon).toMatch(/^<(path|circle|rect|line|polyline|polygon|ellipse)[ /]/);
  });

  it('chooses an icon from words of the name or the skills', () => {
    expect(iconForWords('Intro to Python programming')).toBe('code');
    expect(iconForWords('Workplace Safety Basics')).toBe('shield-check');
    expect(iconForWords('Zzyzx')).toBeNull();
  });
});

describe('badge designs', () => {
  it('names what is wrong: template, colours, icon, subtitle', () => {
    const bad = {
      template: 'star' as BadgeDesign['template'],
      colors: { primary: 'red', secondary: '#fff', accent: '#000000' },
      icon: 'kitten',
      useLogo: false,
      subtitle: 'x'.repeat(41),
    };
    expect(designProblems(bad).map((p) => p.path)).toEqual([
      'template',
      'colors.primary',
      'colors.secondary',
      'icon',
      'subtitle',
    ]);
    expect(designProblems(design())).toEqual([]);
  });

  it('generates the same design for the same name, and different ones across names', () => {
    expect(generatedDesign({ name: 'Excel Basics' })).toEqual(generatedDesign({ name: 'Excel Basics' }));
    const names = Array.from({ length: 40 }, (_, i) => `Badge number ${i}`);
    const templates = new Set(names.map((name) => generatedDesign({ name }).template));
    const palettes = new Set(names.map((name) => generatedDesign({ name }).colors.primary));
    expect(templates.size).toBe(BADGE_TEMPLATES.length);
    expect(palettes.size).toBeGreaterThan(5);
  });

  it('picks the icon from the name, then the skills, else by hash; the issuer’s colours win over the palette', () => {
    expect(generatedDesign({ name: 'Data Analysis' }).icon).toBe('chart-line');
    expect(generatedDesign({ name: 'Level one', keywords: ['Cooking'] }).icon).toBe('utensils');
    expect(BADGE_ICONS).toContain(generatedDesign({ name: 'Qwerty' }).icon);
    const own = generatedDesign({ name: 'Mine', colors: { primary: '#7c2d12', secondary: '#fde68a' } });
    expect(own.colors).toMatchObject({ primary: '#7c2d12', secondary: '#fde68a' });
  });

  it('uses palettes whose ribbon text reaches WCAG AA with black or white', () => {
    for (const palette of BADGE_PALETTES) {
      expect(contrastRatio(palette.accent, textColorOn(palette.accent))).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(palette.primary, palette.secondary)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('writes black text on a light ribbon and white text on a dark one', () => {
    expect(
      renderBadgeDesign({
        design: design({ colors: { primary: '#1e3a8a', secondary: '#dbeafe', accent: '#fde047' } }),
        name: 'A',
      }),
    ).toContain('fill="#000000"><tspan');
    expect(
      renderBadgeDesign({
        design: design({ colors: { primary: '#1e3a8a', secondary: '#dbeafe', accent: '#1e293b' } }),
        name: 'A',
      }),
    ).toContain('fill="#ffffff"><tspan');
  });
});

describe('fitting the name on the ribbon', () => {
  it('keeps a short name on one large line', () => {
    expect(fitName('Python', 190)).toEqual({ lines: ['Python'], fontSize: 22 });
  });

  it('wraps a longer name into two balanced lines', () => {
    const fitted = fitName('Data Analysis with Spreadsheets', 190);
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines.join(' ')).toBe('Data Analysis with Spreadsheets');
    expect(fitted.fontSize).toBeGreaterThanOrEqual(MIN_FONT_SIZE);
  });

  it('never goes below 14 px and ends a very long name with an ellipsis', () => {
    const fitted = fitName('Workplace First Aid and Emergency Response Certification for Supervisors', 190);
    expect(fitted.fontSize).toBe(MIN_FONT_SIZE);
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines[1]).toMatch(/…$/);
    for (const line of fitted.lines) expect(textWidthEm(line) * fitted.fontSize).toBeLessThanOrEqual(190);
    const word = fitName('Supercalifragilisticexpialidocious'.repeat(3), 190);
    expect(word.lines).toHaveLength(2);
    expect(word.lines[1]).toMatch(/…$/);
  });
});

describe('rendering a design', () => {
  it.each(BADGE_TEMPLATES)(
    'draws the %s template as a self-contained SVG that passes the upload checks',
    (template) => {
      const svg = renderBadgeDesign({
        design: design({ template, subtitle: 'Advanced' }),
        name: 'Payroll <Pro> & more',
      });
      expect(checkBadgeImage(Buffer.from(svg))).toBe('svg');
      expect(svg).toContain('Payroll &lt;Pro&gt; &amp; more');
      expect(svg).toContain('Advanced');
      expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|<script|<image/);
      expect(
        Math.min(...fontSizes(svg.replace(/<text[^>]*letter-spacing[^>]*>.*?<\/text>/, ''))),
      ).toBeGreaterThanOrEqual(14);
      expect(svgToPng(svg).length).toBeGreaterThan(1000);
    },
  );

  it('embeds the issuer’s logo as a PNG data URI only when the design asks for it', () => {
    const logo = logoForBadge(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#f00"/></svg>',
      ),
      'svg',
    );
    expect(logo).toMatch(/^data:image\/png;base64,/);
    const withLogo = renderBadgeDesign({ design: design({ useLogo: true }), name: 'Logo', logo });
    expect(withLogo).toContain(`href="${logo}"`);
    expect(checkBadgeImage(Buffer.from(withLogo))).toBe('svg');
    expect(renderBadgeDesign({ design: design({ useLogo: false }), name: 'Logo', logo })).not.toContain(
      '<image',
    );
    expect(
      renderBadgeDesign({ design: design({ useLogo: true }), name: 'Logo', logo: 'https://x.example/l.png' }),
    ).not.toContain('<image');
  });

  it('draws every default as a design: an icon, a ribbon with the name, the level or issuer above', () => {
    const svg = defaultBadgeSvg('Team Leadership', { issuerName: 'Harbour Academy' });
    expect(svg).toContain('Team Leadership');
    expect(svg).toContain('Harbour Academy');
    expect(svg).toContain('stroke-linecap="round"');
    expect(
      defaultBadgeSvg('Team Leadership', { issuerName: 'Harbour Academy', level: 'Advanced' }),
    ).toContain('Advanced');
    expect(checkBadgeImage(Buffer.from(svg))).toBe('svg');
  });
});
