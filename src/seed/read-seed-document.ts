import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { InputError, SeedValidationError } from '../errors.js';
import type { Locate } from './seed-types.js';

/** A seed document as read from a file, with a way to say which line a path is on. */
export interface SeedDocument {
  file: string;
  value: unknown;
  locate: Locate;
}

/** Reads a YAML (`.yaml`, `.yml`) or JSON (`.json`) seed file; a syntax error is a `SeedValidationError` with its line. */
export async function readSeedDocument(file: string): Promise<SeedDocument> {
  const extension = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(extension)) {
    throw new InputError(`${file}: cannot tell the format from the extension "${extension}"; expected .yaml, .yml or .json (or .xlsx with --province FILE).`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path.`);
  }
  return extension === '.json' ? parseJsonSeed(file, text) : parseYamlSeed(file, text);
}

/** Parses YAML text; the locator answers `line N` for any path that exists in the document. */
export function parseYamlSeed(file: string, text: string): SeedDocument {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: 2024-06-30 stays a string, so dates are read by our rules, not the parser's.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SeedValidationError(
      file,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return `${pos ? `line ${pos.line}, column ${pos.col}: ` : ''}${e.message.split('\n')[0]} (YAML syntax)`;
      }),
    );
  }
  const locate: Locate = (path) => {
    for (let n = path.length; n >= 0; n -= 1) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const { line } = lineCounter.linePos(node.range[0]);
        return { where: `line ${line}`, insteadOfPath: false };
      }
    }
    return undefined;
  };
  return { file, value: doc.toJS({ maxAliasCount: 100 }) as unknown, locate };
}

/** Parses JSON text; a syntax error names its position. */
export function parseJsonSeed(file: string, text: string): SeedDocument {
  try {
    return { file, value: JSON.parse(text) as unknown, locate: () => undefined };
  } catch (error) {
    throw new SeedValidationError(file, [`${(error as Error).message} (JSON syntax)`]);
  }
}
