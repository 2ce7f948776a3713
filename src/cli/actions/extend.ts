import { parseDeadline } from '../../domain/deadline-form.js';
import { formatDate } from '../../domain/vietnamese-format.js';
import { dispatchInTransaction } from '../../engine/write/dispatch.js';
import { loadProvinceContext } from '../../engine/province/province-context.js';
import { InputError, TaskNotFoundError } from '../../errors.js';
import { printJson, withEngine } from '../with-engine.js';

/** `da06 extend CODE DEADLINE --reason TEXT [--document REF] [--force]`: moves a deadline through the task's machine. */
export async function runExtend(code: string, written: string, options: { reason: string; document?: string; force?: boolean; json?: boolean }): Promise<void> {
  if (!options.reason.trim()) throw new InputError('--reason is empty: say why the deadline moves; it is recorded in the audit trail.');
  await withEngine(async (engine) => {
    const at = engine.now();
    const { result, afterCommit, deadline } = await engine.prisma.$transaction(async (tx) => {
      const province = await loadProvinceContext(tx);
      const parsed = parseDeadline(written, province.calendar);
      if (typeof parsed === 'string') throw new InputError(`DEADLINE ${parsed}`);
      const task = await tx.task.findUnique({ where: { code }, select: { state: true, deadline: true } });
      if (!task) throw new TaskNotFoundError(code);
      if (task.state === 'overdue' && !options.force) {
        const since = task.deadline ? ` since ${formatDate(task.deadline.getTime(), province.timeZone)}` : '';
        throw new InputError(
          `Task "${code}" is already overdue${since}, so its deadline is not moved without --force: an extension granted after the fact must be deliberate. ` +
            'Run the command again with --force (the overdue breach stays on record); an on-time task accepts an extension without it.',
        );
      }
      const newDeadline = parsed.kind === 'instant' ? parsed.at : null;
      const dispatched = await dispatchInTransaction(
        tx,
        engine,
        code,
        {
          type: 'DEADLINE_EXTENDED',
          at,
          deadline: newDeadline,
          reason: options.reason.trim(),
          ...(options.document ? { document: options.document } : {}),
          ...(options.force ? { force: true } : {}),
        },
        { actor: 'cli', channel: 'cli' },
      );
      await tx.task.update({ where: { code }, data: { deadlineText: parsed.text } });
      return { ...dispatched, deadline: { at: newDeadline, text: parsed.text, shown: newDeadline === null ? 'Thường xuyên' : formatDate(newDeadline, province.timeZone) } };
    }, { timeout: 30_000, maxWait: 30_000 });
    await afterCommit();
    if (options.json) printJson({ ...result, deadline: deadline.at === null ? null : new Date(deadline.at).toISOString(), deadlineText: deadline.text });
    else process.stdout.write(`${code}: deadline moved to ${deadline.shown} (${deadline.text}); task is ${result.state}\n`);
  });
}
