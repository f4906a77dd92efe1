import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/sla/index.js';
import { LOW_CAP_RULES, outage, RULES, slaInput } from './helpers.js';

const DAY = 86_400;

describe('evaluate: the DESIGN.md example', () => {
  it('gives 99.7984 %, 5 % and 7500.00 KZT for 5400 s of provider downtime in 2025-10', () => {
    const input = slaInput('2025-10', [
      {
        id: 'INC-1',
        start: '2025-10-03T10:00:00+05:00',
        end: '2025-10-03T11:30:00+05:00',
        cause: 'provider',
        restoreKind: 'repair',
        dataLoss: false,
      },
    ]);
    expect(evaluate(RULES, input)).toEqual({
      service: 'dedicated-compute',
      version: '2025-09-10',
      period: {
        month: '2025-10',
        start: '2025-10-01T00:00:00+05:00',
        end: '2025-11-01T00:00:00+05:00',
        seconds: 2_678_400,
        timeZone: 'Asia/Almaty',
      },
      applicable: true,
      downtimeSeconds: 5400,
      excludedSeconds: 0,
      availabilityPercent: 99.7984,
      availabilityFraction: '2673000/2678400',
      creditPercent: 5,
      credit: { amount: '7500.00', currency: 'KZT' },
      capped: false,
      dataLossCredit: { amount: '0.00', currency: 'KZT' },
      restoreBreaches: [],
      compensationForm: 'service-credit',
      tier: {
        index: 1,
        availabilityPercent: { min: 99.0, minInclusive: false, max: 99.9, maxInclusive: false },
        creditPercent: 5,
      },
      clauses: [{ id: 'availability-target' }, { id: 'compensation' }, { id: 'compensation-cap' }],
      incidents: [
        {
          id: 'INC-1',
          cause: 'provider',
          startsInPeriod: true,
          durationSeconds: 5400,
          withinPeriodSeconds: 5400,
          countedSeconds: 5400,
        },
      ],
    });
  });
});

describe('evaluate: the compensation table (clause 5.8) in a 30-day month', () => {
  // 2025-11 in Asia/Almaty: 2,592,000 s; 0.1 % of it is 2,592 s, 1 % is 25,920 s, 5 % is 129,600 s.
  const at = (downtime: number) =>
    evaluate(RULES, slaInput('2025-11', [outage('A', '2025-11-01T00:00:00+05:00', downtime)]));
  const row = (downtime: number) => {
    const r = at(downtime);
    return [r.availabilityPercent, r.creditPercent, r.credit.amount, r.tier?.index];
  };

  it.each([
    [0, 100, 0, '0.00', 0],
    [2591, 99.9, 0, '0.00', 0],
    [2592, 99.9, 0, '0.00', 0],
    // Shown rounded toward the inside of the tier applied, never across its bound.
    [2593, 99.8999, 5, '7500.00', 1],
    [25_919, 99.0001, 5, '7500.00', 1],
    [25_920, 99.0, 10, '15000.00', 2],
    [25_921, 99.0, 10, '15000.00', 2],
    [129_599, 95.0001, 10, '15000.00', 2],
    [129_600, 95.0, 15, '22500.00', 3],
    [129_601, 95.0, 15, '22500.00', 3],
    [30 * DAY, 0, 15, '22500.00', 3],
  ])(
    '%i s of downtime: availability %s, credit %s percent = %s, tier %i',
    (downtime, percent, credit, amount, tier) => {
      expect(row(downtime)).toEqual([percent, credit, amount, tier]);
    },
  );

  it('takes exactly 99.9 % as meeting the guarantee: 2,592 s gives no credit, 2,593 s gives 5 %', () => {
    expect(at(2592).creditPercent).toBe(0);
    expect(at(2593).creditPercent).toBe(5);
  });

  it('chooses the tier from the exact value, and never shows a figure of another tier', () => {
    // 2,593 s is 99.89996… %: below 99.9, so 5 %; half-up would show 99.9, the 0 % tier's bound.
    const r = at(2593);
    expect([r.availabilityPercent, r.availabilityFraction, r.creditPercent]).toEqual([
      99.8999,
      '2589407/2592000',
      5,
    ]);
  });

  it('shows the exact availability as available seconds over period seconds', () => {
    expect([at(0).availabilityFraction, at(1.5).availabilityFraction]).toEqual([
      '2592000/2592000',
      '2591998.5/2592000',
    ]);
  });

  it('rounds availabilityPercent half-up for display only (99.98125 → 99.9813)', () => {
    // 486 s in 2,592,000 s is exactly 99.98125 %: a float would round it down.
    expect(at(486).availabilityPercent).toBe(99.9813);
  });

  it('counts fractions of a second exactly', () => {
    const r = at(1.5);
    expect([r.downtimeSeconds, r.availabilityPercent, r.creditPercent]).toEqual([1.5, 99.9999, 0]);
  });
});

