// DESIGN.md's layers, enforced on the imports of every source file in src/ (tests aside): static imports and
// re-exports (type-only ones too), dynamic import(), and the module paths workers are started on
// (`new URL('…', import.meta.url)`). Each violation is printed with its file and import.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

/** Each layer (a folder of src/) and the layers it may import besides itself (DESIGN.md, "Layers"). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: [],
  random: ['core'],
  params: ['core', 'random'],
  kernels: ['core'],
  geometry: ['core', 'kernels'],
  augmentables: ['core', 'geometry'],
  augmenters: ['core', 'random', 'params', 'kernels', 'geometry', 'augmentables'],
  data: ['core', 'random', 'params', 'kernels', 'geometry', 'augmentables', 'augmenters'],
  // io and viz are one row of DESIGN.md's table: each may use the other (a chart written to a file).
  io: ['core', 'random', 'params', 'kernels', 'geometry', 'augmentables', 'augmenters', 'data', 'viz'],
  viz: ['core', 'random', 'params', 'kernels', 'geometry', 'augmentables', 'augmenters', 'data', 'io'],
  // The training experiment, its report and charts, and the demo/train/evaluate commands are the walkthrough
  // application in examples/walkthrough/, outside the package: src/ never imports it (the CLI looks its commands up
  // at run time, a computed path).
  cli: ['core', 'random', 'params', 'kernels', 'geometry', 'augmentables', 'augmenters', 'data', 'io', 'viz'],
};

/** The package's entry points: only users (and the other entry points) import them. */
const ENTRY_POINTS = new Set(['index.ts', 'node.ts', 'tfjs.ts']);

/** Layers that run unchanged in a browser: no Node built-ins, TensorFlow.js or sharp. */
const PORTABLE = new Set(['core', 'random', 'params', 'kernels', 'geometry', 'augmentables', 'augmenters']);

/** One module path a file names, and how (`import`, `export`, `import()`, `new URL`). */
interface Reference {
  readonly specifier: string;
  readonly how: string;
}

/** Every module path `source` imports, re-exports, imports dynamically or starts a worker on. */
function referencesOf(path: string, source: string): Reference[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: Reference[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined) {
      if (ts.isStringLiteral(node.moduleSpecifier)) {
        out.push({ specifier: node.moduleSpecifier.text, how: ts.isImportDeclaration(node) ? 'import' : 'export' });
      }
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      out.push({
        specifier: arg !== undefined && ts.isStringLiteralLike(arg) ? arg.text : '<computed>',
        how: 'import()',
      });
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.length === 2 &&
      node.arguments[1].getText(file) === 'import.meta.url'
    ) {
      // A module a worker is started on; URLs of data files (package.json, a folder of samples) are no imports.
      const [arg] = node.arguments;
      if (ts.isStringLiteralLike(arg) && /\.[cm]?[jt]s$/.test(arg.text))
        out.push({ specifier: arg.text, how: 'new URL' });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** What is wrong with `file` (a path relative to src/, with '/') naming `ref`, or undefined. */
function violationOf(file: string, ref: Reference): string | undefined {
  const layer = file.includes('/') ? file.slice(0, file.indexOf('/')) : undefined;
  const { specifier } = ref;
  const where = `${file}: ${ref.how} '${specifier}'`;
  // A module path computed at run time (the reviver a user names, an optional backend) is allowed above augmenters
  // only, where it cannot be checked.
  if (specifier === '<computed>') {
    return layer === undefined || !PORTABLE.has(layer) ? undefined : `${where}: a module path the test cannot read`;
  }
  if (!specifier.startsWith('.')) {
    // A package.
    if (layer === undefined || !PORTABLE.has(layer)) return undefined;
    const bare = specifier.replace(/^node:/, '').split('/')[0];
    if (specifier.startsWith('node:') || builtinModules.includes(bare)) {
      return `${where}: ${layer} runs in browsers too, so imports no Node built-in`;
    }
    if (specifier.startsWith('@tensorflow/') || bare === 'sharp') {
      return `${where}: ${layer} imports no TensorFlow.js or sharp (they are optional peers of augkit/tfjs and io)`;
    }
    return undefined;
  }
  const target = posix.normalize(posix.join(posix.dirname(file), specifier));
  if (target.startsWith('..')) return `${where}: outside src/`;
  if (ENTRY_POINTS.has(target)) return `${where}: an entry point (only users import src/${target})`;
  if (layer === undefined) return undefined; // the entry points import whatever they expose
  const to = target.includes('/') ? target.slice(0, target.indexOf('/')) : target;
  if (to === layer) return undefined;
  const allowed = MAY_IMPORT[layer];
  if (allowed === undefined) return `${where}: ${layer} is not a layer in DESIGN.md`;
  if (!allowed.includes(to)) {
    return `${where}: ${layer} may import ${allowed.length === 0 ? 'nothing else' : allowed.join(', ')}, not ${to}`;
  }
  if (layer === 'augmenters' && target.startsWith('kernels/wasm/')) {
    return `${where}: augmenters call kernels by name (the kernel table chooses WebAssembly), never kernels/wasm/`;
  }
  return undefined;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.test-d.ts')) out.push(path);
  }
  return out;
}

/** Every violation in `files` (paths relative to src/ → source text). */
function layerViolations(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, source] of files) {
    for (const ref of referencesOf(file, source)) {
      const violation = violationOf(file, ref);
      if (violation !== undefined) out.push(violation);
    }
  }
  return out;
}

