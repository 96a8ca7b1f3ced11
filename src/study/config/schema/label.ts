// JSON Schema (draft-07) of a text in both languages, {zh, en}: shared by every fragment of study.yaml's schema.

export const label = {
  type: 'object',
  description: 'A label in Chinese and English.',
  required: ['zh', 'en'],
  additionalProperties: false,
  properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
} as const;
