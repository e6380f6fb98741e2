/**
 * Verification worker: checks batches of transaction signatures with @polkadot/wasm-crypto on its own thread and
 * answers one boolean per check. It judges nothing: the main thread passes only the positive answers to the
 * runtime, which verifies everything else itself.
 */
import { parentPort } from 'node:worker_threads';
import { blake2b, ed25519Verify, secp256k1Recover, sr25519Verify, waitReady } from '@polkadot/wasm-crypto';
import type { SignatureCheck } from '../../runtime-bindings/seam.js';
import { bytesToHex, hexToBytes } from '../store/hex.js';
import type { VerifyRequest, VerifyResponse } from './signature-verifier.js';

await waitReady();

const EMPTY_KEY = new Uint8Array();

function verify(check: SignatureCheck): boolean {
  try {
    const signature = hexToBytes(check.signature);
    switch (check.scheme) {
      case 'Sr25519':
        return sr25519Verify(signature, check.payload, hexToBytes(check.signer));
      case 'Ed25519':
        return ed25519Verify(signature, check.payload, hexToBytes(check.signer));
      case 'Ecdsa': {
        // The account id is blake2-256 of the compressed public key recovered from the signature.
        const v = signature[64]!;
        const recovered = secp256k1Recover(
          blake2b(check.payload, EMPTY_KEY, 32),
          signature.subarray(0, 64),
          v >= 27 ? v - 27 : v,
        );
        return bytesToHex(blake2b(recovered, EMPTY_KEY, 32)) === check.signer;
      }
    }
  } catch {
    return false;
  }
}

parentPort!.on('message', (request: VerifyRequest) => {
  const response: VerifyResponse = { id: request.id, valid: request.checks.map(verify) };
  parentPort!.postMessage(response);
});
parentPort!.postMessage('ready');
