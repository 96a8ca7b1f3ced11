// Public API of the dashboard server (Node only).
export { startServer, type ServeOptions, type RunningServer } from './startServer.ts';
export { isLocalRequest } from './isLocalRequest.ts';
export { confineStudyPath, RequestError } from './confineStudyPath.ts';
export { listStudies } from './listStudies.ts';
export { studyPayload, payloadJson, type StudyPayload } from './studyPayload.ts';
export { buildClient, type ClientBundle } from './buildClient.ts';
export { dashboardPage } from './dashboardPage.ts';
export { plainWords, requestLang } from './requestLang.ts';
