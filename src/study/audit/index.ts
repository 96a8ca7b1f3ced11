// Public face of study/audit: internal consistency of a set of published figures (published.yaml).
export { audit, type AuditStatus, type AuditResult, type AuditReport } from './audit.ts';
export { parsePublished, type PublishedFigure, type CheckKind, type AuditCheck, type PublishedSet } from './auditConfig.ts';
