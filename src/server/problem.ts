import { z } from 'zod';
import { type Answer, secured } from './respond.js';

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
  408: 'Request Timeout',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The reason phrase of a status the server answers with. */
export function statusTitle(status: number): string {
  return TITLES[status] ?? 'Error';
}

/** What a handler knows about a failure; the status decides the title. */
export interface ProblemSpec {
  status: number;
  kind: string;
  detail: string;
  field?: string | undefined;
  errors?: { field: string; message: string }[];
  headers?: Record<string, string>;
}

/** The problem+json bytes of a failure. Never carries a stack trace: `detail` is written for the client. */
export function problemBody(spec: ProblemSpec, instance: string): Uint8Array {
  const body: Problem = {
    type: `${PROBLEM_BASE}${spec.kind}`,
    title: statusTitle(spec.status),
    status: spec.status,
    detail: spec.detail,
    instance,
  };
  if (spec.field !== undefined) body.field = spec.field;
  if (spec.errors) body.errors = spec.errors;
  return new TextEncoder().encode(`${JSON.stringify(body, null, 2)}\n`);
}

/** The headers of a problem answer (besides the security headers) for a body of `length` bytes. */
export function problemHeaders(spec: ProblemSpec, length: number): Record<string, string> {
  return {
    'Content-Type': PROBLEM_TYPE,
    'Content-Length': String(length),
    'Cache-Control': 'no-store',
    ...spec.headers,
  };
}

/** A problem+json answer. */
export function problemAnswer(spec: ProblemSpec, instance: string): Answer {
  const body = problemBody(spec, instance);
  return { status: spec.status, headers: secured(problemHeaders(spec, body.length)), body };
}
