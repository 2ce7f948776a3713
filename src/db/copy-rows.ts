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
 * Rows for `COPY table (columns) FROM STDIN` on `client` (inside the caller's transaction, if any), written out in
 * COPY's text format, UTF-8, as they are added: building the next rows then overlaps PostgreSQL reading the
 * previous ones, and the text waits outside V8's heap, where the garbage collector never copies it. `write` sends
 * them in one round trip; PostgreSQL parses each value once with its column's own input function — about half the
 * server CPU of the same rows sent as one JSON document. Each row holds its values by column name.
 */
export class CopyLines {
  private readonly full: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private count = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {}

  get length(): number {
    return this.count;
  }

  push(row: Readonly<Record<string, CopyValue>>): void {
    const { columns } = this;
    let line = copyText(row[columns[0] as string] ?? null);
    for (let i = 1; i < columns.length; i += 1) line += `\t${copyText(row[columns[i] as string] ?? null)}`;
    line += '\n';
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.buffer.length - this.used < line.length * 3) {
      this.full.push(this.buffer.subarray(0, this.used));
      this.buffer = Buffer.allocUnsafe(Math.max(BUFFER_BYTES, line.length * 3));
      this.used = 0;
    }
    this.used += this.buffer.write(line, this.used);
    this.count += 1;
  }

  /** Loads the rows added so far (none: no round trip). */
  async write(): Promise<void> {
    if (this.count === 0) return;
    const statement = `COPY "${this.table}" (${this.columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
    const data = [...this.full, this.buffer.subarray(0, this.used)];
    await new Promise<void>((resolve, reject) => {
      this.client.query(new CopyFromText(statement, data, (error) => (error ? reject(error) : resolve())));
    });
  }
}

// The size of the buffers a table's COPY text is written into: a chunk of Task rows fills about sixteen.
const BUFFER_BYTES = 256 * 1024;

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

/**
 * A `client.query` submittable that sends the COPY text in `data` once PostgreSQL is ready for it; `done` gets the
 * server's verdict.
 */
class CopyFromText implements pg.Submittable {
  constructor(
    private readonly statement: string,
    private readonly data: readonly Buffer[],
    private readonly done: (error?: Error) => void,
  ) {}

  submit(connection: pg.Connection): void {
    (connection as unknown as CopyConnection).query(this.statement);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (const chunk of this.data) connection.sendCopyFromChunk(chunk);
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
