import { strict as assert } from 'node:assert';
import { EXISTENTIAL_DEPOSIT, UNIT } from '../../pallets-spec/balances/index.js';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { HexString } from '@polkadot/util/types';
import { account, accountIdOf, alice, bob, devChain, eventsOf, keyring, totalIssuance, type Chain } from './builder.js';

/** Runs one extrinsic in its own block; returns its events (inherent's left out), the fee, and the outcome. */
function run(chain: Chain, signer: KeyringPair, section: string, method: string, args: unknown[]) {
  chain.block([chain.tx(signer, section, method, args)]);
  const events = eventsOf(chain.state).slice(1);
  const fee = events.find((e) => e.name === 'TransactionPayment.TransactionFeePaid')!.data.actual_fee as bigint;
  const failed = events.find((e) => e.name === 'System.ExtrinsicFailed');
  const error = failed
    ? (failed.data.dispatch_error as { type: string; value: { index: number; error: string } })
    : undefined;
  return { names: events.map((e) => e.name), events, fee, error };
}

const moduleError = (index: number) => ({
  type: 'Module',
  value: { index: 5, error: `0x${index.toString(16).padStart(2, '0')}000000` },
});

describe('Balances', () => {
  let fresh: KeyringPair;
  let n = 0;
  beforeEach(() => {
    fresh = keyring.addFromUri(`//Fresh${n++}`);
  });

  it('transfer_allow_death endows a new account (NewAccount, Endowed) and may reap the sender, burning its dust', () => {
    const chain = devChain();
    const r1 = run(chain, alice, 'Balances', 'transfer_allow_death', [{ Id: fresh.address }, UNIT]);
    assert.deepEqual(r1.names.slice(1, 4), ['System.NewAccount', 'Balances.Endowed', 'Balances.Transfer']);
    assert.equal(account(chain.state, fresh).providers, 1);
    const issuance = totalIssuance(chain.state);
    // fresh sends everything but a dust amount below the existential deposit, after paying its fee
    const dust = EXISTENTIAL_DEPOSIT / 2n;
    // The fee depends on the length only; a probe with a value of the same encoded size costs the same.
    const fee = chain.partialFee(
      chain.tx(fresh, 'Balances', 'transfer_allow_death', [{ Id: bob.address }, UNIT], { nonce: 0 }),
    );
    const r2 = run(chain, fresh, 'Balances', 'transfer_allow_death', [{ Id: bob.address }, UNIT - fee - dust]);
    assert.equal(r2.error, undefined);
    assert.equal(r2.fee, fee);
    assert.ok(r2.names.includes('Balances.DustLost'));
    assert.ok(r2.names.includes('System.KilledAccount'));
    assert.equal(account(chain.state, fresh).providers, 0);
    assert.equal(totalIssuance(chain.state), issuance - fee - dust);
  });

  it('transfer_keep_alive refuses to kill the sender (Expendability) and to overspend (InsufficientBalance)', () => {
    const chain = devChain();
    run(chain, alice, 'Balances', 'transfer_allow_death', [{ Id: fresh.address }, UNIT]);
    const free = account(chain.state, fresh).data.free;
    assert.deepEqual(
      run(chain, fresh, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, free - EXISTENTIAL_DEPOSIT]).error,
      moduleError(4),
    );
    assert.deepEqual(
      run(chain, fresh, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, 2n * UNIT]).error,
      moduleError(2),
    );
  });

  it('a transfer below the existential deposit to a new account fails (ExistentialDeposit); an unknown address (CannotLookup)', () => {
    const chain = devChain();
    assert.deepEqual(
      run(chain, alice, 'Balances', 'transfer_keep_alive', [{ Id: fresh.address }, EXISTENTIAL_DEPOSIT - 1n]).error,
      moduleError(3),
    );
    assert.equal(
      run(chain, alice, 'Balances', 'transfer_keep_alive', [{ Index: 7 }, UNIT]).error?.type,
      'CannotLookup',
    );
    assert.equal(account(chain.state, fresh).providers, 0);
  });

  it('transfer_all sends everything (keep_alive = false) or all but the existential deposit (true)', () => {
    const chain = devChain();
    const other = keyring.addFromUri(`//Other${n}`);
    run(chain, alice, 'Balances', 'transfer_allow_death', [{ Id: fresh.address }, UNIT]);
    run(chain, alice, 'Balances', 'transfer_allow_death', [{ Id: other.address }, UNIT]);
    const before = account(chain.state, bob).data.free;
    const keep = run(chain, fresh, 'Balances', 'transfer_all', [{ Id: bob.address }, true]);
    assert.equal(keep.error, undefined);
    assert.equal(account(chain.state, fresh).data.free, EXISTENTIAL_DEPOSIT);
    assert.equal(account(chain.state, bob).data.free, before + UNIT - keep.fee - EXISTENTIAL_DEPOSIT);
    const all = run(chain, other, 'Balances', 'transfer_all', [{ Id: bob.address }, false]);
    assert.equal(all.error, undefined);
    assert.equal(account(chain.state, other).providers, 0, 'reaped');
    assert.equal(account(chain.state, bob).data.free, before + 2n * UNIT - keep.fee - all.fee - EXISTENTIAL_DEPOSIT);
  });

  it('burn lowers free balance and total issuance by exactly the amount (Burned); it cannot kill with keep_alive', () => {
    const chain = devChain();
    const issuance = totalIssuance(chain.state);
    const freeBefore = account(chain.state, bob).data.free;
    const r = run(chain, bob, 'Balances', 'burn', [7n * UNIT, true]);
    assert.ok(r.names.includes('Balances.Burned'));
    assert.equal(account(chain.state, bob).data.free, freeBefore - 7n * UNIT - r.fee);
    assert.equal(totalIssuance(chain.state), issuance - 7n * UNIT - r.fee);
    const rest = account(chain.state, bob).data.free;
    assert.deepEqual(run(chain, bob, 'Balances', 'burn', [rest - EXISTENTIAL_DEPOSIT, true]).error, moduleError(4));
  });

  it('remark_with_event emits Remarked with the blake2-256 of the remark; remark emits nothing of its own', () => {
    const chain = devChain();
    const r = run(chain, alice, 'System', 'remark_with_event', ['0x68656c6c6f']);
    const remarked = r.events.find((e) => e.name === 'System.Remarked')!;
    assert.equal(remarked.data.sender, accountIdOf(alice));
    assert.equal(remarked.data.hash, '0x324dcf027dd4a30a932c441f365a25e86b173defa4b8e58948253471b81b72cf');
    assert.deepEqual(run(chain, alice, 'System', 'remark', ['0x00']).names, [
      'Balances.Withdraw',
      'TransactionPayment.TransactionFeePaid',
      'System.ExtrinsicSuccess',
    ]);
  });

  it('keeps total issuance equal to the sum of all balances across many transfers', () => {
    const chain = devChain();
    const txs: HexString[] = [];
    for (let i = 0; i < 20; i++)
      txs.push(
        chain.tx(i % 2 ? alice : bob, 'Balances', 'transfer_allow_death', [
          { Id: (i % 2 ? bob : alice).address },
          BigInt(i) * UNIT,
        ]),
      );
    chain.block(txs);
    let sum = 0n;
    for (const seed of ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie']) {
      const d = account(chain.state, keyring.addFromUri(seed)).data;
      sum += d.free + d.reserved;
    }
    // Genesis also endows the jackpot's pot with the existential deposit (chain-config/genesis.ts).
    assert.equal(sum + EXISTENTIAL_DEPOSIT, totalIssuance(chain.state));
  });
});
