// Writes what comes from the augmenter definitions: src/augmenters/index.ts (the one list of augmenters), the
// README's augmenter list and docs/augmenters.md. Run after adding, renaming or removing an augmenter or changing
// an option: node --import tsx scripts/gen-augmenters-index.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { generatedFiles } from './augmenter-list.ts';

for (const { path, content } of await generatedFiles()) {
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  writeFileSync(path, content);
  console.log(`wrote ${path}`);
}
