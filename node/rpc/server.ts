/**
 * JSON-RPC over WebSocket and HTTP on one port (as Substrate serves both on 9944). WebSocket connections
 * carry subscriptions; HTTP answers single and batch calls. Oversized requests get a clear error.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatchFrame, type DispatchOptions } from './dispatch.js';
import { ResponseError, RPC_ERROR, type Subscription, type Subscriptions } from './types.js';

export interface RpcServerOptions extends DispatchOptions {
  host: string;
  port: number;
  /** `all`, or the exact origins allowed (browsers send `Origin`; tools usually don't). */
  cors: 'all' | string[];
  maxRequestBytes: number;
  maxConnections: number;
}

export interface RpcServer {
  port: number;
  close(): Promise<void>;
}

/** The subscriptions of one WebSocket connection. */
class ConnectionSubscriptions {
  private readonly active = new Map<string, { onClose: () => void; held: unknown[] | undefined; method: string }>();
  private readonly prefix = randomBytes(6).toString('hex');
  private counter = 0;

  constructor(private readonly socket: WebSocket) {}

  private send(method: string, id: string, result: unknown): void {
    if (this.socket.readyState === this.socket.OPEN) {
      this.socket.send(JSON.stringify({ jsonrpc: '2.0', method, params: { subscription: id, result } }));
    }
  }

  /** A view for one frame: its new subscriptions hold notifications until `release` (after the answer is sent). */
  forFrame(): { subscriptions: Subscriptions; release(): void } {
    const created: string[] = [];
    const subscriptions: Subscriptions = {
      subscribe: (method, onClose): Subscription => {
        const id = `${this.prefix}${(this.counter++).toString(16)}`;
        const entry = { onClose, held: [] as unknown[] | undefined, method };
        this.active.set(id, entry);
        created.push(id);
        return {
          id,
          notify: (result) => {
            if (!this.active.has(id)) return;
            if (entry.held) entry.held.push(result);
            else this.send(method, id, result);
          },
          close: () => this.end(id),
        };
      },
      unsubscribe: (id) => this.end(id),
    };
    const release = (): void => {
      for (const id of created) {
        const entry = this.active.get(id);
        const held = entry?.held;
        if (!entry || !held) continue;
        entry.held = undefined;
        for (const result of held) this.send(entry.method, id, result);
      }
    };
    return { subscriptions, release };
  }

  end(id: string): boolean {
    const entry = this.active.get(id);
    if (!entry) return false;
    this.active.delete(id);
    entry.onClose();
    return true;
  }

  closeAll(): void {
    for (const id of [...this.active.keys()]) this.end(id);
  }
}

const httpSubscriptions: Subscriptions = {
  subscribe() {
    throw new ResponseError(
      RPC_ERROR.methodNotFound,
      'Subscriptions are not supported over HTTP; connect with WebSocket',
    );
  },
  unsubscribe: () => false,
};

function originAllowed(cors: 'all' | string[], origin: string | undefined): boolean {
  return cors === 'all' || origin === undefined || cors.includes(origin);
}

const tooBig = (limit: number) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id: null,
    error: {
      code: RPC_ERROR.oversizedRequest,
      message: 'Request is too big',
      data: `requests are limited to ${limit} bytes`,
    },
  });

export function startRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const corsHeaders = (origin: string | undefined): Record<string, string> =>
    origin && originAllowed(options.cors, origin)
      ? { 'access-control-allow-origin': origin, 'access-control-allow-headers': 'content-type', vary: 'origin' }
      : {};

  const handleHttp = (request: IncomingMessage, response: ServerResponse): void => {
    const origin = request.headers.origin;
    if (!originAllowed(options.cors, origin)) {
      response.writeHead(403).end(`origin ${origin} is not allowed (see --rpc-cors)\n`);
      return;
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...corsHeaders(origin), 'access-control-allow-methods': 'POST, GET' }).end();
      return;
    }
    if (request.method === 'GET' && request.url === '/health') {
      response
        .writeHead(200, { 'content-type': 'application/json', ...corsHeaders(origin) })
        .end(JSON.stringify({ peers: 0, isSyncing: false, shouldHavePeers: false }));
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end('JSON-RPC expects POST (or a WebSocket upgrade)\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxRequestBytes) {
        response
          .writeHead(413, { 'content-type': 'application/json', connection: 'close' })
          .end(tooBig(options.maxRequestBytes));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > options.maxRequestBytes) return;
      void dispatchFrame(Buffer.concat(chunks).toString('utf8'), httpSubscriptions, options).then((answer) => {
        response
          .writeHead(200, { 'content-type': 'application/json', ...corsHeaders(origin) })
          .end(answer === undefined ? '' : JSON.stringify(answer));
      });
    });
  };

  const server = createServer(handleHttp);
  const wss = new WebSocketServer({
    server,
    // Twice the limit, so a request a little too big gets a JSON-RPC error instead of a dropped connection.
    maxPayload: options.maxRequestBytes * 2,
    perMessageDeflate: false,
    verifyClient: ({ origin }: { origin?: string }) =>
      originAllowed(options.cors, origin) && wss.clients.size < options.maxConnections,
  });
  // The HTTP server reports listen errors (they reject below); the WebSocket server only echoes them.
  wss.on('error', () => {});
  wss.on('connection', (socket) => {
    options.metrics.rpcConnections.inc();
    const connection = new ConnectionSubscriptions(socket);
    socket.on('message', (data, isBinary) => {
      const frame = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
      if (frame.length > options.maxRequestBytes) {
        socket.send(tooBig(options.maxRequestBytes));
        return;
      }
      const { subscriptions, release } = connection.forFrame();
      void dispatchFrame(frame, subscriptions, options).then((answer) => {
        if (answer !== undefined && socket.readyState === socket.OPEN) socket.send(JSON.stringify(answer));
        release();
      });
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      options.metrics.rpcConnections.dec();
      connection.closeAll();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
