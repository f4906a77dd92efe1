import { z } from 'zod';

/** The JSON Schema (draft 2020-12) of a zod schema, as the input it accepts or the output it gives. */
export function jsonSchemaOf(
  schema: z.ZodType,
  io: 'input' | 'output' = 'output',
): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as Record<string, unknown>;
}
