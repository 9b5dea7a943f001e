import type { ResolvedSeed } from '../options';
import type { EmulatorServices } from '../services';
import { baseState } from './base';
import { seedLarge } from './large';
import { seedWorkshop } from './workshop';

const DAY = 24 * 3_600_000;

/** Replaces the state with a fresh seed. */
export function applySeed(services: EmulatorServices, seed: ResolvedSeed) {
  const now = Date.now();
  services.store.replace(baseState(new Date(now - 30 * DAY).toISOString()));
  if (seed === 'workshop') {
    seedWorkshop(services, now);
  } else if (typeof seed === 'object') {
    seedLarge(services, seed.large, now);
  }
}
