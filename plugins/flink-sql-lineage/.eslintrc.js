module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The Flink grammar bundle built on install by scripts/bundle-flink-grammar.cjs.
  ignorePatterns: ['generated/'],
});
