// Background work of the badges context: the award engine reads the learning outbox every second.
import type { Ticker } from '../jobs/ticker.ts';
import { processLearningEvents } from './engine.ts';

export const learningEventsTicker: Ticker = {
  name: 'badges.learning-events',
  everySeconds: 1,
  run: (deps) => processLearningEvents(deps),
};
