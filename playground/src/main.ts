// The playground page: build a pipeline from the catalogue, see its variants of a photo (computed in a Web Worker),
// and take it away as JSON, TypeScript or a URL.
import * as iaa from 'augkit';
import { loadCatalogue } from './catalogue.ts';
import { Editor } from './editor.ts';
import { resetGrid, showCell } from './grid.ts';
import { type Photo, decodePhoto } from './photo.ts';
import { type NodePaths, hashOf, locate, nodeFromSpec, specFromHash, specOf, toTypeScript } from './pipeline.ts';
import type { RunRequest, SampleLabels, WorkerReply } from './protocol.ts';

interface Sample {
  readonly file: string;
  readonly title: string;
  readonly labels?: string;
}

/** The bundled samples (playground/samples/SOURCES.md has their sources and licences). */
const SAMPLES: Record<string, Sample> = {
  astronaut: {
    file: 'samples/astronaut.png',
    title: 'Astronaut Eileen Collins (NASA, public domain), with boxes and keypoints',
    labels: 'samples/astronaut.labels.json',
  },
  'fashion-mnist-ankle-boot': {
    file: 'samples/fashion-mnist-ankle-boot.png',
    title: 'Fashion-MNIST: ankle boot (MIT)',
  },
  'fashion-mnist-t-shirt': { file: 'samples/fashion-mnist-t-shirt.png', title: 'Fashion-MNIST: T-shirt/top (MIT)' },
  'fashion-mnist-dress': { file: 'samples/fashion-mnist-dress.png', title: 'Fashion-MNIST: dress (MIT)' },
};

const MAX_SIDE = 512;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const catalogue = loadCatalogue(iaa);
const editor = new Editor($('tree'), catalogue, (what) => {
  if (what === 'structure') renderCatalogueTarget();
  schedule();
});
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

const seedInput = $<HTMLInputElement>('seed');
const rowsInput = $<HTMLInputElement>('rows');
const colsInput = $<HTMLInputElement>('cols');
const grid = $<HTMLElement>('grid');
const progress = $<HTMLProgressElement>('progress');
const status = $<HTMLElement>('status');
const pipelineError = $<HTMLElement>('pipeline-error');
const labelsBox = $<HTMLInputElement>('show-labels');

let photo: Photo | undefined;
let sampleLabels: SampleLabels | undefined;
let job = 0;
let paths: NodePaths = new Map();
let currentSpec: Record<string, unknown> | undefined;
let runStart = 0;
let cellsDone = 0;

// ---- the catalogue ----

function renderCatalogue(): void {
  const list = $<HTMLUListElement>('catalogue');
  const query = $<HTMLInputElement>('search').value.trim().toLowerCase();
  list.replaceChildren();
  for (const info of catalogue.values()) {
    const haystack =
      `${info.type} ${info.kind} ${info.options.map((o) => `${o.name} ${o.doc}`).join(' ')}`.toLowerCase();
    if (query && !query.split(/\s+/).every((word) => haystack.includes(word))) continue;
    const item = document.createElement('li');
    const add = document.createElement('button');
    add.type = 'button';
    add.className = `add ${info.kind}`;
    add.dataset.type = info.type;
    add.innerHTML = `<span class="type"></span> <span class="kind"></span>`;
    (add.querySelector('.type') as HTMLElement).textContent = info.type;
    (add.querySelector('.kind') as HTMLElement).textContent = info.kind;
    add.title = `Add ${info.type} (options: ${info.options.map((o) => o.name).join(', ') || 'none'})`;
    add.addEventListener('click', () => editor.add(info.type));
    item.append(add);
    list.append(item);
  }
  $('catalogue-count').textContent = `${list.children.length} of ${catalogue.size} augmenters`;
}

function renderCatalogueTarget(): void {
  const { node, slot } = editor.target;
  $('add-target').textContent = slot ? `Adding to ${node.type}’s ${slot}` : 'Adding to a new Sequential';
}

$('search').addEventListener('input', renderCatalogue);
$('search').addEventListener('keydown', (event) => {
  if ((event as KeyboardEvent).key !== 'Enter') return;
  event.preventDefault();
  ($('catalogue').querySelector('button') as HTMLButtonElement | null)?.click();
});

// ---- running the pipeline ----

let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(run, 120);
  // Until it runs, the grid shows a pipeline or photo that is no longer current.
  grid.dataset.state = 'scheduled';
}

function cellCount(): { rows: number; cols: number } {
  const clamp = (input: HTMLInputElement, fallback: number) => {
    const n = Math.round(Number(input.value));
    return Number.isFinite(n) && n >= 1 ? Math.min(n, 10) : fallback;
  };
  return { rows: clamp(rowsInput, 2), cols: clamp(colsInput, 3) };
}

