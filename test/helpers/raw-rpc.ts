/**
 * A bare JSON-RPC 2.0 client over one WebSocket, for the checks that must see the wire as it is (error codes and
 * data, subscription notifications, batches and malformed frames) without a client library interpreting it.
 */
import WebSocket from 'ws';

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export class RpcCallError extends Error {
  override name = 'RpcCallError';
  constructor(
    readonly method: string,
    readonly error: RpcErrorObject,
  ) {
    super(
      `${method} failed: ${error.code} ${error.message}${error.data === undefined ? '' : `: ${String(error.data)}`}`,
    );
  }
}

/**
 * A reply as it came over the wire. Its fields are whatever the node sent (tests read them as they would raw JSON),
 * hence the loose type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireReply = any;

/** A subscription notification as it came over the wire. */
export interface WireNotification {
  jsonrpc: '2.0';
  method: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  params: { subscription: string; result: any };
}

interface Pending {
  method: string;
  /** request(): the whole reply; call(): its result, or a rejection with its error. */
  whole: boolean;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class RawRpc {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** sendRaw's waiter: the next reply that carries no usable id (a batch's array, or id null). */
  private rawReply?: (reply: WireReply) => void;
  /** Every notification received, in arrival order (nextNotification takes from `queues`, not from here). */
  readonly notifications: WireNotification[] = [];
  /** Notification results by subscription id, kept in arrival order until a test takes them. */
  private readonly queues = new Map<string, unknown[]>();
  private readonly waiters = new Map<string, Array<() => void>>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.onMessage(String(data)));
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`socket closed before ${p.method} answered`));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<RawRpc> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RawRpc(socket);
  }

  /** Resolves with `result`; rejects with `RpcCallError` carrying the wire error object. */
  call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    return this.send(method, params, false) as Promise<T>;
  }

  /** Resolves with the whole reply, error or not. */
  request(method: string, params: unknown[] = []): Promise<WireReply> {
    return this.send(method, params, true);
  }

  /** Sends a frame as given whose reply carries no usable id (a batch, invalid JSON) and resolves with that reply. */
  sendRaw(frame: string): Promise<WireReply> {
    return new Promise((resolve) => {
      this.rawReply = resolve;
      this.socket.send(frame);
    });
  }

  private send(method: string, params: unknown[], whole: boolean): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, whole, resolve, reject });
      this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  /** Resolves with the error object of a call that must fail; rejects if it succeeds. */
  async callExpectingError(method: string, params: unknown[] = []): Promise<RpcErrorObject> {
    try {
      const result = await this.call(method, params);
      throw new Error(`${method} unexpectedly succeeded with ${JSON.stringify(result)}`);
    } catch (error) {
      if (error instanceof RpcCallError) return error.error;
      throw error;
    }
  }

  /**
   * Takes the first notification of `subscription` satisfying `accept` (already received or still to come); the
   * others stay queued, in order, for later calls.
   */
  async nextNotification<T>(subscription: string, accept: (result: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const queue = this.queues.get(subscription) ?? [];
      const index = queue.findIndex((item) => accept(item as T));
      if (index >= 0) return queue.splice(index, 1)[0] as T;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no matching notification on ${subscription} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        const list = this.waiters.get(subscription) ?? [];
        list.push(() => {
          clearTimeout(timer);
          resolve();
        });
        this.waiters.set(subscription, list);
      });
    }
  }

  close(): void {
    this.socket.close();
  }

  private replyToRaw(reply: WireReply): void {
    const waiting = this.rawReply;
    this.rawReply = undefined;
    waiting?.(reply);
  }

  private onMessage(text: string): void {
    const message = JSON.parse(text) as {
      id?: number | null;
      result?: unknown;
      error?: RpcErrorObject;
      params?: { subscription: string; result: unknown };
    };
    if (Array.isArray(message) || message.id === null) {
      this.replyToRaw(message);
      return;
    }
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      if (pending === undefined) {
        this.replyToRaw(message); // a raw frame's own id
        return;
      }
      this.pending.delete(message.id);
      if (pending.whole) pending.resolve(message);
      else if (message.error !== undefined) pending.reject(new RpcCallError(pending.method, message.error));
      else pending.resolve(message.result);
      return;
    }
    if (message.params !== undefined) {
      this.notifications.push(message as WireNotification);
      const { subscription, result } = message.params;
      const queue = this.queues.get(subscription) ?? [];
      queue.push(result);
      this.queues.set(subscription, queue);
      const waiting = this.waiters.get(subscription) ?? [];
      this.waiters.delete(subscription);
      for (const wake of waiting) wake();
    }
  }
}
