// The `augkit` command line: parses the command and its options (strictly: unknown flags and missing values are
// usage errors, exit code 2), shows help, and runs one command from the table below. bin/augkit.js and
// `node --import tsx src/cli/main.ts …` both end up in `main`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SpecError } from '../core/errors.ts';
import { MissingPeerError, sharpFor } from '../data/optional-peer.ts';
import { siblingModule } from '../data/ts-worker.ts';
import { CliError, type CliIO, type Command, type ParsedArgs, SUMMARIES, UsageError } from './command.ts';
import { augkitVersion } from './version.ts';

/**
 * A command of the walkthrough application (examples/walkthrough/commands/ in a clone of the repository: TensorFlow.js,
 * vega and the demo figures are not part of the package). Found beside the sources it runs with (`.ts` through tsx,
 * `.js` if built with them); where it is absent, as in an installed package, the command says where to get it.
 */
function walkthroughCommand(name: string): () => Promise<{ command: Command }> {
  return async () => {
    const url = siblingModule(`../../examples/walkthrough/commands/${name}`, import.meta.url);
    if (!existsSync(url)) {
      throw new CliError(
        `augkit ${name} belongs to the walkthrough application, which comes with a clone of augkit's repository, ` +
          `not with the npm package: in the clone, run "npm ci" and then "npx augkit ${name}"`,
      );
    }
    return (await import(url.href)) as { command: Command };
  };
}

/**
 * The commands, by name, each loaded when used. Adding a command is one line here and one file in `commands/`
 * exporting `command: Command` (or, for the walkthrough's, in examples/walkthrough/commands/).
 */
export const COMMANDS: Readonly<Record<string, () => Promise<{ command: Command }>>> = {
  demo: walkthroughCommand('demo'),
  augment: () => import('./commands/augment.ts'),
  grid: () => import('./commands/grid.ts'),
  list: () => import('./commands/list.ts'),
  train: walkthroughCommand('train'),
  evaluate: walkthroughCommand('evaluate'),
  manifest: () => import('./commands/manifest.ts'),
  playground: () => import('./commands/playground.ts'),
};

/** How each optional peer a command may need is loaded (a MissingPeerError, naming the command, when absent). */
const PEER_LOADERS: Readonly<Record<'sharp', (feature: string) => Promise<unknown>>> = { sharp: sharpFor };

/** Exit codes: success, a failure (bad input file, some images failed), a usage error on the command line. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

function topHelp(): string {
  const names = Object.keys(COMMANDS) as (keyof typeof SUMMARIES)[]; // the same keys: test/cli/main.test.ts
  const width = Math.max(...names.map((name) => name.length));
  return [
    'augkit: image augmentation with imgaug’s semantics',
    '',
    'Usage: augkit <command> [options]',
    '',
    'Commands:',
    ...names.map((name) => `  ${name.padEnd(width)}  ${SUMMARIES[name]}`),
    '',
    'Run "augkit <command> --help" for a command’s options.',
    'Exit codes: 0 success, 1 failure (bad pipeline, unreadable images), 2 usage error.',
    '',
  ].join('\n');
}

/** The full help of one command. */
export function commandHelp(command: Command): string {
  return `Usage: ${command.usage}\n\n${command.summary}\n\n${command.help.trimEnd()}\n  -h, --help  show this help\n`;
}

/**
 * Joins a string option and a negative number after it (`--seed -5` → `--seed=-5`): node:util's parser takes a
 * value starting with a dash for a flag and calls it ambiguous; a number is never a flag here.
 */
export function joinNegativeNumbers(command: Command, argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    const long = arg.startsWith('--') ? arg.slice(2) : undefined;
    const short =
      long === undefined && /^-[A-Za-z]$/.test(arg)
        ? Object.keys(command.options).find((k) => command.options[k].short === arg[1])
        : undefined;
    const option = long ?? short;
    if (
      option !== undefined &&
      Object.hasOwn(command.options, option) &&
      command.options[option].type === 'string' &&
      next !== undefined &&
      /^-(\d|\.\d|Infinity)/.test(next)
    ) {
      out.push(`${long !== undefined ? arg : `--${option}`}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function parse(command: Command, argv: readonly string[]): ParsedArgs & { help: boolean } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinNegativeNumbers(command, argv),
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs's messages name the flag ("Unknown option '--nn'", "Option '--out <value>' argument missing").
    throw new UsageError((error as Error).message, command.name);
  }
  const { help, ...values } = parsed.values as Record<string, string | boolean | undefined>;
  const positionals = parsed.positionals;
  if (help !== true) {
    const { min, max, name } = command.positionals ?? { min: 0, max: 0, name: '' };
    if (positionals.length < min) throw new UsageError(`missing ${name}`, command.name);
    if (positionals.length > max) {
      const extra = positionals.slice(max).join(' ');
      throw new UsageError(`unexpected argument${positionals.length - max > 1 ? 's' : ''}: ${extra}`, command.name);
    }
  }
  return { values, positionals, help: help === true };
}

/** The process' own streams and folder. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/**
 * Runs `augkit` with the arguments after the program name and resolves to the exit code (0, 1 or 2, see `EXIT`);
 * never calls `process.exit`, so pending writes finish.
 * @example process.exitCode = await main(['list']);
 * @example await main(['augment', 'photos', '--out', 'out', '--preset', 'light', '--n', '4']);
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const target = name === 'help' ? rest[0] : undefined;
    if (target !== undefined && Object.hasOwn(COMMANDS, target)) {
      io.stdout.write(commandHelp((await COMMANDS[target]()).command));
      return EXIT.ok;
    }
    (name === undefined ? io.stderr : io.stdout).write(topHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${augkitVersion()}\n`);
    return EXIT.ok;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    io.stderr.write(
      `augkit: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})\nRun "augkit --help" for usage.\n`,
    );
    return EXIT.usage;
  }
  let command: Command;
  try {
    ({ command } = await COMMANDS[name]());
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr.write(`${error.message}\n`); // a walkthrough command absent from an installed package
    return EXIT.failure;
  }
  try {
    const args = parse(command, rest);
    if (args.help) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    for (const peer of command.peers ?? []) await PEER_LOADERS[peer](`augkit ${command.name}`);
    return await command.run(args, io);
  } catch (error) {
    return report(error, command, io);
  }
}

function report(error: unknown, command: Command, io: CliIO): number {
  if (error instanceof UsageError) {
    io.stderr.write(
      `augkit ${command.name}: ${error.message}\nUsage: ${command.usage}\nRun "augkit ${command.name} --help" for details.\n`,
    );
    return EXIT.usage;
  }
  if (error instanceof SpecError) {
    io.stderr.write(`augkit ${command.name}: invalid pipeline: ${error.message}\n`);
    return EXIT.failure;
  }
  if (error instanceof MissingPeerError) {
    io.stderr.write(`${error.message}\n`); // augkit grid needs sharp: npm install sharp
    return EXIT.failure;
  }
  if (error instanceof CliError) {
    io.stderr.write(`augkit ${command.name}: ${error.message}\n`);
    return EXIT.failure;
  }
  const e = error as Error;
  io.stderr.write(`augkit ${command.name}: ${e?.message ?? String(error)}\n`);
  if (process.env.AUGKIT_DEBUG) io.stderr.write(`${e?.stack ?? ''}\n`);
  return EXIT.failure;
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) {
  process.exitCode = await main(process.argv.slice(2));
}
