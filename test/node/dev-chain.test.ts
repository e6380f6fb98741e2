/**
 * Development-chain controls: `dev_newBlock` moves the chain on demand, and a chain spec's `protocolParams` become
 * that chain's runtime constants (what tests use to run a chain with other windows or probabilities).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { devSpecFileJson } from '../../chain-config/index.js';
import { spawnVeritrain, startNode, type NodeProcess } from '../helpers/node-process.js';

async function rpc(
  node: NodeProcess,
  method: string,
  params: unknown[],
): Promise<{ result?: unknown; error?: { message: string } }> {
  const response = await fetch(node.httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return (await response.json()) as { result?: unknown; error?: { message: string } };
}

async function bestNumber(node: NodeProcess): Promise<number> {
  const { result } = await rpc(node, 'chain_getHeader', []);
  return parseInt((result as { number: string }).number, 16);
}

describe('development chain controls', function () {
  const folder = mkdtempSync(join(tmpdir(), 'veritrain-devspec-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('dev_newBlock authors the requested blocks at once and refuses bad counts', async function () {
    const node = await startNode({ instantSeal: true, prometheus: false });
    try {
      const before = await bestNumber(node);
      const { result } = await rpc(node, 'dev_newBlock', [{ count: 3 }]);
      assert.equal(await bestNumber(node), before + 3);
      const { result: head } = await rpc(node, 'chain_getBlockHash', []);
      assert.equal(result, head);
      const bad = await rpc(node, 'dev_newBlock', [{ count: 0 }]);
      assert.match(JSON.stringify(bad.error), /count must be an integer in 1\.\.=1000/);
      assert.equal(await bestNumber(node), before + 3);
    } finally {
      await node.stop();
    }
  });

  it('dev_newBlock is refused on a non-development chain', async function () {
    const node = await startNode({ dev: false, instantSeal: true, prometheus: false, extraArgs: ['--chain', 'local'] });
    try {
      const answer = await rpc(node, 'dev_newBlock', []);
      assert.match(answer.error?.message ?? '', /only available on Development chains/);
      assert.equal(await bestNumber(node), 0);
    } finally {
      await node.stop();
    }
  });

  it("a spec file's protocolParams are the chain's metadata constants", async function () {
    const file = join(folder, 'forced.json');
    const overrides = { verification: { forcedErrorProbability: 1_000_000_000 }, market: { commitBlocks: 3 } };
    writeFileSync(file, JSON.stringify(devSpecFileJson('forced_errors', overrides)));
    const node = await startNode({ dev: false, instantSeal: true, prometheus: false, extraArgs: ['--chain', file] });
    const api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true });
    try {
      assert.equal(api.consts.verification.forcedErrorProbability.toString(), '1000000000');
      assert.equal(api.consts.market.commitBlocks.toString(), '3');
      // Untouched values keep the dev chain's.
      assert.equal(api.consts.market.revealBlocks.toString(), '5');
      const { result } = await rpc(node, 'dev_newBlock', [{ count: 2 }]);
      assert.equal(typeof result, 'string');
    } finally {
      await api.disconnect();
      await node.stop();
    }
  });

  it('an invalid protocolParams override stops the node with the field named', async function () {
    const file = join(folder, 'bad.json');
    const spec = devSpecFileJson('bad', {}) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...spec, protocolParams: { market: { commitBlocks: -1 } } }));
    const spawned = spawnVeritrain(['node', '--chain', file, '--tmp', '--rpc-port', '0', '--no-prometheus']);
    const code = await spawned.exited;
    assert.notEqual(code, 0);
    assert.match(spawned.output(), /protocolParams\.market\.commitBlocks: expected a positive integer count/);
    assert.doesNotMatch(spawned.output(), /\n\s+at /);
  });
});
