/**
 * Log lines that other programs read: the node prints them as Substrate nodes do, and the devnet, the tests and the
 * benches find the node's ports in them. Printed and parsed from here, so the two cannot drift apart.
 */

export function rpcServerLine(host: string, port: number, origins: string): string {
  return `Running JSON-RPC server: addr=${host}:${port}, allowed origins=${origins}`;
}

/** Matches rpcServerLine: group 1 the host, group 2 the port. */
export const RPC_ADDRESS_LINE = /Running JSON-RPC server: addr=([\d.]+):(\d+)/;

export function prometheusLine(port: number): string {
  return `〽️ Prometheus exporter started at 127.0.0.1:${port}`;
}

/** Matches prometheusLine: group 1 the host, group 2 the port. */
export const PROMETHEUS_LINE = /Prometheus exporter started at ([\d.]+):(\d+)/;
