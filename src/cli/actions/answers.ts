import { formatDayNumber } from '../../domain/civil-date.js';
import { MAX_TYPED_CHARS, parseTypedDate, readTypedText } from '../../domain/typed-text.js';
import { dispatch, type DispatchResult } from '../../engine/write/dispatch.js';
import { InputError } from '../../errors.js';
import type { TaskEvent } from '../../../workflows/task-types.js';
import { checkedEmail, printJson, withEngine, withoutContext } from '../with-engine.js';

/** A typed option, checked as the workspace checks its fields (English messages naming the option). */
function typed(option: string, raw: string | undefined, required: boolean, singleLine = false): string | null {
  if (raw === undefined) {
    if (required) throw new InputError(`${option} is required.`);
    return null;
  }
  const read = readTypedText(raw, { required, singleLine });
  if (read.ok) return read.text;
  const { problem } = read;
  const why =
    problem.kind === 'empty'
      ? 'is empty'
      : problem.kind === 'tooLong'
        ? `is ${problem.length} characters long; at most ${MAX_TYPED_CHARS} are allowed`
        : problem.kind === 'newline'
          ? 'must fit on one line'
          : 'contains control characters';
  throw new InputError(`${option} ${JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw)} ${why}.`);
}

/** Sends one answer through the one door, channel `cli`, and prints what it did. */
async function answer(code: string, event: (now: number) => TaskEvent, options: { by: string; json?: boolean }, said: (r: DispatchResult) => string): Promise<void> {
  await withEngine(async (engine) => {
    const result = await dispatch(engine, code, event(engine.now()), { actor: options.by, channel: 'cli' });
    if (options.json) printJson(withoutContext(result));
    else process.stdout.write(`${code}: ${said(result)}; task is ${result.state}, escalation ${result.escalationLevel}\n`);
  });
}

/** `da06 explain CODE --cause --remedy --commit-date --by`. */
export async function runExplain(code: string, options: { cause: string; remedy: string; commitDate: string; by: string; json?: boolean }): Promise<void> {
  const by = checkedEmail(options.by);
  const cause = typed('--cause', options.cause, true) as string;
  const remedy = typed('--remedy', options.remedy, true) as string;
  const day = parseTypedDate(options.commitDate);
  if (day === null) throw new InputError(`--commit-date "${options.commitDate}" is not a real date: write dd/mm/yyyy or YYYY-MM-DD, e.g. 30/06/2026.`);
  const commitDate = formatDayNumber(day);
  await answer(code, (at) => ({ type: 'EXPLANATION_GIVEN', at, cause, remedy, commitDate, by }), options, () => `explanation recorded (commits to ${commitDate})`);
}

/** `da06 obstacle CODE --description [--needs] --by`: prints the new obstacle's id. */
export async function runObstacle(code: string, options: { description: string; needs?: string; by: string; json?: boolean }): Promise<void> {
  const by = checkedEmail(options.by);
  const description = typed('--description', options.description, true) as string;
  const needs = typed('--needs', options.needs, false);
  await answer(code, (at) => ({ type: 'OBSTACLE_RAISED', at, description, needs, by }), options, (r) => `obstacle ${r.context.obstacles.at(-1)?.id ?? '?'} raised`);
}

/** `da06 resolve-obstacle ID --response --by`: the obstacle's id names its task (`<CODE>-V<n>`). */
export async function runResolveObstacle(id: string, options: { response: string; by: string; json?: boolean }): Promise<void> {
  const match = /^(.+)-V\d+$/.exec(id);
  if (!match) throw new InputError(`ID "${id}" is not an obstacle id: expected the task code followed by -V and a number, e.g. HG-2024-05-V1.`);
  const by = checkedEmail(options.by);
  const response = typed('--response', options.response, true) as string;
  await answer(match[1] as string, (at) => ({ type: 'OBSTACLE_RESOLVED', at, id, response, by }), options, () => `obstacle ${id} answered`);
}

/** `da06 submit CODE [--document] [--note] --by`. */
export async function runSubmit(code: string, options: { document?: string; note?: string; by: string; json?: boolean }): Promise<void> {
  const by = checkedEmail(options.by);
  const document = typed('--document', options.document, false, true);
  const note = typed('--note', options.note, false);
  await answer(code, (at) => ({ type: 'COMPLETION_SUBMITTED', at, document, note, by }), options, () => 'completion submitted, waiting for confirmation');
}

/** `da06 confirm CODE --by`. */
export async function runConfirm(code: string, options: { by: string; json?: boolean }): Promise<void> {
  const by = checkedEmail(options.by);
  await answer(code, (at) => ({ type: 'COMPLETION_CONFIRMED', at, by }), options, () => 'completion confirmed');
}

/** `da06 return CODE --reason --by`. */
export async function runReturn(code: string, options: { reason: string; by: string; json?: boolean }): Promise<void> {
  const by = checkedEmail(options.by);
  const reason = typed('--reason', options.reason, true) as string;
  await answer(code, (at) => ({ type: 'COMPLETION_RETURNED', at, reason, by }), options, () => 'completion returned to the unit');
}
