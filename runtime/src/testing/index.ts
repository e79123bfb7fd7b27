export { SimulatedClock, flushMicrotasks } from './simulated-clock.js';
export { TestProbe, createTestProbe, collect, nextEvent } from './test-probe.js';
export type { ExpectOptions, TestProbeOptions } from './test-probe.js';
export { createLinkedPair } from '../ports/memory-transport.js';
export { memoryStore } from '../store/memory-store.js';
