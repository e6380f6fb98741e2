/** The JSON-RPC transport of a real node process: batches, bad input, limits, subscriptions, many connections, metrics. */
import { strict as assert } from 'node:assert';
import type { ApiPromise } from '@polkadot/api';
import WebSocket from 'ws';
import { httpRpc, rpcResult, startNode, type NodeProcess } from '../helpers/node-process.js';
import { RawRpc, type WireReply } from '../helpers/raw-rpc.js';
import { connectApi, devKeys, signedTransfer } from './clients.js';

describe('node JSON-RPC transport', function () {
  this.timeout(60_000);
  let node: NodeProcess;
  let api: ApiPromise;
  let ws: RawRpc;

  before(async () => {
    node = await startNode({ instantSeal: true });
    api = await connectApi(node.wsUrl);
    ws = await RawRpc.connect(node.wsUrl);
  });
  after(async () => {
    ws?.close();
    await api?.disconnect();
    await node?.stop();
  });

  it('answers a batch over HTTP and over WebSocket, each answer with its id', async () => {
    const batch = [
      { jsonrpc: '2.0', id: 7, method: 'system_chain', params: [] },
      { jsonrpc: '2.0', id: 8, method: 'chain_getBlockHash', params: [0] },
      { jsonrpc: '2.0', id: 9, method: 'no_suchMethod', params: [] },
    ];
    for (const answer of [await httpRpc(node.httpUrl, batch), await ws.sendRaw(JSON.stringify(batch))]) {
      assert.ok(Array.isArray(answer));
      const byId = new Map<number, WireReply>(answer.map((item: { id: number }) => [item.id, item]));
      assert.equal(typeof byId.get(7).result, 'string');
      assert.equal(byId.get(8).result, api.genesisHash.toHex());
      assert.equal(byId.get(9).error.code, -32601);
    }
  });

  it('answers invalid JSON with -32700 and keeps serving the connection', async () => {
    const answer = await ws.sendRaw('{"jsonrpc":"2.0","id":1,"method":');
    assert.equal(answer.error.code, -32700);
    assert.equal((await httpRpc(node.httpUrl, 'not json')).error.code, -32700);
    const health = await ws.request('system_health');
    assert.deepEqual(health.result, { peers: 0, isSyncing: false, shouldHavePeers: false });
  });

  it('answers an unknown method with -32601 and bad params with -32602 and the reason', async () => {
    assert.equal((await ws.request('chain_noSuchThing')).error.code, -32601);
    const badHex = await ws.request('state_getStorage', ['0xzz']);
    assert.equal(badHex.error.code, -32602);
    assert.match(badHex.error.data, /param 0/);
    const oddHex = await ws.request('author_submitExtrinsic', ['0x123']);
    assert.equal(oddHex.error.code, -32602);
    const tooMany = await ws.request('system_name', [1]);
    assert.equal(tooMany.error.code, -32602);
  });

  it('refuses truncated SCALE and an oversized extrinsic with 1010 and a reason', async () => {
    const { alice, bob } = await devKeys();
    const transfer = await signedTransfer(api, alice, bob.address, 1n, 1_000);
    const truncated = await ws.request('author_submitExtrinsic', [transfer.slice(0, transfer.length - 20)]);
    assert.ok([1010, 1011].includes(truncated.error?.code), JSON.stringify(truncated));
    assert.equal(typeof truncated.error.data, 'string');
    const oversized = `0x${'00'.repeat(6 * 1024 * 1024)}`;
    const answer = await ws.request('author_submitExtrinsic', [oversized]);
    assert.equal(answer.error.code, 1010);
    assert.match(answer.error.data, /exhaust the block limits/);
    assert.ok((await ws.request('system_name')).result);
  });

  it('refuses a request over the size limit with -32007 and keeps the connection', async () => {
    const huge = `0x${'00'.repeat(8 * 1024 * 1024)}`;
    const answer = await ws.sendRaw(
      JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'author_submitExtrinsic', params: [huge] }),
    );
    assert.equal(answer.error.code, -32007);
    assert.ok((await ws.request('system_name')).result);
  });

  it('lists every method in rpc_methods, wire aliases included', async () => {
    const { methods } = await rpcResult<{ methods: string[] }>(node.httpUrl, 'rpc_methods');
    for (const method of [
      'chain_subscribeNewHead',
      'chain_subscribeNewHeads',
      'chain_subscribeFinalisedHeads',
      'chain_getFinalisedHead',
      'state_getKeysPaged',
      'author_submitAndWatchExtrinsic',
      'payment_queryInfo',
      'rpc_methods',
    ]) {
      assert.ok(methods.includes(method), method);
    }
  });

  it('delivers head subscriptions over WebSocket and refuses them over HTTP', async () => {
    const answer = await ws.request('chain_subscribeNewHead');
    assert.equal(typeof answer.result, 'string');
    const first = await ws.nextNotification<{ parentHash: string }>(answer.result, () => true);
    assert.match(first.parentHash, /^0x[0-9a-f]{64}$/);
    assert.ok(
      ws.notifications.some((m) => m.method === 'chain_newHead' && m.params.subscription === answer.result),
      'the notification is a chain_newHead',
    );
    assert.equal((await ws.request('chain_unsubscribeNewHead', [answer.result])).result, true);
    assert.equal((await ws.request('chain_unsubscribeNewHead', [answer.result])).result, false);
    const overHttp = await httpRpc(node.httpUrl, {
      jsonrpc: '2.0',
      id: 1,
      method: 'chain_subscribeNewHeads',
      params: [],
    });
    assert.match(overHttp.error.message, /not supported over HTTP/);
  });

  it('survives 1,000 WebSocket connections opened and closed at once, still serving', async () => {
    const sockets = await Promise.all(
      Array.from(
        { length: 1000 },
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(node.wsUrl);
            socket.once('open', () => resolve(socket));
            socket.once('error', reject);
          }),
      ),
    );
    // Half ask something first; all then close at once, a quarter abruptly.
    await Promise.all(
      sockets.slice(0, 500).map(
        (socket, index) =>
          new Promise<void>((resolve) => {
            socket.once('message', () => resolve());
            socket.send(JSON.stringify({ jsonrpc: '2.0', id: index, method: 'chain_subscribeNewHeads', params: [] }));
          }),
      ),
    );
    sockets.forEach((socket, index) => (index % 4 === 0 ? socket.terminate() : socket.close()));
    assert.ok((await ws.request('system_name')).result);
    assert.equal(typeof (await rpcResult(node.httpUrl, 'chain_getFinalizedHead')), 'string');
  });

  it('exports Prometheus metrics: heights, pool, RPC calls and latency, block build time', async () => {
    const text = await (await fetch(node.metricsUrl!)).text();
    for (const name of [
      'veritrain_block_height{status="finalized"}',
      'veritrain_block_height{status="best"}',
      'veritrain_transaction_pool_transactions{queue="ready"}',
      'veritrain_rpc_calls_total{method="system_name",outcome="ok"}',
      'veritrain_rpc_call_duration_seconds_bucket',
      'veritrain_block_build_seconds_bucket',
      'veritrain_block_extrinsics_bucket',
    ]) {
      assert.ok(text.includes(name), `metrics lack ${name}`);
    }
  });
});
