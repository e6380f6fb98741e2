/**
 * Chain specs: `dev` (Development: //Alice … //Ferdie endowed, Alice authors), `local` (Local testnet, same
 * accounts), or a JSON file (spec-file.ts). Genesis holds exactly 1,232,922,769 VRT (genesis.ts).
 */
import { readFileSync } from 'node:fs';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { Keyring } from '@polkadot/keyring';
import type { HexString } from '@polkadot/util/types';
import type { ChainSpec, StorageChanges } from '../runtime-bindings/index.js';
import { buildGenesis, splitSupply } from './genesis.js';
import { withCommitment } from '../runtime-bindings/state-root.js';
import { ChainSpecError, decodeSpecFile, type ChainSpecFile } from './spec-file.js';
import { devProtocolParams, useProtocolParams } from './protocol-params.js';
import { type ProtocolOverridesJson, withOverrides } from './protocol-overrides.js';
import { PERBILL_ONE } from '../pallets-spec/settlement/shares.js';
import { TOKEN } from '../pallets-spec/balances/declaration.js';

export { TOTAL_ISSUANCE, GenesisError, buildGenesis, splitSupply, CODE_KEY } from './genesis.js';
export { ChainSpecError } from './spec-file.js';
export { type ProtocolOverrides, type ProtocolOverridesJson } from './protocol-overrides.js';

/**
 * A JSON chain spec like `dev` (same accounts, same supply split) with protocol parameter overrides: how a test
 * or a private devnet runs with other windows, stakes or probabilities. Load it with `--chain <file>`.
 */
export function devSpecFileJson(id: string, overrides: ProtocolOverridesJson): unknown {
  const accounts = DEV_SEEDS.map((s) => u8aToHex(pairOf(s).publicKey));
  return {
    name: `Development (${id})`,
    id,
    chainType: 'Development',
    properties: { ...PROPERTIES },
    devSeeds: [...DEV_SEEDS],
    genesis: { balances: splitSupply(accounts).map(([who, amount]) => [who, amount.toString()]) },
    protocolParams: overrides,
  };
}

export const DEV_SEEDS = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'];
export const PROPERTIES = { ss58Format: 42, tokenDecimals: TOKEN.decimals, tokenSymbol: TOKEN.symbol };

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const pairOf = (seed: string) => keyring.addFromUri(seed);

function devLike(name: string, id: string, chainType: 'Development' | 'Local'): ChainSpec {
  useProtocolParams(devProtocolParams);
  const accounts = DEV_SEEDS.map((s) => u8aToHex(pairOf(s).publicKey));
  return {
    name,
    id,
    chainType,
    properties: { ...PROPERTIES },
    defaultAuthor: pairOf('//Alice').address,
    devSeeds: [...DEV_SEEDS],
    genesisStorage: buildGenesis(splitSupply(accounts)),
  };
}

/** Sets this process's protocol parameters from a spec file, before its genesis (which names the runtime) is built. */
function applyProtocolParams(file: ChainSpecFile): void {
  const params = withOverrides(devProtocolParams, file.protocolParams ?? {});
  if (params.slashing.burnShare.perbill + params.slashing.jackpotShare.perbill > PERBILL_ONE)
    throw new ChainSpecError('protocolParams.slashing: burnShare + jackpotShare exceed 1,000,000,000 parts');
  useProtocolParams(params);
}

function fromFile(file: ChainSpecFile): ChainSpec {
  applyProtocolParams(file);
  let genesisStorage: StorageChanges;
  if ('raw' in file.genesis) {
    genesisStorage = new Map();
    for (const [k, v] of Object.entries(file.genesis.raw.top)) {
      if (!/^0x([0-9a-fA-F]{2})*$/.test(k))
        throw new ChainSpecError(`genesis.raw.top: key ${k} is not 0x-prefixed hex bytes`);
      genesisStorage.set(k.toLowerCase() as HexString, hexToU8a(v));
    }
    withCommitment(genesisStorage);
  } else {
    genesisStorage = buildGenesis(file.genesis.balances);
  }
  const devSeeds = file.devSeeds ?? [];
  return {
    name: file.name,
    id: file.id,
    chainType: file.chainType,
    properties: file.properties ?? { ...PROPERTIES },
    defaultAuthor: file.defaultAuthor ?? (devSeeds[0] ? pairOf(devSeeds[0]).address : ''),
    devSeeds,
    genesisStorage,
  };
}

/** Loads `dev`, `local`, or a JSON chain-spec file; throws `ChainSpecError` with a readable message. */
export function loadChainSpec(nameOrPath: string): ChainSpec {
  if (nameOrPath === 'dev') return devLike('Development', 'dev', 'Development');
  if (nameOrPath === 'local') return devLike('Local Testnet', 'local_testnet', 'Local');
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (e) {
    throw new ChainSpecError(
      `chain spec "${nameOrPath}" is neither dev, local nor a readable file: ${(e as Error).message}`,
      { cause: e },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ChainSpecError(`chain spec ${nameOrPath} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  return fromFile(decodeSpecFile(json, nameOrPath));
}

/** A spec as a JSON-serialisable raw chain spec (`build-spec --raw`), loadable by `loadChainSpec`. */
export function chainSpecToJson(spec: ChainSpec): ChainSpecFile {
  const top: Record<string, HexString> = {};
  for (const [k, v] of [...spec.genesisStorage].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (v) top[k] = u8aToHex(v);
  return {
    name: spec.name,
    id: spec.id,
    chainType: spec.chainType,
    properties: spec.properties,
    defaultAuthor: spec.defaultAuthor,
    devSeeds: spec.devSeeds,
    genesis: { raw: { top } },
  };
}
