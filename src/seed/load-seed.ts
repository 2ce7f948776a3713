import { extname } from 'node:path';
import { InputError, SeedValidationError } from '../errors.js';
import { renderProblem } from './problem-collector.js';
import { readExcelPlan } from './read-excel-plan.js';
import { readSeedDocument } from './read-seed-document.js';
import type { ValidSeed } from './seed-types.js';
import { validateSeed } from './validate-seed.js';

export interface LoadSeedOptions {
  /** The province file (YAML or JSON seed) an Excel plan is read against. */
  province?: string;
  now: number;
}

/**
 * Reads and validates a seed file: YAML or JSON by extension, or an Excel plan (`.xlsx`) together with a
 * province seed file. Throws a `SeedValidationError` listing every problem, one per line.
 */
export async function loadSeed(file: string, options: LoadSeedOptions): Promise<ValidSeed> {
  const isExcel = extname(file).toLowerCase() === '.xlsx';
  if (isExcel && !options.province) {
    throw new InputError(`${file} is an Excel plan: name the province file that defines its units and policies with --province FILE (a YAML or JSON seed file).`);
  }
  if (!isExcel && options.province) {
    throw new InputError(`--province is only for an Excel plan (.xlsx); ${file} is a complete seed file on its own.`);
  }
  const document = isExcel ? await readExcelPlan(file, await readSeedDocument(options.province as string)) : await readSeedDocument(file);
  const result = validateSeed(document.value, { now: options.now, locate: document.locate });
  if (!result.ok) throw new SeedValidationError(file, result.problems.map(renderProblem));
  return result.seed;
}
