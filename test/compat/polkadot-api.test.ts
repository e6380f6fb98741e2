/**
 * polkadot-api 2.x, with the metadata read from the chain (no codegen descriptors: the unsafe API), over both of
 * its WebSocket providers:
 * - `polkadot-api/ws` (what apps use): asks `rpc_methods`, speaks the new JSON-RPC spec where the node offers it
 *   and translates to the legacy `chain_*`/`state_*` methods where it does not;
 * - `@polkadot-api/ws-provider` raw: no translation at all, so every request is a new-spec method
 *   (`chainHead_v1_*`, `chainSpec_v1_*`, `transaction_v1_*`) answered by the node itself.
 */
import { strict as assert } from 'node:assert';
import WebSocket from 'ws';
import { createClient, Enum, type PolkadotClient } from 'polkadot-api';
import { getWsProvider as getAppWsProvider } from 'polkadot-api/ws';
import { getWsProvider as getRawWsProvider } from '@polkadot-api/ws-provider';
import { getPolkadotSigner } from 'polkadot-api/signer';
import type { KeyringPair } from '@polkadot/keyring/types';
import { startCompatNode, type CompatNode } from './support/dev-node.js';
import { devKeys, VRT, type DevKeys } from '../helpers/dev-keys.js';

interface AccountInfo {
  nonce: number;
  data: { free: bigint; reserved: bigint };
}
interface RuntimeEvent {
  type: string;
  value: { type: string; value: unknown };
}

function signerOf(pair: KeyringPair) {
  return getPolkadotSigner(pair.publicKey, 'Sr25519', (input) => pair.sign(input));
}

const providers = {
  'polkadot-api/ws (hybrid)': (url: string) => getAppWsProvider(url, { websocketClass: WebSocket as never }),
  '@polkadot-api/ws-provider (new JSON-RPC spec only)': (url: string) =>
    getRawWsProvider(url, { websocketClass: WebSocket as never }),
};

describe('compat: polkadot-api 2 with metadata from the chain', function () {
  let node: CompatNode;
  let keys: DevKeys;

  before(async function () {
    keys = await devKeys();
    node = await startCompatNode();
  });

  after(async function () {
    await node?.stop();
  });

  for (const [providerName, makeProvider] of Object.entries(providers)) {
    describe(`over ${providerName}`, function () {
      let client: PolkadotClient;

      before(function () {
        client = createClient(makeProvider(node.wsUrl));
      });

      after(function () {
        client?.destroy();
      });

      it('reads the chain spec and System.Account', async function () {
        const spec = await client.getChainSpecData();
        const genesis = await client._request<string>('chain_getBlockHash', [0]);
        assert.equal(spec.genesisHash, genesis);
        assert.equal((spec.properties as { tokenSymbol?: string }).tokenSymbol, 'VRT');

        const api = client.getUnsafeApi();
        const alice = (await api.query.System.Account.getValue(keys.alice.address)) as AccountInfo;
        assert.ok(alice.data.free > 0n, 'Alice is endowed');
        const ed = (await api.constants.Balances.ExistentialDeposit()) as bigint;
        assert.ok(ed > 0n);
      });

      it('signAndSubmits a transfer that finalizes with Balances.Transfer', async function () {
        const api = client.getUnsafeApi();
        const amount = 3n * VRT;
        const before = (await api.query.System.Account.getValue(keys.dave.address)) as AccountInfo;

        const tx = api.tx.Balances.transfer_keep_alive({ dest: Enum('Id', keys.dave.address), value: amount });
        const result = await tx.signAndSubmit(signerOf(keys.charlie));

        assert.equal(result.ok, true, `dispatch failed: ${JSON.stringify(result.dispatchError)}`);
        assert.match(result.block.hash, /^0x[0-9a-f]{64}$/);
        const events = result.events as unknown as RuntimeEvent[];
        const transfer = events.find((e) => e.type === 'Balances' && e.value.type === 'Transfer');
        assert.ok(transfer, `Balances.Transfer among ${events.map((e) => `${e.type}.${e.value.type}`).join(', ')}`);
        assert.equal((transfer.value.value as { amount: bigint }).amount, amount);

        const finalized = await client.getFinalizedBlock();
        assert.ok(finalized.number >= result.block.number, 'the block it landed in is finalized');
        const after = (await api.query.System.Account.getValue(keys.dave.address, {
          at: result.block.hash,
        })) as AccountInfo;
        assert.equal(after.data.free - before.data.free, amount);
      });

      it('refuses, before broadcasting, a transfer whose sender cannot pay the fee', async function () {
        const api = client.getUnsafeApi();
        const tx = api.tx.Balances.transfer_keep_alive({ dest: Enum('Id', keys.bob.address), value: VRT });
        // polkadot-api validates with TaggedTransactionQueue_validate_transaction and reports the runtime's verdict.
        await assert.rejects(tx.signAndSubmit(signerOf(keys.pauper)), (error: Error) => {
          assert.equal(error.name, 'InvalidTxError');
          assert.match(error.message, /Payment/);
          return true;
        });
      });
    });
  }
});
