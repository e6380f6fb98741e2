/** Distances between two training states, over all their tensors in order, computed in float64. */
import type { NamedTensor } from './checkpoint.js';

export interface Distances {
  l2: number;
  linf: number;
  /** 1 − cosine similarity (0 for identical directions). */
  cosine: number;
}

export function stateDistances(a: readonly NamedTensor[], b: readonly NamedTensor[]): Distances {
  let squares = 0;
  let linf = 0;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  a.forEach((ta, t) => {
    const va = ta.values;
    const vb = (b[t] as NamedTensor).values;
    for (let i = 0; i < va.length; i++) {
      const x = va[i] as number;
      const y = vb[i] as number;
      const d = x - y;
      squares += d * d;
      if (Math.abs(d) > linf) linf = Math.abs(d);
      dot += x * y;
      normA += x * x;
      normB += y * y;
    }
  });
  const denominator = Math.sqrt(normA) * Math.sqrt(normB);
  // Identical states are at distance 0 exactly (the float64 cosine of a vector with itself can be 1 − 2⁻⁵²).
  const cosine = squares === 0 ? 0 : denominator === 0 ? (normA === normB ? 0 : 1) : Math.max(0, 1 - dot / denominator);
  return { l2: Math.sqrt(squares), linf, cosine };
}
