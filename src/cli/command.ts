// What every `augkit` command shares: its description for the command table, the streams it writes to, and the
// usage error that main.ts turns into exit code 2.
import { availableParallelism } from 'node:os';
import type { ParseArgsConfig } from 'node:util';

/** The options table of a command, in node:util `parseArgs` form. */
export type OptionsTable = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments: option values by name (strings and booleans; repeated options give arrays) and positionals. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Where a command writes: normally the process' streams, replaced in tests. */
export interface CliIO {
  /** Results and summaries. */
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Progress, warnings and errors. */
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** The folder relative paths are resolved against. */
  readonly cwd: string;
}

/**
 * Each command's one-line summary for `augkit --help`, kept here (not only in the command's module) so that the top
 * help loads no command: `npx augkit --help` then starts without sharp, the augmenters, vega or TensorFlow.js.
 */
export const SUMMARIES = {
  demo: 'Write the walkthrough’s 16 figures and an index.html (offline, on Fashion-MNIST or your photo).',
  augment: 'Write K augmented variants of every image in files and folders.',
  grid: 'Draw R×C augmented variants of one image in one picture (imgaug’s draw_grid).',
  list: 'List every augmenter with its kind and options (for pipeline JSON files).',
  train: 'Train the walkthrough’s CNN with and without augmentation and write the shift-robustness report.',
  evaluate: 'Measure a saved model’s test accuracy under horizontal shifts of −5…5 pixels.',
  manifest: 'Merge the manifests of a sharded "augkit augment" run and check every output is there once.',
  playground: 'Serve the playground on 127.0.0.1: build a pipeline in the browser and see it on your photo.',
} as const;

/** One `augkit` command: its help text, its options, and what it does. */
export interface Command {
  readonly name: string;
  /** One line for `augkit --help`. */
  readonly summary: string;
  /** The synopsis, e.g. `augkit grid <image> --pipeline FILE.json --rows R --cols C --out grid.png`. */
  readonly usage: string;
  /** The rest of `augkit <name> --help`: what it does and every option. */
  readonly help: string;
  readonly options: OptionsTable;
  /** How many positionals it takes; default none. */
  readonly positionals?: { readonly min: number; readonly max: number; readonly name: string };
  /** Optional peer dependencies it needs (checked before it runs, so a missing one is one line naming the package). */
  readonly peers?: readonly 'sharp'[];
  /** Runs the command and resolves to the process' exit code (0 success, 1 failure). */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** A mistake on the command line: main.ts prints it with a usage hint and exits with code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to show, if known. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure the user can fix (a bad pipeline file, an unreadable image): printed without a stack, exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The string value of an option, or undefined when not given. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** True when a boolean flag was given. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/**
 * An integer option in [min, max], or `fallback` when not given; anything else is a usage error naming the flag.
 * @example integerOption(args, 'n', 1, 1, 100_000) // --n 4 → 4; --n 0 or --n x → UsageError
 */
export function integerOption(
  args: ParsedArgs,
  name: string,
  fallback: number,
  min: number,
  max: number,
  command?: string,
): number {
  const raw = stringOption(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^[+-]?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}; received "${raw}"`, command);
  }
  return value;
}

/**
 * One of a fixed set of strings, or `fallback` when not given.
 * @example choiceOption(args, 'format', ['png', 'jpeg', 'webp'], undefined)
 */
export function choiceOption<T extends string>(
  args: ParsedArgs,
  name: string,
  allowed: readonly T[],
  fallback: T | undefined,
  command?: string,
): T | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; received "${raw}"`, command);
  }
  return raw as T;
}

/** The flag that lets `workersOption` go past the core count. */
export const FORCE_WORKERS = 'force-workers';

/**
 * A thread-count option (`--workers`, `--threads`) in [min, max], capped at the machine's cores: more threads than
 * cores only add memory (each holds its own images) and switching, so a larger count is a usage error unless
 * `--force-workers` is given. `cores` is injected for tests.
 * @example workersOption(args, 'workers', 1, 1, 64, 'augment') // --workers 256 on 2 cores → UsageError
 */
export function workersOption(
  args: ParsedArgs,
  name: string,
  fallback: number,
  min: number,
  max: number,
  command: string,
  cores: number = availableParallelism(),
): number {
  const value = integerOption(args, name, fallback, min, max, command);
  if (value > cores && !flag(args, FORCE_WORKERS)) {
    throw new UsageError(
      `--${name} ${value} is more than the ${cores} core${cores === 1 ? '' : 's'} of this machine, which only adds memory and switching; use at most ${cores}, or add --${FORCE_WORKERS}`,
      command,
    );
  }
  return value;
}
