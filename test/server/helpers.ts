import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { designInput } from '../helpers/sla.js';
import { fixture } from '../helpers/terms.js';

/** The hand-made bundle the app tests serve. */
export const MINI = fixture('bundle-mini');
/** A document of the mini bundle. */
export const DOC = '/terms/dedicated-compute/2025-09-10';

/** The bytes of a file of a bundle folder, by its route key. */
export function bundleBytes(dir: string, key: string): Promise<Buffer> {
  return readFile(path.join(dir, ...key.split('/')));
}

/** The example SLA input of DESIGN.md: one 90-minute repair in October 2025. */
export function slaInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...designInput(), ...overrides };
}

/** Compiles the schemas of an OpenAPI document so responses can be checked against them. */
export function schemaValidator(openapi: { components: { schemas: Record<string, object> } }) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return (name: string, value: unknown): string[] => {
    const schema = openapi.components.schemas[name];
    if (!schema) return [`no schema ${name}`];
    if (!ajv.getSchema(name)) ajv.addSchema(schema, name);
    const validate = ajv.getSchema(name);
    if (!validate) return [`cannot compile ${name}`];
    return validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

/** The keys RFC 9457 problem bodies of this API may have: nothing else (no stack traces). */
export const PROBLEM_KEYS = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'field',
  'errors',
]);
