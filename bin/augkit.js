#!/usr/bin/env node
// The package's `augkit` command. In a clone of the repository (src/ beside bin/) it runs the TypeScript sources
// through tsx, a dev dependency; in an installed package, which ships no src/, it runs the compiled dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
