import { strict as assert } from 'node:assert';
import { currency, EXISTENTIAL_DEPOSIT, UNIT } from '../../pallets-spec/balances/index.js';
import { DispatchFailure } from '../../pallets-spec/framework/dispatch.js';
import { BlockContext } from '../../runtime-bindings/context.js';
import { Overlay } from '../../runtime-bindings/overlay.js';
import { accountIdOf, alice, bob, devChain, keyring } from './builder.js';

/** A block context over the dev genesis, as protocol pallets see it inside a dispatch. */
function ctx() {
  const chain = devChain();
  return new BlockContext(new Overlay(chain.state), 1, chain.headHash);
}
const A = accountIdOf(alice);
const B = accountIdOf(bob);
const names = (c: BlockContext) => c.events.map((e) => `${e.event.type}.${e.event.value.type}`);

describe('Balances currency operations (for the protocol pallets)', () => {
  it('reserve moves free to reserved; unreserve moves back at most what is reserved', () => {
    const c = ctx();
    const free = currency.freeBalance(c, A);
    currency.reserve(c, A, 100n * UNIT);
    assert.equal(currency.freeBalance(c, A), free - 100n * UNIT);
    assert.equal(currency.reservedBalance(c, A), 100n * UNIT);
    assert.equal(currency.unreserve(c, A, 150n * UNIT), 50n * UNIT, 'the part that was not reserved comes back');
    assert.equal(currency.reservedBalance(c, A), 0n);
    assert.equal(currency.freeBalance(c, A), free);
    assert.deepEqual(names(c), ['Balances.Reserved', 'Balances.Unreserved']);
  });

  it('reserve refuses more than the free balance, and accounts that do not exist', () => {
    const c = ctx();
    assert.throws(() => currency.reserve(c, A, currency.freeBalance(c, A) + 1n), DispatchFailure);
    assert.throws(() => currency.reserve(c, accountIdOf(keyring.addFromUri('//Ghost')), 1n), DispatchFailure);
  });

  it('slashReserved burns at most the reserved balance and lowers total issuance', () => {
    const c = ctx();
    const issuance = currency.totalIssuance(c);
    currency.reserve(c, B, 10n * UNIT);
    assert.equal(currency.slashReserved(c, B, 25n * UNIT), 10n * UNIT);
    assert.equal(currency.reservedBalance(c, B), 0n);
    assert.equal(currency.totalIssuance(c), issuance - 10n * UNIT);
    assert.ok(names(c).includes('Balances.Slashed'));
  });

  it('repatriateReserved pays from one reserve into another account, free or reserved, issuance unchanged', () => {
    const c = ctx();
    const issuance = currency.totalIssuance(c);
    const bobFree = currency.freeBalance(c, B);
    currency.reserve(c, A, 10n * UNIT);
    assert.equal(currency.repatriateReserved(c, A, B, 4n * UNIT, 'Free'), 4n * UNIT);
    assert.equal(currency.freeBalance(c, B), bobFree + 4n * UNIT);
    assert.equal(currency.repatriateReserved(c, A, B, 100n * UNIT, 'Reserved'), 6n * UNIT);
    assert.equal(currency.reservedBalance(c, B), 6n * UNIT);
    assert.equal(currency.reservedBalance(c, A), 0n);
    assert.equal(currency.totalIssuance(c), issuance);
    const ghost = accountIdOf(keyring.addFromUri('//Ghost2'));
    currency.reserve(c, A, EXISTENTIAL_DEPOSIT);
    assert.throws(() => currency.repatriateReserved(c, A, ghost, EXISTENTIAL_DEPOSIT, 'Reserved'), DispatchFailure);
  });

  it('an account with a reserve cannot be reaped: withdrawals leaving less than the deposit are refused', () => {
    const c = ctx();
    const who = accountIdOf(keyring.addFromUri('//Staker'));
    currency.transfer(c, A, who, 2n * UNIT, 'KeepAlive');
    currency.reserve(c, who, EXISTENTIAL_DEPOSIT / 2n);
    const free = currency.freeBalance(c, who);
    assert.throws(() => currency.transfer(c, who, B, free, 'AllowDeath'), DispatchFailure);
    assert.equal(currency.reducibleBalance(c, who, 'AllowDeath'), 2n * UNIT - EXISTENTIAL_DEPOSIT);
    currency.transfer(c, who, B, 2n * UNIT - EXISTENTIAL_DEPOSIT, 'AllowDeath');
    assert.equal(currency.freeBalance(c, who) + currency.reservedBalance(c, who), EXISTENTIAL_DEPOSIT);
  });
});