function setStatus(text: string, state: 'running' | 'done' | 'error' | 'idle'): void {
  status.textContent = text;
  grid.dataset.state = state;
  document.body.dataset.state = state;
}

/** The pipeline's JSON with the page's seed at its root, or a SpecError. */
function currentPipeline(): Record<string, unknown> {
  const seed = Math.round(Number(seedInput.value));
  editor.root.values.seed = String(Number.isFinite(seed) ? seed : 0);
  paths = new Map();
  return specOf(editor.root, catalogue, '', paths);
}

function run(): void {
  job++;
  let spec: Record<string, unknown>;
  try {
    spec = currentPipeline();
    iaa.fromJSON(spec); // the library's checks, with the JSON path of the first problem
  } catch (error) {
    const e = error as { path?: string; message: string };
    const at = typeof e.path === 'string' ? locate(paths, e.path) : {};
    editor.showError(at.node, at.option, e.message);
    pipelineError.textContent = e.message;
    setStatus('The pipeline has an error; the grid shows the last good one.', 'error');
    return;
  }
  editor.showError(undefined, undefined, undefined);
  pipelineError.textContent = '';
  currentSpec = spec;
  const json = JSON.stringify(spec, null, 2);
  $('json').textContent = json;
  $('typescript').textContent = toTypeScript(spec, catalogue);
  history.replaceState(null, '', hashOf(spec));
  $<HTMLAnchorElement>('share').href = location.href;
  updateCommands();
  if (!photo) {
    setStatus('Loading the photo…', 'idle');
    return;
  }
  const { rows, cols } = cellCount();
  const cells = rows * cols;
  resetGrid(grid, cells, cols);
  progress.max = cells;
  progress.value = 0;
  cellsDone = 0;
  runStart = performance.now();
  setStatus(`Drawing ${cells} variants…`, 'running');
  const labels = labelsBox.checked && sampleLabels ? sampleLabels : undefined;
  const request: RunRequest = { kind: 'run', job, spec, image: photo.pixels, cells, ...(labels ? { labels } : {}) };
  worker.postMessage(request);
}

worker.onmessage = (event: MessageEvent<WorkerReply>) => {
  const reply = event.data;
  if (reply.job !== job) return;
  const { rows, cols } = cellCount();
  const cells = rows * cols;
  if (reply.kind === 'cell') {
    showCell(grid, reply.k, reply.image, reply.labels, reply.drawn, reply.ms);
    cellsDone++;
    progress.value = cellsDone;
    setStatus(`Drew variant ${reply.k + 1} of ${cells}…`, 'running');
  } else if (reply.kind === 'timing') {
    const byId = new Map<number, number>();
    for (const [path, ms] of Object.entries(reply.msPerImage)) {
      const node = paths.get(path);
      if (node) byId.set(node.id, ms);
    }
    editor.showTimes(byId);
    progress.max = reply.total;
    progress.value = reply.done;
    setStatus(`${cells} variants drawn; timing each augmenter (${reply.done} of ${reply.total})…`, 'running');
  } else if (reply.kind === 'done') {
    const total = performance.now() - runStart;
    setStatus(
      `${cells} variants of ${photo?.name} in ${total.toFixed(0)} ms (${rows}×${cols}, seed ${seedInput.value}).`,
      'done',
    );
  } else if (reply.kind === 'error') {
    const at = reply.path !== undefined ? locate(paths, reply.path) : {};
    editor.showError(at.node, at.option, reply.message);
    pipelineError.textContent = reply.message;
    setStatus('The pipeline failed on this photo.', 'error');
  }
};

for (const input of [seedInput, rowsInput, colsInput]) input.addEventListener('input', schedule);
labelsBox.addEventListener('change', schedule);

// ---- photos ----

async function usePhoto(next: Photo, labels?: SampleLabels): Promise<void> {
  photo = next;
  sampleLabels = labels;
  labelsBox.disabled = labels === undefined;
  $('labels-note').textContent = labels ? '' : '(the bundled astronaut photo has labels)';
  const { width, height, channels } = next.pixels;
  $('photo-info').textContent =
    `${next.name}: ${width}×${height}, ${channels === 1 ? 'grey (1 channel)' : 'RGB'}${next.notes.length ? `; ${next.notes.join('; ')}` : ''}`;
  updateCommands();
  schedule();
}

