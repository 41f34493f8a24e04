/**
 * TwoStep's own backup (lib/transfer/backup openBackup): mutated files, arbitrary texts, and files
 * that authenticate but decrypt to arbitrary contents (what only a writer other than TwoStep, or a
 * TwoStep bug, could produce).
 */
import fc from 'fast-check';
import { generateCode, OtpError } from '../../../lib/otp/index';
import { BackupError, openBackup } from '../../../lib/transfer/backup/index';
import { anyText } from '../arbitraries';
import { BACKUP_CONTENTS, BACKUP_PASSWORD, writeBackup } from '../backup-file';
import { ContractBreak, check, type FuzzTarget, target } from '../contract';
import { steerText } from '../kdf-cost';
import { applyJsonEdits, applyTextEdits, type JsonEdit, jsonEdit, type TextEdit, textEdit } from '../mutate';

type BackupInput =
  | { kind: 'file'; edits: JsonEdit[]; text: TextEdit[]; password: number; other: string }
  | { kind: 'contents'; contents: unknown; plain: TextEdit[]; password: number; other: string }
  | { kind: 'text'; text: string; password: number; other: string };

const password = fc.nat({ max: 5 });
const other = anyText(30);
const passwordOf = (choice: number, other: string) =>
  [BACKUP_PASSWORD, BACKUP_PASSWORD, BACKUP_PASSWORD, '', 'wrong password', other][choice] ?? BACKUP_PASSWORD;

const arbitrary: fc.Arbitrary<BackupInput> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('file' as const),
      edits: fc.array(jsonEdit, { maxLength: 4 }),
      text: fc.oneof(
        { weight: 3, arbitrary: fc.constant<TextEdit[]>([]) },
        { weight: 1, arbitrary: fc.array(textEdit, { maxLength: 3 }) },
      ),
      password,
      other,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('contents' as const),
      contents: fc.oneof(
        {
          weight: 5,
          arbitrary: fc
            .array(jsonEdit, { minLength: 1, maxLength: 4 })
            .map((e) => applyJsonEdits(BACKUP_CONTENTS, e)),
        },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
      ),
      plain: fc.oneof(
        { weight: 5, arbitrary: fc.constant<TextEdit[]>([]) },
        { weight: 1, arbitrary: fc.array(textEdit, { maxLength: 2 }) },
      ),
      password: fc.constant<number>(0),
      other,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('text' as const), text: anyText(300), password, other }),
  },
);

/** The seed's password, secrets, app password and recovery code. */
const NEVER_SHOWN = [
  BACKUP_PASSWORD,
  ...BACKUP_CONTENTS.accounts.map((a) => a.secret),
  ...BACKUP_CONTENTS.appPasswords.map((a) => a.password),
  ...BACKUP_CONTENTS.recoveryCodes.map((r) => r.code),
];

export function backupTargets(seedFile: string): FuzzTarget[] {
  const seed = JSON.parse(seedFile) as unknown;
  return [
    target<BackupInput>({
      name: 'backup.openBackup',
      arbitrary,
      ciRuns: 2000,
      // BACKUP_DAMAGED "reading it failed unexpectedly" is openBackup's net for an exception of its own.
      accept: (error) => error instanceof BackupError && !error.message.includes('failed unexpectedly'),
      async run(input) {
        let text: string;
        if (input.kind === 'file') {
          text = applyTextEdits(
            JSON.stringify(applyJsonEdits(seed, input.edits), null, 2) ?? 'null',
            input.text,
          );
        } else if (input.kind === 'contents') {
          text = await writeBackup(applyTextEdits(JSON.stringify(input.contents) ?? 'null', input.plain));
        } else text = input.text;
        // A mutated header may ask for up to 10,000,000 PBKDF2 iterations (~2 s, allowed by design).
        const password = passwordOf(input.password, input.other);
        let contents: Awaited<ReturnType<typeof openBackup>>;
        try {
          contents = await openBackup(steerText(text), password);
        } catch (error) {
          // "Messages never contain the password, a secret, a code or a ciphertext" (errors.ts).
          if (error instanceof BackupError) {
            const shown = [...NEVER_SHOWN, ...(password.length >= 8 ? [password] : [])].find((s) =>
              error.message.includes(s),
            );
            if (shown !== undefined)
              throw new ContractBreak('a BackupError message shows the password or a secret');
          }
          throw error;
        }
        check(
          Array.isArray(contents.accounts) &&
            Array.isArray(contents.appPasswords) &&
            Array.isArray(contents.recoveryCodes),
          'contents without their three lists',
        );
        // "A restore can never fail on a record the backup accepted" (contents.ts): every account
        // the backup gives must produce codes, or the popup's list fails after the restore.
        contents.accounts.forEach((account, index) => {
          try {
            generateCode(account, 1_700_000_000_000);
          } catch (error) {
            if (error instanceof OtpError) {
              throw new ContractBreak(
                `openBackup accepted account ${index + 1}, which cannot produce a code: ${error.message}`,
              );
            }
            throw error;
          }
        });
        return 'restored';
      },
    }),
  ];
}
