// A badge design drawn as a self-contained 256×256 SVG: no script, no external reference (the issuer's logo
// is embedded as a data: URI of a PNG or JPEG), only shapes, gradients and text. Pure.
import { escapeHtml } from '../html/index.ts';
import type { BadgeDesign, BadgeTemplate } from './badge-design.ts';
import { contrastRatio, textColorOn } from './badge-design.ts';
import { iconMarkup } from './badge-icons.ts';
import { fitLine, fitName } from './badge-text.ts';

export interface RenderInput {
  design: BadgeDesign;
  /** The badge's name, written on the ribbon. */
  name: string;
  /** data:image/png or data:image/jpeg URI of the issuer's logo, shown when the design asks for it. */
  logo?: string | null;
}

const LOGO_URI = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/;

/** The colour mixed with black (amount 0 … 1). */
function darker(color: string, amount: number): string {
  const channel = (at: number) =>
    Math.round(Number.parseInt(color.slice(at, at + 2), 16) * (1 - amount))
      .toString(16)
      .padStart(2, '0');
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

function rosettePoints(cx: number, cy: number, outer: number, inner: number, teeth: number): string {
  const points: string[] = [];
  for (let i = 0; i < teeth * 2; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = (Math.PI * i) / teeth - Math.PI / 2;
    points.push(`${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`);
  }
  return points.join(' ');
}

interface Layout {
  /** The outline, drawn at full size for the body and scaled about `center` for the field. */
  shape: (attributes: string) => string;
  center: [number, number];
  /** How much of the body the field covers. */
  field: number;
  subtitleY: number;
  iconY: number;
  ribbonTop: number;
  logoY: number;
  /** Width free for the subtitle on its line. */
  subtitleWidth: number;
}

const LAYOUTS: Record<BadgeTemplate, Layout> = {
  circle: {
    shape: (a) => `<circle cx="128" cy="128" r="122"${a}/>`,
    center: [128, 128],
    field: 0.86,
    subtitleY: 72,
    iconY: 110,
    ribbonTop: 148,
    logoY: 220,
    subtitleWidth: 150,
  },
  shield: {
    shape: (a) => `<path d="M128 6 L234 34 V116 C234 182 192 226 128 251 C64 226 22 182 22 116 V34 Z"${a}/>`,
    center: [128, 124],
    field: 0.86,
    subtitleY: 68,
    iconY: 106,
    ribbonTop: 144,
    logoY: 214,
    subtitleWidth: 160,
  },
  hexagon: {
    shape: (a) => `<polygon points="128,4 236,66 236,190 128,252 20,190 20,66"${a}/>`,
    center: [128, 128],
    field: 0.86,
    subtitleY: 74,
    iconY: 110,
    ribbonTop: 148,
    logoY: 218,
    subtitleWidth: 140,
  },
  rosette: {
    shape: (a) => `<polygon points="${rosettePoints(128, 126, 124, 115, 24)}"${a}/>`,
    center: [128, 124],
    field: 0.84,
    subtitleY: 70,
    iconY: 108,
    ribbonTop: 146,
    logoY: 214,
    subtitleWidth: 140,
  },
  'rounded-square': {
    shape: (a) => `<rect x="8" y="8" width="240" height="240" rx="44"${a}/>`,
    center: [128, 128],
    field: 0.88,
    subtitleY: 66,
    iconY: 108,
    ribbonTop: 148,
    logoY: 220,
    subtitleWidth: 170,
  },
};

const FONT = 'font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-weight="700"';
const RIBBON_TEXT_WIDTH = 190;

function scaled(layout: Layout, factor: number, attributes: string): string {
  const [cx, cy] = layout.center;
  return layout.shape(
    `${attributes} transform="translate(${cx} ${cy}) scale(${Number(factor.toFixed(3))}) translate(${-cx} ${-cy})"`,
  );
}

function ribbon(top: number, name: string, accent: string): { markup: string; bottom: number } {
  const fitted = fitName(name, RIBBON_TEXT_WIDTH);
  const lineHeight = Math.round(fitted.fontSize * 1.18);
  const height = Math.max(44, fitted.lines.length * lineHeight + 10);
  const bottom = top + height;
  const end = darker(accent, 0.28);
  const fold = darker(accent, 0.5);
  const drop = 9;
  const mid = top + drop + height / 2;
  const tails =
    `<polygon points="2,${top + drop} 40,${top + drop} 40,${bottom + drop} 2,${bottom + drop} 14,${mid}" fill="${end}"/>` +
    `<polygon points="254,${top + drop} 216,${top + drop} 216,${bottom + drop} 254,${bottom + drop} 242,${mid}" fill="${end}"/>` +
    `<polygon points="26,${bottom} 40,${bottom} 40,${bottom + drop}" fill="${fold}"/>` +
    `<polygon points="230,${bottom} 216,${bottom} 216,${bottom + drop}" fill="${fold}"/>`;
  const band = `<rect x="26" y="${top}" width="204" height="${height}" fill="${accent}"/>`;
  const firstBaseline =
    top + height / 2 - ((fitted.lines.length - 1) * lineHeight) / 2 + fitted.fontSize * 0.36;
  const tspans = fitted.lines
    .map(
      (line, i) =>
        `<tspan x="128" y="${(firstBaseline + i * lineHeight).toFixed(1)}">${escapeHtml(line)}</tspan>`,
    )
    .join('');
  const text = `<text ${FONT} font-size="${fitted.fontSize}" text-anchor="middle" fill="${textColorOn(accent)}">${tspans}</text>`;
  return { markup: tails + band + text, bottom };
}

/** The design as SVG markup (UTF-8 text), 256×256. */
export function renderBadgeDesign({ design, name, logo }: RenderInput): string {
  const layout = LAYOUTS[design.template];
  const { primary, secondary, accent } = design.colors;
  const ink = contrastRatio(primary, secondary) >= 3 ? primary : textColorOn(secondary);
  const subtitleInk = contrastRatio(primary, secondary) >= 4.5 ? primary : textColorOn(secondary);
  const parts: string[] = [];
  parts.push(
    `<defs><linearGradient id="badge-body" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${primary}"/><stop offset="1" stop-color="${darker(primary, 0.3)}"/></linearGradient></defs>`,
  );
  parts.push(layout.shape(' fill="url(#badge-body)"'));
  parts.push(scaled(layout, layout.field, ` fill="${secondary}"`));
  parts.push(
    scaled(
      layout,
      layout.field - 0.06,
      ` fill="none" stroke="${ink}" stroke-opacity="0.35" stroke-width="2" stroke-dasharray="3 5"`,
    ),
  );
  const subtitle = design.subtitle?.trim();
  if (subtitle) {
    const fitted = fitLine(subtitle, layout.subtitleWidth);
    parts.push(
      `<text ${FONT} font-size="${fitted.fontSize}" letter-spacing="0.3" text-anchor="middle" x="128" y="${layout.subtitleY}" fill="${subtitleInk}">${escapeHtml(fitted.lines[0] ?? '')}</text>`,
    );
  }
  if (design.icon) {
    const size = subtitle ? 56 : 70;
    const centerY = subtitle ? layout.iconY : layout.iconY - 8;
    const scale = size / 24;
    parts.push(
      `<g transform="translate(${128 - size / 2} ${centerY - size / 2}) scale(${scale.toFixed(3)})" fill="none" stroke="${ink}" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round">${iconMarkup(design.icon)}</g>`,
    );
  }
  const band = ribbon(layout.ribbonTop, name, accent);
  parts.push(band.markup);
  if (design.useLogo && logo && LOGO_URI.test(logo)) {
    // Below the ribbon, however many lines the name took.
    const y = Math.max(layout.logoY, band.bottom + 22);
    parts.push(
      `<circle cx="128" cy="${y}" r="19" fill="#ffffff" stroke="${ink}" stroke-opacity="0.4" stroke-width="1.5"/>` +
        `<image x="115" y="${y - 13}" width="26" height="26" preserveAspectRatio="xMidYMid meet" href="${logo}"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-label="${escapeHtml(name)}"><title>${escapeHtml(name)}</title>\n${parts.join('\n')}\n</svg>`;
}
