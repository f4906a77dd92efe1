import { z } from 'zod';

/** Where problem types are documented; `type` is this plus the problem's kind. */
export const PROBLEM_BASE = 'https://terms.example/problems/';

/** One problem with a request body: the field at fault and what was wrong. */
export const ProblemIssue = z.object({ field: z.string(), message: z.string() });

/** An error response body, RFC 9457 `application/problem+json`. */
export const Problem = z
  .object({
    type: z.string().meta({ description: `${PROBLEM_BASE}<kind>, e.g. ${PROBLEM_BASE}bad-date` }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string().meta({ description: 'The path of the request.' }),
    field: z.string().optional().meta({ description: 'The input field at fault, if one is.' }),
    errors: z
      .array(ProblemIssue)
      .optional()
      .meta({ description: 'The first 100 problems with the body; `detail` counts them all.' }),
  })
  .meta({ title: 'Problem details (RFC 9457)' });
/** An error response body, RFC 9457. */
export type Problem = z.infer<typeof Problem>;

/** The media type of problem responses. */
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};

/** What a handler knows about a failure; the status decides the title. */
export interface ProblemSpec {
  status: number;
  kind: string;
  detail: string;
  field?: string | undefined;
  errors?: { field: string; message: string }[];
  headers?: Record<string, string>;
}

/** A problem+json response. Never carries a stack trace: `detail` is written for the client. */
export function problemResponse(spec: ProblemSpec, instance: string): Response {
  const body: Problem = {
    type: `${PROBLEM_BASE}${spec.kind}`,
    title: TITLES[spec.status] ?? 'Error',
    status: spec.status,
    detail: spec.detail,
    instance,
  };
  if (spec.field !== undefined) body.field = spec.field;
  if (spec.errors) body.errors = spec.errors;
  const bytes = new TextEncoder().encode(`${JSON.stringify(body, null, 2)}\n`);
  return new Response(bytes, {
    status: spec.status,
    headers: {
      'Content-Type': PROBLEM_TYPE,
      'Content-Length': String(bytes.length),
      'Cache-Control': 'no-store',
      ...spec.headers,
    },
  });
}
