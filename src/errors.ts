/** An error meant for the person at the terminal: one line that names the problem and the next step. */
export class StowageError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StowageError';
    this.exitCode = exitCode;
  }
}

/** Wrong flags or arguments: exit code 2, as command-line tools do. */
export class UsageError extends StowageError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
