import type { Command } from 'commander';

/** `da06 extend CODE DEADLINE --reason TEXT [--document REF] [--force]`: moves a deadline through the task's machine. */
export function registerExtend(program: Command): void {
  program
    .command('extend')
    .description('move a task deadline (recorded with its reason and the document that allowed it); an overdue task needs --force')
    .argument('<code>', 'task code')
    .argument('<deadline>', 'new deadline in any deadline form: 2024-09-30, 30/09/2024, "Quý III/2024", "Tháng 9/2024", "Năm 2024", an ISO date-time, or "Thường xuyên"')
    .requiredOption('--reason <text>', 'why the deadline moves')
    .option('--document <ref>', 'the document that allowed it, e.g. "Công văn số 123/UBND-KGVX"')
    .option('--force', 'extend a task that is already overdue (the breach stays on record)')
    .option('--json', 'print one JSON document')
    .action(async (code: string, written: string, options: { reason: string; document?: string; force?: boolean; json?: boolean }) => {
      const { runExtend } = await import('../actions/extend.js');
      await runExtend(code, written, options);
    });
}
