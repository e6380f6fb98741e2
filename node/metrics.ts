/** Prometheus metrics (prom-client) and their HTTP exporter (`/metrics` on --prometheus-port). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export class NodeMetrics {
  readonly registry = new Registry();
  readonly blockHeight = new Gauge({
    name: 'veritrain_block_height',
    help: 'Block height by status (best, finalized)',
    labelNames: ['status'],
    registers: [this.registry],
  });
  /** Set by the node: read at every scrape, so the gauge is never stale. */
  poolCounts: () => { ready: number; future: number } = () => ({ ready: 0, future: 0 });
  readonly poolTransactions: Gauge<'queue'> = this.poolGauge(() => this.poolCounts());
  readonly rpcCalls = new Counter({
    name: 'veritrain_rpc_calls_total',
    help: 'JSON-RPC calls by method and outcome',
    labelNames: ['method', 'outcome'],
    registers: [this.registry],
  });
  readonly rpcLatency = new Histogram({
    name: 'veritrain_rpc_call_duration_seconds',
    help: 'JSON-RPC call latency by method',
    labelNames: ['method'],
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly rpcConnections = new Gauge({
    name: 'veritrain_rpc_connections',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });
  readonly blockBuildTime = new Histogram({
    name: 'veritrain_block_build_seconds',
    help: 'Time to build, store and import an authored block',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });
  readonly blockExtrinsics = new Histogram({
    name: 'veritrain_block_extrinsics',
    help: 'Extrinsics per authored block (inherents included)',
    buckets: [1, 2, 10, 50, 100, 500, 1000, 2000, 5000],
    registers: [this.registry],
  });

  private poolGauge(read: () => { ready: number; future: number }): Gauge<'queue'> {
    return new Gauge({
      name: 'veritrain_transaction_pool_transactions',
      help: 'Transactions in the pool by queue (ready, future)',
      labelNames: ['queue'],
      registers: [this.registry],
      collect() {
        const counts = read();
        this.set({ queue: 'ready' }, counts.ready);
        this.set({ queue: 'future' }, counts.future);
      },
    });
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'veritrain_process_' });
  }
}

/** Serves `/metrics`; resolves with the bound port (pass 0 for a free one). */
export function startMetricsServer(
  metrics: NodeMetrics,
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end('Not found; metrics are at /metrics\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}
