// Request bodies for POST /api/v1/sla/evaluate, each at most the server's 1 MB body limit,
// chosen to cost the evaluator the most: the largest valid input, inputs that fill the limit
// with incidents, problems or fields, and shapes that cost JSON.parse more than their size
// suggests (many keys, many empty objects, deep nesting), and a fee of a million digits.
// Deterministic: the same bodies every run, so runs before and after a change compare.

/** The server's body limit (src/server/app.ts MAX_BODY_BYTES). */
export const BODY_LIMIT = 1024 * 1024;
/** The most incidents a valid input may have (src/sla/input.ts MAX_INCIDENTS). */
export const VALID_INCIDENTS = 500;

/** One body: what it is, its bytes. */
export interface SlaBody {
  id: string;
  what: string;
  text: string;
}

const HEAD = {
  service: 'dedicated-compute',
  period: '2025-10',
  monthlyFee: { amount: '150000.00', currency: 'KZT' },
  scope: 'provider-infrastructure',
};
/** 2025-10-01T00:00:00+05:00 as epoch milliseconds. */
const OCTOBER = Date.UTC(2025, 8, 30, 19);

const at = (seconds: number) => new Date(OCTOBER + seconds * 1000).toISOString();

/** A valid incident: provider outages overlapped by planned maintenance, every field given. */
function incident(i: number): Record<string, unknown> {
  const start = i * 2000;
  return {
    id: `INC-${i}`,
    start: at(start),
    end: at(start + 600 + (i % 5) * 600),
    cause: i % 3 === 2 ? 'planned-maintenance' : 'provider',
    restoreKind: i % 2 ? 'repair' : 'reboot',
    dataLoss: i % 97 === 0,
  };
}

/** The input with as many incidents made by `make` as fit under the limit (at most `max`). */
function fill(make: (i: number) => unknown, max = Number.POSITIVE_INFINITY): string {
  const parts: string[] = [];
  const head = JSON.stringify({ ...HEAD, incidents: [] }).slice(0, -2); // up to `[`
  let size = head.length + 2;
  for (let i = 0; i < max; i++) {
    const part = JSON.stringify(make(i));
    if (size + part.length + 1 > BODY_LIMIT) break;
    parts.push(part);
    size += part.length + 1;
  }
  return `${head}${parts.join(',')}]}`;
}

/** `open` + `unit` repeated (comma-separated) + `close`, as long as fits. */
function repeat(open: string, unit: string, close: string): string {
  const count = Math.floor((BODY_LIMIT - open.length - close.length) / (unit.length + 1));
  return open + Array(count).fill(unit).join(',') + close;
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

/** Every body, the largest valid input first. */
export function slaBodies(): SlaBody[] {
  const fieldsWrong = wrongIncident;
  const unknownFields = (i: number) => ({
    ...incident(i),
    ...Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`note${k}`, k])),
  });
  const bodies: SlaBody[] = [
    {
      id: 'valid',
      what: `the largest valid input (${VALID_INCIDENTS} incidents)`,
      text: fill(incident, VALID_INCIDENTS),
    },
    { id: 'incidents', what: '1 MB of valid incidents', text: fill(incident) },
    {
      id: 'bad-incidents',
      what: '1 MB of incidents with every field wrong',
      text: fill(fieldsWrong),
    },
    {
      id: 'bad-max',
      what: `${VALID_INCIDENTS} incidents with every field wrong`,
      text: fill(fieldsWrong, VALID_INCIDENTS),
    },
    {
      id: 'unknown-fields',
      what: `${VALID_INCIDENTS} incidents with 8 unknown fields each`,
      text: fill(unknownFields, VALID_INCIDENTS),
    },
    {
      id: 'empty-objects',
      what: '1 MB of empty incident objects',
      text: repeat(`${JSON.stringify({ ...HEAD }).slice(0, -1)},"incidents":[`, '{}', ']}'),
    },
    { id: 'keys', what: '1 MB of distinct top-level fields', text: manyKeys() },
    {
      id: 'deep',
      what: '1 MB of nested arrays',
      text: '['.repeat(BODY_LIMIT / 2) + ']'.repeat(BODY_LIMIT / 2),
    },
    {
      id: 'long-id',
      what: 'an incident id of a megabyte',
      text: JSON.stringify({
        ...HEAD,
        incidents: [{ ...incident(0), id: 'x'.repeat(BODY_LIMIT - 1000) }],
      }),
    },
    {
      id: 'amount',
      what: 'a fee of a million digits',
      text: JSON.stringify({
        ...HEAD,
        monthlyFee: { amount: '9'.repeat(BODY_LIMIT - 1000), currency: 'KZT' },
        incidents: [incident(0)],
      }),
    },
  ];
  for (const b of bodies)
    if (Buffer.byteLength(b.text) > BODY_LIMIT)
      throw new Error(`the ${b.id} body is ${Buffer.byteLength(b.text)} bytes, over ${BODY_LIMIT}`);
  return bodies;
}

/** An object of distinct fields `"k0":0,"k1":0,…`, as many as fit. */
function manyKeys(): string {
  const parts: string[] = [];
  let size = 2;
  for (let k = 0; ; k++) {
    const part = `"k${k}":0`;
    if (size + part.length + 1 > BODY_LIMIT) break;
    parts.push(part);
    size += part.length + 1;
  }
  return `{${parts.join(',')}}`;
}
