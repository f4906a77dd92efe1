import { readFileSync } from 'node:fs';
import { fixture } from './terms.js';

const DESIGN_INPUT = readFileSync(fixture('sla', 'design-input.json'), 'utf8');

/** The example SLA input of DESIGN.md (one 90-minute repair in October 2025), a fresh copy each call. */
export function designInput(): Record<string, unknown> & { incidents: Record<string, unknown>[] } {
  return JSON.parse(DESIGN_INPUT);
}

/** An incident with every field wrong: six problems (`i` varies its start). */
export function wrongIncident(i: number): Record<string, unknown> {
  return {
    id: '',
    start: `2025-10-0${(i % 9) + 1} 10:00`,
    end: 'yesterday',
    cause: 'weather',
    restoreKind: 7,
    dataLoss: 'yes',
  };
}