async function loadSample(id: string): Promise<void> {
  const sample = SAMPLES[id] ?? SAMPLES.astronaut;
  const blob = await (await fetch(sample.file)).blob();
  const labels = sample.labels ? ((await (await fetch(sample.labels)).json()) as SampleLabels) : undefined;
  await usePhoto(await decodePhoto(blob, sample.file.replace('samples/', '')), labels);
}

async function loadFile(file: File): Promise<void> {
  try {
    const maxSide = $<HTMLInputElement>('scale-down').checked ? MAX_SIDE : undefined;
    await usePhoto(await decodePhoto(file, file.name, maxSide));
    $<HTMLSelectElement>('sample').value = '';
  } catch (error) {
    setStatus(`Cannot read ${file.name} as an image: ${(error as Error).message}`, 'error');
  }
}

const sampleSelect = $<HTMLSelectElement>('sample');
for (const [id, sample] of Object.entries(SAMPLES)) {
  const option = document.createElement('option');
  option.value = id;
  option.textContent = sample.title;
  sampleSelect.append(option);
}
sampleSelect.addEventListener('change', () => {
  if (sampleSelect.value) void loadSample(sampleSelect.value);
});
$<HTMLInputElement>('file').addEventListener('change', (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) void loadFile(file);
});
document.addEventListener('dragover', (event) => {
  event.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
document.addEventListener('drop', (event) => {
  event.preventDefault();
  document.body.classList.remove('dragging');
  const file = event.dataTransfer?.files[0];
  if (file) void loadFile(file);
});
$('save-photo').addEventListener('click', () => {
  if (!photo) return;
  const { width, height, channels, data } = photo.pixels;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas
    .getContext('2d')
    ?.putImageData(iaa.toImageData(iaa.makeImage(data, height, width, channels)) as ImageData, 0, 0);
  canvas.toBlob((blob) => blob && download(blob, photo ? `${photo.name.replace(/\.[^.]*$/, '')}.png` : 'photo.png'));
});

// ---- taking it away ----

function download(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function updateCommands(): void {
  const name = photo?.name ?? 'photo.png';
  const { rows, cols } = cellCount();
  $('commands').textContent = [
    `npx augkit grid ${name} --pipeline pipeline.json --rows ${rows} --cols ${cols} --out grid.png`,
    `npx augkit augment ${name} --pipeline pipeline.json --n ${rows * cols} --out augmented/`,
  ].join('\n');
}

$('download-json').addEventListener('click', () => {
  if (currentSpec)
    download(new Blob([`${JSON.stringify(currentSpec, null, 2)}\n`], { type: 'application/json' }), 'pipeline.json');
});

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    $('copied').textContent = `${what} copied to the clipboard.`;
  } catch {
    $('copied').textContent = `The clipboard is not available here; select the ${what} below and copy it.`;
  }
}

$('copy-ts').addEventListener('click', () => void copy($('typescript').textContent ?? '', 'TypeScript'));
$('copy-link').addEventListener('click', () => void copy(location.href, 'Link'));

/** Replaces the pipeline with `value` if the library accepts it; else shows its error (with the JSON path). */
function importPipeline(value: unknown, source: string): boolean {
  const importError = $('import-error');
  try {
    iaa.fromJSON(value);
  } catch (error) {
    importError.textContent = `${source}: ${(error as Error).message}`;
    return false;
  }
  importError.textContent = '';
  const spec = value as Record<string, unknown>;
  if (typeof spec.seed === 'number') seedInput.value = String(spec.seed);
  editor.setRoot(nodeFromSpec(spec, catalogue));
  return true;
}

function importText(text: string, source: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    $('import-error').textContent = `${source} is not valid JSON: ${(error as Error).message}`;
    return;
  }
  importPipeline(value, source);
}

$('import').addEventListener('click', () =>
  importText($<HTMLTextAreaElement>('import-text').value, 'The pasted pipeline'),
);
$<HTMLInputElement>('import-file').addEventListener('change', async (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) importText(await file.text(), file.name);
});

function importHash(): boolean {
  try {
    const spec = specFromHash(location.hash);
    return spec !== undefined && importPipeline(spec, 'The URL');
  } catch (error) {
    $('import-error').textContent = (error as Error).message;
    return false;
  }
}

window.addEventListener('hashchange', () => {
  if (currentSpec && location.hash === hashOf(currentSpec)) return;
  importHash();
});

// ---- start ----

renderCatalogue();
if (!importHash()) {
  editor.render();
  renderCatalogueTarget();
}
void loadSample(new URLSearchParams(location.search).get('sample') ?? 'astronaut');
sampleSelect.value = new URLSearchParams(location.search).get('sample') ?? 'astronaut';
