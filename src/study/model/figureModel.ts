// The study's figures as one model, built once per run from the figure definitions: evaluated at
// the central inputs for the point estimates, at drawn inputs for the Monte Carlo, tornado and
// switching values, and differentiated (chain rule over the definitions' partials) for the
// sampling error of the point estimates.
import type { FigureContext, FigureFamily, FigureItem } from './figures/definition.ts';
import type { ModelInputs, ModelParameter } from './modelInputs.ts';
import type { NormalGroup } from '../uncertainty/monteCarlo.ts';
import { combine, unit, type Gradient } from './moments.ts';
import { LocalizedError } from '../../locale/errorText.ts';
import { sequence } from '../../survey/index.ts';

export interface FigureModel {
  /** Every figure, in an order where each comes after the figures it is computed from. */
  items: FigureItem[];
  parameters: ModelParameter[];
  /** Central parameter values, in the order of `parameters`. */
  central: Float64Array;
  normalGroups: NormalGroup[];
  /** Ids of the figures that move with a parameter (gross, then net.*): the Monte Carlo's outputs. */
  outputs: string[];
  /** Every figure's value at the central inputs. */
  values: Map<string, number>;
  /** Gradient over the survey estimates (Moments indices) of each figure with sampling error. */
  gradients: Map<string, Gradient>;
  /** The outputs at parameter values x (same order as `parameters`). */
  evaluate(x: Float64Array): Record<string, number>;
  /** The outputs written into y in the order of `outputs` (no allocation: for Monte Carlo). */
  evaluateInto(x: Float64Array, y: Float64Array): void;
}

/**
 * figureModel(families, ctx, inputs) → FigureModel. Fails when two definitions give the same id,
 * when a figure reads a figure or an input that does not exist, or on a cycle among figures.
 */
