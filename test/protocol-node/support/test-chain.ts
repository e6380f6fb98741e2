/**
 * Test chains: the dev chain's accounts and supply with some protocol parameters overridden, written as a JSON
 * chain-spec file for `--chain` (chain-config's `devSpecFileJson`), e.g. forced errors with probability one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devSpecFileJson, type ProtocolOverridesJson } from '../../../chain-config/index.js';
import { ProtocolSession } from './session.js';

/** Opens a session on a node running a dev-like chain with `overrides` (amounts as decimal strings, shares in Perbill parts); the spec file goes when it closes. */
export async function openTestChain(id: string, overrides: ProtocolOverridesJson): Promise<ProtocolSession> {
  const dir = mkdtempSync(join(tmpdir(), 'veritrain-chain-'));
  const path = join(dir, `${id}.json`);
  writeFileSync(path, JSON.stringify(devSpecFileJson(id, overrides)));
  return ProtocolSession.open({ chainSpecPath: path, onClose: () => rmSync(dir, { recursive: true, force: true }) });
}
