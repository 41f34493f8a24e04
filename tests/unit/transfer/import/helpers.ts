/** What the importer suites share: the input view the registry builds, and "this must be an ImportError". */
import { expect } from 'vitest';
import { ImportError, type ImportInput, toImportInput } from '../../../../lib/transfer/import/index';

/** The same view `importData` hands every importer (lib/transfer/import/index.ts). */
export function inputOf(data: Uint8Array | string, fileName?: string): ImportInput {
  return toImportInput(data, fileName);
}

/** Awaits a read that must fail, and returns its ImportError (any other outcome fails the test). */
export async function importError(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => new Error('expected an ImportError, got a result'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}
