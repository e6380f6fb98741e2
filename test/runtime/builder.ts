/**
 * Test builder for the runtime (in the spirit of FRAME's `ExtBuilder`): a dev-genesis state, and signed
 * extrinsics made with `@polkadot/types` exactly as `@polkadot/api` makes them.
 */
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Extrinsic } from '@polkadot/types/interfaces';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { HexString } from '@polkadot/util/types';
import { u8aToHex } from '@polkadot/util';
import { Overlay } from '../../runtime-bindings/overlay.js';
import { storage as systemStorage } from '../../pallets-spec/system/index.js';
import { storage as balancesStorage } from '../../pallets-spec/balances/index.js';
import type { AccountId } from '../../pallets-spec/types/primitives.js';
import { createRuntime, type Header, type Runtime } from '../../runtime-bindings/index.js';
import { loadChainSpec } from '../../chain-config/index.js';
import { MemoryState } from './memory-state.js';

export const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
export const alice = keyring.addFromUri('//Alice');
export const bob = keyring.addFromUri('//Bob');
export const charlie = keyring.addFromUri('//Charlie');

let shared: { runtime: Runtime; registry: TypeRegistry } | undefined;

/** One runtime and one metadata-aware registry for the whole test run (building metadata is the slow part). */
export function runtimeAndRegistry(): { runtime: Runtime; registry: TypeRegistry } {
  if (!shared) {
    const runtime = createRuntime();
    const registry = new TypeRegistry();
    registry.setMetadata(new Metadata(registry, runtime.metadata(14)));
    shared = { runtime, registry };
  }
  return shared;
}

export interface Chain {
  runtime: Runtime;
  registry: TypeRegistry;
  state: MemoryState;
  head: Header;
  headHash: HexString;
  genesisHash: HexString;
  /** Authors a block with `txs`, commits it, returns what the runtime built. */
  block(txs: HexString[], timestampMs?: bigint): ReturnType<Runtime['buildBlock']>;
  /** `TransactionPaymentApi_query_info`'s partial fee for `tx`, as `@polkadot/api`'s `paymentInfo` asks it. */
  partialFee(tx: HexString): bigint;
  /** A signed extrinsic for `section.method(...args)` by `signer`. */
  tx(
    signer: KeyringPair,
    section: string,
    method: string,
    args: unknown[],
    opts?: { nonce?: number; tip?: bigint; mortal?: number; metadataHash?: Uint8Array },
  ): HexString;
}

export function devChain(): Chain {
  const { runtime, registry } = runtimeAndRegistry();
  const spec = loadChainSpec('dev');
  const { header, hash } = runtime.genesis(spec.genesisStorage);
  const state = new MemoryState(spec.genesisStorage);
  const nonces = new Map<string, number>();
  let time = 1_700_000_000_000n;
  const chain: Chain = {
    runtime,
    registry,
    state,
    head: header,
    headHash: hash,
    genesisHash: hash,
    block(txs, timestampMs) {
      time = timestampMs ?? time + 6000n;
      const built = runtime.buildBlock(state, {
        parent: chain.head,
        parentHash: chain.headHash,
        timestampMs: time,
        candidates: txs,
      });
      state.apply(built.changes);
      chain.head = built.block.header;
      chain.headHash = built.hash;
      return built;
    },
    partialFee(tx) {
      const bytes = Buffer.from(tx.slice(2), 'hex');
      const input = Buffer.concat([bytes, Buffer.from(new Uint32Array([bytes.length]).buffer)]);
      const info = registry.createType(
        'RuntimeDispatchInfoV2',
        runtime.call(state, 'TransactionPaymentApi_query_info', input, chain.headHash),
      );
      return info.partialFee.toBigInt();
    },
    tx(signer, section, method, args, opts = {}) {
      const nonce = opts.nonce ?? nonces.get(signer.address) ?? 0;
      if (opts.nonce === undefined) nonces.set(signer.address, nonce + 1);
      const call = registry.createType('Call', registry.findMetaCall(callIndex(registry, section, method))(...args));
      const ext = registry.createType('Extrinsic', call) as unknown as Extrinsic;
      const era = opts.mortal
        ? registry.createType('ExtrinsicEra', { current: chain.head.number, period: opts.mortal })
        : registry.createType('ExtrinsicEra', new Uint8Array([0]));
      ext.sign(signer, {
        blockHash: opts.mortal ? chain.headHash : chain.genesisHash,
        genesisHash: chain.genesisHash,
        nonce,
        tip: opts.tip ?? 0n,
        era,
        runtimeVersion: {
          specVersion: runtime.version.specVersion,
          transactionVersion: runtime.version.transactionVersion,
        },
        signedExtensions: registry.signedExtensions,
        ...(opts.metadataHash ? { mode: 1, metadataHash: u8aToHex(opts.metadataHash) } : {}),
      } as never);
      return ext.toHex();
    },
  };
  return chain;
}

function callIndex(registry: TypeRegistry, section: string, method: string): Uint8Array {
  const pallet = registry.metadata.pallets.find((p) => p.name.toString() === section);
  if (!pallet || pallet.calls.isNone) throw new Error(`no pallet ${section} with calls`);
  const callType = registry.lookup.getSiType(pallet.calls.unwrap().type);
  const variant = callType.def.asVariant.variants.find((v) => v.name.toString() === method);
  if (!variant) throw new Error(`no call ${section}.${method}`);
  return new Uint8Array([pallet.index.toNumber(), variant.index.toNumber()]);
}

/** Typed storage reads on a committed state. */
export function io(state: MemoryState): Overlay {
  return new Overlay(state);
}

/** The last block's events as `Pallet.Event` names with their fields. */
export function eventsOf(state: MemoryState): Array<{ name: string; data: Record<string, unknown> }> {
  return systemStorage.Events.get(io(state)).map((r) => ({
    name: `${r.event.type}.${r.event.value.type}`,
    data: r.event.value.value as Record<string, unknown>,
  }));
}

export const accountIdOf = (pair: KeyringPair): AccountId => u8aToHex(pair.publicKey);
export const account = (state: MemoryState, pair: KeyringPair) =>
  systemStorage.Account.get(io(state), accountIdOf(pair));
export const totalIssuance = (state: MemoryState): bigint => balancesStorage.TotalIssuance.get(io(state));
