// The dashboard's engine thread: the same computeStudy as `spillover run`, off the page's main
// thread so the page stays responsive and can show progress while a recompute runs.
import { computeStudy } from '../src/study/compute.ts';
import { applyScenario, type Scenario } from '../src/report/applyScenario.ts';
import { revivePayload, type Payload } from './payload.ts';

export type WorkerRequest = { type: 'load'; payload: Payload } | { type: 'compute'; id: number; scenario: Scenario };
export type WorkerReply =
  | { type: 'loaded' }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; results: ReturnType<typeof computeStudy>; ms: number }
  | { type: 'error'; id: number; message: string };

let payload: Payload | undefined;
const post = (m: WorkerReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const m = e.data;
  if (m.type === 'load') {
    payload = revivePayload(m.payload);
    post({ type: 'loaded' });
    return;
  }
  if (!payload) return post({ type: 'error', id: m.id, message: 'no study loaded' });
  const t0 = performance.now();
  try {
    post({ type: 'progress', id: m.id, done: 0, total: 1 });
    const { config, inputs } = applyScenario(payload.config, payload.inputs, m.scenario, payload.ioMethods);
    const results = computeStudy(config, inputs);
    post({ type: 'result', id: m.id, results, ms: performance.now() - t0 });
  } catch (err) {
    post({ type: 'error', id: m.id, message: (err as Error).message });
  }
};
