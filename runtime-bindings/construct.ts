/**
 * The runtime's pallets (Substrate's `construct_runtime!`) and the outer enums assembled from them:
 * `RuntimeCall`, `RuntimeEvent`, `RuntimeError`. Binding the type slots here is what lets pallets refer to
 * `T::RuntimeEvent` / `T::RuntimeCall` without knowing the other pallets.
 */
import { enumType, type AnyType, type VariantSpec } from '../pallets-spec/types/dsl.js';
import { RuntimeCall, RuntimeEvent } from '../pallets-spec/types/runtime-slots.js';
import type { Pallet } from '../pallets-spec/framework/pallet.js';
import { System } from '../pallets-spec/system/index.js';
import { Timestamp } from '../pallets-spec/timestamp/index.js';
import { Balances } from '../pallets-spec/balances/index.js';
import { TransactionPayment } from '../pallets-spec/transaction-payment/index.js';
import { PROTOCOL_PALLETS } from '../pallets-spec/settlement/protocol-pallets.js';

/** Every pallet of the runtime, by ascending index. New pallets (issue 4) are added here. */
export const PALLETS: readonly Pallet[] = [System, Timestamp, Balances, TransactionPayment, ...PROTOCOL_PALLETS].sort(
  (a, b) => a.header.index - b.header.index,
);

const RUNTIME_CRATE = 'veritrain_runtime';

function checkIndices(pallets: readonly Pallet[]): void {
  const seen = new Map<number, string>();
  for (const p of pallets) {
    const other = seen.get(p.header.index);
    if (other) throw new Error(`pallets ${other} and ${p.header.name} share index ${p.header.index}`);
    seen.set(p.header.index, p.header.name);
  }
}

function outerEnum(name: string, pick: (p: Pallet) => AnyType | undefined): AnyType {
  const variants: Record<string, VariantSpec> = {};
  for (const p of PALLETS) {
    const t = pick(p);
    if (t)
      variants[p.header.name] = {
        index: p.header.index,
        value: { type: t, typeName: `${p.header.crate}::${name}<Runtime>` },
      };
  }
  return enumType([RUNTIME_CRATE, name], variants);
}

checkIndices(PALLETS);
export const RuntimeCallType = outerEnum('RuntimeCall', (p) => p.callType);
export const RuntimeEventType = outerEnum('RuntimeEvent', (p) => p.eventType);
export const RuntimeErrorType = outerEnum('RuntimeError', (p) => p.errorType);
RuntimeCall.bind(RuntimeCallType);
RuntimeEvent.bind(RuntimeEventType);

export const palletByName = new Map(PALLETS.map((p) => [p.header.name, p]));
