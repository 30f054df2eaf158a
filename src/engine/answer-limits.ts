// How long and how large an engine's answer may be. Every request has a limit of each kind, so
// an engine that drips its answer, goes quiet half way or never ends it is given up with one
// line instead of being waited on for minutes or held in memory.
import type { EngineOptions } from './engine.js';
import { AnswerLimitError, RequestTimeoutError } from './engine-errors.js';

const MB = 1024 * 1024;

/**
 * An ordinary answer (an inspect, /info, a stat) is a few kB; an inspect with thousands of
 * labels or env entries stays well under this.
 */
export const ANSWER_BYTES = 8 * MB;
/**
 * The container and volume lists and `system df`: at 5,000 containers and 10,000 volumes
 * `system df` was 7.3 MB (about 0.5 kB an item), so this holds over 100,000 items.
 */
export const LIST_BYTES = 64 * MB;

export interface AnswerLimits {
  /** From sending the request to the answer's last byte; for a stream, to its first. null: none. */
  deadlineMs: number | null;
  /** Once the answer has begun, the rest must come within this too. */
  restMs: number | null;
  /** The longest silence: while the answer is read, and while a request body is sent. */
  idleMs: number;
  /** The engine works before it answers (system df walks every volume): no silence limit until it does. */
  quietUntilAnswer: boolean;
  /** null: a stream, read as fast as the reader takes it (an archive). */
  maxBytes: number | null;
  /** Only the deadline until the answer begins: an archive streams as long as it needs. */
  stream: boolean;
}

export type AnswerKind = 'answer' | 'list' | 'disk usage' | 'archive' | 'upload';

/** The limits of each kind of request, from the request timeout (--timeout) and system df's. */
export function answerLimits(kind: AnswerKind, options: EngineOptions): AnswerLimits {
  const timeout = options.requestTimeoutMs;
  const base = { deadlineMs: timeout, restMs: null, idleMs: timeout, quietUntilAnswer: false, maxBytes: ANSWER_BYTES, stream: false };
  switch (kind) {
    case 'answer':
      return base;
    case 'list':
      return { ...base, maxBytes: LIST_BYTES };
    case 'disk usage':
      // Silent while it walks; once it answers, its body is bytes in flight like any other.
      return { ...base, deadlineMs: options.diskUsageTimeoutMs, restMs: timeout, quietUntilAnswer: true, maxBytes: LIST_BYTES };
    case 'archive':
      return { ...base, maxBytes: null, stream: true };
    case 'upload':
      // A restore sends as long as it needs; the engine must keep taking it, and answer once it has it all.
      return { ...base, deadlineMs: null, maxBytes: ANSWER_BYTES };
  }
}

/**
 * Holds one request to its limits: `begin` when the answer's headers arrive, `received` and
 * `sent` as bytes go by. When a limit passes, `onLimit` gets the error once; `stop` when done.
 * `holding` says whether the reader has bytes it has not taken yet: the engine is not silent then.
 */
export class AnswerWatch {
  private readonly startedAt = Date.now();
  private deadlineAt: number | null;
  private lastByteAt = this.startedAt;
  private bytes = 0;
  private begunAt: number | null = null;
  /** A request body is being sent (until it has all gone). */
  private sending = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  holding: () => boolean = () => false;

  constructor(
    private readonly limits: AnswerLimits,
    private readonly onLimit: (error: Error) => void,
  ) {
    this.deadlineAt = limits.deadlineMs === null ? null : this.startedAt + limits.deadlineMs;
    this.schedule();
  }

  begin(): void {
    this.begunAt = this.lastByteAt = Date.now();
    if (this.limits.stream) this.deadlineAt = null;
    else if (this.limits.restMs !== null) this.deadlineAt = Math.min(this.deadlineAt ?? Infinity, this.begunAt + this.limits.restMs);
    this.schedule();
  }

  received(bytes: number): void {
    this.bytes += bytes;
    this.lastByteAt = Date.now();
    if (this.limits.maxBytes !== null && this.bytes > this.limits.maxBytes) this.fail(new AnswerLimitError('size', this.limits.maxBytes));
  }

  sent(): void {
    this.sending = true;
    this.lastByteAt = Date.now();
  }

  /** The request body has all gone: now the engine's answer is waited for. */
  sentAll(): void {
    this.sending = false;
    this.lastByteAt = Date.now();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private idleApplies(): boolean {
    return this.begunAt !== null || !this.limits.quietUntilAnswer;
  }

  /** One timer, set for the nearest limit; bytes only move a time stamp, so a fast answer costs no timer calls. */
  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const idleAt = this.idleApplies() ? this.lastByteAt + this.limits.idleMs : Infinity;
    const at = Math.min(idleAt, this.deadlineAt ?? Infinity);
    if (at === Infinity) {
      this.timer = null;
      return;
    }
    this.timer = setTimeout(() => this.check(), Math.max(0, at - Date.now()));
    this.timer.unref();
  }

  private check(): void {
    this.timer = null;
    if (this.stopped) return;
    const now = Date.now();
    if (this.deadlineAt !== null && now >= this.deadlineAt) {
      const whole = this.limits.deadlineMs ?? 0;
      if (this.begunAt === null) return this.fail(new RequestTimeoutError(whole));
      const rest = this.limits.restMs !== null && this.deadlineAt === this.begunAt + this.limits.restMs;
      return this.fail(rest ? new AnswerLimitError('rest', this.limits.restMs as number) : new AnswerLimitError('deadline', whole));
    }
    if (this.idleApplies() && now - this.lastByteAt >= this.limits.idleMs) {
      // The reader is the slow one (a backup compressing): that is no silence of the engine's.
      if (this.holding()) this.lastByteAt = now;
      else if (this.begunAt !== null) return this.fail(new AnswerLimitError('idle', this.limits.idleMs));
      else return this.fail(this.sending ? new AnswerLimitError('upload', this.limits.idleMs) : new RequestTimeoutError(this.limits.idleMs));
    }
    this.schedule();
  }

  private fail(error: Error): void {
    if (this.stopped) return;
    this.stop();
    this.onLimit(error);
  }
}
