// Splitting one `augkit augment` run into n shards that separate processes or machines run: `--shard i/n` by hand,
// or `--shard auto` from a cluster scheduler's environment. Shard i of n takes the files at sorted positions i,
// i + n, i + 2n, …, so the shards are disjoint, their union is the whole list for every n, and each file keeps its
// global position, which is what its randomness is drawn at.
import { UsageError } from './command.ts';

/** Shard `index` of `count` (counted from 0). */
export interface Shard {
  readonly index: number;
  readonly count: number;
  /** Where it came from, for messages: `--shard 2/8` or `SLURM_ARRAY_TASK_ID=3`. */
  readonly source: string;
}

/** The whole run as one shard. */
export const WHOLE: Shard = { index: 0, count: 1, source: 'no --shard' };

/** The largest shard count accepted (a scheduler's array limit is far below). */
export const MAX_SHARDS = 1_000_000;

const SHARD_FORMAT = 'i/n with 0 ≤ i < n (shards are counted from 0: --shard 0/4 … 3/4), or auto';

/** A non-negative integer written in decimal digits, or undefined. */
function wholeNumber(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function checked(index: number, count: number, source: string, command: string): Shard {
  if (count < 1 || count > MAX_SHARDS) {
    throw new UsageError(`${source}: the shard count must be from 1 to ${MAX_SHARDS}; received ${count}`, command);
  }
  if (index >= count) {
    throw new UsageError(
      `${source}: shard ${index} of ${count} does not exist: shards are counted from 0, so the index is 0 to ${count - 1}`,
      command,
    );
  }
  return { index, count, source };
}

/**
 * Parses `--shard i/n`.
 * @example parseShard('2/8', 'augment') // { index: 2, count: 8, source: '--shard 2/8' }
 * @throws UsageError for `3/2`, `0/0`, `x`, `-1/4`.
 */
export function parseShard(text: string, command: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? wholeNumber(match[1]) : undefined;
  const count = match ? wholeNumber(match[2]) : undefined;
  if (index === undefined || count === undefined) {
    throw new UsageError(`--shard must be ${SHARD_FORMAT}; received "${text}"`, command);
  }
  return checked(index, count, `--shard ${text.trim()}`, command);
}

/** The environment variables `--shard auto` reads, per scheduler. */
export const SCHEDULER_VARIABLES = {
  kubernetes: 'JOB_COMPLETION_INDEX',
  slurm: 'SLURM_ARRAY_TASK_ID',
  awsBatch: 'AWS_BATCH_JOB_ARRAY_INDEX',
} as const;

type Env = Readonly<Record<string, string | undefined>>;

function envNumber(env: Env, name: string, command: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = wholeNumber(raw.trim());
  if (value === undefined) {
    throw new UsageError(`--shard auto: ${name} must be a whole number; it is "${raw}"`, command);
  }
  return value;
}

/**
 * The shard of `--shard auto`, from the first scheduler variable set in `env`: a Kubernetes Indexed Job's
 * `JOB_COMPLETION_INDEX`, a Slurm job array's `SLURM_ARRAY_TASK_ID` (made 0-based with `SLURM_ARRAY_TASK_MIN` and
 * `SLURM_ARRAY_TASK_STEP`, so `--array=1-8` works), an AWS Batch array job's `AWS_BATCH_JOB_ARRAY_INDEX`. The count
 * is `shards` (`--shards N`), which Kubernetes and AWS Batch need; Slurm's is `SLURM_ARRAY_TASK_COUNT`, and a
 * `--shards` that disagrees with it is an error.
 * @throws UsageError when no scheduler variable is set, a count is missing, or the values do not fit.
 */
export function shardFromEnvironment(env: Env, shards: number | undefined, command: string): Shard {
  const k8s = envNumber(env, SCHEDULER_VARIABLES.kubernetes, command);
  if (k8s !== undefined) {
    const source = `${SCHEDULER_VARIABLES.kubernetes}=${k8s}`;
    if (shards === undefined) {
      throw new UsageError(
        `--shard auto with ${source} (a Kubernetes Indexed Job) needs --shards N, the Job's completions`,
        command,
      );
    }
    return checked(k8s, shards, source, command);
  }
  const slurm = envNumber(env, SCHEDULER_VARIABLES.slurm, command);
  if (slurm !== undefined) {
    const min = envNumber(env, 'SLURM_ARRAY_TASK_MIN', command) ?? 0;
    const step = envNumber(env, 'SLURM_ARRAY_TASK_STEP', command) ?? 1;
    const taskCount = envNumber(env, 'SLURM_ARRAY_TASK_COUNT', command);
    const source = `${SCHEDULER_VARIABLES.slurm}=${slurm}`;
    if (slurm < min || step < 1 || (slurm - min) % step !== 0) {
      throw new UsageError(
        `--shard auto: ${source} is not in the array SLURM_ARRAY_TASK_MIN=${min}, SLURM_ARRAY_TASK_STEP=${step}`,
        command,
      );
    }
    const count = shards ?? taskCount;
    if (count === undefined) {
      throw new UsageError(`--shard auto with ${source} needs SLURM_ARRAY_TASK_COUNT or --shards N`, command);
    }
    if (shards !== undefined && taskCount !== undefined && shards !== taskCount) {
      throw new UsageError(
        `--shards ${shards} disagrees with SLURM_ARRAY_TASK_COUNT=${taskCount}; leave --shards out under Slurm`,
        command,
      );
    }
    return checked((slurm - min) / step, count, source, command);
  }
  const aws = envNumber(env, SCHEDULER_VARIABLES.awsBatch, command);
  if (aws !== undefined) {
    const source = `${SCHEDULER_VARIABLES.awsBatch}=${aws}`;
    if (shards === undefined) {
      throw new UsageError(
        `--shard auto with ${source} (an AWS Batch array job) needs --shards N, the array size`,
        command,
      );
    }
    return checked(aws, shards, source, command);
  }
  throw new UsageError(
    `--shard auto found no scheduler's index: none of ${Object.values(SCHEDULER_VARIABLES).join(', ')} is set (Kubernetes Indexed Job, Slurm job array, AWS Batch array job); give --shard i/n instead`,
    command,
  );
}

/**
 * The shard of `--shard` and `--shards` (WHOLE when `--shard` is not given).
 * @throws UsageError for a malformed value, `--shards` without `--shard auto`, or what `shardFromEnvironment` throws.
 */
export function shardOption(shard: string | undefined, shards: number | undefined, env: Env, command: string): Shard {
  if (shard === undefined) {
    if (shards !== undefined) throw new UsageError('--shards N goes with --shard auto', command);
    return WHOLE;
  }
  if (shard.trim() === 'auto') return shardFromEnvironment(env, shards, command);
  if (shards !== undefined) throw new UsageError('--shards N goes with --shard auto, not with --shard i/n', command);
  return parseShard(shard, command);
}

/** `items` with their global positions, only those of `shard`. */
export function shareOf<T>(items: readonly T[], shard: Shard): { item: T; position: number }[] {
  const share: { item: T; position: number }[] = [];
  for (let p = shard.index; p < items.length; p += shard.count) share.push({ item: items[p], position: p });
  return share;
}

/** The manifest file of a shard: `manifest.jsonl` for a whole run, `manifest-2-of-8.jsonl` for shard 2 of 8. */
export function manifestName(shard: Pick<Shard, 'index' | 'count'>): string {
  return shard.count === 1 ? 'manifest.jsonl' : `manifest-${shard.index}-of-${shard.count}.jsonl`;
}

/** The shard a manifest file name names, or undefined for other files. */
export function shardOfManifestName(name: string): { index: number; count: number } | undefined {
  if (name === 'manifest.jsonl') return { index: 0, count: 1 };
  const match = /^manifest-(\d+)-of-(\d+)\.jsonl$/.exec(name);
  if (match === null) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index < count ? { index, count } : undefined;
}
