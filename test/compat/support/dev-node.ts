/**
 * The one place the compat suite starts a node, so every file runs against the same kind of process: a real
 * `veritrain node --dev --tmp` on a free port, spawned by the node's own test helper.
 */
import { startNode, type NodeProcess, type StartNodeOptions } from '../../helpers/node-process.js';

export type CompatNode = NodeProcess;

/** Prometheus off: the compat suite does not read metrics, and one port fewer is one failure mode fewer. */
export function startCompatNode(options: StartNodeOptions = {}): Promise<CompatNode> {
  return startNode({ prometheus: false, ...options });
}