export function figureModel(families: readonly FigureFamily[], ctx: FigureContext, { parameters, inputs, normalGroups }: ModelInputs): FigureModel {
  const listed = families.flatMap((f) => f.items(ctx));
  const byId = new Map<string, FigureItem>();
  for (const it of listed) {
    if (byId.has(it.id)) throw new LocalizedError({ zh: `指标 ${it.id} 定义了两次`, en: `figure ${it.id} is defined twice` });
    byId.set(it.id, it);
  }
  // Order: depth-first over `from`, so every figure follows those it reads.
  const items: FigureItem[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (it: FigureItem, path: string[]) => {
    if (state.get(it.id) === 2) return;
    if (state.get(it.id) === 1) throw new LocalizedError({ zh: `指标相互计算（循环）：${[...path, it.id].join(' → ')}`, en: `figures computed from each other: ${[...path, it.id].join(' → ')}` });
    state.set(it.id, 1);
    for (const f of it.from ?? []) {
      const dep = byId.get(f);
      if (!dep) throw new LocalizedError({ zh: `指标 ${it.id} 由 ${f} 计算，而没有哪个定义给出 ${f}`, en: `figure ${it.id} is computed from ${f}, which no definition gives` });
      visit(dep, [...path, it.id]);
    }
    state.set(it.id, 2);
    items.push(it);
  };
  for (const it of listed) visit(it, []);
  const slot = new Map(items.map((it, i) => [it.id, i]));
  for (const it of items) for (const u of it.use ?? []) if (!inputs.has(u)) throw new LocalizedError({ zh: `指标 ${it.id} 使用输入 ${u}，而模型没有这个输入`, en: `figure ${it.id} uses input ${u}, which the model does not have` });

  // Each argument: a figure slot (≥ 0) or an input, read as a clamped parameter or a fixed value.
  const plan = items.map((it) => ({
    figures: Int32Array.from(it.from ?? [], (f) => slot.get(f)!),
    params: Int32Array.from(it.use ?? [], (u) => inputs.get(u)!.parameter),
    fixed: Float64Array.from(it.use ?? [], (u) => inputs.get(u)!.central),
    args: new Float64Array((it.from?.length ?? 0) + (it.use?.length ?? 0)),
  }));
  const lo = Float64Array.from(parameters, (p) => p.bounds[0]);
  const hi = Float64Array.from(parameters, (p) => p.bounds[1]);
  const vals = new Float64Array(items.length);
  // The plan flattened for the Monte Carlo's draws: item k's arguments come from src[start[k] … start[k + 1]):
  // ≥ 0 a figure slot, −1 a fixed value (fixedAt), −2 − p parameter p (clamped to its bounds).
  const start = new Int32Array(items.length + 1);
  plan.forEach((q, k) => (start[k + 1] = start[k] + q.args.length));
  const src = new Int32Array(start[items.length]), fixedAt = new Float64Array(start[items.length]);
  plan.forEach((q, k) => {
    const o = start[k], nf = q.figures.length;
    src.set(q.figures, o);
    q.params.forEach((p, i) => {
      src[o + nf + i] = p < 0 ? -1 : -2 - p;
      fixedAt[o + nf + i] = q.fixed[i];
    });
  });
  const argsOf = plan.map((q) => q.args), valueOf = items.map((it) => it.value);
  /** Computes the figures `which` (slots, in order) at parameter values x into vals. */
  const run = (x: Float64Array, which: Int32Array) => {
    for (let w = 0; w < which.length; w++) {
      const k = which[w], a = argsOf[k], o = start[k], m = start[k + 1] - o;
      for (let i = 0; i < m; i++) {
        const from = src[o + i];
        if (from >= 0) a[i] = vals[from];
        else if (from === -1) a[i] = fixedAt[o + i];
        else {
          const p = -2 - from;
          a[i] = Math.min(hi[p], Math.max(lo[p], x[p]));
        }
      }
      vals[k] = valueOf[k](a);
    }
  };

  const central = Float64Array.from(parameters, (p) => p.central);
  run(central, sequence(items.length));
  const values = new Map(items.map((it, k) => [it.id, vals[k]]));
  const gradients = new Map<string, Gradient>();
  items.forEach((it, k) => {
    if (!it.partials) return;
    const p = it.partials(plan[k].args); // the arguments of the central run
    const terms: [number, Gradient][] = [];
    (it.from ?? []).forEach((f, i) => {
      const g = gradients.get(f);
      if (g) terms.push([p[i], g]);
    });
    (it.use ?? []).forEach((u, i) => {
      const m = inputs.get(u)!.moment;
      if (m >= 0) terms.push([p[(it.from?.length ?? 0) + i], unit(m)]);
    });
    gradients.set(it.id, combine(terms));
  });

  // Outputs: figures that depend on a parameter.
  const moves = new Set<string>();
  for (const it of items) if ((it.use ?? []).some((u) => inputs.get(u)!.parameter >= 0) || (it.from ?? []).some((f) => moves.has(f))) moves.add(it.id);
  const outputs = [...moves].sort((a, b) => Number(a.startsWith('net.')) - Number(b.startsWith('net.')) || compareIds(a, b));
  const outSlots = Int32Array.from(outputs, (id) => slot.get(id)!);
  // the other figures keep their central values in vals: they read no parameter
  const moving = Int32Array.from(items.flatMap((it, k) => (moves.has(it.id) ? [k] : [])));
  const evaluateInto = (x: Float64Array, y: Float64Array) => {
    run(x, moving);
    for (let i = 0; i < outSlots.length; i++) y[i] = vals[outSlots[i]];
  };
  const evaluate = (x: Float64Array): Record<string, number> => {
    run(x, moving);
    return Object.fromEntries(outputs.map((id, i) => [id, vals[outSlots[i]]]));
  };
  return { items, parameters, central, normalGroups, outputs, values, gradients, evaluate, evaluateInto };
}

/** Characters of figure ids in the order of ICU's root collation (what localeCompare gives them in en and zh). */
const ID_ORDER = '_-.0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * compareIds(a, b): the sign of a.localeCompare(b) for figure ids — [a-z0-9_] words joined by '.' —
 * without loading ICU's collator (its first use costs a run 3–6 ms of CPU): character by character
 * in ID_ORDER ('_' < '-' < '.' < digits < letters), a prefix first; localeCompare for other characters.
 * compareIds('jobs.pay', 'jobs.pay_x') < 0; compareIds('a_b', 'a.b') < 0 (code points would say > 0).
 */
export function compareIds(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  let first = 0;
  for (let i = 0; i < n; i++) {
    const x = i < a.length ? ID_ORDER.indexOf(a[i]) : -2, y = i < b.length ? ID_ORDER.indexOf(b[i]) : -2;
    if (x === -1 || y === -1) return a.localeCompare(b);
    if (first === 0 && x !== y) first = x - y; // a shorter prefix (-2) first; the rest only checked for other characters
  }
  return first;
}
