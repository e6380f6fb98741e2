/**
 * Unmodified @polkadot/api 16, no custom types, against a real node process over WebSocket: what every dApp and the
 * off-chain workers rely on.
 */
import { strict as assert } from 'node:assert';
// Types only: decorates api.query/tx/consts with the standard FRAME pallets' TypeScript types (no runtime effect).
import '@polkadot/api-augment';
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { Header } from '@polkadot/types/interfaces';
import { startCompatNode, type CompatNode } from './support/dev-node.js';
import { devKeys, VRT, type DevKeys } from '../helpers/dev-keys.js';
import { eventNames, feePaid, signAndFinalize } from './support/submit.js';

/** DESIGN.md §2: the fixed supply, in planck. */
const GENESIS_ISSUANCE = 1_232_922_769n * VRT;

describe('compat: @polkadot/api 16 without custom types', function () {
  let node: CompatNode;
  let api: ApiPromise;
  let keys: DevKeys;

  before(async function () {
    keys = await devKeys();
    node = await startCompatNode();
    api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true, throwOnConnect: true });
  });

  after(async function () {
    await api?.disconnect();
    await node?.stop();
  });

  it('initialises with the chain identity the node declares', async function () {
    const genesis = await api.rpc.chain.getBlockHash(0);
    assert.equal(api.genesisHash.toHex(), genesis.toHex());
    assert.equal(api.registry.chainSS58, 42);
    assert.deepEqual(api.registry.chainDecimals, [12]);
    assert.deepEqual(api.registry.chainTokens, ['VRT']);
    assert.ok(api.tx.balances.transferKeepAlive, 'balances.transferKeepAlive is decorated from the metadata');
    assert.equal(api.runtimeVersion.specName.toString(), api.consts.system.version.specName.toString());
  });

  it('exposes constants decoded from the metadata', function () {
    const ed = api.consts.balances.existentialDeposit.toBigInt();
    assert.ok(ed > 0n, 'existential deposit is positive');
    const version = api.consts.system.version;
    assert.equal(version.specVersion.toNumber(), api.runtimeVersion.specVersion.toNumber());
    assert.equal(version.transactionVersion.toNumber(), api.runtimeVersion.transactionVersion.toNumber());
  });

  it('reads accounts one by one and with .entries(), matching the total issuance at genesis', async function () {
    const alice = await api.query.system.account(keys.alice.address);
    assert.ok(alice.data.free.toBigInt() > 0n, 'Alice is endowed');

    const genesisHash = await api.rpc.chain.getBlockHash(0);
    const atGenesis = await api.at(genesisHash);
    const entries = await atGenesis.query.system.account.entries();
    const holders = new Set(entries.map(([key]) => key.args[0].toString()));
    for (const name of ['alice', 'bob', 'charlie', 'dave'] as const) {
      assert.ok(holders.has(keys[name].address), `${name} is among the genesis accounts`);
    }
    const held = entries.reduce((sum, [, info]) => sum + info.data.free.toBigInt() + info.data.reserved.toBigInt(), 0n);
    const issuance = (await atGenesis.query.balances.totalIssuance()).toBigInt();
    assert.equal(issuance, GENESIS_ISSUANCE);
    assert.equal(held, issuance, 'every genesis unit is held by some account');
  });

  it('transfers with transferKeepAlive: InBlock then Finalized, the right events, fee as paymentInfo said, past state still readable', async function () {
    const amount = 12_345n * VRT;
    const before = await api.rpc.chain.getFinalizedHead();
    const bobBefore = (await api.query.system.account(keys.bob.address)).data.free.toBigInt();
    const charlieBefore = (await api.query.system.account(keys.charlie.address)).data.free.toBigInt();
    const nonceBefore = (await api.rpc.system.accountNextIndex(keys.bob.address)).toNumber();

    // Subscriptions opened before the transfer must see it: a new head, and the transfer in System.Events.
    const heads: Header[] = [];
    const seenEvents: string[] = [];
    const stopHeads = await api.rpc.chain.subscribeNewHeads((header) => {
      heads.push(header);
    });
    const stopEvents = await api.query.system.events((records) => {
      for (const { event } of records) seenEvents.push(`${event.section}.${event.method}`);
    });

    const tx = api.tx.balances.transferKeepAlive(keys.charlie.address, amount);
    const info = await tx.paymentInfo(keys.bob);
    assert.ok(info.partialFee.toBigInt() > 0n, 'paymentInfo quotes a fee');
    assert.ok(info.weight.refTime.toBigInt() > 0n, 'paymentInfo quotes a weight');

    const outcome = await signAndFinalize(tx, keys.bob);
    stopHeads();
    stopEvents();

    const inBlock = outcome.statuses.indexOf('InBlock');
    assert.ok(inBlock >= 0, `InBlock reported (statuses: ${outcome.statuses.join(', ')})`);
    assert.ok(inBlock < outcome.statuses.indexOf('Finalized'), 'InBlock comes before Finalized');
    assert.equal(outcome.finalizedHash, outcome.inBlockHash, 'instant finality finalizes the block it was put in');
    assert.equal(outcome.dispatchError, undefined);
    const names = eventNames(outcome.events);
    assert.ok(names.includes('balances.Transfer'), `Balances.Transfer among ${names.join(', ')}`);
    assert.ok(names.includes('system.ExtrinsicSuccess'), `System.ExtrinsicSuccess among ${names.join(', ')}`);
    const transfer = outcome.events.find(({ event }) => api.events.balances.Transfer.is(event));
    assert.ok(transfer && api.events.balances.Transfer.is(transfer.event));
    assert.equal(transfer.event.data.from.toString(), keys.bob.address);
    assert.equal(transfer.event.data.to.toString(), keys.charlie.address);
    assert.equal(transfer.event.data.amount.toBigInt(), amount);

    const bobAfter = (await api.query.system.account(keys.bob.address)).data.free.toBigInt();
    const charlieAfter = (await api.query.system.account(keys.charlie.address)).data.free.toBigInt();
    assert.equal(charlieAfter - charlieBefore, amount);
    // As on Substrate, the quote is an upper bound: unused weight is refunded after dispatch.
    const fee = feePaid(outcome.events);
    assert.ok(
      fee > 0n && fee <= info.partialFee.toBigInt(),
      `fee paid ${fee} is within the quote ${info.partialFee.toBigInt()}`,
    );
    assert.equal(bobBefore - bobAfter, amount + fee, 'Bob paid the amount plus the fee');
    assert.equal((await api.rpc.system.accountNextIndex(keys.bob.address)).toNumber(), nonceBefore + 1);

    const past = await api.at(before);
    const bobPast = (await past.query.system.account(keys.bob.address)).data.free.toBigInt();
    assert.equal(bobPast, bobBefore, 'api.at(oldHash) reads the state before the transfer');

    const blockNumber = (await api.rpc.chain.getHeader(outcome.inBlockHash)).number.toNumber();
    assert.ok(
      heads.some((h) => h.number.toNumber() === blockNumber),
      `subscribeNewHeads saw block #${blockNumber} (saw ${heads.map((h) => h.number.toNumber()).join(', ')})`,
    );
    assert.ok(seenEvents.includes('balances.Transfer'), 'the System.Events subscription saw the transfer');
  });

  it('reports a failed dispatch as System.ExtrinsicFailed whose error decodes to the pallet error and its docs', async function () {
    const dave = (await api.query.system.account(keys.dave.address)).data.free.toBigInt();
    const eveBefore = (await api.query.system.account(keys.keyring.addFromUri('//Eve').address)).data.free.toBigInt();
    const tx = api.tx.balances.transferAllowDeath(keys.keyring.addFromUri('//Eve').address, dave * 2n);
    const quote = (await tx.paymentInfo(keys.dave)).partialFee.toBigInt();

    const outcome = await signAndFinalize(tx, keys.dave);
    const fee = feePaid(outcome.events);
    assert.ok(fee > 0n && fee <= quote, `fee paid ${fee} is within the quote ${quote}`);

    assert.ok(eventNames(outcome.events).includes('system.ExtrinsicFailed'));
    assert.ok(outcome.dispatchError?.isModule, 'a module error');
    const meta = api.registry.findMetaError(outcome.dispatchError.asModule);
    assert.equal(meta.section, 'balances');
    assert.ok(
      ['InsufficientBalance', 'FundsUnavailable'].includes(meta.name),
      `the error names the missing funds (got ${meta.name})`,
    );
    assert.ok(meta.docs.join(' ').trim().length > 0, 'the error carries its docs');
    const daveAfter = (await api.query.system.account(keys.dave.address)).data.free.toBigInt();
    const eveAfter = (await api.query.system.account(keys.keyring.addFromUri('//Eve').address)).data.free.toBigInt();
    assert.equal(dave - daveAfter, fee, 'the failed call cost only its fee');
    assert.equal(eveAfter, eveBefore, 'the failed transfer moved nothing');
  });

  it('reports keep-alive below the existential deposit as a decodable pallet error', async function () {
    const free = (await api.query.system.account(keys.alice.address)).data.free.toBigInt();
    const outcome = await signAndFinalize(api.tx.balances.transferKeepAlive(keys.bob.address, free), keys.alice);
    assert.ok(outcome.dispatchError?.isModule, 'a module error');
    const meta = api.registry.findMetaError(outcome.dispatchError.asModule);
    assert.equal(meta.section, 'balances');
    assert.ok(
      ['KeepAlive', 'InsufficientBalance', 'FundsUnavailable', 'Expendability'].includes(meta.name),
      `the error says the account would die or lacks funds (got ${meta.name})`,
    );
  });
});
