// The dashboard's engine threads: the same computeStudy as `spillover run`, off the page's main
// thread so the page stays responsive and can show progress while a recompute runs. The page starts
// two: one for the figures (fast, every edit) and one for the Monte Carlo (with progress), so a long
// Monte Carlo run never delays the figures of the next edit.
import { applyScenario, computeStudy, ioMethodOptions, sectorsUnder, type IOMethod, type Scenario } from '../src/study/model/index.ts';
import type { StudyResults } from '../src/study/types.ts';

/** An IO method the scenario panel offers, with every category's coefficient under it. */
export interface IOOption {
  key: string;
  label: { zh: string; en: string };
  method: IOMethod;
  coefficients: Record<string, number>;
}
import { reviveTyped, withModel, type Payload } from './payload.ts';

/**
 * compute: apply the scenario and run computeStudy. With `uncertainty: false` the study's Monte Carlo
 * is left out (net and gross figures in milliseconds); with `true` only results.uncertainty is sent
 * back, after progress messages. Requests that arrive while one runs are coalesced: only the newest
 * is computed (the page ignores replies to older ones anyway).
 */
export type WorkerRequest = { type: 'load'; json: string } | { type: 'compute'; id: number; scenario: Scenario; uncertainty: boolean };
export type WorkerReply =
  | { type: 'loaded'; ioMethods: IOOption[]; ms: number }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; results: ReturnType<typeof computeStudy>; ms: number }
  | { type: 'uncertainty'; id: number; uncertainty: StudyResults['uncertainty']; ms: number }
  | { type: 'error'; id: number; message: string };

let payload: Payload | undefined;
const post = (m: WorkerReply) => (self as unknown as Worker).postMessage(m);
let pending: Extract<WorkerRequest, { type: 'compute' }> | undefined;
let scheduled = false;

function compute(m: Extract<WorkerRequest, { type: 'compute' }>) {
  if (!payload) return post({ type: 'error', id: m.id, message: 'no study loaded' });
  const t0 = performance.now();
  try {
    const { config, inputs } = applyScenario(payload.config, payload.inputs, m.scenario);
    if (!m.uncertainty) return post({ type: 'result', id: m.id, results: computeStudy({ ...config, uncertainty: undefined }, inputs), ms: performance.now() - t0 });
    post({ type: 'progress', id: m.id, done: 0, total: config.uncertainty?.draws ?? 1 });
    const results = computeStudy(config, inputs, { onProgress: (done, total) => post({ type: 'progress', id: m.id, done, total }) });
    post({ type: 'uncertainty', id: m.id, uncertainty: results.uncertainty, ms: performance.now() - t0 });
  } catch (err) {
    post({ type: 'error', id: m.id, message: (err as Error).message });
  }
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const m = e.data;
  if (m.type === 'load') {
    const t0 = performance.now();
    try {
      payload = withModel(JSON.parse(m.json, reviveTyped) as Payload);
      const inputs = payload.inputs;
      const ioMethods = ioMethodOptions(inputs).map((o) => ({ ...o, coefficients: Object.fromEntries(Object.entries(sectorsUnder(inputs, o.method)).map(([id, sc]) => [id, sc.coefficient])) }));
      post({ type: 'loaded', ioMethods, ms: performance.now() - t0 });
    } catch (err) {
      post({ type: 'error', id: 0, message: (err as Error).message });
    }
    return;
  }
  pending = m;
  if (scheduled) return;
  scheduled = true;
  // Messages queued behind a long Monte Carlo run are all delivered before this timer fires.
  setTimeout(() => {
    scheduled = false;
    const next = pending;
    pending = undefined;
    if (next) compute(next);
  }, 0);
};
