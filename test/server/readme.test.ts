import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README, readmeBlock } from '../../scripts/readme-block.js';
import { ROUTES_BLOCK, routesTable } from '../../scripts/readme-routes.js';

describe('the README table of what each file is served with', () => {
  it('is what the layout and the header policy give (regenerate with npx tsx scripts/readme-routes.ts)', () => {
    expect(readmeBlock(readFileSync(README, 'utf8'), ROUTES_BLOCK)).toBe(routesTable());
  });
});
