/**
 * The one scalar definition of every operation the `repro` kernels compute. The kernels call these functions (or,
 * for the heavy reductions in the numeric core, repeat `accumulateStep` inline), and the referee recomputes a
 * single disputed step with the very same function, so both agree bit for bit by construction.
 *
 * Arithmetic model: JS numbers are float64; every operation that stands for a float32 operation is rounded with
 * `Math.fround` before it is used. Products and sums of two float32 values computed in float64 and then rounded
 * give the correctly rounded float32 result (53 ≥ 2·24 + 2), so this is exact IEEE float32 arithmetic, the same
 * on every engine. `Math.sqrt` and `Math.fround` are IEEE-exact; `Math.exp`/`Math.log` are not specified to the
 * last bit, so `expF32`/`logF32` below are built from + − × ÷ only.
 */
export const f32 = Math.fround;

/** The accumulation rule of every dot product, sum of products and convolution: acc ← f32(acc + f32(a·b)). */
export function accumulateStep(acc: number, a: number, b: number): number {
  return f32(acc + f32(a * b));
}

/** A plain running sum (bias gradients, loss): acc ← f32(acc + a). */
export function addStep(acc: number, a: number): number {
  return f32(acc + a);
}

/** Running maximum; the first maximum wins (strictly greater replaces), NaN never replaces. Starts at −∞. */
export function maxStep(acc: number, a: number): number {
  return a > acc ? a : acc;
}

export function reluScalar(x: number): number {
  return x > 0 ? x : 0;
}

/** Gradient of relu, taken from relu's output y (y > 0 exactly where x > 0). */
export function reluGradScalar(dy: number, y: number): number {
  return y > 0 ? dy : 0;
}

export function biasAddScalar(x: number, bias: number): number {
  return f32(x + bias);
}

/** w ← f32(w − f32(lr·g)); also momentum's parameter step with g = velocity. */
export function sgdScalar(w: number, g: number, learningRate: number): number {
  return f32(w - f32(learningRate * g));
}

/** v ← f32(f32(μ·v) + g). */
export function momentumVelocityScalar(v: number, g: number, momentum: number): number {
  return f32(f32(momentum * v) + g);
}

/** m ← f32(f32(β₁·m) + f32(f32(1−β₁)·g)). */
export function adamMoment1Scalar(m: number, g: number, beta1: number): number {
  return f32(f32(beta1 * m) + f32(f32(1 - beta1) * g));
}

/** v ← f32(f32(β₂·v) + f32(f32(1−β₂)·f32(g·g))). */
export function adamMoment2Scalar(v: number, g: number, beta2: number): number {
  return f32(f32(beta2 * v) + f32(f32(1 - beta2) * f32(g * g)));
}

/** w ← f32(w − f32(αₜ · f32(m / f32(√v + ε)))), with αₜ from `adamStepSize`. */
export function adamParamScalar(w: number, m: number, v: number, stepSize: number, epsilon: number): number {
  return f32(w - f32(stepSize * f32(m / f32(f32(Math.sqrt(v)) + epsilon))));
}

/**
 * Adam's bias-corrected step size for 1-based step t: αₜ = f32(lr · f32(√f32(1−β₂ᵗ) / f32(1−β₁ᵗ))), where the
 * powers are repeated float32 products (not Math.pow, whose last bit is engine-defined).
 */
export function adamStepSize(learningRate: number, beta1: number, beta2: number, step: number): number {
  let p1 = 1;
  let p2 = 1;
  for (let i = 0; i < step; i++) {
    p1 = f32(p1 * beta1);
    p2 = f32(p2 * beta2);
  }
  return f32(learningRate * f32(f32(Math.sqrt(f32(1 - p2))) / f32(1 - p1)));
}

/** One term of a softmax denominator: acc ← f32(acc + expF32(f32(x − rowMax))). */
export function expSumStep(acc: number, x: number, rowMax: number): number {
  return f32(acc + expF32(f32(x - rowMax)));
}

/** A softmax probability from its row's maximum and denominator: f32(expF32(f32(x − rowMax)) / sum). */
export function softmaxScalar(x: number, rowMax: number, sum: number): number {
  return f32(expF32(f32(x - rowMax)) / sum);
}

/** Gradient of the mean cross-entropy w.r.t. a logit: f32(f32(p − [class = label]) / batch). */
export function crossEntropyGradScalar(p: number, isLabel: boolean, batch: number): number {
  return f32(f32(p - (isLabel ? 1 : 0)) / batch);
}

/** One term of the summed negative log-likelihood: acc ← f32(acc − logF32(p)). */
export function nllStep(acc: number, p: number): number {
  return f32(acc - logF32(p));
}

export function divideScalar(a: number, b: number): number {
  return f32(a / b);
}

const LN2_HI = 0.6931471803691238; // high bits of ln 2 (exactly representable, 32 significant bits)
const LN2_LO = 1.9082149292705877e-10; // ln 2 − LN2_HI
const INV_LN2 = 1.4426950408889634;
const scratch = new DataView(new ArrayBuffer(8));

/** 2ᵏ for an integer k in [−1022, 1023], built from the exponent bits (exact, unlike a library pow). */
function powerOfTwo(k: number): number {
  scratch.setUint32(0, (k + 1023) << 20);
  scratch.setUint32(4, 0);
  return scratch.getFloat64(0);
}

/**
 * eˣ rounded to float32, from + − × ÷ only: k = round(x/ln2), r = x − k·ln2 (two-part constant, |r| ≤ 0.35),
 * eʳ by its Taylor series to degree 12 in Horner form (error far below float32's half-ulp), then scaled by 2ᵏ.
 */
export function expF32(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 89) return Infinity;
  if (x < -104) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  let p = 1;
  for (let n = 12; n >= 1; n--) p = 1 + (r / n) * p;
  // Split the scale so that subnormal float32 results (k down to −150) stay exact in float64.
  const half = k >> 1;
  return f32(p * powerOfTwo(half) * powerOfTwo(k - half));
}

/**
 * ln x rounded to float32, from + − × ÷ only: x = m·2ᵉ with m in [√½, √2) (exponent read from the bits),
 * ln m = 2·atanh(z) with z = (m−1)/(m+1), |z| ≤ 0.172, summed to z²¹, plus e·ln2.
 */
export function logF32(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  scratch.setFloat64(0, x);
  let e = ((scratch.getUint32(0) >>> 20) & 0x7ff) - 1023;
  let m = x / powerOfTwo(e);
  if (e === -1023) {
    // float64 subnormal: cannot come from a float32 input, but keep the function total.
    m = x * powerOfTwo(1000);
    scratch.setFloat64(0, m);
    e = ((scratch.getUint32(0) >>> 20) & 0x7ff) - 1023;
    m = m / powerOfTwo(e);
    e -= 1000;
  }
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  const z = (m - 1) / (m + 1);
  const z2 = z * z;
  let series = 0;
  for (let n = 21; n >= 1; n -= 2) series = 1 / n + z2 * series;
  return f32(2 * z * series + e * LN2_HI + e * LN2_LO);
}
