// From what src/data read to the engine's inputs, pure: the fields each questionnaire is screened
// for, whether it is read as moments, each consumption category's IO response and jobs per output,
// and the unknown levels screening rejected (for checkFilters' message).
export { fieldSpecs, type QuestionnaireField } from './fieldSpecs.ts';
export { readAsMoments } from './readAsMoments.ts';
export { ioInputs, type IOFiles, type PreparedIO } from './ioInputs.ts';
export { rejectedLevels, type LevelRejection } from './rejectedLevels.ts';
export { parsePriceIndex, priceRatio, type PriceIndex, type PriceSeries } from './priceIndex.ts';
