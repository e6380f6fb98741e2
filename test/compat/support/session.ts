/**
 * What most compat files need before their first test: dev keys, a dev node, an `@polkadot/api` client and a raw
 * WebSocket RPC connection to it, opened together and closed together.
 */
import { ApiPromise, WsProvider } from '@polkadot/api';
import { startCompatNode, type CompatNode } from './dev-node.js';
import { devKeys, type DevKeys } from '../../helpers/dev-keys.js';
import { RawRpc } from '../../helpers/raw-rpc.js';

export interface CompatSession {
  node: CompatNode;
  api: ApiPromise;
  rpc: RawRpc;
  keys: DevKeys;
  close(): Promise<void>;
}

export async function openCompatSession(): Promise<CompatSession> {
  const keys = await devKeys();
  const node = await startCompatNode();
  const api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true, throwOnConnect: true });
  const rpc = await RawRpc.connect(node.wsUrl);
  return {
    node,
    api,
    rpc,
    keys,
    async close() {
      rpc.close();
      await api.disconnect();
      await node.stop();
    },
  };
}
