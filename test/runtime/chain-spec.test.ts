import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainSpecToJson, loadChainSpec, TOTAL_ISSUANCE } from '../../chain-config/index.js';
import { EXISTENTIAL_DEPOSIT, storage as balances } from '../../pallets-spec/balances/index.js';
import { JACKPOT_ACCOUNT } from '../../pallets-spec/settlement/jackpot.js';
import { storage as system } from '../../pallets-spec/system/index.js';
import { MemoryState } from './memory-state.js';
import { io, keyring, runtimeAndRegistry } from './builder.js';
import { applyCommitment, commitmentOf, STATE_COMMITMENT_KEY } from '../../runtime-bindings/state-root.js';
import { u8aToHex } from '@polkadot/util';

const dir = mkdtempSync(join(tmpdir(), 'veritrain-spec-'));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('chain specs', () => {
  for (const name of ['dev', 'local']) {
    it(`${name}: total issuance is exactly 1,232,922,769 VRT, held by //Alice … //Ferdie and the jackpot`, () => {
      const spec = loadChainSpec(name);
      const state = io(new MemoryState(spec.genesisStorage));
      assert.equal(TOTAL_ISSUANCE, 1_232_922_769n * 10n ** 12n);
      assert.equal(balances.TotalIssuance.get(state), TOTAL_ISSUANCE);
      let sum = 0n;
      for (const seed of spec.devSeeds)
        sum += system.Account.get(state, u8aToHex(keyring.addFromUri(seed).publicKey)).data.free;
      // The jackpot's pot gets the existential deposit, from Alice's share (chain-config/genesis.ts).
      const pot = system.Account.get(state, JACKPOT_ACCOUNT).data.free;
      assert.equal(pot, EXISTENTIAL_DEPOSIT);
      assert.equal(sum + pot, TOTAL_ISSUANCE);
      assert.equal(system.Account.entries(state).length, 7);
      assert.deepEqual(spec.properties, { ss58Format: 42, tokenDecimals: 12, tokenSymbol: 'VRT' });
      assert.equal(spec.defaultAuthor, keyring.addFromUri('//Alice').address);
    });
  }

  it('round-trips through a raw JSON spec file to the same genesis hash', () => {
    const { runtime } = runtimeAndRegistry();
    const dev = loadChainSpec('dev');
    const path = write('raw.json', chainSpecToJson(dev));
    const again = loadChainSpec(path);
    assert.equal(runtime.genesis(again.genesisStorage).hash, runtime.genesis(dev.genesisStorage).hash);
    assert.equal(again.chainType, 'Development');
  });

  it('builds genesis from a balances list, which must hold the whole supply', () => {
    const [a, b] = [keyring.addFromUri('//A'), keyring.addFromUri('//B')];
    const spec = {
      name: 'Test',
      id: 'test',
      chainType: 'Live',
      genesis: {
        balances: [
          [a.address, (TOTAL_ISSUANCE - 10n ** 12n).toString()],
          [u8aToHex(b.publicKey), (10n ** 12n).toString()],
        ],
      },
    };
    const loaded = loadChainSpec(write('balances.json', spec));
    assert.equal(balances.TotalIssuance.get(io(new MemoryState(loaded.genesisStorage))), TOTAL_ISSUANCE);
    const short = { ...spec, genesis: { balances: [[a.address, '1000000000000']] } };
    assert.throws(() => loadChainSpec(write('short.json', short)), /fixed supply/);
  });

  it('refuses bad files with a message naming the problem, never a stack trace', () => {
    assert.throws(() => loadChainSpec(join(dir, 'missing.json')), {
      name: 'ChainSpecError',
      message: /neither dev, local nor a readable file/,
    });
    assert.throws(() => loadChainSpec(write('bad.json', '{ nope')), {
      name: 'ChainSpecError',
      message: /not valid JSON/,
    });
    assert.throws(
      () =>
        loadChainSpec(
          write('wrong.json', { name: 'x', id: 1, chainType: 'Dev', genesis: { balances: [['nope', '-1']] } }),
        ),
      (e: Error) => {
        assert.equal(e.name, 'ChainSpecError');
        assert.match(e.message, /id/);
        assert.match(e.message, /chainType/);
        assert.match(e.message, /not an SS58 address|non-negative integer/);
        return true;
      },
    );
  });

  it('the incremental state commitment equals one recomputed over the whole state', () => {
    const spec = loadChainSpec('dev');
    const state = new MemoryState(spec.genesisStorage);
    const changes = new Map([
      [u8aToHex(new Uint8Array([1, 2, 3])), new Uint8Array([9])],
      [[...spec.genesisStorage.keys()][0], null],
    ]);
    applyCommitment(state, changes);
    state.apply(changes);
    assert.deepEqual(state.get(STATE_COMMITMENT_KEY), commitmentOf(state.entries()));
  });
});
