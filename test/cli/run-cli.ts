// Runs the augkit CLI as a child process (so exit codes and stdout/stderr are the real ones) and makes small image
// files for the CLI tests.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The CLI's entry, run with tsx like `npm run demo` does. */
export const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** What a CLI run printed and how it exited. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of `runCli`. */
export interface RunCliOptions {
  /** The folder it runs in (default the repository). */
  readonly cwd?: string;
  /** Milliseconds before it is killed (default 60 s). */
  readonly timeout?: number;
  /** Run as this user and group id (tests running as root use it to make permissions bite). */
  readonly uid?: number;
  readonly gid?: number;
  /** Variables to set (a string) or remove (undefined) in the child's environment, which is this process' otherwise. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Runs `node --import tsx src/cli/main.ts …args` in `cwd` (default the repository) and resolves when it exits. */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      {
        cwd: options.cwd ?? ROOT,
        timeout: options.timeout ?? 60_000,
        maxBuffer: 16 << 20,
        ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
        ...(options.env !== undefined ? { env: childEnv(options.env) } : {}),
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : (error as NodeJS.ErrnoException & { code?: unknown }).code;
        if (typeof code !== 'number') return reject(error);
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function childEnv(changes: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Writes a PNG of the given uint8 pixels (HWC). */
export async function writePng(path: string, pixels: number[], height: number, width: number, channels: 1 | 3 | 4) {
  const img = sharp(Buffer.from(pixels), { raw: { width, height, channels } });
  await (channels === 1 ? img.toColourspace('b-w') : img).png().toFile(path);
}

/** Every file below `dir`, as sorted paths relative to it (hidden files included, to catch leftovers). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  await walk(dir);
  return out.sort();
}
