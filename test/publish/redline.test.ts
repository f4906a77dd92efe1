import { describe, expect, it } from 'vitest';
import { diffParameters } from '../../src/publish/params-diff.js';
import { redline } from '../../src/publish/redline.js';

describe('redline', () => {
  it('strikes a changed number as a whole word', () => {
    expect(redline('гарантирует 99,9 % доступности', 'гарантирует 99,5 % доступности')).toEqual([
      { type: 'equal', text: 'гарантирует ' },
      { type: 'removed', text: '99,9' },
      { type: 'added', text: '99,5' },
      { type: 'equal', text: ' % доступности' },
    ]);
    expect(
      redline('ресурстарының 99,9% қолжетімділігін', 'ресурстарының 99,5% қолжетімділігін'),
    ).toEqual([
      { type: 'equal', text: 'ресурстарының ' },
      { type: 'removed', text: '99,9%' },
      { type: 'added', text: '99,5%' },
      { type: 'equal', text: ' қолжетімділігін' },
    ]);
  });

  it('marks an inserted and a deleted word', () => {
    expect(redline('Есептеу ортасын өз бетінше', 'Есептеу ортасын толық өз бетінше')).toEqual([
      { type: 'equal', text: 'Есептеу ортасын ' },
      { type: 'added', text: 'толық ' },
      { type: 'equal', text: 'өз бетінше' },
    ]);
    expect(redline('a b c', 'a c')).toEqual([
      { type: 'equal', text: 'a ' },
      { type: 'removed', text: 'b ' },
      { type: 'equal', text: 'c' },
    ]);
  });

  it('joins edits split by punctuation inside one word', () => {
    expect(redline('x 1.2.3 y', 'x 4.2.5 y')).toEqual([
      { type: 'equal', text: 'x ' },
      { type: 'removed', text: '1.2.3' },
      { type: 'added', text: '4.2.5' },
      { type: 'equal', text: ' y' },
    ]);
  });

  it('gives one equal run for equal texts', () => {
    expect(redline('same text', 'same text')).toEqual([{ type: 'equal', text: 'same text' }]);
  });
});

describe('diffParameters', () => {
  const base = {
    sla: {
      availabilityTargetPercent: 99.9,
      restoreTimes: [
        { id: 'reboot', withinMinutes: 45 },
        { id: 'repair', withinMinutes: 480 },
      ],
      compensationTiers: [{ availabilityPercent: { min: 99.9 }, creditPercent: 0 }],
      excludedCauses: ['planned-maintenance', 'customer'],
    },
    support: { channels: [{ type: 'telegram', responseMinutes: 10 }, { type: 'phone' }] },
  };

  it('finds nothing in equal trees', () => {
    expect(diffParameters(base, structuredClone(base))).toEqual([]);
  });

  it('names array items by id or type, tiers by index, and lists of values as a whole', () => {
    const next = structuredClone(base);
    next.sla.availabilityTargetPercent = 99.5;
    next.sla.restoreTimes = [
      { id: 'repair', withinMinutes: 480 },
      { id: 'reboot', withinMinutes: 30 },
      { id: 'migrate', withinMinutes: 60 },
    ];
    (next.sla.compensationTiers[0] as { creditPercent: number }).creditPercent = 1;
    next.sla.excludedCauses = ['customer'];
    next.support.channels = [{ type: 'telegram', responseMinutes: 5 }];
    expect(diffParameters(base, next)).toEqual([
      { path: 'sla.availabilityTargetPercent', change: 'changed', from: 99.9, to: 99.5 },
      { path: 'sla.restoreTimes.reboot.withinMinutes', change: 'changed', from: 45, to: 30 },
      {
        path: 'sla.restoreTimes.migrate',
        change: 'added',
        to: { id: 'migrate', withinMinutes: 60 },
      },
      { path: 'sla.compensationTiers[0].creditPercent', change: 'changed', from: 0, to: 1 },
      {
        path: 'sla.excludedCauses',
        change: 'changed',
        from: ['planned-maintenance', 'customer'],
        to: ['customer'],
      },
      { path: 'support.channels.telegram.responseMinutes', change: 'changed', from: 10, to: 5 },
      { path: 'support.channels.phone', change: 'removed', from: { type: 'phone' } },
    ]);
  });

  it('reports a key present on one side only', () => {
    expect(diffParameters({ a: 1 }, { a: 1, b: { c: 2 } })).toEqual([
      { path: 'b', change: 'added', to: { c: 2 } },
    ]);
    expect(diffParameters({ a: 1, b: 2 }, { a: 1 })).toEqual([
      { path: 'b', change: 'removed', from: 2 },
    ]);
  });
});
