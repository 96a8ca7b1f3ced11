// The dashboard's engine thread: the same computeStudy as `spillover run`, off the page's main
// thread so the page stays responsive and can show progress while a recompute runs.
import { computeStudy } from '../src/study/compute.ts';
import { applyScenario, ioMethodOptions, sectorsUnder, type Scenario } from '../src/report/applyScenario.ts';
import type { IOMethod } from '../src/study/ioResponse.ts';

/** An IO method the scenario panel offers, with every category's coefficient under it. */
export interface IOOption {
  key: string;
  label: { zh: string; en: string };
  method: IOMethod;
  coefficients: Record<string, number>;
}
import { reviveTyped, withModel, type Payload } from './payload.ts';

export type WorkerRequest = { type: 'load'; json: string } | { type: 'compute'; id: number; scenario: Scenario };
export type WorkerReply =
  | { type: 'loaded'; ioMethods: IOOption[]; ms: number }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; results: ReturnType<typeof computeStudy>; ms: number }
  | { type: 'error'; id: number; message: string };

let payload: Payload | undefined;
const post = (m: WorkerReply) => (self as unknown as Worker).postMessage(m);

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
  if (!payload) return post({ type: 'error', id: m.id, message: 'no study loaded' });
  const t0 = performance.now();
  try {
    post({ type: 'progress', id: m.id, done: 0, total: 1 });
    const { config, inputs } = applyScenario(payload.config, payload.inputs, m.scenario);
    const results = computeStudy(config, inputs);
    post({ type: 'result', id: m.id, results, ms: performance.now() - t0 });
  } catch (err) {
    post({ type: 'error', id: m.id, message: (err as Error).message });
  }
};
