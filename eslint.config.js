import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["build/**", "server-build/**", ".cache/**", "app/db/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "tests/.tmp/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/http/form.server.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='request'][callee.property.name='formData']",
          message: "Read forms with readFormData(request) from ~/http/form.server: a malformed body must answer 400, not 500.",
        },
      ],
    },
  },
  {
    // The catalogue is the generic content pipeline: capabilities depend on it, never the reverse.
    // They declare their content kinds and app/content-kinds(.server).ts passes them in (docs/decisions/018).
    files: ["app/catalog/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(~|\\.{1,2})/(.*/)?learning(/|$)",
              message: "app/catalog/ must not import learning code: declare a content kind in the capability and compose it in app/content-kinds(.server).ts.",
            },
            {
              regex: "^(~|\\.{1,2})/(.*/)?content-kinds(\\.server)?$",
              message: "app/catalog/ is given the content kinds (as parameters); it does not import their composition.",
            },
          ],
        },
      ],
    },
  },
);
