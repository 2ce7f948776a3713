import type pg from 'pg';

/** A value as COPY's text format reads it into a column: JSON for objects, `{…}` for a list of strings, null as `\N`. */
export type CopyValue = string | number | boolean | null | readonly string[] | JsonText | object;

/**
 * A JSON value already written out, for a value many rows share or that is cheaper to splice than to serialize again
 * (a first snapshot). COPY sends the text as it is; `JSON.stringify` (a caller's JSON path) writes the value.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text) as unknown;
  }
}

/**
 * Loads rows into `table` with `COPY … FROM STDIN` on `client` (inside the caller's transaction, if any): one
 * round trip, and PostgreSQL parses each value once with its column's own input function — about half the server
 * CPU of the same rows sent as one JSON document. Each row holds its values by column name.
 */
export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: readonly Readonly<Record<string, CopyValue>>[]): Promise<void> {
  if (rows.length === 0) return;
  let data = '';
  for (const row of rows) {
    let line = copyText(row[columns[0] as string] ?? null);
    for (let i = 1; i < columns.length; i += 1) line += `\t${copyText(row[columns[i] as string] ?? null)}`;
    data += `${line}\n`;
  }
  const statement = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  await new Promise<void>((resolve, reject) => {
    client.query(new CopyFromText(statement, data, (error) => (error ? reject(error) : resolve())));
  });
}

// The text format's escapes: a backslash, a tab (column separator), a newline or a carriage return (row separators).
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeText = (text: string): string => text.replace(SPECIAL, (c) => ESCAPES[c] as string);
// JSON text holds no raw tab or line break: only its backslashes need escaping.
const escapeJson = (json: string): string => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json);
const arrayElement = (text: string): string => `"${text.replace(/["\\]/g, '\\$&')}"`;

function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof JsonText) return escapeJson(value.text);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return escapeText(`{${value.map(arrayElement).join(',')}}`);
  return escapeJson(JSON.stringify(value));
}

/** The connection calls of node-postgres that a COPY needs (its own `Submittable` protocol, as pg-copy-streams uses). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** A `client.query` submittable that sends `data` once PostgreSQL is ready for it; `done` gets the server's verdict. */
class CopyFromText implements pg.Submittable {
  constructor(
    private readonly statement: string,
    private readonly data: string,
    private readonly done: (error?: Error) => void,
  ) {}

  submit(connection: pg.Connection): void {
    (connection as unknown as CopyConnection).query(this.statement);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    connection.sendCopyFromChunk(Buffer.from(this.data));
    connection.endCopyFrom();
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    this.done();
  }

  // A server error (the client then drops this query) or a lost connection.
  handleError(error: Error): void {
    this.done(error);
  }
}
