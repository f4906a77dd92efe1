import { SHORT } from '../bundle/cache.js';
import { ROUTES } from '../bundle/layout.js';
import { isIsoDate } from '../model/date.js';
import type { Bundle } from './bundle.js';
import { keyOf, rangeAt, type ServiceEntry } from './catalog.js';
import { fileHeaders, type PolicyContext } from './headers.js';
import { type Resource, routePath, toResource } from './resources.js';

/** The route of by-date lookups: the rules in force at `?at=YYYY-MM-DD`. */
const BY_DATE_ROUTE = '/api/v1/services/:service/rules';
const AT = 'at=';
const AT_QUERY_LENGTH = AT.length + 'YYYY-MM-DD'.length;

/** The by-date lookups of a bundle: each version's rules as `?at=` answers them. */
export interface ByDate {
  /** The route pattern, for the router. */
  route: string;
  /** The answers of the version of `service` in force on `date`, or undefined before the first. */
  at(service: ServiceEntry, date: string): Resource | undefined;
  /**
   * The hot path: a raw target that is exactly `/api/v1/services/<id>/rules?at=<date>` with a
   * known service and a date some version is in force on; undefined for anything else (a
   * malformed or repeated `at`, another parameter), which the router then answers.
   */
  hot(target: string): Resource | undefined;
}

/**
 * Builds the by-date answers once: the rules file of each version, cached for a minute (the
 * version in force moves with the date) and naming its versioned URL in Content-Location.
 */
export function byDateResources(bundle: Bundle, ctx: PolicyContext): ByDate {
  const rulesRoute = ROUTES.find((r) => r.kind === 'rules')?.route;
  const byVersion = new Map<string, Resource>();
  const byPath = new Map<string, ServiceEntry>();
  for (const service of ctx.catalog.values()) {
    byPath.set(BY_DATE_ROUTE.replace(':service', service.id), service);
    for (const { version } of service.versions) {
      const params = { service: service.id, version };
      const file = bundle.files.get(keyOf('rules', params));
      if (!file) continue;
      const location = rulesRoute ? routePath(rulesRoute, params) : undefined;
      const policy = fileHeaders(file, ctx);
      byVersion.set(
        `${service.id}/${version}`,
        toResource(file, {
          cacheControl: SHORT,
          extra: { ...policy.extra, ...(location ? { 'Content-Location': location } : {}) },
        }),
      );
    }
  }
  const at = (service: ServiceEntry, date: string) => {
    const range = rangeAt(service, date);
    return range && byVersion.get(`${service.id}/${range.version}`);
  };
  return {
    route: BY_DATE_ROUTE,
    at,
    hot(target) {
      const q = target.indexOf('?');
      if (q === -1 || target.length - q - 1 !== AT_QUERY_LENGTH) return undefined;
      const service = byPath.get(target.slice(0, q));
      if (!service || !target.startsWith(AT, q + 1)) return undefined;
      const date = target.slice(q + 1 + AT.length);
      return isIsoDate(date) ? at(service, date) : undefined;
    },
  };
}
