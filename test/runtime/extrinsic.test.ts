import { strict as assert } from 'node:assert';
import type { HexString } from '@polkadot/util/types';
import { EXISTENTIAL_DEPOSIT, UNIT } from '../../pallets-spec/balances/index.js';
import { metadataDigest } from '../../runtime-bindings/metadata.js';
import { account, accountIdOf, alice, bob, charlie, devChain, eventsOf, keyring, totalIssuance } from './builder.js';

const rejectionOf = (v: ReturnType<ReturnType<typeof devChain>['runtime']['validateTransaction']>) =>
  v.ok ? 'ok' : `${v.kind}:${v.variant}`;

describe('extrinsics signed by @polkadot/types', () => {
  it('a transfer_keep_alive validates, provides its nonce tag, and executes with Transfer and ExtrinsicSuccess', () => {
    const chain = devChain();
    const tx = chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, 5n * UNIT]);
    const v = chain.runtime.validateTransaction(chain.state, tx, chain.headHash);
    assert.ok(v.ok);
    assert.deepEqual(v.requires, []);
    assert.equal(v.provides[0], `${accountIdOf(alice)}00000000`);
    const bobBefore = account(chain.state, bob).data.free;
    const built = chain.block([tx]);
    assert.deepEqual(built.included, [0]);
    assert.equal(built.block.extrinsics.length, 2, 'timestamp inherent + transfer');
    assert.equal(account(chain.state, bob).data.free, bobBefore + 5n * UNIT);
    assert.equal(account(chain.state, alice).nonce, 1);
    const names = eventsOf(chain.state).map((e) => e.name);
    assert.deepEqual(names, [
      'System.ExtrinsicSuccess',
      'Balances.Withdraw',
      'Balances.Transfer',
      'TransactionPayment.TransactionFeePaid',
      'System.ExtrinsicSuccess',
    ]);
  });

  it('a mortal transaction is valid within its era and reports its longevity', () => {
    const chain = devChain();
    chain.block([]);
    const tx = chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT], { mortal: 64 });
    const v = chain.runtime.validateTransaction(chain.state, tx, chain.headHash);
    assert.ok(v.ok, v.ok ? '' : v.message);
    assert.ok(v.longevity > 0n && v.longevity <= 64n);
    assert.deepEqual(chain.block([tx]).included, [0]);
  });

  it('accepts CheckMetadataHash mode 1 signed over the RFC-78 metadata hash, and refuses a wrong hash', () => {
    const chain = devChain();
    const digest = metadataDigest();
    assert.equal(digest.length, 32);
    const good = chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT], {
      nonce: 0,
      metadataHash: digest,
    });
    assert.equal(rejectionOf(chain.runtime.validateTransaction(chain.state, good, chain.headHash)), 'ok');
    const wrong = chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT], {
      nonce: 0,
      metadataHash: new Uint8Array(32).fill(7),
    });
    assert.equal(
      rejectionOf(chain.runtime.validateTransaction(chain.state, wrong, chain.headHash)),
      'invalid:BadProof',
    );
    assert.deepEqual(chain.block([good]).included, [0]);
  });

  it('rejects a bad signature (BadProof), a stale nonce (Stale) and an unpayable fee (Payment)', () => {
    const chain = devChain();
    const tx = chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT]);
    // Flip one bit of the signature (after 0x, length, version byte 84, address 00+32 bytes, sig type 01).
    const sigAt = 2 + 2 * (2 + 1 + 33 + 1) + 10;
    const flipped = (tx.slice(0, sigAt) + (tx[sigAt] === '0' ? '1' : '0') + tx.slice(sigAt + 1)) as HexString;
    assert.equal(
      rejectionOf(chain.runtime.validateTransaction(chain.state, flipped, chain.headHash)),
      'invalid:BadProof',
    );

    chain.block([tx]);
    const stale = chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT], { nonce: 0 });
    assert.equal(rejectionOf(chain.runtime.validateTransaction(chain.state, stale, chain.headHash)), 'invalid:Stale');

    const poor = keyring.addFromUri('//Poor');
    chain.block([chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: poor.address }, EXISTENTIAL_DEPOSIT])]);
    const unpayable = chain.tx(poor, 'System', 'remark', ['0x00']);
    const v = chain.runtime.validateTransaction(chain.state, unpayable, chain.headHash);
    assert.equal(rejectionOf(v), 'invalid:Payment');
    assert.ok(!v.ok && /pay some fees/.test(v.message));
    const nobody = keyring.addFromUri('//Nobody');
    assert.equal(
      rejectionOf(
        chain.runtime.validateTransaction(chain.state, chain.tx(nobody, 'System', 'remark', ['0x00']), chain.headHash),
      ),
      'invalid:Payment',
    );
  });

  it('a future nonce is valid in the pool with `requires`, and waits until the gap is filled', () => {
    const chain = devChain();
    const second = chain.tx(charlie, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT], { nonce: 1 });
    const first = chain.tx(charlie, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT], { nonce: 0 });
    const v = chain.runtime.validateTransaction(chain.state, second, chain.headHash);
    assert.ok(v.ok);
    assert.equal(v.requires.length, 1);
    const onlyFuture = chain.runtime.buildBlock(chain.state, {
      parent: chain.head,
      parentHash: chain.headHash,
      timestampMs: 1n,
      candidates: [second],
    });
    assert.deepEqual(onlyFuture.included, []);
    assert.equal(onlyFuture.excluded[0].rejection.variant, 'Future');
    const built = chain.block([first, second]);
    assert.deepEqual(built.included, [0, 1]);
    assert.equal(account(chain.state, charlie).nonce, 2);
  });

  it('rejects malformed, truncated and unsigned extrinsics with a clear reason', () => {
    const chain = devChain();
    const tx = chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT]);
    for (const bad of ['0x', '0x00', tx.slice(0, -4), `${tx}00`, '0x1004deadbeef'] as HexString[]) {
      const v = chain.runtime.validateTransaction(chain.state, bad, chain.headHash);
      assert.equal(rejectionOf(v), 'invalid:Call', bad);
      assert.ok(!v.ok && /decode/i.test(v.message));
    }
    // An unsigned remark: 0x04 ‖ call(0, 0, remark 0x)
    assert.equal(
      rejectionOf(chain.runtime.validateTransaction(chain.state, '0x1004000000' as HexString, chain.headHash)),
      'unknown:NoUnsignedValidator',
    );
  });

  it('re-executes an authored block to the same state root, and refuses a tampered header', () => {
    const chain = devChain();
    const parent = chain.state.clone();
    const built = chain.block([chain.tx(alice, 'Balances', 'transfer_allow_death', [{ Id: bob.address }, UNIT])]);
    const again = chain.runtime.executeBlock(parent, built.block);
    assert.equal(again.stateRoot, built.block.header.stateRoot);
    const tampered = {
      ...built.block,
      header: { ...built.block.header, stateRoot: `0x${'11'.repeat(32)}` as HexString },
    };
    assert.throws(() => chain.runtime.executeBlock(parent, tampered), { name: 'BlockExecutionError' });
    const noInherent = { ...built.block, extrinsics: built.block.extrinsics.slice(1) };
    assert.throws(() => chain.runtime.executeBlock(parent, noInherent), { name: 'BlockExecutionError' });
  });

  it('a failed dispatch changes nothing but the fee and the nonce', () => {
    const chain = devChain();
    const before = chain.state.clone();
    const issuance = totalIssuance(chain.state);
    const tx = chain.tx(bob, 'Balances', 'transfer_keep_alive', [{ Id: charlie.address }, 10n ** 30n]);
    chain.block([tx]);
    const events = eventsOf(chain.state);
    const failed = events.find((e) => e.name === 'System.ExtrinsicFailed')!;
    assert.deepEqual(failed.data.dispatch_error, { type: 'Module', value: { index: 5, error: '0x02000000' } });
    const fee = events.find((e) => e.name === 'TransactionPayment.TransactionFeePaid')!.data.actual_fee as bigint;
    assert.ok(fee > 0n);
    const bobBefore = account(before, bob);
    const bobAfter = account(chain.state, bob);
    assert.equal(bobAfter.data.free, bobBefore.data.free - fee);
    assert.equal(bobAfter.nonce, bobBefore.nonce + 1);
    assert.deepEqual(account(chain.state, charlie), account(before, charlie));
    assert.equal(totalIssuance(chain.state), issuance - fee);
    assert.ok(!events.some((e) => e.name === 'Balances.Transfer'));
  });
});
