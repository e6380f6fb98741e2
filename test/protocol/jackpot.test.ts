// The harness loads the runtime first: it binds the type slots the pallets' types refer to.
import { TestChain } from './harness.js';
import assert from 'node:assert/strict';
import { EXISTENTIAL_DEPOSIT, UNIT } from '../../pallets-spec/balances/declaration.js';
import { reserve } from '../../pallets-spec/balances/currency.js';
import { JACKPOT_ACCOUNT, fundJackpot } from '../../pallets-spec/settlement/jackpot.js';
import { holdersOf } from '../../pallets-spec/roles/stakes.js';
import { Roles } from '../../pallets-spec/roles/index.js';
import { devProtocolParams as params } from '../../chain-config/protocol-params.js';
import { account } from './helpers.js';

describe('protocol: jackpot account and role holders', () => {
  const who = account(5);

  it('is a keyless PalletId account', () => {
    assert.equal(JACKPOT_ACCOUNT, `0x6d6f646c76742f6a61636b70${'00'.repeat(20)}`);
  });

  it('burns what cannot open the pot account, and credits what can', () => {
    const chain = TestChain.withBalances([[who, 10n * UNIT]]);
    const issuance = chain.totalIssuance();
    assert.deepEqual(
      chain.run((ctx) => {
        reserve(ctx, who, 2n * UNIT);
        assert.equal(fundJackpot(ctx, who, EXISTENTIAL_DEPOSIT - 1n), 0n);
        assert.equal(fundJackpot(ctx, who, UNIT), UNIT);
      }),
      { ok: true },
    );
    assert.equal(chain.totalIssuance(), issuance - (EXISTENTIAL_DEPOSIT - 1n), 'dust burned, nothing minted');
    assert.equal(chain.free(JACKPOT_ACCOUNT), UNIT);
    assert.equal(chain.reserved(who), 2n * UNIT - UNIT - (EXISTENTIAL_DEPOSIT - 1n));
  });

  it('lists the holders of a role from the storage keys', () => {
    const [a, b] = [account(6), account(7)];
    const chain = TestChain.withBalances([
      [a, 10_000n * UNIT],
      [b, 10_000n * UNIT],
    ]);
    const verifier = { type: 'Verifier' as const, value: undefined };
    const solver = { type: 'Solver' as const, value: undefined };
    assert.deepEqual(
      chain.dispatch(Roles, 'register', a, { role: verifier, stake: params.roles.minimumStake.Verifier }),
      { ok: true },
    );
    assert.deepEqual(chain.dispatch(Roles, 'register', b, { role: solver, stake: params.roles.minimumStake.Solver }), {
      ok: true,
    });
    assert.deepEqual(
      chain.read((ctx) => holdersOf(ctx, 'Verifier')),
      [{ account: a, stake: params.roles.minimumStake.Verifier }],
    );
    assert.deepEqual(
      chain.read((ctx) => holdersOf(ctx, 'Solver')),
      [{ account: b, stake: params.roles.minimumStake.Solver }],
    );
    assert.deepEqual(
      chain.read((ctx) => holdersOf(ctx, 'Whistleblower')),
      [],
    );
  });
});
