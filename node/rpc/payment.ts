/** `payment_*`: fee estimates through the runtime's `TransactionPaymentApi`. */
import { Option, Struct, compactBn, u128, u8 } from '@polkadot-api/substrate-bindings';
import type { HexString } from '../../runtime-bindings/seam.js';
import { hexToBytes } from '../store/hex.js';
import { stateAt } from './blocks.js';
import { Hash, Hex, decodeParams, optional } from './params.js';
import { runtimeCall } from './state.js';
import type { Handler, RpcContext } from './types.js';

const dispatchInfo = Struct({
  weight: Struct({ refTime: compactBn, proofSize: compactBn }),
  class: u8,
  partialFee: u128,
});
const feeDetails = Struct({
  inclusionFee: Option(Struct({ baseFee: u128, lenFee: u128, adjustedWeightFee: u128 })),
  tip: u128,
});
const DISPATCH_CLASS = ['normal', 'operational', 'mandatory'];

/** Calls `method(extrinsic, len)` at the block, as the runtime API expects. */
async function queryRuntime(context: RpcContext, method: string, params: unknown[]): Promise<Uint8Array> {
  const [extrinsic, hash] = decodeParams(params, [Hex, optional(Hash)]);
  const bytes = hexToBytes(extrinsic as HexString);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bytes.length);
  const { reader, hash: at } = await stateAt(context, hash);
  return runtimeCall(context, reader, method, Buffer.concat([bytes, length]), at);
}

const hexAmount = (value: bigint): string => `0x${value.toString(16)}`;

export const payment_queryInfo: Handler = async (context, params) => {
  const info = dispatchInfo.dec(await queryRuntime(context, 'TransactionPaymentApi_query_info', params));
  return {
    weight: { refTime: Number(info.weight.refTime), proofSize: Number(info.weight.proofSize) },
    class: DISPATCH_CLASS[info.class] ?? 'normal',
    partialFee: info.partialFee.toString(),
  };
};

export const payment_queryFeeDetails: Handler = async (context, params) => {
  const details = feeDetails.dec(await queryRuntime(context, 'TransactionPaymentApi_query_fee_details', params));
  const fee = details.inclusionFee;
  return {
    inclusionFee: fee
      ? {
          baseFee: hexAmount(fee.baseFee),
          lenFee: hexAmount(fee.lenFee),
          adjustedWeightFee: hexAmount(fee.adjustedWeightFee),
        }
      : null,
  };
};
