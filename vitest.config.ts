import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/bench/**", "node_modules/**", "dist/**"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // LibreOffice runs are heavy; two cores are all the machine has.
    maxWorkers: 2,
  },
});
