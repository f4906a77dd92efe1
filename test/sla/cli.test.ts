import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sla, slaCommand } from '../../src/cli/commands/sla.js';
import { UsageError } from '../../src/cli/io.js';
import { ContentError } from '../../src/diagnostics.js';
import { designInput } from '../helpers/sla.js';
import { testTerms } from './terms.js';

/** Terms folders the command asked for. */
const loaded: string[] = [];
const command = slaCommand(async (root) => {
  loaded.push(root);
  return testTerms();
});

const DESIGN_INPUT = designInput();

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'sla-cli-'));
  await writeFile(path.join(cwd, 'october.json'), JSON.stringify(DESIGN_INPUT));
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

/** Runs `terms sla …` on the terms of test/sla/terms.ts with captured streams. */
async function terms(args: string[], stdin = '', env: Record<string, string> = {}) {
  const collect = () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = collect();
  const err = collect();
  const code = await command(args, {
    cwd,
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: out.stream,
    stderr: err.stream,
    env,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('terms sla evaluate', () => {
  it('evaluates the DESIGN.md example from a file, numbering clauses as the version does', async () => {
    const { code, stdout, stderr } = await terms(['evaluate', '--input', 'october.json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.startsWith('{\n  "service": "dedicated-compute",\n')).toBe(true);
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(JSON.parse(stdout)).toMatchObject({
      service: 'dedicated-compute',
      version: '2025-09-10',
      period: {
        month: '2025-10',
        start: '2025-10-01T00:00:00+05:00',
        end: '2025-11-01T00:00:00+05:00',
        seconds: 2_678_400,
      },
      applicable: true,
      downtimeSeconds: 5400,
      excludedSeconds: 0,
      availabilityPercent: 99.7984,
      creditPercent: 5,
      credit: { amount: '7500.00', currency: 'KZT' },
      capped: false,
      dataLossCredit: { amount: '0.00', currency: 'KZT' },
      restoreBreaches: [],
      clauses: [
        { id: 'availability-target', number: '5.6' },
        { id: 'compensation', number: '5.8' },
        { id: 'compensation-cap', number: '5.9' },
      ],
    });
  });

  it('loads --terms DIR, else $TERMS_DIR, else ./terms, relative to the working folder', async () => {
    loaded.length = 0;
    await terms(['evaluate', '--input', 'october.json', '--terms', 'content']);
    await terms(['evaluate', '--input', 'october.json'], '', { TERMS_DIR: '/srv/terms' });
    await terms(['evaluate', '--input', 'october.json']);
    expect(loaded).toEqual([path.join(cwd, 'content'), '/srv/terms', path.join(cwd, 'terms')]);
  });

  it('reads stdin when no file is given', async () => {
    const fromFile = await terms(['evaluate', '--input', 'october.json']);
    const fromStdin = await terms(['evaluate'], JSON.stringify(DESIGN_INPUT));
    expect(fromStdin).toEqual(fromFile);
  });

  it('accepts a UTF-8 byte order mark before the JSON', async () => {
    const fromFile = await terms(['evaluate', '--input', 'october.json']);
    const withBom = await terms(['evaluate'], `\uFEFF${JSON.stringify(DESIGN_INPUT)}`);
    expect(withBom.code).toBe(0);
    expect(withBom).toEqual(fromFile);
  });

  it('refuses input that is not JSON (exit 1)', async () => {
    const { code, stdout, stderr } = await terms(['evaluate'], '{"service": ');
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(/^terms: stdin: expected the SLA input as UTF-8 JSON: /);
  });

  it('refuses a key given twice, as the server does (exit 1)', async () => {
    const text = JSON.stringify(DESIGN_INPUT).replace(
      '"period":"2025-10"',
      '"period":"2025-10","period":"2025-11"',
    );
    const { code, stdout, stderr } = await terms(['evaluate'], text);
    expect([code, stdout, stderr]).toEqual([
      1,
      '',
      'terms: stdin: period: expected each field once in an object, got "period" twice (which one counts would be a guess)\n',
    ]);
  });

  it('refuses bytes that are not UTF-8 instead of reading them as U+FFFD (exit 1)', async () => {
    const text = JSON.stringify(DESIGN_INPUT).replace('INC-1', 'INC-\u00ff');
    const latin1 = Buffer.from(text, 'latin1');
    await writeFile(path.join(cwd, 'latin1.json'), latin1);
    const { code, stderr } = await terms(['evaluate', '--input', 'latin1.json']);
    expect([code, stderr]).toEqual([
      1,
      'terms: latin1.json: expected the SLA input as UTF-8 JSON: The encoded data was not valid for encoding utf-8\n',
    ]);
  });

  it('names the bad field (exit 1)', async () => {
    const bad = { ...DESIGN_INPUT, monthlyFee: { amount: '150 000', currency: 'KZT' } };
    const { code, stderr } = await terms(['evaluate'], JSON.stringify(bad));
    expect([code, stderr]).toEqual([
      1,
      'terms: stdin: bad SLA input: monthlyFee.amount: expected a non-negative decimal string of at most 15 digits before the point and 2 after it (the ISO 4217 minor unit of KZT), like "150000.00", got "150 000"\n',
    ]);
  });

  it('refuses a period with no version in force (exit 1)', async () => {
    const { code, stderr } = await terms(
      ['evaluate'],
      JSON.stringify({ ...DESIGN_INPUT, period: '2025-08' }),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^terms: stdin: period: no version is in force/);
  });

  it('says when the input file cannot be read (exit 1)', async () => {
    const { code, stderr } = await terms(['evaluate', '--input', 'missing.json']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^terms: cannot read the SLA input from missing\.json: ENOENT/);
  });

  it('prints its usage with --help', async () => {
    expect(await terms(['--help'])).toEqual({
      code: 0,
      stdout: 'usage: terms sla evaluate [--input FILE] [--terms DIR]\n',
      stderr: '',
    });
  });

  it.each([[[]], [['compute']], [['evaluate', 'extra']], [['evaluate', '--file', 'x.json']]])(
    'treats %j as a usage error (exit 2)',
    async (args) => {
      await expect(terms(args)).rejects.toBeInstanceOf(UsageError);
    },
  );

  it('fails on a terms folder that does not load (the real loader)', async () => {
    const io = {
      cwd,
      stdin: Readable.from([Buffer.from(JSON.stringify(DESIGN_INPUT))]),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      env: {},
    };
    await expect(sla(['evaluate', '--terms', 'no-such-folder'], io)).rejects.toBeInstanceOf(
      ContentError,
    );
  });
});
