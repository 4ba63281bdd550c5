// `augkit playground`: serves the page on 127.0.0.1 (the port given, or a free one with --port 0), nothing outside
// the playground, and stops on SIGINT with exit code 0; a taken or invalid port is a clear error.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { type Server, createServer } from 'node:net';
import { describe, it } from 'node:test';
import { MAIN, ROOT, runCli } from '../cli/run-cli.ts';

/** Starts `augkit playground …args` and resolves with the process and the URL it prints. */
function startCommand(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'playground', ...args], { cwd: ROOT });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^augkit playground: (http:\/\/127\.0\.0\.1:\d+\/playground\/) \(Ctrl-C stops it\)\n/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before serving: ${out}${err}`)));
  });
}

/** GET `path` (sent as it is, not normalised) from `url`'s server. */
function get(url: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('augkit playground', () => {
  it('serves the page, its scripts and samples on 127.0.0.1, nothing else, and exits 0 on SIGINT', async () => {
    const { child, url } = await startCommand(['--port', '0']);
    try {
      const page = await get(url, '/playground/');
      assert.equal(page.status, 200);
      assert.match(page.type, /^text\/html/);
      assert.match(page.body, /<title>augkit playground<\/title>/);
      const main = await get(url, '/playground/main.js');
      assert.equal(main.status, 200);
      assert.match(main.type, /^text\/javascript/);
      assert.equal((await get(url, '/playground/worker.js')).status, 200);
      assert.equal((await get(url, '/playground/samples/astronaut.labels.json')).status, 200);
      assert.equal((await get(url, '/')).status, 302);
      // Dot segments are resolved by the URL parser; an encoded slash reaches the server's own check.
      for (const outside of ['/playground/..%2fpackage.json', '/playground/%2e%2e/package.json', '/package.json']) {
        assert.equal((await get(url, outside)).status, 404, outside);
      }
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    }
  });

  it('says when the port is taken, and refuses a port out of range', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await runCli(['playground', '--port', String(port)]);
      assert.equal(run.code, 1);
      assert.equal(
        run.stderr,
        `augkit playground: port ${port} on 127.0.0.1 is in use; choose another with --port N (0 picks a free one)\n`,
      );
    } finally {
      taken.close();
    }
    const bad = await runCli(['playground', '--port', '70000']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--port must be an integer from 0 to 65535; received "70000"/);
  });
});
