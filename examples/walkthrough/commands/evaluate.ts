// `augkit evaluate`: loads a model saved by `augkit train` and measures it under horizontal shifts (accuracy at
// -5…5 px, wrap-around and zero-filled, and the class probabilities of training image 24150), printed and, with
// --out, written as evaluation.json and PNGs.
import { resolve } from 'node:path';
import {
  type CliIO,
  type Command,
  FORCE_WORKERS,
  type ParsedArgs,
  SUMMARIES,
  UsageError,
  choiceOption,
  flag,
  integerOption,
  stringOption,
  workersOption,
} from '../../../src/cli/command.ts';
import { claimOutFolder } from '../../../src/cli/out-folder.ts';
import { createProgress } from '../../../src/cli/progress.ts';
import type { BackendName } from '../train/backend.ts';
import type { EvaluationReport } from '../train/report.ts';
import { displayPath } from './train.ts';

const NAME = 'evaluate';

export const command: Command = {
  name: NAME,
  summary: SUMMARIES.evaluate,
  usage: 'augkit evaluate --model DIR [--data DIR] [--out DIR] [--limit N] [--threads T] [--backend wasm|cpu|node]',
  help: `Loads a model saved by "augkit train" (a folder with model.json and weights.bin) and measures its test
accuracy with every Fashion-MNIST test image shifted horizontally by -5…5 pixels, both wrap-around (np.roll, the
walkthrough's way) and zero-filled, and the class probabilities of training image 24150 at each shift. Prints the
accuracy table; with --out, also writes evaluation.json, shift-accuracy.png and probabilities.png there.

Options:
  --model DIR         the saved model's folder (required), e.g. report/models/aug
  --data DIR          folder with the Fashion-MNIST IDX files (default: the usual locations, see "augkit train")
  --out DIR           write evaluation.json and the charts into DIR: missing, empty or an earlier evaluate's; a
                      folder with other files is refused unless --overwrite is given
  --overwrite         write into an --out that holds other files (files with the same names are replaced)
  --limit N           evaluate on the first N test images (default all 10,000: 22 passes, a few minutes)
  --threads T         threads each forward pass is split over (default: cores, at most 4; 1 with node)
  --backend NAME      wasm (default), cpu, or node (needs @tensorflow/tfjs-node)
  --force-workers     allow --threads beyond this machine's cores
`,
  options: {
    model: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    limit: { type: 'string' },
    threads: { type: 'string' },
    [FORCE_WORKERS]: { type: 'boolean' },
    backend: { type: 'string' },
  },
  async run(args: ParsedArgs, io: CliIO): Promise<number> {
    const modelArg = stringOption(args, 'model');
    if (modelArg === undefined) throw new UsageError('--model DIR is required', NAME);
    const limitRaw = stringOption(args, 'limit');
    const limit = limitRaw === undefined ? undefined : integerOption(args, 'limit', 0, 1, 10_000_000, NAME);
    const backend = choiceOption<BackendName>(args, 'backend', ['wasm', 'cpu', 'node'], 'wasm', NAME) as BackendName;
    const threadsRaw = stringOption(args, 'threads');
    const threadsGiven = threadsRaw === undefined ? undefined : workersOption(args, 'threads', 1, 1, 64, NAME);
    const outArg = stringOption(args, 'out');
    const dataArg = stringOption(args, 'data');
    // Checked before the model is loaded and the minutes of evaluation, not after.
    if (outArg !== undefined) await claimOutFolder(resolve(io.cwd, outArg), outArg, NAME, flag(args, 'overwrite'));

    // Loaded here, not at the top: `augkit --help` should not start TensorFlow.js.
    const { initBackend } = await import('../train/backend.ts');
    const { loadModel } = await import('../train/model-io.ts');
    const { evaluateShifts, loadExperimentData, probabilityImage } = await import('../train/experiment.ts');
    const { shiftText, writeEvaluation } = await import('../train/report.ts');
    const { batchImage } = await import('../../../src/core/image.ts');
    const { createReplicas, defaultTrainThreads } = await import('../train/replicas.ts');

    await initBackend(backend);
    // The model first: a corrupt folder is reported before any data is read.
    const model = await loadModel(resolve(io.cwd, modelArg));
    const threads = threadsGiven ?? defaultTrainThreads(backend);
    const replicas = threads > 1 ? await createReplicas(model, { threads, backend }) : undefined;
    try {
      const data = await loadExperimentData({
        data: dataArg === undefined ? undefined : resolve(io.cwd, dataArg),
        testLimit: limit,
      });
      const image = probabilityImage(data.train, data.classNames);
      io.stderr.write(
        `evaluating ${modelArg} on ${data.test.images.n} test images × 11 shifts × 2 kinds (${data.source.sample ? 'the committed sample' : data.source.dir})\n`,
      );
      const progress = createProgress(io.stderr, 22);
      const shift = await evaluateShifts(
        model,
        data.test,
        batchImage(data.train.images, image.index),
        replicas,
        (done, total) => progress.tick(`shift pass ${done} of ${total}`),
      );
      progress.finish();
      const evaluation: EvaluationReport = {
        format: 'augkit-evaluation',
        version: 1,
        createdAt: new Date().toISOString(),
        model: modelArg,
        data: {
          source: data.source.kind,
          dir: data.source.dir,
          sample: data.source.sample,
          testImages: data.test.images.n,
          testAvailable: data.testAvailable,
          classNames: [...data.classNames],
        },
        probabilityImage: image,
        shift,
      };
      io.stdout.write(shiftText(shift));
      if (outArg !== undefined) {
        const out = resolve(io.cwd, outArg);
        const files = await writeEvaluation(evaluation, out);
        const shown = displayPath(io.cwd, out);
        io.stdout.write(`wrote ${files.map((f) => `${shown}/${f}`).join(', ')}\n`);
      }
      return 0;
    } finally {
      await replicas?.dispose();
      model.dispose();
    }
  },
};
