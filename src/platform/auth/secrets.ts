// Passwords (argon2id), random tokens and their hashes. Only hashes are ever stored.
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

// argon2's default cost (64 MiB, 3 passes) is what production uses; the test runner lowers it for the thousands of
// hashes tests make (scripts/test.mjs preloads tests/preload.ts). A hash records its own cost, so verify needs nothing.
let cost: { memoryCost?: number; timeCost?: number; parallelism?: number } = {};
export function useCheapPasswordHashesForTests() {
  cost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
}

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id, ...cost });

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the account does not exist, so timing does not reveal which e-mails exist.
let decoy: Promise<string> | undefined;
export const decoyHash = () => {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
};

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function passwordProblems(password: string): string | null {
  if (password.length < 12) return 'Enter a password of at least 12 characters';
  if (password.length > 200) return 'Enter a password of 200 characters or fewer';
  return null;
}
