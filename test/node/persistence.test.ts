/** Persistence of a real node: restart continues from the head; SIGKILL loses no finalized block; check-chain verifies. */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { ApiPromise } from '@polkadot/api';
import { ClassicLevel } from 'classic-level';
import { dbKeys } from '../../node/store/db-keys.js';
import { httpRpc, rpcResult, spawnVeritrain, startNode, tempBasePath } from '../helpers/node-process.js';
import { RawRpc } from '../helpers/raw-rpc.js';
import { connectApi, devKeys, eventually, freeBalance, signedTransfer } from './clients.js';

describe('node persistence', function () {
  this.timeout(120_000);
  const base = tempBasePath();
  after(() => base.remove());

  it('restarts on the same --base-path from its head with identical balances and history', async () => {
    const { alice, bob } = await devKeys();
    let node = await startNode({ basePath: base.path, instantSeal: true });
    let api: ApiPromise = await connectApi(node.wsUrl);
    const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    for (let offset = 0; offset < 3; offset++) {
      await rpcResult(node.httpUrl, 'author_submitExtrinsic', [
        await signedTransfer(api, alice, bob.address, 7n * 10n ** 12n, nonce + offset),
      ]);
    }
    const aliceBefore = await eventually(
      async () => {
        const pending = await rpcResult<string[]>(node.httpUrl, 'author_pendingExtrinsics');
        return pending.length === 0 ? freeBalance(api, alice.address) : undefined;
      },
      20_000,
      'transfers included',
    );
    const bobBefore = await freeBalance(api, bob.address);
    const head = await api.rpc.chain.getFinalizedHead();
    const headNumber = (await api.rpc.chain.getHeader(head)).number.toNumber();
    const genesisBob = await freeBalance(api, bob.address, api.genesisHash.toHex());
    await api.disconnect();
    assert.equal(await node.stop(), 0);

    node = await startNode({ basePath: base.path, instantSeal: true, extraArgs: ['--rpc-methods', 'safe'] });
    api = await connectApi(node.wsUrl);
    try {
      assert.equal((await api.rpc.chain.getFinalizedHead()).toHex(), head.toHex());
      assert.equal((await api.rpc.chain.getBlockHash(headNumber)).toHex(), head.toHex());
      assert.equal(await freeBalance(api, alice.address), aliceBefore);
      assert.equal(await freeBalance(api, bob.address), bobBefore);
      // Past state survives the restart too (read from the database, not memory).
      assert.equal(await freeBalance(api, bob.address, api.genesisHash.toHex()), genesisBob);
      assert.equal(bobBefore - genesisBob, 21n * 10n ** 12n);
      // Key iteration at an old block rebuilds that block's state from the versioned keys.
      const accountPrefix = api.query.system.account.keyPrefix();
      const genesisKeys = await rpcResult<string[]>(node.httpUrl, 'state_getKeysPaged', [
        accountPrefix,
        100,
        null,
        api.genesisHash.toHex(),
      ]);
      const headKeys = await rpcResult<string[]>(node.httpUrl, 'state_getKeysPaged', [accountPrefix, 100]);
      assert.ok(genesisKeys.length >= 6, `genesis has ${genesisKeys.length} accounts`);
      assert.deepEqual(genesisKeys, [...genesisKeys].sort());
      assert.ok(genesisKeys.every((key) => headKeys.includes(key)));
      // --rpc-methods safe refuses the unsafe ones.
      const unsafe = await httpRpc(node.httpUrl, {
        jsonrpc: '2.0',
        id: 1,
        method: 'state_getPairs',
        params: [accountPrefix],
      });
      assert.equal(unsafe.error.code, -32601);
      assert.match(unsafe.error.message, /unsafe/);
      // And the chain grows on from there.
      await rpcResult(node.httpUrl, 'author_submitExtrinsic', [
        await signedTransfer(api, alice, bob.address, 10n ** 12n, nonce + 3),
      ]);
      await eventually(
        async () => ((await api.rpc.chain.getHeader()).number.toNumber() > headNumber ? true : undefined),
        20_000,
        'a new block',
      );
    } finally {
      await api.disconnect();
      await node.stop();
    }
  });

  it('keeps every block it reported finalized when killed with SIGKILL during a burst, and check-chain verifies the chain', async () => {
    const { alice, bob, charlie, dave } = await devKeys();
    const node = await startNode({ basePath: base.path, instantSeal: true });
    const api = await connectApi(node.wsUrl);
    const finalized = new Map<number, string>();
    const ws = await RawRpc.connect(node.wsUrl);
    const subscription = await ws.request('chain_subscribeFinalizedHeads');
    const senders = [alice, bob, charlie, dave];
    const burst: string[] = [];
    for (const sender of senders) {
      const nonce = (await api.rpc.system.accountNextIndex(sender.address)).toNumber();
      for (let offset = 0; offset < 60; offset++)
        burst.push(
          await signedTransfer(
            api,
            sender,
            senders[(senders.indexOf(sender) + 1) % 4]!.address,
            10n ** 10n,
            nonce + offset,
          ),
        );
    }
    await api.disconnect();
    // Submit the burst in waves (each wave makes a block with --instant-seal), and kill the node once several
    // blocks of it are finalized while more is still arriving.
    let submitting = true;
    const submitter = (async () => {
      for (let start = 0; start < burst.length && submitting; start += 20) {
        // Replies are not awaited; those still pending when the node is killed fail with the closed socket.
        for (const extrinsic of burst.slice(start, start + 20)) {
          ws.request('author_submitExtrinsic', [extrinsic]).catch(() => undefined);
        }
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
    })();
    const killedAfter = await eventually(
      async () => {
        for (const message of ws.notifications) {
          if (message.params?.subscription !== subscription.result) continue;
          const header = message.params.result;
          finalized.set(Number(header.number), '');
        }
        // The first notification is the head at subscription time; three more are blocks of the burst.
        return finalized.size >= 4 ? finalized.size : undefined;
      },
      30_000,
      'finalized blocks during the burst',
    );
    node.child.kill('SIGKILL');
    submitting = false;
    await node.stop();
    await submitter;
    ws.close();
    assert.ok(killedAfter >= 4);
    // The hashes reported: the notification carries headers, so hash each by asking the restarted node for its
    // number and checking its parent links back to what was reported.
    const reported = ws.notifications
      .filter((message) => message.params?.subscription === subscription.result)
      .map((message) => message.params.result as { number: string; parentHash: string });

    const restarted = await startNode({ basePath: base.path, instantSeal: true });
    try {
      for (const header of reported) {
        const number = Number(header.number);
        const stored = await rpcResult<{ parentHash: string } | null>(restarted.httpUrl, 'chain_getHeader', [
          await rpcResult(restarted.httpUrl, 'chain_getBlockHash', [number]),
        ]);
        assert.ok(stored, `block #${number} was reported finalized but is gone after SIGKILL`);
        assert.equal(stored.parentHash, header.parentHash, `block #${number} differs after restart`);
      }
    } finally {
      await restarted.stop();
    }

    const check = spawnVeritrain(['check-chain', '--base-path', base.path]);
    const code = await check.exited;
    assert.equal(code, 0, check.output());
    assert.match(check.output(), /every state root matches/);

    // A stored state that re-execution does not reproduce fails the check with exit code 1.
    const db = new ClassicLevel<Uint8Array, Uint8Array>(join(base.path, 'chains', 'dev', 'db'), {
      keyEncoding: 'view',
      valueEncoding: 'view',
    });
    const [[someKey]] = await db
      .iterator({ gte: dbKeys.latestNamespace, lt: dbKeys.latestNamespaceEnd, limit: 1 })
      .all();
    await db.put(someKey!, Uint8Array.of(1, 2, 3));
    await db.close();
    const tampered = spawnVeritrain(['check-chain', '--base-path', base.path]);
    assert.equal(await tampered.exited, 1, tampered.output());
    assert.match(tampered.output(), /stored head state differs from the re-executed state at key 0x/);
  });
});
