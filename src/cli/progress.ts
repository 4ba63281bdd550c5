// Progress for long commands: a bar redrawn in place on a terminal, plain lines otherwise (logs, CI, pipes).

/** Where progress goes: a writable stream that may be a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Reports `done / total` as work finishes, and messages in between without garbling the bar. */
export interface Progress {
  /** One more item finished; `line` is what a non-terminal log shows for it. */
  tick(line: string): void;
  /** One more item finished with a problem: `line` says what, printed once (in place of `tick`'s line). */
  fail(line: string): void;
  /** A message (a warning, a problem not tied to an item) on its own line. */
  note(line: string): void;
  /** Clears the bar (terminal) so a summary can follow. */
  finish(): void;
}

/**
 * A progress reporter for `total` items. On a terminal: one bar line (`[#####-----] 12/40  3.1 s`) redrawn at most
 * every 100 ms and after the last item. Otherwise: `[12/40] line` per item, so logs stay readable.
 * `now` returns milliseconds (injected for tests; default `performance.now`).
 */
export function createProgress(stream: ProgressStream, total: number, now: () => number = () => performance.now()) {
  const tty = stream.isTTY === true;
  const start = now();
  const width = String(total).length;
  let done = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let shown = false;

  const bar = (): string => {
    const columns = Math.max(40, Math.min(stream.columns ?? 80, 120));
    const seconds = ((now() - start) / 1000).toFixed(1);
    const tail = ` ${String(done).padStart(width)}/${total}  ${seconds} s`;
    const cells = Math.max(10, columns - tail.length - 3);
    const filled = total === 0 ? cells : Math.round((done / total) * cells);
    return `[${'#'.repeat(filled)}${'-'.repeat(cells - filled)}]${tail}`;
  };
  const draw = (force: boolean) => {
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    stream.write(`\r${bar()}\x1b[K`);
    shown = true;
  };
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };

  const progress: Progress = {
    tick(line) {
      done++;
      if (tty) draw(done === total);
      else stream.write(`[${String(done).padStart(width)}/${total}] ${line}\n`);
    },
    fail(line) {
      done++;
      if (tty) {
        clear();
        stream.write(`${line}\n`);
        draw(true);
      } else {
        stream.write(`[${String(done).padStart(width)}/${total}] ${line}\n`);
      }
    },
    note(line) {
      if (tty) {
        clear();
        stream.write(`${line}\n`);
        draw(true);
      } else {
        stream.write(`${line}\n`);
      }
    },
    finish() {
      if (tty) clear();
    },
  };
  return progress;
}
