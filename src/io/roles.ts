// Account roles and their keywords (internal): used by the generic and pymrio-style parsers.
import type { FinalDemandRole, ValueAddedRole } from './types.ts';

export const VALUE_ADDED_ROLES: readonly ValueAddedRole[] = ['compensation', 'taxes', 'depreciation', 'surplus', 'other'];
export const FINAL_DEMAND_ROLES: readonly FinalDemandRole[] = ['household', 'government', 'investment', 'inventory', 'exports', 'other'];

/** Role of a final-demand category from its name (pymrio/EXIOBASE wording); unknown names → 'other'. */
export function finalDemandRoleOf(name: string): FinalDemandRole {
  const s = name.toLowerCase();
  if (/non-?profit|npish/.test(s)) return 'other';
  if (/household/.test(s)) return 'household';
  if (/government/.test(s)) return 'government';
  if (/fixed capital/.test(s)) return 'investment';
  if (/inventor|valuables/.test(s)) return 'inventory';
  if (/export/.test(s)) return 'exports';
  return 'other';
}

/** Role of a factor-input row from its name; unknown names → 'other'. */
export function valueAddedRoleOf(name: string): ValueAddedRole {
  const s = name.toLowerCase();
  if (/compensation|wage|salar|labou?r/.test(s)) return 'compensation';
  if (/tax|subsid/.test(s)) return 'taxes';
  if (/depreciation|consumption of fixed capital/.test(s)) return 'depreciation';
  if (/surplus|mixed income/.test(s)) return 'surplus';
  return 'other';
}
