// The `yaml` functions the commands load when they need them (survey, load). A command imports them from
// here, not by `import('yaml')`: scripts/build.mjs bundles yaml (CommonJS), and a dynamic import of a
// bundled CommonJS package gives only its default export, while a static import keeps the names.
export { LineCounter, parseDocument, stringify } from 'yaml';