describe('evaluate: months of 28, 29, 30 and 31 days', () => {
  // The 99.9 % boundary is 0.1 % of the month: a fraction of a second except in 30-day months.
  it.each([
    ['2025-02', '2025-02-01T00:00:00+05:00', '2025-03-01T00:00:00+05:00', 28 * DAY, 2419.2],
    ['2028-02', '2028-02-01T00:00:00+05:00', '2028-03-01T00:00:00+05:00', 29 * DAY, 2505.6],
    ['2025-11', '2025-11-01T00:00:00+05:00', '2025-12-01T00:00:00+05:00', 30 * DAY, 2592],
    ['2025-12', '2025-12-01T00:00:00+05:00', '2026-01-01T00:00:00+05:00', 31 * DAY, 2678.4],
  ])(
    '%s runs %s to %s (%i s); 99.9 percent is %s s of downtime',
    (month, start, end, seconds, boundary) => {
      const run = (downtime: number) =>
        evaluate(RULES, slaInput(month, [outage('A', `${month}-15T12:00:00+05:00`, downtime)]));
      const exact = run(boundary);
      expect(exact.period).toEqual({ month, start, end, seconds, timeZone: 'Asia/Almaty' });
      expect([exact.downtimeSeconds, exact.availabilityPercent, exact.creditPercent]).toEqual([
        boundary,
        99.9,
        0,
      ]);
      const over = run(boundary + 0.001);
      expect([over.availabilityPercent, over.creditPercent]).toEqual([99.8999, 5]);
    },
  );

  it('follows daylight saving time in the rules time zone (Europe/Berlin, March 2025 has 743 hours)', () => {
    const rules = { ...RULES, timeZone: 'Europe/Berlin' };
    const r = evaluate(rules, slaInput('2025-03'));
    expect(r.period).toEqual({
      month: '2025-03',
      start: '2025-03-01T00:00:00+01:00',
      end: '2025-04-01T00:00:00+02:00',
      seconds: 743 * 3600,
      timeZone: 'Europe/Berlin',
    });
  });
});

describe('evaluate: every boundary of the compensation table in months of 28, 29, 30 and 31 days', () => {
  const DAYS = { '2026-02': 28, '2028-02': 29, '2025-11': 30, '2025-10': 31 } as const;
  // Downtime of exactly 0.1 %, 1 % and 5 % of the month (in nanoseconds, exact) and the tier
  // one nanosecond across the boundary: at 99.9 % more downtime costs 5 %; at 99.0 % and
  // 95.0 % (which take the higher credit) less downtime gives the lower credit.
  const rows = Object.entries(DAYS).flatMap(([month, days]) => [
    [month, days, '99.9', 1n, 0, 1n, 5],
    [month, days, '99.0', 10n, 10, -1n, 5],
    [month, days, '95.0', 50n, 15, -1n, 10],
  ]) as [string, number, string, bigint, number, bigint, number][];

  it.each(rows)(
    '%s (%i days) at exactly %s percent',
    (month, days, _percent, permille, credit, nudge, nudgedCredit) => {
      const downtime = (permille * BigInt(days) * 86_400_000_000_000n) / 1000n;
      const start = `${month}-02T00:00:00+05:00`;
      const end = (nanos: bigint) => {
        const at = BigInt(Date.parse(start)) * 1_000_000n + nanos;
        const whole = new Date(Number(at / 1_000_000n)).toISOString().slice(0, 19);
        return `${whole}.${String(at % 1_000_000_000n).padStart(9, '0')}Z`;
      };
      const run = (nanos: bigint) =>
        evaluate(RULES, slaInput(month, [{ id: 'A', start, end: end(nanos), cause: 'provider' }]));
      const exact = run(downtime);
      expect([exact.period.seconds, exact.downtimeSeconds, exact.creditPercent]).toEqual([
        days * DAY,
        Number(downtime) / 1e9,
        credit,
      ]);
      expect(run(downtime + nudge).creditPercent).toBe(nudgedCredit);
    },
  );
});

