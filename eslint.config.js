// Lint rules the tests enforce (`npm test` runs eslint): no unused code, and imports that keep the stages' boundaries.
import tseslint from "typescript-eslint";

const layoutConstants = {
  name: "../template/layout.js",
  importNames: ["FIRST_ROW", "FIRST_VALUE_COLUMN"],
  message: "where rows and columns start is the model's business (src/model): ask the model for cells instead",
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "out/**", "test/fixtures/**", "**/*.js", "**/*.cjs", "**/*.mjs"] },
  {
    files: ["src/**/*.ts", "test/**/*.ts"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { args: "none", caughtErrors: "none", ignoreRestSiblings: true, varsIgnorePattern: "^_" }],
      "no-unreachable": "error",
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "decimal.js", message: "Decimals come from src/decimal.ts: one configuration for the whole program" }],
          patterns: [{ group: ["**/template/layout.js"], importNames: ["FIRST_ROW", "FIRST_VALUE_COLUMN"], message: layoutConstants.message }],
        },
      ],
    },
  },
  // The engine's number module is where decimal.js is configured; the model and the template's layout own the grid's origin.
  { files: ["src/decimal.ts"], rules: { "no-restricted-imports": "off" } },
  { files: ["src/model/**/*.ts", "src/template/**/*.ts"], rules: { "no-restricted-imports": ["error", { paths: [{ name: "decimal.js", message: "Decimals come from src/decimal.ts" }] }] } },
);
