// The package as a consumer gets it (issue 21, "How it is checked"): `npm pack` (prepack builds dist/), the tarball
// installed into a temporary project without dev dependencies and offline, then: plain `node` imports augkit and
// augkit/node and augments an image (the same bytes as the sources, threads included); the CLI runs and names what is
// missing; a consumer file type-checks under `module: nodenext` and under `moduleResolution: bundler` with strict
// flags; esbuild bundles augkit and augkit/tfjs for browsers; `augkit playground` serves the page from the package
// (in Chromium, Node's bytes); and the budgets hold. One pack and one install serve every check.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { loadCatalogue } from '../playground/src/catalogue.ts';
import { hashOf, toTypeScript } from '../playground/src/pipeline.ts';
import { Affine, Multiply, Sequential } from '../src/augmenters/public.ts';
import { makeImage } from '../src/core/image.ts';
import * as iaa from '../src/index.ts';
import { familyModules } from './helpers/wasm-modules.ts';
import { CHROMIUM, NESTED_PIPELINE, cellHashes, readPhoto, rgbaHash, waitForRun } from './playground/page.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** Budgets (issue 21): what installing augkit adds, and the minimal browser bundle, minified and gzipped. */
const INSTALL_BUDGET = 3 * 1024 * 1024;
const MIN_BUNDLE_BUDGET = 74 * 1024;

/** The consumer's script: a seeded pipeline on a gradient image, with 0 and 2 worker threads; prints JSON. */
const CONSUMER_SCRIPT = `
import { createHash } from 'node:crypto';
import * as iaa from 'augkit';
import { createWorkerPool, readImage } from 'augkit/node';
const hash = (data) => createHash('sha256').update(data).digest('hex');
const data = Uint8Array.from({ length: 24 * 32 * 3 }, (_, i) => (i * 7) % 256);
const image = iaa.makeImage(data, 24, 32, 3);
const aug = iaa.Sequential([iaa.Affine({ rotate: [-30, 30], scale: [0.8, 1.2] }), iaa.Multiply([0.5, 1.5])], { seed: 5 });
const single = hash(aug.augmentImage(image).data);
const dataset = new iaa.ArrayDataset(iaa.stackImages([image, image, image, image, image]), new Int32Array(5));
const loaded = [];
for (const workers of [0, 2]) {
  const loader = new iaa.DataLoader(dataset, { batchSize: 2, seed: 1, augment: aug, workers });
  const h = createHash('sha256');
  for await (const batch of loader) h.update(batch.images.data);
  await loader.close();
  loaded.push(h.digest('hex'));
}
const sharp = await readImage('x.png').then(() => 'read', (e) => e.message);
console.log(JSON.stringify({ single, loaded, sharp, pool: typeof createWorkerPool }));
`;

/** The same pipeline and image from the sources, in this process. */
function sourceHash(): string {
  const data = Uint8Array.from({ length: 24 * 32 * 3 }, (_, i) => (i * 7) % 256);
  const aug = Sequential([Affine({ rotate: [-30, 30], scale: [0.8, 1.2] }), Multiply([0.5, 1.5])], { seed: 5 });
  return createHash('sha256')
    .update(aug.augmentImage(makeImage(data, 24, 32, 3)).data)
    .digest('hex');
}

/** The minimal browser bundle's entry: Affine on a gradient image; prints its byte sum and the WebAssembly warp runs. */
const MINIMAL_BUNDLE = `
import { Affine, kernelRuns, makeImage } from 'augkit';
const data = Uint8Array.from({ length: 64 * 64 * 3 }, (_, i) => (i * 7) % 256);
const out = Affine({ rotate: [-30, 30], scale: [0.8, 1.2], seed: 3 }).augmentImage(makeImage(data, 64, 64, 3));
console.log(JSON.stringify({ sum: out.data.reduce((a, b) => a + b, 0), wasm: kernelRuns().warpAffine.wasm }));
`;

/** MINIMAL_BUNDLE's byte sum, from the sources. */
function affineSum(): number {
  const data = Uint8Array.from({ length: 64 * 64 * 3 }, (_, i) => (i * 7) % 256);
  const out = Affine({ rotate: [-30, 30], scale: [0.8, 1.2], seed: 3 }).augmentImage(makeImage(data, 64, 64, 3));
  return Array.from(out.data).reduce((a, b) => a + b, 0);
}

/** A consumer in TypeScript: both entries, options objects, indexed access, optional properties. */
const CONSUMER_TS = `
import * as iaa from 'augkit';
import { type ReadImageOptions, readImage } from 'augkit/node';
const aug: iaa.Augmenter = iaa.Sequential([iaa.Fliplr(0.5), iaa.Affine({ rotate: [-30, 30], mode: 'edge' })], { seed: 1 });
const image: iaa.Image = iaa.makeImage(new Uint8Array(12), 2, 2, 3);
const out = aug.augmentImage(image);
const first: number | undefined = out.data[0];
const options: ReadImageOptions = { channels: 3 };
export async function load(path: string): Promise<number> {
  const photo = await readImage(path, options);
  return photo.width + (first ?? 0);
}
`;

