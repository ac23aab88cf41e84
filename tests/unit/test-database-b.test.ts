import { describe } from "vitest";
import { defineIsolationTests } from "./test-database-isolation";

// Twin of the other test-database-*.test.ts file: together they prove each test file gets its own database.
describe("per-file test database", defineIsolationTests);
