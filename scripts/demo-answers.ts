// `npx tsx scripts/demo-answers.ts SAMPLE [--template FILE]`: after `da06 seed SAMPLE`, records what a seed file
// cannot say, through the CLI as an administrator or a unit would: completions on time and late, a unit's
// explanation (giải trình) of an overdue task, an open obstacle (vướng mắc) of a commune, and a completion waiting
// for the province's confirmation. Each instant is written as seen on the template's `sample-as-of` day and moved by
// the same days as SAMPLE's dates (scripts/demo-seed.ts). A command this build of da06 does not have yet
// (`da06 --help` does not list it) is skipped with a note, so the demo runs whatever the build.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { daysBetween, SAMPLE_TEMPLATE, sampleAsOf, shiftDateText } from './demo-seed.js';

const run = promisify(execFile);

/** One thing the demo records after seeding: a `da06` command line and what it shows, in a few words. */
export interface AnswerStep {
  command: string;
  args: string[];
  shows: string;
}

/**
 * The steps, with dates as seen on the template's `sample-as-of` day (2026-12-06, a Sunday), moved by `days`.
 * Completions come before the worker first runs, so a task done before today is never reported overdue by email.
 */
export function sampleAnswerSteps(days: number): AnswerStep[] {
  const at = (iso: string) => shiftDateText(iso, days) as string;
  const complete = (code: string, when: string, shows: string): AnswerStep => ({ command: 'complete', args: ['complete', code, '--at', at(when)], shows });
  return [
    complete('TQ-2026-05', '2026-12-03T10:00:00+07:00', 'TQ-2026-05 completed three days after its deadline (Hoàn thành quá hạn)'),
    complete('TQ-2026-16', '2026-09-25T15:30:00+07:00', 'TQ-2026-16 completed weeks after its deadline (Hoàn thành quá hạn)'),
    complete('TQ-2026-23', '2026-12-04T16:00:00+07:00', 'TQ-2026-23, a ward, completed late (Hoàn thành quá hạn)'),
    complete('TQ-2026-10', '2026-11-20T10:00:00+07:00', 'TQ-2026-10 completed before its deadline (Hoàn thành đúng hạn)'),
    complete('TQ-2026-19', '2026-12-02T09:00:00+07:00', 'TQ-2026-19 completed before its deadline (Hoàn thành đúng hạn)'),
    complete('TQ-2026-27', '2026-11-27T14:00:00+07:00', 'TQ-2026-27, a commune, completed before its deadline (Hoàn thành đúng hạn)'),
    {
      command: 'explain',
      args: [
        'explain', 'TQ-2026-02',
        '--cause', 'Sau sắp xếp đơn vị hành chính, danh mục 124 xã, phường trên Hệ thống thông tin giải quyết thủ tục hành chính chưa được chuẩn hóa theo mã đơn vị hành chính mới; nhà cung cấp phần mềm chậm nâng cấp.',
        '--remedy', 'Sở đã làm việc với nhà cung cấp, bố trí cán bộ kỹ thuật làm việc tại chỗ; chuẩn hóa danh mục và kiểm thử kết nối cùng Công an tỉnh.',
        '--commit-date', at('2026-12-18'),
        '--by', 'giamdoc.skhcn@example.gov.vn',
      ],
      shows: "Sở Khoa học và Công nghệ's explanation of overdue TQ-2026-02, with a promised date",
    },
    {
      command: 'obstacle',
      args: [
        'obstacle', 'TQ-2026-25',
        '--description', 'Nhiều thôn vùng cao chưa có sóng di động ổn định, người dân chưa thể tự kích hoạt định danh điện tử mức độ 2 tại nhà.',
        '--needs', 'Đề nghị Sở Khoa học và Công nghệ làm việc với doanh nghiệp viễn thông phủ sóng các thôn; Công an tỉnh hỗ trợ tổ công tác lưu động.',
        '--by', 'chutich.meovac@example.gov.vn',
      ],
      shows: "xã Mèo Vạc's open obstacle on TQ-2026-25, waiting for the province's answer",
    },
    {
      command: 'submit',
      args: [
        'submit', 'TQ-2026-07',
        '--document', 'Tờ trình kèm dự thảo Kế hoạch chi trả an sinh xã hội không dùng tiền mặt năm 2027',
        '--note', 'Đã lấy ý kiến Sở Tài chính và Chi nhánh Ngân hàng Chính sách xã hội tỉnh.',
        '--by', 'giamdoc.snv@example.gov.vn',
      ],
      shows: "Sở Nội vụ's completion of TQ-2026-07, waiting for confirmation (chờ xác nhận hoàn thành)",
    },
  ];
}

/** The command names `da06 --help` lists. */
export function listedCommands(help: string): Set<string> {
  const names = new Set<string>();
  let inCommands = false;
  for (const line of help.split('\n')) {
    if (/^Commands:/.test(line)) inCommands = true;
    else if (inCommands && /^\S/.test(line)) inCommands = false;
    else if (inCommands) {
      const match = /^ {2}([a-z][\w-]*)/.exec(line);
      if (match?.[1]) names.add(match[1]);
    }
  }
  return names;
}

/** The days SAMPLE's dates were moved from the template's: both files name their `sample-as-of` day. */
export function sampleShiftDays(sampleText: string, templateText: string, sampleFile: string, templateFile = SAMPLE_TEMPLATE): number {
  return daysBetween(sampleAsOf(templateText, templateFile), sampleAsOf(sampleText, sampleFile));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { template: { type: 'string', default: SAMPLE_TEMPLATE } } });
  const sample = positionals[0];
  if (!sample) throw new Error('usage: npx tsx scripts/demo-answers.ts SAMPLE [--template FILE]');
  const days = sampleShiftDays(readFileSync(sample, 'utf8'), readFileSync(values.template, 'utf8'), sample, values.template);
  const da06 = (args: string[]) => run(process.execPath, ['bin/da06.js', ...args], { maxBuffer: 16 * 1024 * 1024 });
  const available = listedCommands((await da06(['--help'])).stdout);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say('Sample answers (recorded through the CLI):');
  let failed = 0;
  for (const step of sampleAnswerSteps(days)) {
    if (!available.has(step.command)) {
      say(`  skipped: ${step.shows} (this build of da06 has no \`${step.command}\` command yet)`);
      continue;
    }
    try {
      await da06(step.args);
      say(`  recorded: ${step.shows}`);
    } catch (error) {
      // The demo goes on without this answer; the line says what da06 refused.
      failed += 1;
      const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim().split('\n')[0];
      say(`  not recorded: ${step.shows} — da06 ${step.command} said: ${stderr}`);
    }
  }
  if (failed > 0) say(`  (${failed} answer(s) not recorded; the demo goes on without them)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`demo-answers: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