/** Compiler flags every consumer configuration shares. */
const STRICT = { strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true };

/** Every file under `dir`, with its size in bytes. */
function sizeOf(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    total += stat.isDirectory() ? sizeOf(path) : stat.size;
  }
  return total;
}

describe('the npm package, as a consumer installs it', () => {
  let work: string;
  let project: string;
  let files: { path: string; size: number }[];
  let tarballSize: number;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'augkit-package-'));
    // One pack (its prepack builds dist/) and one offline install without dev dependencies serve every check.
    const output = execFileSync(NPM, ['pack', '--json', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // prepack's own output (the build's) comes first on stdout, then npm's JSON array.
    const packed = JSON.parse(output.slice(output.search(/^\[/m))) as {
      filename: string;
      size: number;
      files: { path: string; size: number }[];
    }[];
    const [pack] = packed;
    assert.ok(pack !== undefined);
    files = pack.files;
    tarballSize = pack.size;
    project = join(work, 'consumer');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync(
      NPM,
      ['install', join(work, pack.filename), '--offline', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: project, encoding: 'utf8' },
    );
  });

  after(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('ships compiled JavaScript, declarations and the command, but no source, test, fixture, bench, C or CI file', () => {
    const paths = files.map((f) => f.path);
    for (const entry of ['index', 'node', 'tfjs']) {
      assert.ok(paths.includes(`dist/${entry}.js`), `dist/${entry}.js`);
      assert.ok(paths.includes(`dist/${entry}.d.ts`), `dist/${entry}.d.ts`);
    }
    assert.ok(paths.includes('bin/augkit.js'));
    // Top-level folders of the repository other than dist/ and bin/, fixtures anywhere, tests, C and TypeScript sources.
    const unwanted = paths.filter((p) =>
      /^(src|test|bench|scripts|examples|wasm|data-sample|\.ci)\/|(^|\/)fixtures\/|\.test\.|\.[ch]$|(?<!\.d)\.ts$/.test(
        p,
      ),
    );
    assert.deepEqual(unwanted, []);
    // A source map is of use only with the sources it names, and the sources are not shipped.
    assert.deepEqual(
      paths.filter((p) => p.endsWith('.map')),
      [],
    );
    // Declarations import each other as `.js` (tsc leaves the sources' `.ts` there; TypeScript before 5.0 rejects it).
    const installed = join(project, 'node_modules/augkit');
    const tsImports = paths
      .filter((p) => p.endsWith('.d.ts'))
      .filter((p) => /from ['"]\.{1,2}\/[^'"]*\.ts['"]/.test(readFileSync(join(installed, p), 'utf8')));
    assert.deepEqual(tsImports, []);
    const playground = files.filter((f) => f.path.startsWith('dist/playground/')).reduce((sum, f) => sum + f.size, 0);
    console.log(
      `package: tarball ${(tarballSize / 1024).toFixed(0)} KB, ${paths.length} files; the playground (dist/playground) ${(playground / 1024).toFixed(0)} KB unpacked`,
    );
  });

  it(`installs augkit alone, adding at most ${INSTALL_BUDGET / 1024 / 1024} MB`, () => {
    const installed = readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(installed, ['augkit']);
    const size = sizeOf(join(project, 'node_modules'));
    console.log(`install: ${(size / 1024 / 1024).toFixed(2)} MB, ${installed.length} package`);
    assert.ok(size <= INSTALL_BUDGET, `${size} bytes installed`);
  });

  it('runs under plain node: augkit and augkit/node augment an image, the same bytes as the sources, threads too', () => {
    writeFileSync(join(project, 'consumer.mjs'), CONSUMER_SCRIPT);
    const run = spawnSync(process.execPath, ['consumer.mjs'], { cwd: project, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { single: string; loaded: string[]; sharp: string; pool: string };
    assert.equal(result.single, sourceHash());
    assert.equal(result.loaded[0], result.loaded[1], 'workers: 2 gave other bytes than workers: 0');
    assert.equal(result.sharp, 'readImage needs sharp: npm install sharp');
    assert.equal(result.pool, 'function');
  });

  it('has a command that runs compiled JavaScript and says what is missing', () => {
    const augkit = (...args: string[]) =>
      spawnSync(process.execPath, [join(project, 'node_modules/augkit/bin/augkit.js'), ...args], {
        cwd: project,
        encoding: 'utf8',
      });
    const list = augkit('list');
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /Affine/);
    const grid = augkit('grid', 'photo.png', '--preset', 'light', '--out', 'grid.png');
    assert.equal(grid.status, 1);
    assert.equal(grid.stderr, 'augkit grid needs sharp: npm install sharp\n');
    const train = augkit('train');
    assert.equal(train.status, 1);
    assert.match(train.stderr, /^augkit train belongs to the walkthrough application, .*npx augkit train"\n$/);
  });

  it('serves the playground with augkit playground, offline: in Chromium its cells are Node’s bytes', async (t) => {
    const child = spawn(
      process.execPath,
      [join(project, 'node_modules/augkit/bin/augkit.js'), 'playground', '--port', '0'],
      {
        cwd: project,
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /(http:\/\/127\.0\.0\.1:\d+\/playground\/)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`augkit playground exited with ${code}: ${out}`)));
      });
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<title>augkit playground<\/title>/);
      if (!existsSync(CHROMIUM)) {
        t.skip(`${CHROMIUM} is missing: the page was served, not run`);
        return;
      }
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
      try {
        const tab = await browser.newPage();
        const errors: string[] = [];
        tab.on('pageerror', (error) => errors.push(error.message));
        // Offline: every request goes to the playground's own server.
        tab.on('request', (request) => {
          if (!request.url().startsWith(new URL(url).origin) && !/^(data|blob):/.test(request.url())) {
            errors.push(`requested ${request.url()}`);
          }
        });
        const spec = {
          type: 'Sequential',
          children: [
            { type: 'Affine', rotate: [-30, 30] },
            { type: 'Multiply', mul: [0.5, 1.5] },
          ],
          seed: 4,
        };
        await tab.goto(`${url}?sample=astronaut${hashOf(spec)}`);
        await waitForRun(tab, spec);
        const photo = await readPhoto(join(ROOT, 'playground/samples/astronaut.png'));
        const aug = iaa.fromJSON(spec);
        const node = Array.from({ length: 6 }, (_, k) => rgbaHash(aug.augmentImage(photo, { epoch: k, index: 0 })));
        assert.deepEqual(await cellHashes(tab), node);
        assert.deepEqual(errors, []);
      } finally {
        await browser.close();
      }
    } finally {
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    }
  });

  for (const [name, options] of [
    ['module: nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['moduleResolution: bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ] as const) {
    it(`type-checks a consumer under ${name} with strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes`, () => {
      writeFileSync(join(project, 'consumer.ts'), CONSUMER_TS);
      // What the playground's "Copy as TypeScript" writes for a nested pipeline compiles too.
      writeFileSync(join(project, 'pipeline.ts'), toTypeScript(NESTED_PIPELINE, loadCatalogue(iaa)));
      const config = {
        compilerOptions: {
          ...options,
          ...STRICT,
          target: 'es2022',
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules/@types')],
        },
        files: ['consumer.ts', 'pipeline.ts'],
      };
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(config));
      const tsc = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
      assert.equal(tsc.status, 0, tsc.stdout);
    });
  }

  it(`bundles augkit and augkit/tfjs for browsers; Affine + makeImage stays under ${MIN_BUNDLE_BUDGET / 1024} KB gzipped`, async () => {
    const bundle = async (contents: string) => {
      const result = await build({
        stdin: { contents, resolveDir: project, loader: 'js' },
        bundle: true,
        platform: 'browser',
        format: 'esm',
        minify: true,
        write: false,
        logLevel: 'silent',
        nodePaths: [join(ROOT, 'node_modules')], // TensorFlow.js, which the browser user installs beside augkit
      });
      const [file] = result.outputFiles;
      assert.ok(file !== undefined);
      return { code: file.contents, gzipped: gzipSync(file.contents).length };
    };
    // The minimal bundle runs (in Node here): the bundler's tree shaking (package.json's sideEffects, the registry
    // built in a pure call) keeps what Affine needs, so it gives the sources' bytes with the WebAssembly warp.
    const { code, gzipped: minimal } = await bundle(MINIMAL_BUNDLE);
    writeFileSync(join(project, 'minimal.mjs'), code);
    const run = spawnSync(process.execPath, ['minimal.mjs'], { cwd: project, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { sum: affineSum(), wasm: 1 });
    // One WebAssembly module per kernel family (scripts/build-wasm.sh): the minimal bundle carries the warp family,
    // and the two that geometry/apply.ts reaches for every Warp kind (flips; resizes, also of heatmaps), no other.
    const text = Buffer.from(code).toString('latin1');
    const carried = [...familyModules()].filter(([, base64]) => text.includes(base64)).map(([family]) => family);
    assert.deepEqual(carried.sort(), ['flip', 'resize', 'warp']);
    const full = (await bundle("import * as iaa from 'augkit'; console.log(iaa);")).gzipped;
    const tfjs = (await bundle("import * as a from 'augkit/tfjs'; console.log(a);")).gzipped;
    console.log(
      `bundles (minified, gzipped): Affine + makeImage ${(minimal / 1024).toFixed(1)} KB, all of augkit ${(full / 1024).toFixed(1)} KB, augkit/tfjs with tfjs-core and tfjs-data ${(tfjs / 1024).toFixed(1)} KB`,
    );
    assert.ok(minimal <= MIN_BUNDLE_BUDGET, `${minimal} bytes`);
  });
});
