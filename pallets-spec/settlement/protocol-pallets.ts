/** The protocol pallets of issue 4, for the runtime's pallet list (runtime-bindings/construct.ts). */
import type { Pallet } from '../framework/pallet.js';
import { Roles } from '../roles/index.js';
import { Tasks } from '../tasks/index.js';
import { Market } from '../market/index.js';
import { Proofs } from '../proofs/index.js';
import { Verification } from '../verification/index.js';
import { Disputes } from '../disputes/index.js';
import { Settlement } from './index.js';

export const PROTOCOL_PALLETS: readonly Pallet[] = [Roles, Tasks, Market, Proofs, Verification, Disputes, Settlement];
