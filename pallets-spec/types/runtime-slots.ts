/** Types only the assembled runtime knows, referenced by pallets (see `slot` in dsl.ts). */
import { slot } from './dsl.js';

/** `<runtime>::RuntimeEvent`, `{ type: pallet, value: { type: event, value: fields } }`. */
export const RuntimeEvent = slot<{ type: string; value: { type: string; value: unknown } }>('RuntimeEvent');
/** `<runtime>::RuntimeCall`, `{ type: pallet, value: { type: call, value: args } }`. */
export const RuntimeCall = slot<{ type: string; value: { type: string; value: unknown } }>('RuntimeCall');
