// Test factories of the learning context: an enrolment, and a learner's calls into the player.
import type { FastifyInstance } from 'fastify';
import type { TestSession } from '../identity/testing.ts';

export async function anEnrolment(
  app: FastifyInstance,
  learner: TestSession,
  courseId: string,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/me/enrolments',
    headers: learner.headers,
    payload: { courseId },
  });
  if (response.statusCode !== 201)
    throw new Error(`enrolment failed: ${response.statusCode} ${response.body}`);
  return response.json().id;
}

/** The player as one learner drives it. */
export function playerOf(app: FastifyInstance, learner: TestSession, enrolmentId: string) {
  const base = `/api/v1/me/enrolments/${enrolmentId}`;
  return {
    state: () => app.inject({ method: 'GET', url: base, headers: learner.headers }),
    open: (unitId: string) =>
      app.inject({ method: 'GET', url: `${base}/units/${unitId}`, headers: learner.headers }),
    answer: (unitId: string, questionId: string, answer: object, extra: object = {}) =>
      app.inject({
        method: 'POST',
        url: `${base}/answers`,
        headers: learner.headers,
        payload: { unitId, questionId, answer, ...extra },
      }),
    submit: (unitId: string, response: object) =>
      app.inject({
        method: 'POST',
        url: `${base}/evidence`,
        headers: learner.headers,
        payload: { unitId, response },
      }),
  };
}

/** Reads, answers both sample questions correctly and hands in the essay of the sample course. */
export async function workThroughSampleCourse(player: ReturnType<typeof playerOf>): Promise<void> {
  await player.open('intro');
  await player.answer('quiz', 'q1', { optionIds: ['gross'] });
  await player.answer('quiz', 'q2', { number: 52 });
  const submitted = await player.submit('essay', { text: 'We run payroll twice a month.' });
  if (submitted.statusCode !== 201)
    throw new Error(`evidence failed: ${submitted.statusCode} ${submitted.body}`);
}

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipartFile(
  filename: string,
  bytes: Buffer,
  contentType = 'application/octet-stream',
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tessera${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
