// Requests and replies of the badge designer routes.

import { z } from 'zod';
import { schemaMessage } from '../errors.ts';
import { BADGE_ICONS, BADGE_TEMPLATES, MAX_SUBTITLE_LENGTH } from '../issuing/index.ts';

const hexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, schemaMessage('hex-colour', 'must be a colour written #rrggbb'));

export const designSchema = z
  .strictObject({
    template: z.enum(BADGE_TEMPLATES),
    colors: z.strictObject({ primary: hexColor, secondary: hexColor, accent: hexColor }),
    icon: z
      .string()
      .max(40)
      .refine(
        (name) => BADGE_ICONS.includes(name),
        schemaMessage('unknown-badge-icon', 'is not an icon of the badge icon set'),
      )
      .nullable(),
    useLogo: z.boolean(),
    subtitle: z.string().max(MAX_SUBTITLE_LENGTH).nullable(),
  })
  .meta({ description: 'A badge design: template, colours, icon of the icon set, logo or not, subtitle' });

export const previewBody = z.strictObject({
  design: designSchema,
  /** The name written on the ribbon (the badge's name as typed in the editor). */
  name: z.string().trim().min(1).max(200),
});

export const designOptionsReply = z.object({
  templates: z.array(z.enum(BADGE_TEMPLATES)),
  palettes: z.array(z.object({ primary: z.string(), secondary: z.string(), accent: z.string() })),
  icons: z.array(z.object({ name: z.string(), svg: z.string() })),
  hasLogo: z.boolean(),
  suggested: designSchema,
});
