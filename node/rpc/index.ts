/**
 * The handler table: every wire method, one namespace file each. Add a namespace with one line below;
 * `rpc_methods` is derived from this table, so it always lists exactly what the node answers.
 */
import * as author from './author.js';
import * as chain from './chain.js';
import * as chainHead from './chainHead.js';
import * as chainSpec from './chainSpec.js';
import * as dev from './dev.js';
import * as payment from './payment.js';
import * as state from './state.js';
import * as system from './system.js';
import * as transaction from './transaction.js';
import type { Handler, HandlerTable } from './types.js';

/** Picks a namespace module's handlers: exports whose name is a wire method (`namespace_method`, or `namespace_v1_method` of the new spec). */
function handlersOf(module: Record<string, unknown>): HandlerTable {
  const table: HandlerTable = {};
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === 'function' && /^[a-z][A-Za-z]*_[A-Za-z0-9_]+$/.test(name)) table[name] = value as Handler;
  }
  return table;
}

const namespaces: HandlerTable = {
  ...handlersOf(system),
  ...handlersOf(chain),
  ...handlersOf(state),
  ...handlersOf(author),
  ...handlersOf(payment),
  ...handlersOf(chainHead),
  ...handlersOf(chainSpec),
  ...handlersOf(transaction),
  ...handlersOf(dev),
};

/** Methods refused under `--rpc-methods safe` (Substrate's unsafe set, for what this node implements). */
export const UNSAFE_METHODS = new Set(['author_removeExtrinsic', 'state_getPairs', 'system_peers', 'dev_newBlock']);

const rpc_methods: Handler = () => ({ methods: Object.keys(handlers).sort() });

export const handlers: HandlerTable = { ...namespaces, rpc_methods };
