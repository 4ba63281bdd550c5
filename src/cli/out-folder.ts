// The one rule for commands that write a set of files into an output folder (demo, train, evaluate): they write
// into a folder that is missing, empty, or was written by the same command before (it holds that command's
// marker file); a folder with anything else in it is refused unless --overwrite is given, so a user's own
// index.html or report.json is never replaced by surprise. Commands that write single files (augment, grid)
// refuse to replace an existing file unless --overwrite is given.
import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plainFileError } from '../core/file-errors.ts';
import { removeStaleTempFiles } from '../io/atomic-write.ts';
import { CliError } from './command.ts';

/** The marker file that says `command` wrote the folder, so that its next run may replace its files. */
export function outMarker(command: string): string {
  return `.augkit-${command}`;
}

/**
 * Makes `out` ready for `command`'s files: created if missing; refused (CliError) when it holds files and no marker
 * of `command`, unless `overwrite`; then marked as `command`'s and cleared of temporary files an interrupted run
 * left. `shown` is the folder as the user wrote it, for the message.
 * @example await claimOutFolder('report', 'report', 'train', flag(args, 'overwrite'));
 */
export async function claimOutFolder(out: string, shown: string, command: string, overwrite: boolean): Promise<void> {
  const marker = outMarker(command);
  const entries = await readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw new CliError(`cannot use --out ${shown}: ${plainFileError(error)}`);
  });
  const ours = await access(join(out, marker)).then(
    () => true,
    () => false,
  );
  if (entries.length > 0 && !ours && !overwrite) {
    throw new CliError(
      `${shown} holds other files and was not made by "augkit ${command}"; choose another --out or pass --overwrite to write ${command}'s files into it (files with the same names are replaced)`,
    );
  }
  try {
    await mkdir(out, { recursive: true });
    await writeFile(
      join(out, marker),
      `This folder was written by "augkit ${command}"; a new run replaces its files.\n`,
    );
  } catch (error) {
    throw new CliError(`cannot write into --out ${shown}: ${plainFileError(error)}`);
  }
  await removeStaleTempFiles(out);
}
