import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandbox, type Da06Sandbox } from './fixtures/run-da06.js';
import { malformedCases, validSeed, type SeedDoc } from './fixtures/seed-cases.js';

let box: Da06Sandbox;
const write = (name: string, doc: unknown, format: 'yaml' | 'json' = 'yaml') => {
  const file = join(box.dir, name);
  writeFileSync(file, format === 'yaml' ? stringify(doc) : JSON.stringify(doc, null, 2));
  return file;
};

beforeAll(async () => {
  box = await openSandbox('seed');
});
afterAll(async () => {
  await box?.close();
});

describe('da06 seed', () => {
  it('imports a valid file in one go and says what it created', async () => {
    const file = write('seed.yaml', validSeed());
    const r = await box.run(['seed', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tasks\s+3 created/);
    expect(r.stdout).toMatch(/units\s+3 created/);
    const tasks = await box.query<{ code: string; state: string }>('SELECT code, state FROM "Task" ORDER BY code');
    expect(tasks.map((t) => t.code)).toEqual(['T-01', 'T-02', 'T-03']);
    const reports = await box.query<{ value: number }>('SELECT value FROM "ProgressReport"');
    expect(reports.map((x) => x.value)).toEqual([66.7]);
    const chairman = await box.query('SELECT * FROM "Official" WHERE role = \'chairman\' AND "unitId" IS NULL');
    expect(chairman).toHaveLength(1);
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const before = await box.fingerprint();
    const r = await box.run(['seed', write('seed.yaml', validSeed())]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Nothing changed — unchanged: 1 province, 3 units, 5 officials, 1 policy, 3 tasks.');
    expect(await box.fingerprint()).toBe(before);
  });

  it('with --dry-run reports the change and writes nothing', async () => {
    const doc = validSeed();
    (doc.tasks[0] as Record<string, unknown>).deadline = '2027-09-30';
    const before = await box.fingerprint();
    const r = await box.run(['seed', write('changed.yaml', doc), '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('T-01: deadline 30/06/2027 → 30/09/2027 (DEADLINE_EXTENDED)');
    expect(await box.fingerprint()).toBe(before);
  });

  it('applies a changed file and reports each field it updated', async () => {
    const doc = validSeed();
    (doc.tasks[0] as Record<string, unknown>).deadline = '2027-09-30';
    (doc.tasks[2] as Record<string, unknown>).title = 'Tuyên truyền, hướng dẫn sử dụng VNeID';
    ((doc.units[1] as Record<string, unknown>).head as Record<string, unknown>).email = 'gd.stttt@example.gov.vn';
    doc.tasks.splice(1, 1);
    const r = await box.run(['seed', write('changed.yaml', doc), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { updates: { code: string; field: string; from: string; to: string }[]; leftAlone: { code: string }[]; counts: { tasks: Record<string, number> } };
    expect(out.updates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'STTTT head', field: 'email', from: 'giamdoc.stttt@example.gov.vn', to: 'gd.stttt@example.gov.vn' }),
        expect.objectContaining({ code: 'T-01', field: 'deadline', from: '30/06/2027', to: '30/09/2027' }),
        expect.objectContaining({ code: 'T-03', field: 'title', from: 'Tuyên truyền VNeID', to: 'Tuyên truyền, hướng dẫn sử dụng VNeID' }),
      ]),
    );
    expect(out.updates).toHaveLength(3);
    expect(out.counts.tasks).toEqual({ created: 0, updated: 2, unchanged: 0, leftAlone: 1 });
    expect(out.leftAlone).toEqual([{ kind: 'tasks', code: 'T-02' }]);
    const [t1] = await box.query<{ deadline: Date }>('SELECT deadline FROM "Task" WHERE code = \'T-01\'');
    expect(t1?.deadline.toISOString()).toBe('2027-09-30T16:59:59.999Z');
    const events = await box.query<{ type: string }>('SELECT e.type FROM "TaskEvent" e JOIN "Task" t ON t.id = e."taskId" WHERE t.code = \'T-01\' ORDER BY e.id');
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'DEADLINE_EXTENDED']);
    expect(await box.query('SELECT 1 FROM "Task" WHERE code = \'T-02\'')).toHaveLength(1);
  });

  it('rejects each of the malformed files, naming the field, and leaves the database as it was', { timeout: 300_000 }, async () => {
    const before = await box.fingerprint();
    const results: { name: string; path: string; code: number; stderr: string }[] = [];
    for (let i = 0; i < malformedCases.length; i += 8) {
      const batch = malformedCases.slice(i, i + 8);
      results.push(
        ...(await Promise.all(
          batch.map(async (c, j) => {
            const doc: SeedDoc = validSeed();
            c.mutate(doc);
            const file = write(`bad-${i + j}.${(i + j) % 2 ? 'json' : 'yaml'}`, doc, (i + j) % 2 ? 'json' : 'yaml');
            const r = await box.run(['seed', file]);
            return { name: c.name, path: c.path, code: r.code, stderr: r.stderr };
          }),
        )),
      );
    }
    expect(results.length).toBeGreaterThanOrEqual(30);
    for (const r of results) {
      expect(r.code, r.name).toBe(1);
      expect(r.stderr, r.name).toContain('nothing was changed');
      expect(r.stderr, r.name).toContain(r.path);
    }
    expect(await box.fingerprint()).toBe(before);
  });

  it('reports a YAML syntax error with its line', async () => {
    const file = join(box.dir, 'broken.yaml');
    writeFileSync(file, 'province:\n  name: [unclosed\nunits: []\n');
    const r = await box.run(['seed', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml: .*nothing was changed[\s\S]*line \d+/);
  });

  it('imports an Excel appendix against a province file, matching units by code or name', async () => {
    const province = validSeed() as Partial<SeedDoc>;
    delete province.tasks;
    const provinceFile = write('province.yaml', province);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    sheet.addRow(['PHỤ LỤC: NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN 06 NĂM 2027']);
    sheet.addRow([]);
    sheet.addRow(['STT', 'NHIỆM VỤ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian hoàn thành', 'Sản phẩm/kết quả']);
    sheet.addRow(['I', 'Nhiệm vụ chung']);
    sheet.addRow([1, 'Rà soát tài khoản\ntrên Cổng dịch vụ công', 'Sở Thông tin và Truyền thông', 'Công an tỉnh; BACME', new Date(Date.UTC(2027, 5, 30)), 'Báo cáo kết quả']);
    sheet.addRow([2, 'Thu thập thông tin người lao động', 'BACME', '', 'Quý III/2027', '']);
    const xlsx = join(box.dir, 'plan.xlsx');
    await workbook.xlsx.writeFile(xlsx);

    const r = await box.run(['seed', xlsx, '--province', provinceFile, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).counts.tasks.created).toBe(2);
    const rows = await box.query<{ code: string; title: string; coordinatingUnitCodes: string[]; deadline: Date; product: string | null }>(
      'SELECT code, title, "coordinatingUnitCodes", deadline, product FROM "Task" WHERE code LIKE \'PHU-LUC-%\' ORDER BY code',
    );
    expect(rows.map((t) => t.code)).toEqual(['PHU-LUC-1', 'PHU-LUC-2']);
    expect(rows[0]).toMatchObject({ title: 'Rà soát tài khoản trên Cổng dịch vụ công', coordinatingUnitCodes: ['CA', 'BACME'], product: 'Báo cáo kết quả' });
    expect(rows[0]?.deadline.toISOString()).toBe('2027-06-30T16:59:59.999Z');
  });

  it('names the sheet, row and column of a bad cell in an Excel appendix', async () => {
    const province = validSeed() as Partial<SeedDoc>;
    delete province.tasks;
    const provinceFile = write('province.yaml', province);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    sheet.addRow(['Stt', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian hoàn thành', 'Sản phẩm/kết quả']);
    sheet.addRow([1, 'Nhiệm vụ A', 'Sở TTTT', '', 'Quý II/2027', '']);
    sheet.addRow([2, 'Nhiệm vụ B', 'CA', '', 'sớm nhất', '']);
    const xlsx = join(box.dir, 'bad-plan.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const before = await box.fingerprint();
    const r = await box.run(['seed', xlsx, '--province', provinceFile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Sheet "Phụ lục" row 2, column "Đơn vị chủ trì": unknown unit "Sở TTTT" — known: CA, STTTT, BACME');
    expect(r.stderr).toContain('Sheet "Phụ lục" row 3, column "Thời gian hoàn thành": "sớm nhất" is not a deadline');
    expect(await box.fingerprint()).toBe(before);
  });

  it('imports the Hà Giang sample', async () => {
    const fresh = await openSandbox('seedhg');
    try {
      const r = await fresh.run(['seed', 'prisma/seeds/ha-giang.yaml', '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.counts.tasks.created).toBe(25);
      expect(out.counts.units.created).toBe(18);
      const reports = await fresh.query<{ value: number }>('SELECT value FROM "ProgressReport" ORDER BY value');
      expect(reports.map((x) => x.value)).toEqual([66.7, 83.7, 88.8, 95, 95.7]);
      const emails = await fresh.query<{ email: string }>('SELECT email FROM "Official"');
      expect(emails.every((e) => e.email.endsWith('@example.gov.vn'))).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
