import type { Clause, TermsDocument } from '../../src/model/document.js';
import { LANGS, type Lang } from '../../src/model/lang.js';
import type { Parameters } from '../../src/model/parameters.js';
import type { Service, Terms, TermsVersion } from '../../src/model/terms.js';
import type { Status } from '../../src/model/version.js';
import { RULES } from './helpers.js';

/** A clause with just an id and a number (and sub-clauses). */
function clause(id: string, number: number[], children: Clause[] = []): Clause {
  const source = { file: 'en.md', line: 1, column: 1 };
  return { id, depth: number.length, number, title: [], body: [], children, source };
}

/** Documents whose SLA section is section `section`, clauses numbered as in the 2025-09-10 text. */
function documents(section: number, ids: string[]): Record<Lang, TermsDocument> {
  const clauses = ids.map((id, i) => clause(id, [section, i + 4]));
  const doc = (lang: Lang): TermsDocument => ({
    lang,
    file: `${lang}.md`,
    title: [],
    preamble: [],
    sections: [clause('sla', [section], clauses)],
    labels: { restoreTimes: {} },
  });
  return Object.fromEntries(LANGS.map((lang) => [lang, doc(lang)])) as Record<Lang, TermsDocument>;
}

function version(
  id: string,
  status: Status,
  edit: (p: Parameters) => void,
  docs: Record<Lang, TermsDocument>,
): TermsVersion {
  const parameters: Parameters = structuredClone({
    sla: RULES.sla,
    support: RULES.support,
    responsibility: RULES.responsibility,
    prohibitedUses: RULES.prohibitedUses,
  });
  edit(parameters);
  return {
    service: 'dedicated-compute',
    id,
    effectiveFrom: id,
    status,
    parameters,
    documents: docs,
    dir: `dedicated-compute/${id}`,
  };
}

const setFivePercentTier = (credit: number) => (p: Parameters) => {
  for (const tier of p.sla.compensationTiers)
    if (tier.creditPercent === 5) tier.creditPercent = credit;
};

/** sla-scope 5.4, (hardware-only 5.5), availability-target 5.6, restore-times 5.7, compensation 5.8, cap 5.9. */
const IDS_2025 = [
  'sla-scope',
  'hardware-only',
  'availability-target',
  'restore-times',
  'compensation',
  'compensation-cap',
];

/**
 * dedicated-compute with three versions: 2025-09-10 (the DESIGN.md rules), 2026-01-01
 * (7 % instead of 5 %, a third restore kind "replace", the SLA moved to section 6 and no
 * cap clause) and a 2026-06-01 draft (9 % instead of 5 %).
 */
export function testTerms(): Terms {
  const service: Service = {
    id: 'dedicated-compute',
    timeZone: 'Asia/Almaty',
    names: {
      kk: 'Бөлінген есептеу ортасы',
      ru: 'Выделенная вычислительная среда',
      en: 'Dedicated computing environment',
    },
    versions: [
      version('2025-09-10', 'published', () => {}, documents(5, IDS_2025)),
      version(
        '2026-01-01',
        'published',
        (p) => {
          setFivePercentTier(7)(p);
          p.sla.restoreTimes.push({ id: 'replace', withinMinutes: 1440 });
        },
        documents(6, IDS_2025.slice(0, -1)),
      ),
      version('2026-06-01', 'draft', setFivePercentTier(9), documents(5, IDS_2025)),
    ],
  };
  return { root: '/terms', services: [service] };
}
