// Synthetic journeys: plain TypeScript over the domain, for simulations, imports, benchmarks and tests.
export { generateJourney, generateJourneys, siteIdsOf, type GeneratedJourney } from './journey.generator';
export { eventsByCommand, replayCommands, type ReplayedEvent, type ReplayOptions, type ReplayResult, type Refusal } from './journey.replay';
export * from './generator.options';
export { createRandom, mixSeed, mulberry32, type Random, type Weights } from './seeded.prng';
export { carry, unwrap, unwrapOptional } from './carried-text';
