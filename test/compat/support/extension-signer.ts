/**
 * A faithful stand-in for the polkadot.js browser extension's signing path, so the compat suite signs exactly the
 * way a user's wallet would.
 *
 * What the extension does (extension-base `handlers/Extension.ts` `signingApprovePassword` and
 * `RequestExtrinsicSign.sign`): it receives only the dApp's `SignerPayloadJSON`, builds a *fresh* `TypeRegistry`
 * (it knows nothing of our metadata unless the user imported it, which we model as "not imported"), tells it the
 * payload's signed extensions, decodes the payload as `ExtrinsicPayload` at the payload's version and signs it with
 * the keyring pair. The page-side injected signer then answers `{ id, signature }` with a counter id. If our chain
 * needed any extension or type the default registry does not know, this path would produce a wrong signature, which
 * is exactly what the test is there to catch.
 */
import { TypeRegistry } from '@polkadot/types';
import type { Signer, SignerResult } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SignerPayloadJSON } from '@polkadot/types/types';

export class ExtensionLikeSigner implements Signer {
  private nextId = 0;
  /** Every payload the "wallet" was asked to sign, for assertions. */
  readonly signedPayloads: SignerPayloadJSON[] = [];

  constructor(private readonly pairsByAddress: ReadonlyMap<string, KeyringPair>) {}

  async signPayload(payload: SignerPayloadJSON): Promise<SignerResult> {
    const pair = this.pairsByAddress.get(payload.address);
    if (pair === undefined) throw new Error(`the wallet holds no key for ${payload.address}`);
    const registry = new TypeRegistry();
    registry.setSignedExtensions(payload.signedExtensions);
    const { signature } = registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(pair);
    this.signedPayloads.push(payload);
    this.nextId += 1;
    return { id: this.nextId, signature };
  }
}
