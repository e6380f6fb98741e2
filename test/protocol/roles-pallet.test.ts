// The harness loads the runtime first: it binds the type slots the pallets' types refer to.
import { TestChain, moduleErrorName } from './harness.js';
import assert from 'node:assert/strict';
import { Roles, storage } from '../../pallets-spec/roles/index.js';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import { devProtocolParams } from '../../chain-config/protocol-params.js';
import { account } from './helpers.js';

const solver = { type: 'Solver' as const, value: undefined };
const verifier = { type: 'Verifier' as const, value: undefined };
const MIN = devProtocolParams.roles.minimumStake;

describe('protocol: Roles pallet dispatch', () => {
  const [alice, bob] = [account(1), account(2)];
  const genesis = () =>
    TestChain.withBalances([
      [alice, 10_000n * UNIT],
      [bob, 100n * UNIT],
    ]);

  it('registers, bonds, unbonds and withdraws, keeping reserved balance equal to the ledger', () => {
    const chain = genesis();
    assert.deepEqual(chain.dispatch(Roles, 'register', alice, { role: solver, stake: MIN.Solver }), { ok: true });
    assert.deepEqual(chain.dispatch(Roles, 'bond_extra', alice, { role: solver, amount: 500n * UNIT }), { ok: true });
    assert.deepEqual(chain.dispatch(Roles, 'register', alice, { role: verifier, stake: MIN.Verifier }), { ok: true });
    assert.equal(chain.reserved(alice), MIN.Solver + 500n * UNIT + MIN.Verifier);
    assert.deepEqual(chain.dispatch(Roles, 'unbond', alice, { role: solver, amount: MIN.Solver + 500n * UNIT }), {
      ok: true,
    });
    assert.equal(chain.reserved(alice), MIN.Solver + 500n * UNIT + MIN.Verifier, 'unbonding stake stays reserved');
    assert.equal(
      moduleErrorName(Roles, chain.dispatch(Roles, 'withdraw_unbonded', alice, { role: solver })),
      'NothingToWithdraw',
    );
    chain.blockNumber += devProtocolParams.roles.unbondingDelay;
    assert.deepEqual(chain.dispatch(Roles, 'withdraw_unbonded', alice, { role: solver }), { ok: true });
    assert.equal(chain.reserved(alice), MIN.Verifier);
    assert.equal(chain.free(alice) + chain.reserved(alice), 10_000n * UNIT);
    assert.equal(
      chain.read((ctx) => storage.Stakes.get(ctx.state, [alice, solver])),
      undefined,
      'role given up',
    );
    assert.deepEqual(
      chain.eventNames().filter((n) => n.startsWith('Roles.')),
      ['Roles.Registered', 'Roles.Bonded', 'Roles.Registered', 'Roles.Unbonding', 'Roles.Withdrawn'],
    );
  });

  it('refuses bad input with a module error and changes nothing', () => {
    const chain = genesis();
    assert.deepEqual(chain.dispatch(Roles, 'register', alice, { role: solver, stake: MIN.Solver }), { ok: true });
    const before = chain.fingerprint();
    const cases: Array<[string, string, `0x${string}`, unknown]> = [
      ['AlreadyRegistered', 'register', alice, { role: solver, stake: MIN.Solver }],
      ['StakeBelowMinimum', 'register', alice, { role: verifier, stake: MIN.Verifier - 1n }],
      ['NotRegistered', 'bond_extra', bob, { role: solver, amount: 1n }],
      ['ZeroAmount', 'bond_extra', alice, { role: solver, amount: 0n }],
      ['InsufficientStake', 'unbond', alice, { role: solver, amount: MIN.Solver + 1n }],
      ['StakeBelowMinimum', 'unbond', alice, { role: solver, amount: 1n }],
      ['NotRegistered', 'withdraw_unbonded', bob, { role: verifier }],
    ];
    for (const [expected, callName, who, args] of cases) {
      assert.equal(moduleErrorName(Roles, chain.dispatch(Roles, callName, who, args)), expected, callName);
      assert.equal(chain.fingerprint(), before, `${callName} changed state`);
    }
    const poor = chain.dispatch(Roles, 'register', bob, { role: solver, stake: MIN.Solver });
    assert.ok(!poor.ok && poor.message === 'Balances.InsufficientBalance');
    assert.equal(chain.fingerprint(), before);
    const unsigned = chain.dispatch(Roles, 'register', { type: 'None' }, { role: solver, stake: MIN.Solver });
    assert.ok(!unsigned.ok && unsigned.error.type === 'BadOrigin');
  });
});
