/** The dev chain's well-known keys, as every Substrate dev tool derives them; shared by test/node and test/compat. */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export interface DevKeys {
  alice: KeyringPair;
  bob: KeyringPair;
  charlie: KeyringPair;
  dave: KeyringPair;
  /** Never endowed at genesis: for "cannot pay the fee" cases. */
  pauper: KeyringPair;
  keyring: Keyring;
}

export async function devKeys(): Promise<DevKeys> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return {
    alice: keyring.addFromUri('//Alice'),
    bob: keyring.addFromUri('//Bob'),
    charlie: keyring.addFromUri('//Charlie'),
    dave: keyring.addFromUri('//Dave'),
    pauper: keyring.addFromUri('//VeritrainPauper'),
    keyring,
  };
}

/** 1 VRT in planck (12 decimals). */
export const VRT = 10n ** 12n;