/** The optional peer dependencies: the package installs none of them (package.json's peerDependenciesMeta). */
const OPTIONAL_PEER = /^(sharp$|@tensorflow\/|vega($|-))/;

/**
 * The static imports and re-exports of an optional peer that load it with the importing module (type-only ones load
 * nothing). Only the augkit/tfjs entry, which is for users who installed TensorFlow.js, may have them; elsewhere a
 * peer is loaded by `import()` when a feature needs it, so importing augkit or augkit/node never fails for want of it.
 */
function eagerPeerImports(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [path, source] of files) {
    if (path === 'tfjs.ts') continue;
    const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    for (const node of file.statements) {
      if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node))) continue;
      const specifier = node.moduleSpecifier;
      if (specifier === undefined || !ts.isStringLiteral(specifier) || !OPTIONAL_PEER.test(specifier.text)) continue;
      const typeOnly = ts.isImportDeclaration(node)
        ? node.importClause !== undefined &&
          (node.importClause.isTypeOnly ||
            (node.importClause.name === undefined &&
              node.importClause.namedBindings !== undefined &&
              ts.isNamedImports(node.importClause.namedBindings) &&
              node.importClause.namedBindings.elements.every((e) => e.isTypeOnly)))
        : node.isTypeOnly;
      if (!typeOnly) out.push(`${path}: '${specifier.text}' is imported statically (load it with optionalPeer)`);
    }
  }
  return out;
}

const SRC = join(dirname(new URL(import.meta.url).pathname), '..', 'src');

