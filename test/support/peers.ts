// Things at a socket path that are not a working Docker engine: what a user can point stowage at
// by mistake. No real engine can be made to answer like these.
import { spawnSync } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
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
  return listen(createHttpServer(handler) as unknown as Server, socketPath);
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
