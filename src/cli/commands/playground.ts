import { CliError, type CliIO, type Command, type ParsedArgs, SUMMARIES, integerOption } from '../command.ts';
// `augkit playground [--port N]`: serves the playground page on 127.0.0.1 until interrupted (Ctrl-C).
import { startPlaygroundServer } from '../playground-server.ts';

/** The port the playground is served on unless `--port` says otherwise. */
export const DEFAULT_PORT = 7480;

/** `augkit playground`. */
export const command: Command = {
  name: 'playground',
  summary: SUMMARIES.playground,
  usage: 'augkit playground [--port N]',
  help: `Serves the playground on http://127.0.0.1:${DEFAULT_PORT}/playground/ (this machine only; the page fetches
nothing from the network) until you press Ctrl-C. In the page: add augmenters from a searchable list (their forms come
from each augmenter's options), nest them in Sequential, Sometimes, OneOf and SomeOf, set the seed, and see the
variants of a bundled sample or your own photo (variant k = epoch k, as "augkit grid" draws it; computed by augkit in
a Web Worker). Take the pipeline away as the JSON "augkit augment --pipeline" reads, as TypeScript, or as a link.

Options:
  --port N    the port (default ${DEFAULT_PORT}; 0 picks a free one)`,
  options: { port: { type: 'string' } },
  run: runPlayground,
};

async function runPlayground(args: ParsedArgs, io: CliIO): Promise<number> {
  const port = integerOption(args, 'port', DEFAULT_PORT, 0, 65535, 'playground');
  let server: Awaited<ReturnType<typeof startPlaygroundServer>>;
  try {
    server = await startPlaygroundServer(port);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  io.stdout.write(`augkit playground: ${server.url} (Ctrl-C stops it)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
