import { strict as assert } from 'node:assert';
import { UNIT } from '../../pallets-spec/balances/index.js';
import { EXTRINSIC_BASE_WEIGHT } from '../../pallets-spec/system/limits.js';
import { TRANSACTION_BYTE_FEE, WEIGHT_FEE_PER_REF_TIME } from '../../pallets-spec/transaction-payment/index.js';
import { account, alice, bob, devChain, eventsOf, totalIssuance } from './builder.js';

describe('TransactionPayment', () => {
  it('charges base + length + weight fee, as query_info and query_fee_details report, and burns it', () => {
    const chain = devChain();
    const tx = chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT]);
    const len = (tx.length - 2) / 2;
    const input = Buffer.concat([Buffer.from(tx.slice(2), 'hex'), Buffer.from(new Uint32Array([len]).buffer)]);
    const details = chain.registry.createType(
      'FeeDetails',
      chain.runtime.call(chain.state, 'TransactionPaymentApi_query_fee_details', input, chain.headHash),
    );
    const inclusion = details.inclusionFee.unwrap();
    const callRefTime = 45_000_000n;
    assert.equal(inclusion.baseFee.toBigInt(), EXTRINSIC_BASE_WEIGHT.ref_time * WEIGHT_FEE_PER_REF_TIME);
    assert.equal(inclusion.lenFee.toBigInt(), BigInt(len) * TRANSACTION_BYTE_FEE);
    assert.equal(inclusion.adjustedWeightFee.toBigInt(), callRefTime * WEIGHT_FEE_PER_REF_TIME);
    const expected =
      inclusion.baseFee.toBigInt() + inclusion.lenFee.toBigInt() + inclusion.adjustedWeightFee.toBigInt();
    assert.equal(chain.partialFee(tx), expected);

    const issuance = totalIssuance(chain.state);
    const free = account(chain.state, alice).data.free;
    chain.block([tx]);
    const paid = eventsOf(chain.state).find((e) => e.name === 'TransactionPayment.TransactionFeePaid')!;
    assert.equal(paid.data.actual_fee, expected);
    assert.equal(account(chain.state, alice).data.free, free - UNIT - expected);
    assert.equal(totalIssuance(chain.state), issuance - expected);
  });

  it('adds the tip to the fee and uses it as the priority', () => {
    const chain = devChain();
    const plain = chain.tx(alice, 'System', 'remark', ['0x01'], { nonce: 0 });
    const tipped = chain.tx(alice, 'System', 'remark', ['0x01'], { nonce: 0, tip: 12_345n });
    const v = chain.runtime.validateTransaction(chain.state, tipped, chain.headHash);
    assert.ok(v.ok && v.priority === 12_345n);
    const base = chain.partialFee(plain);
    chain.block([tipped]);
    const paid = eventsOf(chain.state).find((e) => e.name === 'TransactionPayment.TransactionFeePaid')!;
    assert.equal(paid.data.tip, 12_345n);
    // The tipped extrinsic is one byte longer: the tip's compact encoding takes 2 bytes instead of 1.
    assert.equal(paid.data.actual_fee, base + TRANSACTION_BYTE_FEE + 12_345n);
  });

  it('answers TaggedTransactionQueue_validate_transaction in the encoding clients decode', () => {
    const chain = devChain();
    const tx = chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT]);
    const input = (source: number, ext: string) =>
      Buffer.concat([
        Buffer.from([source]),
        Buffer.from(chain.registry.createType('Bytes', ext).toU8a()),
        Buffer.from(chain.headHash.slice(2), 'hex'),
      ]);
    // The API takes the extrinsic as `UncheckedExtrinsic` (a length-prefixed byte vector): pass the raw body.
    const body = chain.registry.createType('Extrinsic', tx).toU8a(true);
    const ok = chain.registry.createType(
      'TransactionValidity',
      chain.runtime.call(
        chain.state,
        'TaggedTransactionQueue_validate_transaction',
        input(2, Buffer.from(body).toString('hex').replace(/^/, '0x')),
        chain.headHash,
      ),
    );
    assert.ok(ok.isOk);
    assert.equal(ok.asOk.provides.length, 1);
    const stale = chain.tx(alice, 'Balances', 'transfer_keep_alive', [{ Id: bob.address }, UNIT], { nonce: 0 });
    chain.block([tx]);
    const staleBody = Buffer.from(chain.registry.createType('Extrinsic', stale).toU8a(true)).toString('hex');
    const err = chain.registry.createType(
      'TransactionValidity',
      chain.runtime.call(
        chain.state,
        'TaggedTransactionQueue_validate_transaction',
        input(2, `0x${staleBody}`),
        chain.headHash,
      ),
    );
    assert.ok(err.isErr && err.asErr.isInvalid && err.asErr.asInvalid.isStale);
  });

  it('answers AccountNonceApi_account_nonce', () => {
    const chain = devChain();
    chain.block([chain.tx(alice, 'System', 'remark', ['0x'])]);
    const out = chain.runtime.call(chain.state, 'AccountNonceApi_account_nonce', alice.publicKey, chain.headHash);
    assert.equal(Buffer.from(out).readUInt32LE(0), 1);
  });
});
