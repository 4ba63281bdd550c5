// The playground's web server: static files on 127.0.0.1 only, nothing fetched from the network. In the package,
// dist/playground holds the built page, whose scripts import the package's own dist/index.js; in a clone, the page's
// scripts are bundled from the sources in memory (playground/build.mjs, with esbuild, a dev dependency) and rebuilt
// whenever the page is loaded, so an edit shows on reload.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Where the page lives: the URL path the server gives it. */
export const PLAYGROUND_PATH = '/playground/';

/** A running playground server. */
export interface PlaygroundServer {
  /** The page's address, e.g. http://127.0.0.1:7480/playground/. */
  readonly url: string;
  readonly port: number;
  /** 'package' (dist/playground, built) or 'source' (a clone: bundled from src/ on each page load). */
  readonly from: 'package' | 'source';
  close(): Promise<void>;
}

interface Playground {
  readonly from: 'package' | 'source';
  /** Serves `path` (relative to /playground/, or to dist/ for the package's modules), or undefined for a 404. */
  file(path: string, reload: boolean): Promise<Buffer | string | undefined>;
}

/** The file under `dir` at the relative path `rel`, or undefined when it is missing or outside `dir`. */
async function fileIn(dir: string, rel: string): Promise<Buffer | undefined> {
  const path = normalize(join(dir, rel));
  if (path !== dir && !path.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return undefined;
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/** The built playground of an installed package (dist/playground beside dist/cli), if this is one. */
function packagePlayground(): Playground | undefined {
  const dist = fileURLToPath(new URL('../', import.meta.url));
  if (!existsSync(join(dist, 'playground', 'index.html')) || import.meta.url.endsWith('.ts')) return undefined;
  return {
    from: 'package',
    // The page's scripts import ../index.js: the whole of dist/ is served, the page under /playground/.
    file: (path) => fileIn(dist, path),
  };
}

/** The playground of a clone: static files from playground/, scripts bundled from the sources. */
async function sourcePlayground(): Promise<Playground> {
  // The playground's folder of a clone (outside the package, like the walkthrough application), looked up at run time.
  const sources = new URL('../../playground/', import.meta.url);
  const buildUrl = new URL('build.mjs', sources);
  if (!existsSync(fileURLToPath(buildUrl))) {
    throw new Error('this augkit has neither a built playground (dist/playground) nor its sources (playground/)');
  }
  const { buildScripts } = (await import(buildUrl.href)) as {
    buildScripts(options: { augkit: 'source' }): Promise<Map<string, string>>;
  };
  let scripts = await buildScripts({ augkit: 'source' });
  return {
    from: 'source',
    async file(path, reload) {
      if (!path.startsWith(PLAYGROUND_PATH)) return undefined;
      const rel = path.slice(PLAYGROUND_PATH.length) || 'index.html';
      if (reload) scripts = await buildScripts({ augkit: 'source' });
      return scripts.get(rel) ?? fileIn(fileURLToPath(sources), rel);
    },
  };
}

/**
 * Starts the playground's server on 127.0.0.1:`port` (0: any free port). Rejects with a message naming the port
 * when it is taken.
 */
export async function startPlaygroundServer(port: number): Promise<PlaygroundServer> {
  const playground = packagePlayground() ?? (await sourcePlayground());
  const server: Server = createServer(async (request, response) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/' || path === '/playground') {
      response.writeHead(302, { location: PLAYGROUND_PATH }).end();
      return;
    }
    const name = path.endsWith('/') ? `${path}index.html` : path;
    let body: Buffer | string | undefined;
    try {
      body = await playground.file(name, name === `${PLAYGROUND_PATH}index.html`);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error));
      return;
    }
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\n`);
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(name)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on 127.0.0.1 is in use; choose another with --port N (0 picks a free one)`)
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}${PLAYGROUND_PATH}`,
    port: actual,
    from: playground.from,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
