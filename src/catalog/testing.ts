// Test factories of the catalog context: a course with a lesson, a two-question assessment and an essay.
import type { FastifyInstance } from 'fastify';
import type { TestSession } from '../identity/testing.ts';

export const sampleCourse = (overrides: Record<string, unknown> = {}) => ({
  title: 'Payroll basics',
  summary: 'Run a payroll cycle: gross to net, deductions, filings.',
  estimatedMinutes: 60,
  skills: [{ name: 'Payroll' }, { name: 'Compliance' }],
  activityCodePrefix: 'HRCI-PAY',
  units: [
    { id: 'intro', kind: 'lesson', title: 'Gross to net', markdown: '# Gross to net\n\nPay **on time**.' },
    {
      id: 'quiz',
      kind: 'assessment',
      title: 'Check yourself',
      questions: [
        {
          id: 'q1',
          type: 'single-choice',
          prompt: 'Which comes first?',
          options: [
            { id: 'gross', text: 'Gross pay', correct: true, feedback: 'Yes: gross first, then deductions.' },
            { id: 'net', text: 'Net pay', correct: false, feedback: 'Net is what is left after deductions.' },
          ],
        },
        {
          id: 'q2',
          type: 'numeric',
          prompt: 'Weeks in a year?',
          answer: 52,
          tolerance: 0.5,
          feedback: { correct: 'Right.', incorrect: 'Count again.' },
        },
      ],
    },
    {
      id: 'essay',
      kind: 'evidence',
      title: 'Reflect',
      task: 'essay',
      instructions: 'How does your team run payroll?',
      needsReview: true,
      rubric: [
        {
          criterion: 'Clarity',
          levels: [
            { label: 'weak', points: 0 },
            { label: 'clear', points: 2 },
          ],
        },
      ],
    },
  ],
  ...overrides,
});

/** Creates and publishes a course as an issuer author; returns its id. */
export async function aPublishedCourse(
  app: FastifyInstance,
  orgId: string,
  author: TestSession,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${orgId}/courses`,
    headers: author.headers,
    payload: sampleCourse(overrides),
  });
  if (created.statusCode !== 201)
    throw new Error(`course creation failed: ${created.statusCode} ${created.body}`);
  const courseId = created.json().id as string;
  const published = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${orgId}/courses/${courseId}/publish`,
    headers: author.headers,
  });
  if (published.statusCode !== 200)
    throw new Error(`publish failed: ${published.statusCode} ${published.body}`);
  return courseId;
}
