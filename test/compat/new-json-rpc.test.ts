/**
 * The new JSON-RPC spec (chainHead_v1, chainSpec_v1, transaction_v1, transactionWatch_v1) on the wire, checked
 * against the legacy methods that answer the same questions, so the two views of the chain cannot drift apart.
 */
import { strict as assert } from 'node:assert';
import '@polkadot/api-augment';
import type { ApiPromise } from '@polkadot/api';
import { VRT, type DevKeys } from '../helpers/dev-keys.js';
import { type RawRpc } from '../helpers/raw-rpc.js';
import { openCompatSession, type CompatSession } from './support/session.js';

type FollowEvent = { event: string; operationId?: string; [field: string]: unknown };
type Started = { result: string; operationId: string };

describe('compat: the new JSON-RPC spec on the wire', function () {
  let api: ApiPromise;
  let rpc: RawRpc;
  let keys: DevKeys;

  let session: CompatSession | undefined;

  before(async function () {
    session = await openCompatSession();
    ({ api, rpc, keys } = session);
  });

  after(async function () {
    await session?.close();
  });

  async function operationEvents(subscription: string, started: Started, last: string): Promise<FollowEvent[]> {
    assert.equal(started.result, 'started');
    const events: FollowEvent[] = [];
    for (;;) {
      const event = await rpc.nextNotification<FollowEvent>(subscription, (e) => e.operationId === started.operationId);
      events.push(event);
      if (event.event === last || event.event === 'operationError') return events;
    }
  }

  it('lists the new methods in rpc_methods and answers chainSpec_v1 like the legacy methods', async function () {
    const { methods } = await rpc.call<{ methods: string[] }>('rpc_methods');
    for (const method of [
      'chainHead_v1_follow',
      'chainHead_v1_storage',
      'chainSpec_v1_genesisHash',
      'transaction_v1_broadcast',
      'transactionWatch_v1_submitAndWatch',
    ]) {
      assert.ok(methods.includes(method), `${method} is listed`);
    }
    assert.equal(await rpc.call('chainSpec_v1_genesisHash'), await rpc.call('chain_getBlockHash', [0]));
    assert.equal(await rpc.call('chainSpec_v1_chainName'), await rpc.call('system_chain'));
    assert.deepEqual(await rpc.call('chainSpec_v1_properties'), await rpc.call('system_properties'));
  });

  it('follows: initialized with the runtime, then header, storage, call and body of pinned blocks', async function () {
    const subscription = await rpc.call<string>('chainHead_v1_follow', [true]);
    const initialized = await rpc.nextNotification<FollowEvent>(subscription, (e) => e.event === 'initialized');
    const [finalized] = (initialized.finalizedBlockHashes as string[]).slice(-1);
    assert.equal(finalized, await rpc.call('chain_getFinalizedHead'));
    const runtime = initialized.finalizedBlockRuntime as { type: string; spec: { specVersion: number } };
    assert.equal(runtime.type, 'valid');
    assert.equal(runtime.spec.specVersion, api.runtimeVersion.specVersion.toNumber());

    const header = await rpc.call<string>('chainHead_v1_header', [subscription, finalized]);
    assert.equal(
      api.registry.createType('Header', header).hash.toHex(),
      finalized,
      'the header hashes to the block hash',
    );

    const key = api.query.system.account.key(keys.alice.address);
    const storage = await operationEvents(
      subscription,
      await rpc.call<Started>('chainHead_v1_storage', [
        subscription,
        finalized,
        [
          { key, type: 'value' },
          { key, type: 'hash' },
        ],
        null,
      ]),
      'operationStorageDone',
    );
    const items = storage.flatMap(
      (e) => (e.items as Array<{ key: string; value?: string; hash?: string }> | undefined) ?? [],
    );
    assert.equal(items.find((i) => i.value)?.value, await rpc.call('state_getStorage', [key, finalized]));
    assert.equal(items.find((i) => i.hash)?.hash, await rpc.call('state_getStorageHash', [key, finalized]));

    const prefix = api.query.system.account.keyPrefix();
    const all = await operationEvents(
      subscription,
      await rpc.call<Started>('chainHead_v1_storage', [
        subscription,
        finalized,
        [{ key: prefix, type: 'descendantsValues' }],
        null,
      ]),
      'operationStorageDone',
    );
    const accounts = all.flatMap((e) => (e.items as unknown[] | undefined) ?? []);
    const legacyKeys = await rpc.call<string[]>('state_getKeysPaged', [prefix, 1000, null, finalized]);
    assert.equal(accounts.length, legacyKeys.length, 'descendantsValues lists every account');

    const call = await operationEvents(
      subscription,
      await rpc.call<Started>('chainHead_v1_call', [subscription, finalized, 'Core_version', '0x']),
      'operationCallDone',
    );
    assert.equal(call.at(-1)?.event, 'operationCallDone');
    assert.equal(call.at(-1)?.output, await rpc.call('state_call', ['Core_version', '0x', finalized]));

    // A transfer makes a new block: reported as newBlock, bestBlockChanged and finalized, with a body holding it.
    const transfer = await api.tx.balances.transferKeepAlive(keys.bob.address, VRT).signAsync(keys.alice);
    await rpc.call('author_submitExtrinsic', [transfer.toHex()]);
    let included: string | undefined;
    while (!included) {
      const event = await rpc.nextNotification<FollowEvent>(subscription, (e) => e.event === 'newBlock');
      const body = await operationEvents(
        subscription,
        await rpc.call<Started>('chainHead_v1_body', [subscription, event.blockHash]),
        'operationBodyDone',
      );
      if ((body.at(-1)?.value as string[]).includes(transfer.toHex())) included = event.blockHash as string;
    }
    const finalizedEvent = await rpc.nextNotification<FollowEvent>(
      subscription,
      (e) => e.event === 'finalized' && (e.finalizedBlockHashes as string[]).includes(included),
    );
    assert.deepEqual(finalizedEvent.prunedBlockHashes, []);

    await rpc.call('chainHead_v1_unpin', [subscription, [included]]);
    const afterUnpin = await rpc.callExpectingError('chainHead_v1_header', [subscription, included]);
    assert.ok(afterUnpin.code < 0, 'an unpinned block can no longer be read through the subscription');
    assert.equal(await rpc.call('chainHead_v1_unfollow', [subscription]), null);
  });

  it('broadcasts with transaction_v1 and watches with transactionWatch_v1 to finality', async function () {
    const broadcast = await api.tx.balances.transferKeepAlive(keys.charlie.address, VRT).signAsync(keys.bob);
    const operationId = await rpc.call<string>('transaction_v1_broadcast', [broadcast.toHex()]);
    assert.equal(typeof operationId, 'string');

    const watched = await api.tx.balances.transferKeepAlive(keys.charlie.address, VRT).signAsync(keys.dave);
    const subscription = await rpc.call<string>('transactionWatch_v1_submitAndWatch', [watched.toHex()]);
    const finalized = await rpc.nextNotification<FollowEvent>(
      subscription,
      (e) => e.event === 'finalized' || e.event === 'invalid' || e.event === 'error',
    );
    assert.equal(finalized.event, 'finalized', JSON.stringify(finalized));
    const block = finalized.block as { hash: string; index: number };
    const body = await api.rpc.chain.getBlock(block.hash);
    assert.equal(
      body.block.extrinsics[Number(block.index)]?.toHex(),
      watched.toHex(),
      'the event points at the transaction in its block',
    );

    assert.equal(await rpc.call('transaction_v1_stop', [operationId]), null);
    const bobNonce = (await api.rpc.system.accountNextIndex(keys.bob.address)).toNumber();
    assert.ok(bobNonce >= 1, 'the broadcast transfer was included as well');
  });

  it('reports an invalid transaction through transactionWatch_v1 as an invalid event', async function () {
    const broke = await api.tx.balances.transferKeepAlive(keys.bob.address, VRT).signAsync(keys.pauper, { nonce: 0 });
    const subscription = await rpc.call<string>('transactionWatch_v1_submitAndWatch', [broke.toHex()]);
    const event = await rpc.nextNotification<FollowEvent>(subscription, () => true);
    assert.equal(event.event, 'invalid');
    assert.match(String(event.error), /pay some fees|balance too low/i);
  });
});
