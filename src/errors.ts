/** Machine-readable codes of the errors da06 reports to people. */
export type Da06ErrorCode =
  | 'CONFIG_INVALID'
  | 'TASK_NOT_FOUND'
  | 'EVENT_NOT_ACCEPTED'
  | 'SEED_INVALID'
  | 'INPUT_INVALID'
  | 'CONCURRENT_UPDATE';

/** Base of the closed set of errors: each carries a `code` for machines and a message that names the fix. */
export class Da06Error extends Error {
  constructor(
    readonly code: Da06ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A configuration variable is missing or malformed. */
export class ConfigError extends Da06Error {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
  }
}

/** No task has the given code. */
export class TaskNotFoundError extends Da06Error {
  constructor(readonly taskCode: string) {
    super('TASK_NOT_FOUND', `Task "${taskCode}" does not exist. List the tasks with \`da06 status\` or load them with \`da06 seed FILE\`.`);
  }
}

/** The task's current state does not accept the event. */
export class EventNotAcceptedError extends Da06Error {
  constructor(
    readonly taskCode: string,
    readonly eventType: string,
    readonly state: string,
    readonly accepted: readonly string[],
    reason?: string,
  ) {
    const accepts = accepted.length ? `it accepts ${accepted.join(', ')}` : 'it accepts no events';
    super(
      'EVENT_NOT_ACCEPTED',
      `Task "${taskCode}" is ${state} and does not accept ${eventType}${reason ? ` (${reason})` : ''}; ${accepts}.`,
    );
  }
}

/** A user-supplied value on the command line or over HTTP is malformed. */
export class InputError extends Da06Error {
  constructor(message: string) {
    super('INPUT_INVALID', message);
  }
}

/** A seed file is malformed; the message names the file and lists every problem, one per line. */
export class SeedValidationError extends Da06Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      'SEED_INVALID',
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} found; nothing was changed. Fix ${problems.length === 1 ? 'it' : 'them'} and run the command again:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}
