// The icon set of badge designs: a curated list of Lucide icons (lucide-static, ISC) that suit skills, each
// with the words that pick it for a generated default. The drawing comes from the package's icon nodes
// (element name and attributes), written out again attribute by attribute so nothing else gets through.
import { createRequire } from 'node:module';

type IconNode = [string, Record<string, string>][];

/** Icon name → words in a badge's name or skills that choose it for a generated design. */
const CURATED: Record<string, string[]> = {
  'book-open': ['book', 'read', 'reading', 'literacy', 'library', 'study', 'course', 'writing'],
  'graduation-cap': ['graduate', 'graduation', 'degree', 'academic', 'teaching', 'teacher', 'education'],
  code: [
    'code',
    'coding',
    'programming',
    'developer',
    'software',
    'javascript',
    'typescript',
    'python',
    'web',
  ],
  terminal: ['terminal', 'linux', 'shell', 'devops', 'command', 'cli', 'sysadmin'],
  'chart-column': ['chart', 'analytics', 'statistics', 'report', 'reporting', 'excel', 'spreadsheet'],
  'chart-line': ['data', 'trend', 'forecast', 'growth', 'marketing', 'sales', 'finance'],
  'shield-check': ['security', 'safety', 'privacy', 'compliance', 'protection', 'gdpr', 'cyber'],
  'heart-pulse': ['health', 'healthcare', 'aid', 'care', 'wellbeing', 'nursing', 'cpr'],
  wrench: ['repair', 'maintenance', 'mechanic', 'technical', 'tools', 'plumbing'],
  leaf: ['environment', 'sustainability', 'green', 'ecology', 'nature', 'climate'],
  star: ['excellence', 'star', 'quality', 'customer', 'service'],
  users: ['team', 'teamwork', 'people', 'community', 'collaboration', 'hr'],
  lightbulb: ['idea', 'innovation', 'creativity', 'creative', 'design', 'thinking'],
  brain: ['ai', 'machine', 'psychology', 'cognitive', 'mind', 'intelligence'],
  rocket: ['launch', 'startup', 'entrepreneurship', 'product', 'agile'],
  trophy: ['champion', 'competition', 'winner', 'achievement', 'sport', 'sports'],
  award: ['award', 'certified', 'certificate', 'recognition', 'honour', 'honor'],
  medal: ['medal', 'mastery', 'master', 'expert'],
  target: ['goal', 'goals', 'strategy', 'focus', 'planning', 'okr'],
  puzzle: ['problem', 'solving', 'logic', 'puzzle', 'integration'],
  palette: ['art', 'arts', 'color', 'colour', 'painting', 'graphic', 'visual'],
  camera: ['photo', 'photography', 'video', 'media', 'film'],
  globe: ['global', 'international', 'world', 'geography', 'travel', 'tourism'],
  languages: ['language', 'languages', 'english', 'spanish', 'translation', 'communication'],
  calculator: ['math', 'maths', 'mathematics', 'accounting', 'bookkeeping', 'tax', 'payroll'],
  'flask-conical': ['science', 'chemistry', 'lab', 'laboratory', 'experiment'],
  microscope: ['biology', 'research', 'microbiology', 'medical'],
  stethoscope: ['medicine', 'clinical', 'doctor', 'patient', 'nurse'],
  hammer: ['construction', 'building', 'carpentry', 'craft', 'woodwork'],
  cpu: ['hardware', 'electronics', 'computer', 'computing', 'engineering', 'robotics'],
  database: ['database', 'sql', 'storage', 'databases'],
  cloud: ['cloud', 'aws', 'azure', 'kubernetes', 'infrastructure'],
  lock: ['encryption', 'password', 'access', 'identity', 'cryptography'],
  handshake: ['negotiation', 'partnership', 'ethics', 'trust', 'business'],
  'message-circle': ['chat', 'conversation', 'feedback', 'support', 'listening', 'coaching'],
  megaphone: ['leadership', 'speaking', 'presentation', 'advocacy', 'campaign'],
  briefcase: ['career', 'management', 'manager', 'professional', 'office', 'administration'],
  scale: ['law', 'legal', 'justice', 'policy', 'regulation'],
  truck: ['logistics', 'supply', 'transport', 'delivery', 'warehouse'],
  sprout: ['agriculture', 'farming', 'gardening', 'beginner', 'foundations', 'onboarding'],
  recycle: ['recycling', 'waste', 'circular', 'energy'],
  utensils: ['food', 'cooking', 'culinary', 'hospitality', 'kitchen', 'nutrition'],
  paintbrush: ['paint', 'decorating', 'illustration', 'drawing'],
  'pen-tool': ['ux', 'ui', 'typography', 'branding', 'vector'],
  'hard-hat': ['osha', 'hazard', 'industrial', 'manufacturing'],
  compass: ['navigation', 'orientation', 'explore', 'guidance', 'mentoring'],
  map: ['mapping', 'gis', 'cartography', 'route', 'roadmap'],
  flag: ['milestone', 'completion', 'finish', 'citizenship', 'volunteer'],
};

export const BADGE_ICONS: readonly string[] = Object.keys(CURATED);
export const isBadgeIcon = (name: string): boolean => Object.hasOwn(CURATED, name);

let nodes: Record<string, IconNode> | null = null;
function iconNodes(): Record<string, IconNode> {
  if (!nodes) {
    const all = createRequire(import.meta.url)('lucide-static/icon-nodes.json') as Record<string, IconNode>;
    nodes = Object.fromEntries(BADGE_ICONS.map((name) => [name, all[name] ?? []]));
  }
  return nodes;
}

const ELEMENTS = new Set(['path', 'circle', 'rect', 'line', 'polyline', 'polygon', 'ellipse']);
const ATTRIBUTES = new Set([
  'd',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'x',
  'y',
  'width',
  'height',
  'x1',
  'x2',
  'y1',
  'y2',
  'points',
]);
const SAFE_VALUE = /^[0-9A-Za-z .,-]*$/;

/** The icon's shapes on its 24×24 grid, as SVG elements; attributes other than geometry are dropped. */
export function iconMarkup(name: string): string {
  const node = iconNodes()[name] ?? [];
  return node
    .filter(([element]) => ELEMENTS.has(element))
    .map(([element, attributes]) => {
      const kept = Object.entries(attributes)
        .filter(([key, value]) => ATTRIBUTES.has(key) && SAFE_VALUE.test(value))
        .map(([key, value]) => ` ${key}="${value}"`)
        .join('');
      return `<${element}${kept}/>`;
    })
    .join('');
}

/** The icon on its own, as a small standalone SVG (the designer's icon picker shows these). */
export function iconSvg(name: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${iconMarkup(name)}</svg>`;
}

/** The icon whose words occur in the text (earliest word wins), or null. */
export function iconForWords(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  for (const word of words) {
    for (const [icon, keys] of Object.entries(CURATED)) if (keys.includes(word)) return icon;
  }
  return null;
}
