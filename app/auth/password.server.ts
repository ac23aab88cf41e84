import { hash, verify, type Algorithm } from "@node-rs/argon2";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordMatchesEmail, passwordSchema } from "./password-policy";

/**
 * argon2id with OWASP's minimum recommended parameters (19 MiB, 2 passes,
 * 1 lane): about 30–60 ms per hash on these machines, acceptable per login,
 * costly for anyone brute-forcing a stolen database. The parameters live in
 * the PHC string, so raising them later keeps old hashes verifiable.
 */
const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
export const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, HASH_OPTIONS);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    // A malformed stored hash must not become a 500 or, worse, a success.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against `phc` or, when the account has no password (unknown email),
 * against a throwaway hash with the same parameters, so both paths cost one
 * argon2 verification and response time does not reveal which emails exist.
 */
export async function verifyPasswordOrDummy(phc: string | null | undefined, password: string): Promise<boolean> {
  if (phc) return verifyPassword(phc, password);
  dummyHash ??= hashPassword(`dummy-${crypto.randomUUID()}`);
  await verifyPassword(await dummyHash, password);
  return false;
}
