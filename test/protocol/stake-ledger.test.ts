import assert from 'node:assert/strict';
import {
  type StakeLedger,
  type StakeRules,
  bondExtra,
  register,
  reservedBy,
  slashLedger,
  unbond,
  withdrawUnbonded,
} from '../../pallets-spec/roles/stake-ledger.js';
import { unwrap } from './helpers.js';

const rules: StakeRules = { minimumStake: 100n, unbondingDelay: 10, maxUnbondingChunks: 2 };

describe('protocol: stake ledger', () => {
  it('registers with at least the minimum, bonds more, unbonds with a delay, withdraws, and leaves', () => {
    let ledger: StakeLedger | undefined = unwrap(register(undefined, 150n, rules));
    ledger = unwrap(bondExtra(ledger, 50n));
    ledger = unwrap(unbond(ledger, 100n, 0n, 5, rules));
    assert.deepEqual(ledger, { active: 100n, unbonding: [{ amount: 100n, unlock_at: 15 }] });
    assert.deepEqual(withdrawUnbonded(ledger, 14), { ok: false, error: 'NothingToWithdraw' });
    const first = unwrap(withdrawUnbonded(ledger, 15));
    assert.equal(first.released, 100n);
    ledger = unwrap(unbond(first.ledger, 100n, 0n, 20, rules));
    const last = unwrap(withdrawUnbonded(ledger, 30));
    assert.deepEqual(last, { ledger: undefined, released: 100n });
  });

  it('refuses a double registration, a stake below minimum, and zero or excessive amounts', () => {
    const ledger = unwrap(register(undefined, 100n, rules));
    const refused = (error: string) => ({ ok: false, error });
    assert.deepEqual(register(ledger, 500n, rules), refused('AlreadyRegistered'));
    assert.deepEqual(register(undefined, 99n, rules), refused('StakeBelowMinimum'));
    assert.deepEqual(bondExtra(undefined, 5n), refused('NotRegistered'));
    assert.deepEqual(bondExtra(ledger, 0n), refused('ZeroAmount'));
    assert.deepEqual(unbond(ledger, 101n, 0n, 0, rules), refused('InsufficientStake'));
    assert.deepEqual(unbond(ledger, 1n, 0n, 0, rules), refused('StakeBelowMinimum'));
    assert.deepEqual(unbond(ledger, 100n, 1n, 0, rules), refused('InsufficientStake'), 'engaged stake stays');
    assert.deepEqual(withdrawUnbonded(undefined, 0), refused('NotRegistered'));
  });

  it('caps the number of unbonding chunks', () => {
    let ledger = unwrap(register(undefined, 1_000n, rules));
    ledger = unwrap(unbond(ledger, 10n, 0n, 0, rules));
    ledger = unwrap(unbond(ledger, 10n, 0n, 1, rules));
    assert.deepEqual(unbond(ledger, 10n, 0n, 2, rules), { ok: false, error: 'TooManyUnbondingChunks' });
  });

  it('slashes active stake first, then the chunks that unlock last, never more than is held', () => {
    const ledger: StakeLedger = {
      active: 50n,
      unbonding: [
        { amount: 30n, unlock_at: 5 },
        { amount: 20n, unlock_at: 9 },
      ],
    };
    assert.deepEqual(slashLedger(ledger, 60n), {
      ledger: {
        active: 0n,
        unbonding: [
          { amount: 30n, unlock_at: 5 },
          { amount: 10n, unlock_at: 9 },
        ],
      },
      slashed: 60n,
    });
    const all = slashLedger(ledger, 1_000n);
    assert.deepEqual(all, { ledger: { active: 0n, unbonding: [] }, slashed: 100n });
    assert.equal(reservedBy(ledger) - reservedBy(slashLedger(ledger, 77n).ledger), 77n);
  });
});
