import type { Command } from 'commander';

/** `da06 unit show CODE [--json]`: a unit's history. */
export function registerUnitShow(program: Command): void {
  const unit = program.command('unit').description('inspect one unit');
  unit
    .command('show')
    .description("a unit's history: when it came into being or ceased, predecessors, successor, heads and contacts with their terms, open tasks")
    .argument('<code>', 'unit code')
    .option('--json', 'print one JSON document')
    .action(async (code: string, options: { json?: boolean }) => {
      const { runUnitShow } = await import('../actions/unit-show.js');
      await runUnitShow(code, options);
    });
}
