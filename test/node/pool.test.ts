/** The transaction pool through a real node: nonce gaps, next-index accounting, watch statuses, rejections. */
import { strict as assert } from 'node:assert';
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { rpcResult, startNode, type NodeProcess } from '../helpers/node-process.js';
import { RawRpc } from '../helpers/raw-rpc.js';
import { connectApi, devKeys, eventually, freeBalance, signedTransfer, sleep } from './clients.js';

describe('node transaction pool', function () {
  this.timeout(60_000);
  let node: NodeProcess;
  let api: ApiPromise;
  let keys: { alice: KeyringPair; bob: KeyringPair; charlie: KeyringPair; dave: KeyringPair };

  before(async () => {
    node = await startNode({ blockTimeMs: 300 });
    api = await connectApi(node.wsUrl);
    keys = await devKeys();
  });
  after(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  it('keeps a future nonce waiting until the gap is filled, then includes both', async () => {
    const { charlie, dave } = keys;
    const nonce = await rpcResult<number>(node.httpUrl, 'system_accountNextIndex', [charlie.address]);
    const before = await freeBalance(api, dave.address);
    const later = await signedTransfer(api, charlie, dave.address, 5n * 10n ** 12n, nonce + 1);
    const laterHash = await rpcResult<string>(node.httpUrl, 'author_submitExtrinsic', [later]);
    // Several blocks pass; the transaction waits in the pool, not included.
    const startHeight = (await api.rpc.chain.getHeader()).number.toNumber();
    await eventually(
      async () => ((await api.rpc.chain.getHeader()).number.toNumber() >= startHeight + 3 ? true : undefined),
      20_000,
      'three blocks',
    );
    assert.deepEqual(await rpcResult<string[]>(node.httpUrl, 'author_pendingExtrinsics'), [later]);
    assert.equal(await freeBalance(api, dave.address), before);
    // The pool's transaction does not count for the next index until the gap is filled.
    assert.equal(await rpcResult<number>(node.httpUrl, 'system_accountNextIndex', [charlie.address]), nonce);

    const first = await signedTransfer(api, charlie, dave.address, 5n * 10n ** 12n, nonce);
    await rpcResult(node.httpUrl, 'author_submitExtrinsic', [first]);
    await eventually(
      async () => ((await freeBalance(api, dave.address)) === before + 10n * 10n ** 12n ? true : undefined),
      20_000,
      'both transfers',
    );
    assert.deepEqual(await rpcResult<string[]>(node.httpUrl, 'author_pendingExtrinsics'), []);
    assert.equal(await rpcResult<number>(node.httpUrl, 'system_accountNextIndex', [charlie.address]), nonce + 2);
    assert.match(laterHash, /^0x[0-9a-f]{64}$/);
  });

  it('counts ready pool transactions in system_accountNextIndex', async () => {
    const { bob, alice } = keys;
    const nonce = await rpcResult<number>(node.httpUrl, 'system_accountNextIndex', [bob.address]);
    const ws = await RawRpc.connect(node.wsUrl);
    try {
      const answers = await Promise.all(
        [0, 1, 2].map(async (offset) =>
          ws.request('author_submitExtrinsic', [
            await signedTransfer(api, bob, alice.address, 10n ** 12n, nonce + offset),
          ]),
        ),
      );
      assert.ok(
        answers.every((answer) => typeof answer.result === 'string'),
        JSON.stringify(answers),
      );
      // Either still in the pool or already included: both ways the next index is three further.
      const next = await rpcResult<number>(node.httpUrl, 'system_accountNextIndex', [bob.address]);
      assert.equal(next, nonce + 3);
    } finally {
      ws.close();
    }
  });

  it('reports ready → inBlock → finalized to a watcher, and refuses a duplicate and a stale nonce', async () => {
    const { alice, charlie } = keys;
    const nonce = await rpcResult<number>(node.httpUrl, 'system_accountNextIndex', [alice.address]);
    const transfer = await signedTransfer(api, alice, charlie.address, 10n ** 12n, nonce);
    const ws = await RawRpc.connect(node.wsUrl);
    try {
      const answer = await ws.request('author_submitAndWatchExtrinsic', [transfer]);
      assert.equal(typeof answer.result, 'string', JSON.stringify(answer));
      const duplicate = await ws.request('author_submitExtrinsic', [transfer]);
      assert.equal(duplicate.error.code, 1013);
      const statuses = await eventually(
        async () => {
          const updates = ws.notifications
            .filter(
              (message) => message.method === 'author_extrinsicUpdate' && message.params.subscription === answer.result,
            )
            .map((message) => message.params.result);
          return updates.some((status) => typeof status === 'object' && 'finalized' in status) ? updates : undefined;
        },
        20_000,
        'finalized status',
      );
      assert.equal(statuses[0], 'ready');
      assert.ok('inBlock' in statuses[1]);
      assert.deepEqual(statuses[2], { finalized: statuses[1].inBlock });
      const stale = await ws.request('author_submitExtrinsic', [
        await signedTransfer(api, alice, charlie.address, 10n ** 12n, nonce),
      ]);
      assert.equal(stale.error.code, 1010);
      assert.equal(stale.error.message, 'Invalid Transaction');
      assert.match(stale.error.data, /outdated/);
    } finally {
      ws.close();
    }
    await sleep(10);
  });
});
