import type { Channel, Parameters } from './parameters.js';

/** How a parameter renders; the renderers have one handler per kind. */
export type ParameterKind =
  | 'percent'
  | 'duration'
  | 'telegram'
  | 'phone'
  | 'email'
  | 'web'
  | 'supportHours'
  | 'restoreTable'
  | 'tierTable'
  | 'responsibilityList';

/** A parameter a placeholder can name: its path, how it renders, and where it lives in version.yaml. */
export interface ParameterRef {
  path: string;
  kind: ParameterKind;
  value: unknown;
  /** Renders as a block (table or list) and must stand alone in its paragraph. */
  block: boolean;
  /** The text is expected to state it; a language that never does gets a warning. */
  stated: boolean;
  /** Path of the value in version.yaml, for diagnostics. */
  yamlPath: (string | number)[];
}

const BLOCK_KINDS: ReadonlySet<ParameterKind> = new Set([
  'restoreTable',
  'tierTable',
  'responsibilityList',
]);

/** Every path a `{{placeholder}}` may name in a version with these parameters. */
export function parameterRefs(p: Parameters): Map<string, ParameterRef> {
  const refs = new Map<string, ParameterRef>();
  const add = (
    path: string,
    kind: ParameterKind,
    value: unknown,
    stated: boolean,
    yamlPath: (string | number)[],
  ) =>
    refs.set(path, {
      path,
      kind,
      value,
      block: BLOCK_KINDS.has(kind),
      stated,
      yamlPath: ['parameters', ...yamlPath],
    });

  add('sla.availabilityTargetPercent', 'percent', p.sla.availabilityTargetPercent, true, [
    'sla',
    'availabilityTargetPercent',
  ]);
  add('sla.dataLossCreditPercent', 'percent', p.sla.dataLossCreditPercent, true, [
    'sla',
    'dataLossCreditPercent',
  ]);
  add(
    'sla.compensationCapPercentOfMonthlyFee',
    'percent',
    p.sla.compensationCapPercentOfMonthlyFee,
    false,
    ['sla', 'compensationCapPercentOfMonthlyFee'],
  );
  add('sla.restoreTimes', 'restoreTable', p.sla.restoreTimes, true, ['sla', 'restoreTimes']);
  p.sla.restoreTimes.forEach((r, i) => {
    add(`sla.restoreTimes.${r.id}.withinMinutes`, 'duration', r.withinMinutes, false, [
      'sla',
      'restoreTimes',
      i,
      'withinMinutes',
    ]);
  });
  add('sla.compensationTiers', 'tierTable', p.sla.compensationTiers, true, [
    'sla',
    'compensationTiers',
  ]);
  add('support.hours', 'supportHours', p.support.hours, true, ['support', 'hours']);
  p.support.channels.forEach((c, i) => {
    if (c.address !== undefined)
      add(`support.channels.${c.type}.address`, addressKind(c), c.address, true, [
        'support',
        'channels',
        i,
        'address',
      ]);
    if (c.responseMinutes !== undefined)
      add(`support.channels.${c.type}.responseMinutes`, 'duration', c.responseMinutes, true, [
        'support',
        'channels',
        i,
        'responseMinutes',
      ]);
  });
  add('responsibility', 'responsibilityList', p.responsibility, true, ['responsibility']);
  return refs;
}

function addressKind(c: Channel): ParameterKind {
  return c.type;
}