describe('evaluate: counting downtime', () => {
  const run = (incidents: Parameters<typeof slaInput>[1], period = '2025-10') =>
    evaluate(RULES, slaInput(period, incidents));

  it('counts overlapping provider incidents once', () => {
    const r = run([
      outage('A', '2025-10-03T10:00:00+05:00', 3600),
      outage('B', '2025-10-03T10:30:00+05:00', 5400),
      outage('C', '2025-10-03T10:30:00+05:00', 5400),
    ]);
    expect(r.downtimeSeconds).toBe(7200);
    expect(r.incidents.map((i) => i.countedSeconds)).toEqual([3600, 5400, 5400]);
  });

  it('counts incidents that only touch end to start back to back, without a gap or double count', () => {
    const r = run([
      outage('A', '2025-10-03T10:00:00+05:00', 600),
      outage('B', '2025-10-03T10:10:00+05:00', 600),
    ]);
    expect(r.downtimeSeconds).toBe(1200);
  });

  it('clips at midnight of the 1st in Asia/Almaty, not UTC', () => {
    // 18:00Z–20:00Z on 30 September is 23:00–01:00 in Almaty: one hour belongs to October.
    const crossing = {
      id: 'X',
      start: '2025-09-30T18:00:00Z',
      end: '2025-09-30T20:00:00Z',
      cause: 'provider' as const,
    };
    const october = run([crossing]);
    expect(october.downtimeSeconds).toBe(3600);
    expect(october.incidents).toEqual([
      {
        id: 'X',
        cause: 'provider',
        startsInPeriod: false,
        durationSeconds: 7200,
        withinPeriodSeconds: 3600,
        countedSeconds: 3600,
      },
    ]);
    expect(run([crossing], '2025-09').downtimeSeconds).toBe(3600);
    expect(run([crossing], '2025-08').downtimeSeconds).toBe(0);
  });

  it('clips at the end of the month', () => {
    const r = run([outage('A', '2025-10-31T23:30:00+05:00', 3600)]);
    expect([r.downtimeSeconds, r.incidents[0]?.withinPeriodSeconds]).toEqual([1800, 1800]);
  });

  it('ignores incidents entirely outside the period and zero-length incidents', () => {
    const r = run([
      outage('before', '2025-09-15T10:00:00+05:00', 3600),
      outage('after', '2025-11-01T00:00:00+05:00', 3600),
      outage('empty', '2025-10-10T10:00:00+05:00', 0),
    ]);
    expect([r.downtimeSeconds, r.availabilityPercent, r.creditPercent]).toEqual([0, 100, 0]);
  });

  it('subtracts excluded causes that overlap provider downtime, and reports what they removed', () => {
    const r = run([
      outage('P', '2025-10-03T10:00:00+05:00', 7200),
      outage('M', '2025-10-03T11:00:00+05:00', 7200, { cause: 'planned-maintenance' }),
    ]);
    expect([r.downtimeSeconds, r.excludedSeconds]).toEqual([3600, 3600]);
    expect(r.clauses.map((c) => c.id)).toEqual([
      'availability-target',
      'compensation',
      'compensation-cap',
      'planned-maintenance',
    ]);
    expect(r.incidents.map((i) => i.countedSeconds)).toEqual([3600, 0]);
  });

  it('counts excluded time once when excluded causes overlap each other', () => {
    const r = run([
      outage('P', '2025-10-03T10:00:00+05:00', 7200),
      outage('F', '2025-10-03T10:00:00+05:00', 3600, { cause: 'force-majeure' }),
      outage('C', '2025-10-03T10:30:00+05:00', 3600, { cause: 'customer' }),
    ]);
    expect([r.downtimeSeconds, r.excludedSeconds]).toEqual([1800, 5400]);
    expect(r.clauses.map((c) => c.id)).toContain('force-majeure');
  });

  it('does not count excluded time with no provider downtime under it', () => {
    const r = run([
      outage('M', '2025-10-03T10:00:00+05:00', 7200, { cause: 'planned-maintenance' }),
    ]);
    expect([r.downtimeSeconds, r.excludedSeconds, r.clauses.length]).toEqual([0, 0, 3]);
  });

  it('lets only the causes the rules exclude excuse downtime', () => {
    const rules = {
      ...RULES,
      sla: { ...RULES.sla, excludedCauses: ['planned-maintenance' as const] },
    };
    const r = evaluate(
      rules,
      slaInput('2025-10', [
        outage('P', '2025-10-03T10:00:00+05:00', 7200),
        outage('F', '2025-10-03T10:00:00+05:00', 7200, { cause: 'force-majeure' }),
      ]),
    );
    expect([r.downtimeSeconds, r.excludedSeconds]).toEqual([7200, 0]);
  });

  it('never counts non-provider incidents as downtime', () => {
    const r = run([outage('C', '2025-10-03T10:00:00+05:00', 7200, { cause: 'customer' })]);
    expect([r.downtimeSeconds, r.incidents[0]?.countedSeconds]).toEqual([0, 0]);
  });
});

