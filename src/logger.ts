import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the process logger: JSON lines to stdout for long-running processes, to stderr for commands. */
export function createLogger(level: string, destination: 'stdout' | 'stderr'): Logger {
  return pino({ level, base: { service: 'da06' } }, pino.destination(destination === 'stdout' ? 1 : 2));
}
