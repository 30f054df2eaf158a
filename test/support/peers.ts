// Things at a socket path that are not a working Docker engine: what a user can point stowage at
// by mistake. No real engine can be made to answer like these.
import { spawnSync } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:net';

export interface Peer {
  socketPath: string;
  close(): Promise<void>;
}

function listen(server: Server, socketPath: string): Promise<Peer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () =>
      resolve({ socketPath, close: () => new Promise<void>((done) => server.close(() => done())) }),
    );
  });
}

/** An HTTP server that answers every request with `handler`. */
export function httpPeer(socketPath: string, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Peer> {
  const server = createHttpServer(handler);
  return listen(server as unknown as Server, socketPath).then((peer) => ({
    ...peer,
    // An answer still being sent (dripped, endless) would hold close() until it ends.
    close: () => (server.closeAllConnections(), peer.close()),
  }));
}

/** Accepts connections and writes `reply` (or nothing at all, when null) without speaking HTTP. */
export function rawPeer(socketPath: string, reply: string | null): Promise<Peer> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (reply !== null) socket.end(reply);
  });
  return listen(server, socketPath).then((peer) => ({
    ...peer,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return peer.close();
    },
  }));
}

/** A unix socket file with nothing listening on it, as a crashed daemon leaves behind. */
export function deadSocket(socketPath: string): void {
  const made = spawnSync('python3', ['-c', `import socket; socket.socket(socket.AF_UNIX).bind(${JSON.stringify(socketPath)})`]);
  if (made.status !== 0) throw new Error(`could not make a dead socket: ${made.stderr.toString()}`);
}

/** What a Docker 26.1 engine answers to `/_ping`, `/version` and `/info`, enough to connect. */
function answersLikeDocker(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0];
  const json = (body: unknown) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  if (path === '/_ping') res.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK');
  else if (path === '/version') json({ Version: '26.1.5', ApiVersion: '1.45', MinAPIVersion: '1.24', Os: 'linux', Arch: 'amd64' });
  else if (path === '/info') json({ ID: 'peer-engine', Name: 'peer', ServerVersion: '26.1.5', Driver: 'overlay2', DockerRootDir: '/nonexistent/docker' });
  else return false;
  return true;
}

/** Writes `body` one byte a second, as a link that barely moves or an engine stuck half way. */
function drip(res: ServerResponse, body: string): void {
  // The headers at once: the answer has begun.
  res.flushHeaders();
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= body.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(body[sent++] as string);
  }, 1000);
  res.on('close', () => clearInterval(timer));
}

/** Connects as an engine would, then sends every other answer one byte a second (`[]` padded to 300 bytes). */
export function drippingPeer(socketPath: string): Promise<Peer> {
  return httpPeer(socketPath, (req, res) => {
    if (answersLikeDocker(req, res)) return;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    drip(res, `[]${' '.repeat(298)}`);
  });
}

/**
 * Connects as an engine would, then answers the container and volume lists with a JSON list that
 * never ends, as fast as the reader takes it; `system df` answers at once, with nothing.
 */
export function endlessListPeer(socketPath: string): Promise<Peer> {
  const container = JSON.stringify({ Id: 'c'.repeat(64), Names: ['/endless'], Image: 'fixture/busybox:1', State: 'exited', Labels: { note: 'x'.repeat(400) } });
  const many = Buffer.from(`${container},`.repeat(256));
  return httpPeer(socketPath, (req, res) => {
    if (answersLikeDocker(req, res)) return;
    const path = (req.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0] ?? '';
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (path === '/system/df') return void res.end('{"LayersSize":0,"Images":[],"Containers":[],"Volumes":[],"BuildCache":[]}');
    res.write(path === '/volumes' ? '{"Volumes":[' : '[');
    const pump = () => {
      while (!res.destroyed && res.write(many));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
}

/** Answers like Docker to connect, then as `handler` says (a peer for one endpoint's misbehaviour). */
export function dockerLikePeer(socketPath: string, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Peer> {
  return httpPeer(socketPath, (req, res) => {
    if (!answersLikeDocker(req, res)) handler(req, res);
  });
}

/**
 * Passes every request on to the engine at `target` and its answer back, as it streams, noting
 * each request's method and path (without the API version) in `seen`.
 */
export function relayPeer(socketPath: string, target: string, seen: string[]): Promise<Peer> {
  return httpPeer(socketPath, (req, res) => {
    seen.push(`${req.method} ${(req.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0]}`);
    const onward = httpRequest({ socketPath: target, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    onward.on('error', () => res.destroy());
    req.pipe(onward);
  });
}
