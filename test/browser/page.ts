// The page of the headless-Chromium test (chromium.test.ts), bundled from the sources by esbuild: runs runs.ts on the
// photo the test serves and reports through window.augkitResults. Counts the Web Workers started.
import * as iaa from '../../src/index.ts';
import { exampleHashes, loaderHash, wasmKernelsRun } from './runs.ts';

interface PageResults {
  readonly wasmAvailable: boolean;
  readonly examples: Record<string, string>;
  readonly wasmKernels: string[];
  readonly loader0: string;
  readonly loader2: string;
  readonly webWorkersStarted: number;
  readonly error?: string;
}

const page = window as unknown as { augkitResults?: PageResults | { error: string } };
let webWorkersStarted = 0;
const PlatformWorker = window.Worker;
window.Worker = class extends PlatformWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    webWorkersStarted++;
  }
};

async function main(): Promise<PageResults> {
  const params = new URLSearchParams(location.search);
  const [height, width, channels] = ['height', 'width', 'channels'].map((k) => Number(params.get(k)));
  const raw = new Uint8Array(await (await fetch('photo.raw')).arrayBuffer());
  const photo = iaa.makeImage(raw, height, width, channels);
  // On a page's main thread the WebAssembly module compiles in the background: wait for it, as a user would.
  await iaa.wasmKernelsReady();
  iaa.resetKernelRuns();
  const examples = await exampleHashes(photo);
  const wasmKernels = wasmKernelsRun();
  const loader0 = await loaderHash(photo, 0);
  const loader2 = await loaderHash(photo, 2);
  return { wasmAvailable: iaa.wasmKernelsAvailable(), examples, wasmKernels, loader0, loader2, webWorkersStarted };
}

main().then(
  (results) => {
    page.augkitResults = results;
  },
  (error: unknown) => {
    page.augkitResults = { error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
  },
);
