/**
 * The polkadot.js extension's signing path: the dApp hands the wallet a `SignerPayloadJSON`, the wallet signs it
 * with a fresh registry that knows only the payload's signed extensions, and the transaction must finalize.
 */
import { strict as assert } from 'node:assert';
// Types only: decorates api.query/tx/consts with the standard FRAME pallets' TypeScript types (no runtime effect).
import '@polkadot/api-augment';
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { IExtrinsicEra } from '@polkadot/types/types';
import { startCompatNode, type CompatNode } from './support/dev-node.js';
import { devKeys, VRT, type DevKeys } from '../helpers/dev-keys.js';
import { ExtensionLikeSigner } from './support/extension-signer.js';
import { eventNames, signAndFinalize } from './support/submit.js';

/** The standard extensions the extension signs without extra configuration (DESIGN.md §5). */
const STANDARD_EXTENSIONS = new Set([
  'CheckNonZeroSender',
  'CheckSpecVersion',
  'CheckTxVersion',
  'CheckGenesis',
  'CheckMortality',
  'CheckNonce',
  'CheckWeight',
  'ChargeTransactionPayment',
  'CheckMetadataHash',
]);

describe('compat: the polkadot.js extension signing path', function () {
  let node: CompatNode;
  let api: ApiPromise;
  let keys: DevKeys;
  let wallet: ExtensionLikeSigner;

  before(async function () {
    keys = await devKeys();
    node = await startCompatNode();
    api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl), noInitWarn: true, throwOnConnect: true });
    wallet = new ExtensionLikeSigner(new Map([[keys.bob.address, keys.bob]]));
  });

  after(async function () {
    await api?.disconnect();
    await node?.stop();
  });

  it('uses only signed extensions a fresh registry knows', function () {
    const declared = api.registry.signedExtensions;
    assert.ok(declared.length > 0);
    for (const name of declared) assert.ok(STANDARD_EXTENSIONS.has(name), `${name} is a standard extension`);
  });

  it('finalizes a transfer signed from the SignerPayloadJSON alone (mortal era)', async function () {
    const amount = 7n * VRT;
    const charlieBefore = (await api.query.system.account(keys.charlie.address)).data.free.toBigInt();
    const tx = api.tx.balances.transferKeepAlive(keys.charlie.address, amount);

    const outcome = await signAndFinalize(tx, keys.bob.address, { signer: wallet });

    assert.equal(wallet.signedPayloads.length, 1, 'the wallet was asked once');
    const payload = wallet.signedPayloads[0];
    assert.equal(payload.genesisHash, api.genesisHash.toHex());
    assert.deepEqual(payload.signedExtensions, api.registry.signedExtensions);
    assert.notEqual(payload.era, '0x00', 'the dApp asked for a mortal era, whose checkpoint the node must recognise');
    assert.ok(outcome.statuses.includes('InBlock') && outcome.statuses.includes('Finalized'));
    assert.ok(eventNames(outcome.events).includes('system.ExtrinsicSuccess'));
    const charlieAfter = (await api.query.system.account(keys.charlie.address)).data.free.toBigInt();
    assert.equal(charlieAfter - charlieBefore, amount);
  });

  it('finalizes an immortal transaction with a tip signed the same way', async function () {
    const tx = api.tx.system.remarkWithEvent('0x' + Buffer.from('signed by the wallet').toString('hex'));
    // `era: 0` is @polkadot/api's documented way to ask for an immortal transaction; its typings only admit an Era.
    const immortal = 0 as unknown as IExtrinsicEra;
    const outcome = await signAndFinalize(tx, keys.bob.address, { signer: wallet, era: immortal, tip: 1_000_000n });
    const payload = wallet.signedPayloads.at(-1);
    assert.equal(payload?.era, '0x00');
    assert.ok(BigInt(payload?.tip ?? 0) === 1_000_000n, 'the tip is part of what the wallet signed');
    assert.ok(eventNames(outcome.events).includes('system.Remarked'), eventNames(outcome.events).join(', '));
  });
});
