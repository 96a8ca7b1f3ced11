// Sampling moments of a study's base estimates: values, and a block-diagonal covariance (one block
// per independent questionnaire). Derived figures are functions of base estimates; their variance
// is gᵀVg with g the gradient (exact for sums, the delta method for ratios), their degrees of
// freedom the Welch–Satterthwaite combination of the blocks' design df (Satterthwaite 1946).
import { internalError } from '../../locale/errorText.ts';

export interface Block {
  /** Global indices of the base estimates in this block. */
  indices: number[];
  /** Covariance, k×k row-major (k = indices.length). */
  V: Float64Array;
  /** Design degrees of freedom of the questionnaire. */
  df: number;
}

/** A linear form over base estimates: index → coefficient. */
export type Gradient = Map<number, number>;

export class Moments {
  readonly names: string[] = [];
  readonly values: number[] = [];
  readonly blocks: Block[] = [];

  /** Add an independent block of estimates; returns their global indices. */
  addBlock(names: string[], values: ArrayLike<number>, V: Float64Array, df: number): number[] {
    const indices = names.map((name, k) => {
      this.names.push(name);
      this.values.push(values[k]);
      return this.values.length - 1;
    });
    if (V.length !== names.length * names.length) throw internalError(`internal: covariance of ${names.length} estimates has ${V.length} entries`);
    this.blocks.push({ indices, V, df });
    return indices;
  }

  /**
   * Variance gᵀVg and Satterthwaite df = (Σ_b v_b)² / Σ_b v_b²/df_b over blocks b.
   * Example: two independent estimates with variances 4 and 9, df 10 and 20, g = (1, 1) → variance 13,
   * df = 169 / (16/10 + 81/20) = 29.9.
   */
  variance(g: Gradient): { variance: number; df: number } {
    let total = 0;
    let denom = 0;
    for (const b of this.blocks) {
      const k = b.indices.length;
      let v = 0;
      for (let r = 0; r < k; r++) {
        const gr = g.get(b.indices[r]);
        if (!gr) continue;
        for (let c = 0; c < k; c++) {
          const gc = g.get(b.indices[c]);
          if (gc) v += gr * gc * b.V[r * k + c];
        }
      }
      total += v;
      if (v > 0) denom += (v * v) / b.df;
    }
    return { variance: total, df: denom > 0 ? (total * total) / denom : Infinity };
  }
}

/** g = a·ga + b·gb. */
export function combine(terms: [number, Gradient][]): Gradient {
  const out: Gradient = new Map();
  for (const [a, g] of terms) for (const [i, c] of g) out.set(i, (out.get(i) ?? 0) + a * c);
  return out;
}

/** Gradient of a base estimate itself. */
export function unit(index: number): Gradient {
  return new Map([[index, 1]]);
}

/** Gradient of x/y by the delta method: (1/y)·gx − (x/y²)·gy. */
export function ratioGradient(x: number, gx: Gradient, y: number, gy: Gradient): Gradient {
  return combine([
    [1 / y, gx],
    [-x / (y * y), gy],
  ]);
}
