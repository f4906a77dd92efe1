import { readFileSync } from 'node:fs';
import { fixture } from './terms.js';

const DESIGN_INPUT = readFileSync(fixture('sla', 'design-input.json'), 'utf8');

/** The example SLA input of DESIGN.md (one 90-minute repair in October 2025), a fresh copy each call. */
export function designInput(): Record<string, unknown> & { incidents: Record<string, unknown>[] } {
  return JSON.parse(DESIGN_INPUT);
}

/** An incident with every field wrong (shared with the bench's costliest bodies). */
export { wrongIncident } from '../../bench/sla-bodies.js';
