// Request and reply shapes shared by the insights routes (they feed the OpenAPI description).
import { z } from 'zod';

export const framework = z.enum(['onet', 'esco']);

export const querySkill = z.object({
  framework,
  code: z.string().trim().min(1).max(300).describe('The concept: an O*NET element id or an ESCO skill URI'),
  level: z
    .number()
    .min(0)
    .max(7)
    .optional()
    .describe('The level shown, on O*NET’s 0–7 scale; at or above the occupation’s level counts fully'),
});

/** Exactly one of these three (checked by the service: 400 naming the fields otherwise). */
export const inputFields = {
  skills: z
    .array(querySkill)
    .min(1)
    .max(50)
    .optional()
    .meta({
      description: 'The skills to match: 1 to 50 framework concepts',
      examples: [
        [
          { framework: 'onet', code: '2.B.3.e', level: 5 },
          { framework: 'onet', code: '2.C.3.a' },
          { framework: 'onet', code: '2.A.1.b' },
        ],
      ],
    }),
  awardId: z
    .uuid()
    .optional()
    .meta({
      description:
        'An award: its badge’s concept skills with their levels. Yours (session, or a token with read), or a public one; any other answers 404',
      examples: ['0f0e4d7a-3b0c-4a8e-9a51-6d2f1f0c7a11'],
    }),
  backpack: z
    .boolean()
    .optional()
    .meta({
      description:
        'true: every concept skill of your accepted, unrevoked, unexpired badges, the highest level where several assert one (signed in: 401 otherwise)',
      examples: [true],
    }),
};

export const badgeRef = z
  .object({ awardId: z.string(), name: z.string() })
  .meta({ examples: [{ awardId: '0f0e4d7a-3b0c-4a8e-9a51-6d2f1f0c7a11', name: 'Payroll Basics' }] });

export const source = z
  .string()
  .describe('"O*NET 29.3" or "ESCO 1.1.1": attribution is due where this shows');

export const occupationRef = z.object({
  framework,
  code: z.string().trim().min(1).max(300).describe('O*NET-SOC code (43-3051.00) or ESCO occupation URI'),
});
