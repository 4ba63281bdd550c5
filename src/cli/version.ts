// augkit's version, from package.json: what `augkit --version` prints and what manifests record.
import { readFileSync } from 'node:fs';

/** The `version` of augkit's package.json. */
export function augkitVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
