/** Jest runs our TypeScript as native ESM (the generated Prisma client uses import.meta). */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", {
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
      module: { type: "es6" },
    }],
  },
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  // The names of kinds (locales/*/kinds.ftl) for the domain's kindLabel, as the app loads them.
  setupFiles: ["<rootDir>/src/i18n/kindNames.ts"],
  testTimeout: 30000,
};
