// Badge awarding test helpers, for tests outside src/ (e2e, benches); they live beside the badges context.
export * from '../../src/badges/award-testing.ts';
