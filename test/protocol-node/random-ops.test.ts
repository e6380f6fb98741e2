/**
 * Issue 4, "must show": many interleaved protocol operations from many accounts, through a real node, with the
 * money invariants checked after every block (support/invariants.ts): total issuance = genesis − burned, each
 * account's reserved balance = its stakes + escrows + deposits + bonds, and no call mints.
 *
 * The seed is printed; replay a run with `PROTOCOL_SEED=<seed>` (the chain's own randomness, from block hashes,
 * still differs between runs, so a replay takes the same choices, not always the same path).
 */
import assert from 'node:assert/strict';
import { TOTAL_ISSUANCE } from '../../chain-config/genesis.js';
import { type Actor, fundedActors } from './support/actors.js';
import { InvariantChecker } from './support/invariants.js';
import { type Action, Dice, RandomActions } from './support/random-actions.js';
import { ProtocolSession } from './support/session.js';
import { ChainSnapshot } from './support/snapshot.js';

const ROUNDS = 150;
const ACTORS = 12;

describe('protocol through a real node: random interleaved operations keep the books', function () {
  this.timeout(180_000);
  let session: ProtocolSession;

  before(async () => {
    session = await ProtocolSession.open();
  });
  after(async () => session?.close());

  it('after every block: issuance = genesis − burned, reserves = stakes + escrows + deposits + bonds', async () => {
    const seed = Number(process.env.PROTOCOL_SEED ?? Math.floor(Math.random() * 0xffff_ffff));
    console.log(`      random protocol operations: PROTOCOL_SEED=${seed}`);
    const dice = new Dice(seed);
    const checker = await InvariantChecker.fromGenesis(session.api);
    assert.equal(checker.genesisIssuance, TOTAL_ISSUANCE, 'genesis holds exactly 1,232,922,769 VRT');

    const actors = await fundedActors(session, `random-${seed}`, ACTORS);
    const actions = new RandomActions(session, dice, actors);
    const outcomes = new Map<string, number>();
    const count = (key: string): void => void outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

    for (let round = 0; round < ROUNDS; round += 1) {
      const snapshot = await ChainSnapshot.at(session.api);
      const now = (await session.bestNumber()) + 1;
      const signers = Array.from({ length: 1 + dice.below(3) }, () => dice.pick(actors));
      const chosen = actions.chooseRound(signers, snapshot, now);
      // Sent together: they land in one block or in neighbouring ones, in whatever order the pool takes them.
      await Promise.all(chosen.map(({ signer, tx }) => send(signer, tx).then(count)));
      if (dice.chance(0.25)) await session.advance(1 + dice.below(3));
      await checker.checkNewBlocks();
    }

    const summary = [...outcomes].sort(([a], [b]) => a.localeCompare(b));
    console.log(`      ${checker.blocksChecked} blocks checked, ${checker.totalBurned} planck burned`);
    console.log(summary.map(([k, n]) => `        ${k}: ${n}`).join('\n'));
    const succeeded = (call: string) => outcomes.get(`${call} ok`) ?? 0;
    // The traffic must have reached deep into the protocol, or the invariants were checked on too little.
    assert.ok(succeeded('market.closeAuction') > 0, 'some auction closed');
    assert.ok(succeeded('proofs.submitProof') > 0, 'some proof was submitted');
    assert.ok(checker.totalBurned > 0n);
  });

  async function send(signer: Actor, tx: Action['tx']): Promise<string> {
    const label = `${tx.method.section}.${tx.method.method}`;
    try {
      const outcome = await session.send(signer.pair, tx);
      return outcome.error === undefined ? `${label} ok` : `${label} ${outcome.error}`;
    } catch (error) {
      // Refused by the pool (an account that can no longer pay its fee): it never reaches a block.
      if (/1010|Invalid Transaction/i.test(String(error))) return `${label} refused by the pool`;
      throw error;
    }
  }
});