describe('evaluate: scope (clause 5.4)', () => {
  it('owes nothing outside the rules scope but still reports downtime and availability', () => {
    const r = evaluate(
      RULES,
      slaInput(
        '2025-10',
        [outage('A', '2025-10-03T10:00:00+05:00', 5400, { restoreKind: 'reboot', dataLoss: true })],
        { scope: 'customer-premises' },
      ),
    );
    expect(r).toMatchObject({
      applicable: false,
      downtimeSeconds: 5400,
      availabilityPercent: 99.7984,
      creditPercent: 0,
      credit: { amount: '0.00', currency: 'KZT' },
      capped: false,
      dataLossCredit: { amount: '0.00', currency: 'KZT' },
      restoreBreaches: [],
      tier: null,
      clauses: [{ id: 'sla-scope' }],
    });
  });
});

describe('evaluate: data loss (clause 5.14)', () => {
  it('credits 50 % of the fee once when any provider incident lost data', () => {
    const r = evaluate(
      RULES,
      slaInput('2025-10', [
        outage('A', '2025-10-03T10:00:00+05:00', 60, { dataLoss: true }),
        outage('B', '2025-10-04T10:00:00+05:00', 60, { dataLoss: true }),
      ]),
    );
    expect([r.dataLossCredit, r.credit.amount]).toEqual([
      { amount: '75000.00', currency: 'KZT' },
      '0.00',
    ]);
    expect(r.clauses.map((c) => c.id)).toContain('data-loss');
  });

  it('does not credit data loss the provider did not cause', () => {
    const r = evaluate(
      RULES,
      slaInput('2025-10', [
        outage('C', '2025-10-03T10:00:00+05:00', 60, { cause: 'customer', dataLoss: true }),
      ]),
    );
    expect(r.dataLossCredit.amount).toBe('0.00');
  });

  it('credits data loss in the month the incident started, not the next', () => {
    const crossing = outage('X', '2025-09-30T23:00:00+05:00', 7200, { dataLoss: true });
    expect(evaluate(RULES, slaInput('2025-09', [crossing])).dataLossCredit.amount).toBe('75000.00');
    expect(evaluate(RULES, slaInput('2025-10', [crossing])).dataLossCredit.amount).toBe('0.00');
  });

  it('rounds the data loss credit half-up', () => {
    const r = evaluate(
      RULES,
      slaInput('2025-10', [outage('A', '2025-10-03T10:00:00+05:00', 60, { dataLoss: true })], {
        monthlyFee: { amount: '0.01', currency: 'USD' },
      }),
    );
    expect(r.dataLossCredit).toEqual({ amount: '0.01', currency: 'USD' });
  });
});

describe('evaluate: restore times (clause 5.7)', () => {
  const run = (incidents: Parameters<typeof slaInput>[1], period = '2025-10') =>
    evaluate(RULES, slaInput(period, incidents)).restoreBreaches;

  it('reports a provider incident that took longer than its restore kind allows', () => {
    expect(
      run([
        outage('on-time', '2025-10-03T10:00:00+05:00', 45 * 60, { restoreKind: 'reboot' }),
        outage('late', '2025-10-04T10:00:00+05:00', 45 * 60 + 1, { restoreKind: 'reboot' }),
        outage('repair', '2025-10-05T10:00:00+05:00', 8 * 3600 + 60, { restoreKind: 'repair' }),
        outage('repair-ok', '2025-10-06T10:00:00+05:00', 8 * 3600, { restoreKind: 'repair' }),
        outage('no-kind', '2025-10-07T10:00:00+05:00', 9 * 3600),
      ]),
    ).toEqual([
      { incident: 'late', restoreKind: 'reboot', allowedMinutes: 45, actualSeconds: 2701 },
      { incident: 'repair', restoreKind: 'repair', allowedMinutes: 480, actualSeconds: 28_860 },
    ]);
  });

  it('does not hold other causes to restore times', () => {
    expect(
      run([
        outage('M', '2025-10-03T10:00:00+05:00', 3 * 3600, {
          cause: 'planned-maintenance',
          restoreKind: 'reboot',
        }),
      ]),
    ).toEqual([]);
  });

  it('measures the whole incident and reports it in the month it started', () => {
    const crossing = outage('X', '2025-09-30T23:00:00+05:00', 7200, { restoreKind: 'reboot' });
    expect(run([crossing], '2025-09')).toEqual([
      { incident: 'X', restoreKind: 'reboot', allowedMinutes: 45, actualSeconds: 7200 },
    ]);
    expect(run([crossing], '2025-10')).toEqual([]);
  });

  it('names the restore-times clause when there is a breach', () => {
    const r = evaluate(
      RULES,
      slaInput('2025-10', [
        outage('late', '2025-10-04T10:00:00+05:00', 3600, { restoreKind: 'reboot' }),
      ]),
    );
    expect(r.clauses.map((c) => c.id)).toEqual([
      'availability-target',
      'restore-times',
      'compensation',
      'compensation-cap',
    ]);
  });
});

