import { describe, expect, it } from 'vitest';
import { awardEvidence, type CourseWork, credentialWork } from './results.ts';

const ACHIEVEMENT = 'https://badges.example.org/achievements/b1';
const accepted = { at: new Date('2026-05-20T10:00:00Z'), assessorName: null, scores: [] };

const course = (overrides: Partial<CourseWork> = {}): CourseWork => ({
  courseId: 'c1',
  title: 'Payroll basics',
  completion: null,
  assessments: [{ unitId: 'quiz', title: 'Check yourself', questions: 4, firstTimeCorrect: 3 }],
  evidence: [
    {
      unitId: 'att',
      title: 'Attend the webinar',
      task: 'attendance-code',
      instructions: 'Enter the code given at the end.',
      rubric: [],
      accepted,
    },
    {
      unitId: 'essay',
      title: 'Reflect',
      task: 'essay',
      instructions: 'How does your team run payroll?',
      rubric: [{ criterion: 'Clarity', levels: [{ label: 'clear', points: 2 }] }],
      accepted: null,
    },
  ],
  ...overrides,
});

const all = { results: true, evidence: true };

describe('results and evidence of a credential', () => {
  it('counts only the evidence task an evidence requirement names, as a Status result without a review', () => {
    const work = credentialWork(
      ACHIEVEMENT,
      { items: [{ kind: 'evidence', courseId: 'c1', unitId: 'att' }], required: null },
      [course()],
      all,
    );
    expect(work.resultDescriptions).toEqual([
      {
        id: `${ACHIEVEMENT}#result-c1-att`,
        name: 'Payroll basics: Attend the webinar',
        resultType: 'Status',
      },
    ]);
    expect(work.results).toEqual([
      { resultDescription: `${ACHIEVEMENT}#result-c1-att`, status: 'Completed' },
    ]);
    expect(work.evidence[0]).toMatchObject({
      genre: 'Attendance',
      description: 'Accepted on 2026-05-20.',
      narrative: expect.stringContaining('accepted on submission (no review needed)'),
    });
    expect(work.activityEndDate).toEqual(accepted.at);
  });

  it('scores the assessments of a completed required course as a percentage and skips unaccepted tasks', () => {
    const completion = {
      activityCode: 'TSR-AAAAA-BBBBB',
      completedAt: new Date('2026-05-21T08:00:00Z'),
      verifyUrl: 'https://tessera.example/certificates/TSR-AAAAA-BBBBB',
    };
    const work = credentialWork(
      ACHIEVEMENT,
      { items: [{ kind: 'course', courseId: 'c1' }], required: null },
      [course({ completion })],
      all,
    );
    expect(work.results).toContainEqual({ resultDescription: `${ACHIEVEMENT}#result-c1-quiz`, value: '75' });
    expect(work.resultDescriptions.map((d) => d.resultType)).toEqual(['Percent', 'Status']);
    expect(work.evidence.map((e) => e.genre)).toEqual(['Course completion', 'Attendance']);
    expect(work.evidence[0]?.narrative).toContain(completion.verifyUrl);
    expect(work.activityEndDate).toEqual(completion.completedAt);
  });

  it('gives no assessment score for a required course the learner has not completed', () => {
    const work = credentialWork(
      ACHIEVEMENT,
      { items: [{ kind: 'course', courseId: 'c1' }], required: null },
      [course()],
      all,
    );
    expect(work.results.some((r) => r.value !== undefined)).toBe(false);
  });

  it('discloses nothing but the end date when the badge keeps results and evidence back', () => {
    const work = credentialWork(
      ACHIEVEMENT,
      { items: [{ kind: 'evidence', courseId: 'c1', unitId: 'att' }], required: null },
      [course()],
      { results: false, evidence: false },
    );
    expect(work).toEqual({
      resultDescriptions: [],
      results: [],
      evidence: [],
      activityEndDate: accepted.at,
    });
  });

  it("turns an award's narrative and evidence into evidence entries, and nothing into none", () => {
    expect(awardEvidence({ narrative: null, evidenceUrl: null, evidenceNarrative: null })).toEqual([]);
    expect(
      awardEvidence({ narrative: null, evidenceUrl: 'https://e.example/1', evidenceNarrative: null }),
    ).toEqual([{ id: 'https://e.example/1' }]);
    expect(
      awardEvidence({ narrative: 'Led it.', evidenceUrl: null, evidenceNarrative: 'The plan.' }),
    ).toEqual([
      { name: 'Evidence', narrative: 'The plan.' },
      { name: 'Why this badge was awarded', narrative: 'Led it.' },
    ]);
  });
});
