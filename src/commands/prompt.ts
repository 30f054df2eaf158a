import { createInterface } from 'node:readline/promises';

/** Asks one question on the terminal; the answer, trimmed. */
export async function ask(question: string): Promise<string> {
  const reader = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await reader.question(question)).trim();
  } finally {
    reader.close();
  }
}

export const interactive = () => process.stdin.isTTY === true && process.stderr.isTTY === true;