describe('evaluate: the cap (clause 5.9)', () => {
  // With the cap at 8 % of the fee: 5 % is under it, 10 % and 15 % are cut to 8 %.
  const run = (downtime: number) =>
    evaluate(
      LOW_CAP_RULES,
      slaInput('2025-11', [outage('A', '2025-11-10T00:00:00+05:00', downtime)]),
    );

  it.each([
    [2593, 5, '7500.00', false],
    [25_920, 10, '12000.00', true],
    [129_600, 15, '12000.00', true],
  ])('%i s: %s percent, credit %s KZT, capped %s', (downtime, percent, amount, capped) => {
    const r = run(downtime);
    expect([r.creditPercent, r.credit.amount, r.capped]).toEqual([percent, amount, capped]);
  });

  it('does not report a cap that the credit only reaches', () => {
    const rules = { ...RULES, sla: { ...RULES.sla, compensationCapPercentOfMonthlyFee: 10 } };
    const r = evaluate(
      rules,
      slaInput('2025-11', [outage('A', '2025-11-10T00:00:00+05:00', 25_920)]),
    );
    expect([r.credit.amount, r.capped]).toEqual(['15000.00', false]);
  });
});

describe('evaluate: money', () => {
  // 5 % credit: 2593 s in a 30-day month.
  const credit = (amount: string) =>
    evaluate(
      RULES,
      slaInput('2025-11', [outage('A', '2025-11-10T00:00:00+05:00', 2593)], {
        monthlyFee: { amount, currency: 'KZT' },
      }),
    ).credit.amount;

  it.each([
    ['0.10', '0.01'], // 0.005 rounds half-up
    ['0.09', '0.00'], // 0.0045
    ['0.30', '0.02'], // 0.015
    ['150000', '7500.00'],
    ['150000.5', '7500.03'], // 7500.025
    ['0', '0.00'],
    ['999999999999999.99', '50000000000000.00'], // 49999999999999.9995, the largest fee
  ])('5 percent of %s is %s', (fee, expected) => {
    expect(credit(fee)).toBe(expected);
  });

  it('computes tenths and hundredths of a percent exactly', () => {
    const rules = structuredClone(RULES);
    for (const tier of rules.sla.compensationTiers)
      if (tier.creditPercent === 5) tier.creditPercent = 2.35;
    const r = evaluate(
      rules,
      slaInput('2025-11', [outage('A', '2025-11-10T00:00:00+05:00', 2593)], {
        monthlyFee: { amount: '1.50', currency: 'KZT' },
      }),
    );
    // 1.50 × 2.35 % = 0.03525 → 0.04
    expect([r.creditPercent, r.credit.amount]).toEqual([2.35, '0.04']);
  });
});

describe('evaluate: rules it cannot use', () => {
  it('refuses a time zone that does not exist', () => {
    expect(() => evaluate({ ...RULES, timeZone: 'Asia/Nowhere' }, slaInput('2025-10'))).toThrow(
      expect.objectContaining({ name: 'InputError', kind: 'bad-time-zone' }),
    );
  });

  it('refuses compensation tiers with a gap instead of guessing', () => {
    const rules = structuredClone(RULES);
    rules.sla.compensationTiers = rules.sla.compensationTiers.filter((t) => t.creditPercent !== 5);
    expect(() =>
      evaluate(rules, slaInput('2025-11', [outage('A', '2025-11-10T00:00:00+05:00', 3000)])),
    ).toThrow(
      expect.objectContaining({
        kind: 'no-tier',
        message: "the rules' compensation tiers do not cover an availability of 99.8843 %",
      }),
    );
  });

  it('refuses overlapping tiers that disagree', () => {
    const rules = structuredClone(RULES);
    rules.sla.compensationTiers.push({
      availabilityPercent: { min: 99.8, minInclusive: true, max: 99.9, maxInclusive: false },
      creditPercent: 7,
    });
    expect(() =>
      evaluate(rules, slaInput('2025-11', [outage('A', '2025-11-10T00:00:00+05:00', 3000)])),
    ).toThrow(expect.objectContaining({ kind: 'ambiguous-tier' }));
  });
});
