import { z } from 'zod';
import { RulesV1 } from '../rules/schema.js';
import type { Bundle } from './bundle.js';
import { badBundle, type Catalog, keyOf, parseJson } from './catalog.js';

/** The rules JSON of every version in the catalog, parsed and validated once, by `<service>/<version>`. */
export function readRules(bundle: Bundle, catalog: Catalog): Map<string, RulesV1> {
  const rules = new Map<string, RulesV1>();
  for (const service of catalog.values())
    for (const { version } of service.versions) {
      const key = keyOf('rules', { service: service.id, version });
      const file = bundle.files.get(key);
      if (!file) throw badBundle(`not a terms bundle: ${bundle.dir} has no ${key.slice(1)}`);
      const parsed = RulesV1.safeParse(parseJson(bundle, key, file.body));
      if (!parsed.success)
        throw badBundle(
          `not a terms bundle: ${bundle.dir}${key} is malformed: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`,
        );
      rules.set(`${service.id}/${version}`, parsed.data);
    }
  return rules;
}
