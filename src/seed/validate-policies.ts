import { isoDurationMs, parseDuration, type Duration } from '../domain/duration.js';
import { sendWindowErrors } from '../domain/send-window.js';
import { defaultPolicy, type TaskPolicy } from '../../workflows/task-policy.js';
import type { ProblemCollector } from './problem-collector.js';
import { policySchema, type RawPolicy } from './seed-schema.js';

// A zero period would wake the task again at the same instant, forever.
const NON_ZERO: readonly (keyof TaskPolicy)[] = ['repeatEvery', 'kpiCheckEvery'];

/**
 * Checks the `policies` section; returns each valid policy with the built-in default's values for the
 * fields it leaves out. The built-in `default` is added when the file defines none of that name.
 */
export function validatePolicies(raw: unknown, problems: ProblemCollector): Map<string, TaskPolicy> {
  const policies = new Map<string, TaskPolicy>();
  if (raw !== undefined && raw !== null) {
    for (const [name, spec] of Object.entries(raw as Record<string, unknown>)) {
      const path = ['policies', name];
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
        problems.add(path, `policy name "${name}" is not a name; expected letters, digits, ".", "_" or "-", e.g. default or fast`);
      }
      const valid = problems.parse(policySchema, spec, path);
      // Checks that need several fields still run on a malformed policy, so every problem shows at once.
      const parsed = valid ?? loosePolicy(spec);
      const policy: TaskPolicy = {
        remindBefore: (parsed.remindBefore as Duration[] | undefined) ?? defaultPolicy.remindBefore,
        escalateToHeadAfter: (parsed.escalateToHeadAfter as Duration | undefined) ?? defaultPolicy.escalateToHeadAfter,
        escalateToChairmanAfter: (parsed.escalateToChairmanAfter as Duration | undefined) ?? defaultPolicy.escalateToChairmanAfter,
        acknowledgementHolds: (parsed.acknowledgementHolds as Duration | undefined) ?? defaultPolicy.acknowledgementHolds,
        repeatEvery: (parsed.repeatEvery as Duration | undefined) ?? defaultPolicy.repeatEvery,
        kpiCheckEvery: (parsed.kpiCheckEvery as Duration | undefined) ?? defaultPolicy.kpiCheckEvery,
        reportStaleAfter: (parsed.reportStaleAfter as Duration | undefined) ?? defaultPolicy.reportStaleAfter,
        kpiTolerance: parsed.kpiTolerance ?? defaultPolicy.kpiTolerance,
        ...(parsed.sendWindow
          ? { sendWindow: { from: parsed.sendWindow.from, to: parsed.sendWindow.to, workingDaysOnly: parsed.sendWindow.workingDaysOnly ?? true } }
          : {}),
        ...(parsed.cc ? { cc: parsed.cc } : {}),
      };
      normalizeDurations(policy);
      let ok = valid !== null;
      for (const field of NON_ZERO) {
        if (isZero(policy[field] as Duration)) {
          problems.add([...path, field], `is ${JSON.stringify(policy[field])}: expected a period longer than zero, such as P7D or { workingDays: 5 }`);
          ok = false;
        }
      }
      if (policy.sendWindow) {
        for (const error of sendWindowErrors(policy.sendWindow)) {
          problems.add([...path, 'sendWindow'], error);
          ok = false;
        }
      }
      if (ok) policies.set(name, policy);
    }
  }
  if (!policies.has('default') && !(raw && Object.hasOwn(raw, 'default'))) policies.set('default', structuredClone(defaultPolicy));
  return policies;
}

// The fields of a malformed policy that are valid on their own (undefined for the others).
function loosePolicy(spec: unknown): RawPolicy {
  const v = (spec !== null && typeof spec === 'object' ? spec : {}) as Record<string, unknown>;
  const duration = (x: unknown): Duration | undefined => {
    const parsed = parseDuration(x);
    return parsed.ok ? parsed.duration : undefined;
  };
  const window = v.sendWindow as { from?: unknown; to?: unknown; workingDaysOnly?: unknown } | undefined;
  return {
    repeatEvery: duration(v.repeatEvery),
    kpiCheckEvery: duration(v.kpiCheckEvery),
    ...(window && typeof window.from === 'string' && typeof window.to === 'string'
      ? { sendWindow: { from: window.from, to: window.to, workingDaysOnly: window.workingDaysOnly !== false } }
      : {}),
  };
}

function isZero(duration: Duration | undefined): boolean {
  if (duration === undefined) return false;
  return typeof duration === 'object' ? duration.workingDays === 0 : isoDurationMs(duration) === 0;
}

// Durations are stored as parsed ("P7D " → "P7D"), so a copy compares equal to the file's next import.
function normalizeDurations(policy: TaskPolicy): void {
  const trim = (d: Duration): Duration => (typeof d === 'string' ? d.trim() : { workingDays: d.workingDays });
  policy.remindBefore = policy.remindBefore.map(trim);
  for (const key of ['escalateToHeadAfter', 'escalateToChairmanAfter', 'acknowledgementHolds', 'repeatEvery', 'kpiCheckEvery', 'reportStaleAfter'] as const) {
    policy[key] = trim(policy[key]);
  }
}
