/**
 * Signatures verified on worker threads: the verifier's answers, and a node with a worker answering pipelined
 * submissions exactly as a node verifying on its main thread does (hashes, and 1010 "bad signature" in order).
 */
import { strict as assert } from 'node:assert';
import type { ApiPromise } from '@polkadot/api';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import * as wasm from '@polkadot/wasm-crypto';
import type { SignatureCheck } from '../../runtime-bindings/seam.js';
import { SignatureVerifier } from '../../node/verify/signature-verifier.js';
import { startNode, type NodeProcess } from '../helpers/node-process.js';
import { RawRpc } from '../helpers/raw-rpc.js';
import { connectApi, devKeys, signedTransfer } from './clients.js';

/** The same extrinsic with the last byte of its signature changed. */
function tamperSignature(extrinsic: string, signatureHex: string): string {
  const flipped = signatureHex.slice(0, -2) + (signatureHex.endsWith('00') ? '01' : '00');
  const tampered = extrinsic.replace(signatureHex.slice(2), flipped.slice(2));
  assert.notEqual(tampered, extrinsic);
  return tampered;
}

describe('signature verification on worker threads', function () {
  this.timeout(60_000);

  it('answers each check of a batch, in order, and false for tampered ones', async () => {
    await wasm.waitReady();
    const pair = wasm.sr25519KeypairFromSeed(blake2AsU8a(stringToU8a('worker test key')));
    const [secret, publicKey] = [pair.slice(0, 64), pair.slice(64)];
    const payload = stringToU8a('a signed payload');
    const signature = wasm.sr25519Sign(publicKey, secret, payload);
    const good: SignatureCheck = {
      scheme: 'Sr25519',
      signer: u8aToHex(publicKey),
      signature: u8aToHex(signature),
      payload,
    };
    const wrongPayload: SignatureCheck = { ...good, payload: stringToU8a('another payload') };
    const edPair = wasm.ed25519KeypairFromSeed(blake2AsU8a(stringToU8a('worker ed25519 key')));
    const edGood: SignatureCheck = {
      scheme: 'Ed25519',
      signer: u8aToHex(edPair.slice(32)),
      signature: u8aToHex(wasm.ed25519Sign(edPair.slice(32), edPair.slice(0, 32), payload)),
      payload,
    };
    const verifier = await SignatureVerifier.start(2);
    try {
      const [first, second] = await Promise.all([
        verifier.verify([good, wrongPayload, edGood]),
        verifier.verify([wrongPayload, good, { ...edGood, scheme: 'Sr25519' }]),
      ]);
      assert.deepEqual(first, [true, false, true]);
      assert.deepEqual(second, [false, true, false]);
    } finally {
      await verifier.stop();
    }
  });

  describe('through a node', function () {
    let withWorker: NodeProcess;
    let mainThread: NodeProcess;
    let api: ApiPromise;

    before(async () => {
      [withWorker, mainThread] = await Promise.all([
        startNode({ prometheus: false, extraArgs: ['--verify-workers', '1'] }),
        startNode({ prometheus: false, extraArgs: ['--verify-workers', '0'] }),
      ]);
      api = await connectApi(withWorker.wsUrl);
    });
    after(async () => {
      await api?.disconnect();
      await Promise.all([withWorker?.stop(), mainThread?.stop()]);
    });

    it('says it verifies on a worker', async () => {
      await withWorker.waitForOutput(/Verifying transaction signatures on 1 worker thread/);
      assert.doesNotMatch(mainThread.output(), /Verifying transaction signatures on/);
    });

    it('answers pipelined submissions, bad signatures included, as the main-thread path does', async () => {
      const { alice, bob } = await devKeys();
      const amount = 10n ** 12n;
      const first = await signedTransfer(api, alice, bob.address, amount, 0);
      const second = await signedTransfer(api, alice, bob.address, amount, 1);
      const signatureOf = (hex: string): string => api.createType('Extrinsic', hex).signature.toHex();
      const badSecond = tamperSignature(second, signatureOf(second));
      const third = await signedTransfer(api, alice, bob.address, amount, 2);
      // Both dev chains share the genesis; immortal transactions are valid on either.
      const sequence = [first, badSecond, second, first, third];
      const answersOf = async (node: NodeProcess) => {
        const client = await RawRpc.connect(node.wsUrl);
        try {
          const replies = await Promise.all(sequence.map((x) => client.request('author_submitExtrinsic', [x])));
          return replies.map((reply) => reply.result ?? { code: reply.error.code, data: reply.error.data });
        } finally {
          client.close();
        }
      };
      const [viaWorker, viaMain] = await Promise.all([answersOf(withWorker), answersOf(mainThread)]);
      assert.deepEqual(viaWorker, viaMain);
      assert.equal(viaWorker[0], api.createType('Extrinsic', first).hash.toHex());
      assert.deepEqual(viaWorker[1], { code: 1010, data: 'Transaction has a bad signature' });
      assert.equal(viaWorker[2], api.createType('Extrinsic', second).hash.toHex());
      assert.equal((viaWorker[3] as { code: number }).code, 1013, 'a resubmission is already imported');
      assert.equal(viaWorker[4], api.createType('Extrinsic', third).hash.toHex());
    });
  });
});