describe('the layers (DESIGN.md)', () => {
  it('hold in every source file of src/: no upward import, no entry point imported, nothing Node-only below data', () => {
    const files = new Map(
      sourceFiles(SRC).map((path) => [relative(SRC, path).split('\\').join('/'), readFileSync(path, 'utf8')]),
    );
    assert.ok(files.size > 100, `read ${files.size} files`);
    const violations = layerViolations(files);
    assert.deepEqual(violations, [], `\n${violations.join('\n')}`);
  });

  it('reads static, type-only, dynamic and worker imports, and reports each with its file', () => {
    const files = new Map([
      ['kernels/a.ts', "import { x } from '../random/stream.ts';\nimport type { P } from '../params/param.ts';"],
      ['kernels/b.ts', "// import { no } from '../cli/main.ts' (a comment)\nexport { y } from '../core/image.ts';"],
      ['core/c.ts', "const m = await import('../kernels/lut.ts');\nimport { readFileSync } from 'node:fs';"],
      ['kernels/g.ts', "const m = await import(name);\nconst data = new URL('../../data-sample/', import.meta.url);"],
      ['data/h.ts', "const m = await import(name);\nconst w = new URL('./worker.ts', import.meta.url);"],
      ['data/d.ts', "const w = new URL('../index.ts', import.meta.url);\nimport * as tf from '@tensorflow/tfjs';"],
      ['augmenters/e.ts', "import { f } from '../kernels/wasm/simd.ts';\nimport sharp from 'sharp';\nimport 'fs';"],
      ['augmenters/ok.ts', "import { g } from '../kernels/lut.ts';\nimport { h } from '../params/param.ts';"],
      ['cli/f.ts', "import { t } from '../io/image-file.ts';\nimport { readFile } from 'node:fs/promises';"],
      ['cli/g.ts', "import { command } from '../../examples/walkthrough/commands/train.ts';"],
      ['cli/h.ts', "import { x } from '../train/train.ts';"],
    ]);
    assert.deepEqual(layerViolations(files), [
      "kernels/a.ts: import '../random/stream.ts': kernels may import core, not random",
      "kernels/a.ts: import '../params/param.ts': kernels may import core, not params",
      "core/c.ts: import() '../kernels/lut.ts': core may import nothing else, not kernels",
      "core/c.ts: import 'node:fs': core runs in browsers too, so imports no Node built-in",
      "kernels/g.ts: import() '<computed>': a module path the test cannot read",
      "data/d.ts: new URL '../index.ts': an entry point (only users import src/index.ts)",
      "augmenters/e.ts: import '../kernels/wasm/simd.ts': augmenters call kernels by name (the kernel table chooses WebAssembly), never kernels/wasm/",
      "augmenters/e.ts: import 'sharp': augmenters imports no TensorFlow.js or sharp (they are optional peers of augkit/tfjs and io)",
      "augmenters/e.ts: import 'fs': augmenters runs in browsers too, so imports no Node built-in",
      "cli/g.ts: import '../../examples/walkthrough/commands/train.ts': outside src/",
      "cli/h.ts: import '../train/train.ts': cli may import core, random, params, kernels, geometry, augmentables, augmenters, data, io, viz, not train",
    ]);
  });
});

describe('the optional peers (sharp, TensorFlow.js, vega)', () => {
  it('are imported statically by no source file of src/ but augkit/tfjs (type-only imports aside)', () => {
    const files = new Map(
      sourceFiles(SRC).map((path) => [relative(SRC, path).split('\\').join('/'), readFileSync(path, 'utf8')]),
    );
    const eager = eagerPeerImports(files);
    assert.deepEqual(eager, [], `\n${eager.join('\n')}`);
  });

  it('tells a static import from a type-only or dynamic one', () => {
    const files = new Map([
      ['io/a.ts', "import sharp from 'sharp';\nimport type { Metadata } from 'sharp';"],
      ['io/b.ts', "import { type Sharp } from 'sharp';\nconst s = await import('sharp');"],
      ['viz/c.ts', "import { View } from 'vega';\nexport { compile } from 'vega-lite';\nimport 'vegan';"],
      ['data/d.ts', "import * as tf from '@tensorflow/tfjs';"],
      ['tfjs.ts', "import { tensor4d } from '@tensorflow/tfjs-core';"],
    ]);
    assert.deepEqual(eagerPeerImports(files), [
      "io/a.ts: 'sharp' is imported statically (load it with optionalPeer)",
      "viz/c.ts: 'vega' is imported statically (load it with optionalPeer)",
      "viz/c.ts: 'vega-lite' is imported statically (load it with optionalPeer)",
      "data/d.ts: '@tensorflow/tfjs' is imported statically (load it with optionalPeer)",
    ]);
  });
});
