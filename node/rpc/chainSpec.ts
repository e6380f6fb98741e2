/**
 * `chainSpec_v1_*` of the new JSON-RPC spec: the chain's identity, the same answers as `system_chain`,
 * `chain_getBlockHash(0)` and `system_properties`.
 */
import { decodeParams } from './params.js';
import type { Handler, HexString } from './types.js';

export const chainSpec_v1_chainName: Handler<string> = (context, params) => {
  decodeParams(params, []);
  return context.spec.name;
};

export const chainSpec_v1_genesisHash: Handler<HexString> = (context, params) => {
  decodeParams(params, []);
  return context.chain.genesisHash;
};

export const chainSpec_v1_properties: Handler<Record<string, unknown>> = (context, params) => {
  decodeParams(params, []);
  return { ...context.spec.properties };
};
