/**
 * The local HTTP server of `npm start`: the app on @hono/node-server, with one thing a bare Node server gets wrong.
 * A body refused for its size (413) is answered before the client has sent it all; the connection cannot carry
 * another request until the rest is read, and @hono/node-server stops reading it after a moment by closing the
 * socket, so a client that kept the connection alive would send its next request into a closed socket ("other side
 * closed"). Such an answer therefore says `Connection: close`, and the rest of the body is read and dropped (as much
 * as a client may send in a while) before the connection closes, so the client reads the answer, not a reset.
 */
import { serve } from '@hono/node-server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

type Bindings = { incoming: IncomingMessage; outgoing: ServerResponse };
interface Fetchable {
  fetch: (request: Request, env: Bindings) => Response | Promise<Response>;
}

/** How long, and how much, of a refused body is read and dropped before its connection closes. */
const DRAIN_MS = 30_000;
const DRAIN_BYTES = 64 * 1024 * 1024;

/** Reads and drops the rest of a refused body, then lets the connection close; a client that goes on too long is cut off. */
function drainThenClose(incoming: IncomingMessage): void {
  const socket = incoming.socket;
  let read = 0;
  const cutOff = () => socket.destroy();
  const timer = setTimeout(cutOff, DRAIN_MS);
  timer.unref();
  const done = () => clearTimeout(timer);
  socket.once('close', done);
  incoming.on('end', done);
  // The body's web stream (if the app began reading it) holds the incoming paused; take the bytes from it directly.
  incoming.removeAllListeners('data');
  incoming.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > DRAIN_BYTES) cutOff();
  });
  incoming.resume();
}

/**
 * Serves `app` on `hostname:port`.
 * @example serveLocal(system.app, { hostname: '127.0.0.1', port: 3000 }, () => console.log('ready'))
 */
export function serveLocal(app: Fetchable, options: { hostname: string; port: number }, listening?: () => void): Server {
  // The server is HTTP/1.1 (serve's default), so its bindings are Node's IncomingMessage and ServerResponse.
  const fetch = async (request: Request, bindings: unknown) => {
    const env = bindings as Bindings;
    const response = await app.fetch(request, env);
    if (response.status === 413 && !env.incoming.complete) {
      const headers = new Headers(response.headers);
      headers.set('connection', 'close');
      env.outgoing.once('finish', () => drainThenClose(env.incoming));
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
    return response;
  };
  return serve({ fetch, hostname: options.hostname, port: options.port }, listening) as Server;
}
