/**
 * The money invariants of the protocol, checked block by block on a real node:
 *   - total issuance = genesis issuance − everything burned so far, the burns summed from the blocks' events
 *     (`Balances.Withdraw` for fees, `Burned`, `Slashed`, `DustLost`), and it never grows;
 *   - the balances of all accounts, free plus reserved, add up to the total issuance (so no call mints into an
 *     account without the issuance showing it, and no value vanishes without a burn event);
 *   - every account's reserved balance = its stakes + the escrow of its live tasks + its bid deposits + the bonds
 *     of its open disputes, all read from the protocol's storage.
 */
import assert from 'node:assert/strict';
import type { ApiPromise } from '@polkadot/api';
import { expectedReserves } from '../../protocol/reserves.js';
import { bigField, blockEvents, describe } from './events.js';
import { ChainSnapshot } from './snapshot.js';

const BURN_EVENTS = new Set(['balances.Withdraw', 'balances.Burned', 'balances.Slashed', 'balances.DustLost']);
export class InvariantChecker {
  private checkedUpTo = 0;
  private burned = 0n;
  /** Blocks checked so far, and the burns found in them (for the test's report). */
  blocksChecked = 0;

  private constructor(
    private readonly api: ApiPromise,
    readonly genesisIssuance: bigint,
  ) {}

  /** Starts from block 0, whose issuance is the chain's whole supply. */
  static async fromGenesis(api: ApiPromise): Promise<InvariantChecker> {
    const genesis = await ChainSnapshot.at(api, (await api.rpc.chain.getBlockHash(0)).toHex());
    const checker = new InvariantChecker(api, genesis.totalIssuance());
    checker.checkBalances(genesis, 0);
    return checker;
  }

  get totalBurned(): bigint {
    return this.burned;
  }

  /** Checks every block not yet checked, up to the best one. */
  async checkNewBlocks(): Promise<void> {
    const best = (await this.api.rpc.chain.getHeader()).number.toNumber();
    for (let n = this.checkedUpTo + 1; n <= best; n += 1) await this.checkBlock(n);
  }

  private async checkBlock(n: number): Promise<void> {
    const hash = (await this.api.rpc.chain.getBlockHash(n)).toHex();
    const [events, snapshot] = await Promise.all([blockEvents(this.api, hash), ChainSnapshot.at(this.api, hash)]);
    for (const record of events) if (BURN_EVENTS.has(describe(record))) this.burned += bigField(record, 'amount');
    assert.equal(
      snapshot.totalIssuance(),
      this.genesisIssuance - this.burned,
      `block #${n}: total issuance = genesis − burned (events: ${events.map(describe).join(', ')})`,
    );
    this.checkBalances(snapshot, n);
    this.checkedUpTo = n;
    this.blocksChecked += 1;
  }

  private checkBalances(snapshot: ChainSnapshot, n: number): void {
    const accounts = snapshot.accounts();
    const sum = accounts.reduce((total, a) => total + a.free + a.reserved, 0n);
    assert.equal(sum, snapshot.totalIssuance(), `block #${n}: the accounts hold exactly the total issuance`);
    const expected = expectedReserves(snapshot.ctx.state);
    for (const { who, reserved } of accounts)
      assert.equal(reserved, expected.get(who) ?? 0n, `block #${n}: reserved balance of ${who}`);
    for (const who of expected.keys())
      assert.ok(
        accounts.some((a) => a.who === who),
        `block #${n}: ${who} holds a reserve but has no account`,
      );
  }
}
