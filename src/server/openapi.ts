import type { z } from 'zod';
import { REVALIDATE } from '../bundle/cache.js';
import { jsonSchemaOf } from '../model/json-schema.js';
import { rulesJsonSchema } from '../rules/schema.js';
import { slaInputJsonSchema, slaResultJsonSchema } from '../sla/index.js';
import { toBundleFile } from './bundle.js';
import { ServicesList, VersionsList } from './catalog.js';
import { Problem } from './problem.js';
import { type Resource, toResource } from './resources.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const service = {
  name: 'service',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  example: 'dedicated-compute',
};
const version = {
  name: 'version',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'date' },
  example: '2025-09-10',
};
const etag = { ETag: { schema: { type: 'string' }, description: 'Strong entity tag.' } };
const notModified = { description: 'Not modified (If-None-Match matched the ETag).' };

/** Schemas the API uses, generated from the zod schemas the code validates with. */
function schemas(): Record<string, unknown> {
  const plain = (schema: Record<string, unknown>) => {
    const { $schema: _, ...rest } = schema;
    return rest;
  };
  const generated = (schema: z.ZodType) => plain(jsonSchemaOf(schema));
  return {
    RulesV1: plain(rulesJsonSchema()),
    SlaInput: plain(slaInputJsonSchema()),
    SlaResult: plain(slaResultJsonSchema()),
    Problem: generated(Problem),
    ServicesList: generated(ServicesList),
    VersionsList: generated(VersionsList),
  };
}

/** The OpenAPI 3.1 description of the HTTP API (served at /api/v1/openapi.json). */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.1',
    info: {
      title: 'Terms engine API',
      version: '1',
      description:
        'Rule parameters of service terms by version or date, and SLA evaluation. Versioned resources are immutable and carry strong ETags.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: {
      '/api/v1/services': {
        get: {
          summary: 'Services with their versions',
          responses: {
            200: {
              description: 'The services.',
              headers: etag,
              content: json(ref('ServicesList')),
            },
            304: notModified,
          },
        },
      },
      '/api/v1/services/{service}/versions': {
        get: {
          summary: 'Versions of a service with their effective ranges',
          parameters: [service],
          responses: {
            200: {
              description: 'The versions.',
              headers: etag,
              content: json(ref('VersionsList')),
            },
            304: notModified,
            404: problem('Unknown service.'),
          },
        },
      },
      '/api/v1/services/{service}/rules': {
        get: {
          summary: 'Rules JSON of the version in force on a date',
          parameters: [
            service,
            {
              name: 'at',
              in: 'query',
              required: true,
              schema: { type: 'string', format: 'date' },
              description: 'A calendar date in the service time zone.',
              example: '2025-10-01',
            },
          ],
          responses: {
            200: {
              description:
                'The rules of the version in force; Content-Location names the versioned URL.',
              headers: { ...etag, 'Content-Location': { schema: { type: 'string' } } },
              content: json(ref('RulesV1')),
            },
            304: notModified,
            400: problem('Missing or impossible date.'),
            404: problem('Unknown service, or no version in force on that date.'),
          },
        },
      },
      '/api/v1/services/{service}/versions/{version}/rules': {
        get: {
          summary: 'Rules JSON of a version',
          parameters: [service, version],
          responses: {
            200: {
              description: 'The rules (immutable).',
              headers: etag,
              content: json(ref('RulesV1')),
            },
            304: notModified,
            404: problem('Unknown service or version.'),
          },
        },
      },
      '/api/v1/sla/evaluate': {
        post: {
          summary: 'Evaluate the SLA of a month',
          description:
            'Under the version in force on the first day of the period, or the version the input names.',
          requestBody: { required: true, content: json(ref('SlaInput')) },
          responses: {
            200: { description: 'The evaluation.', content: json(ref('SlaResult')) },
            400: problem(
              'Broken JSON, a key given twice, a shape past the limits (README, Security) or bad input; `field` and `errors` name the fields.',
            ),
            413: problem('Body larger than 1 MB.'),
            415: problem('Content-Type is not application/json, or a Content-Encoding is given.'),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1.' } } },
      },
      '/healthz': {
        get: { summary: 'Liveness', responses: { 200: { description: 'The server is up.' } } },
      },
    },
    components: { schemas: schemas() },
  };
}

/** The OpenAPI description, answered like a file that revalidates. */
export function openApiResource(): Resource {
  const key = '/api/v1/openapi.json';
  const body = new TextEncoder().encode(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
  return toResource(toBundleFile(key, body), { cacheControl: REVALIDATE, extra: {} });
}
