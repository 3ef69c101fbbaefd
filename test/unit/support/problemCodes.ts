import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  decideTransition,
  INVITATION_STATUSES,
  type InvitationAction,
} from '../../../shared/domain/invitationStatus';

/**
 * Every problem `code` the app's sources can answer, each with the file it was found in, for
 * the tests that hold openapi.yaml and the README to the code.
 */

const projectRoot = join(__dirname, '..', '..', '..');

function sourceFiles(directory: string): string[] {
  return readdirSync(join(projectRoot, directory), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(projectRoot, directory, file));
}

/**
 * The problem codes written in the sources: `code: 'X'` (a ProblemError or a field error),
 * `helper(<status>, 'X'` (fieldProblem and the like), `throw helper('X'` (a helper that fixes
 * the status itself, such as a 409 `conflict`), and `[<status>, 'X'` (the 5xx mapping).
 * Upper case only, so that zod's `code: 'custom'` issues are not taken for problem codes; the
 * `throw` keeps the state machine's `return refuse('X')` out (its refusals are added below,
 * for the actions an endpoint can refuse).
 */
function problemCodesInSources(): Map<string, string> {
  const patterns = [
    /\bcode:\s*'([A-Z][A-Z0-9_]+)'/g,
    /\b\w+\(\s*\d{3},\s*'([A-Z][A-Z0-9_]+)'/g,
    /\bthrow\s+\w+\(\s*'([A-Z][A-Z0-9_]+)'/g,
    /\[\s*\d{3},\s*'([A-Z][A-Z0-9_]+)'/g,
  ];
  const codes = new Map<string, string>();
  for (const file of [...sourceFiles('shared'), ...sourceFiles('functions')]) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        codes.set(match[1]!, relative(projectRoot, file));
      }
    }
  }
  return codes;
}

/** The refusals of the partner's own actions, which the endpoints turn into 409s. */
function refusalCodesOfPartnerActions(): Set<string> {
  const actions: InvitationAction[] = ['editDraft', 'send', 'revoke'];
  const codes = new Set<string>();
  for (const action of actions) {
    for (const status of INVITATION_STATUSES) {
      const transition = decideTransition(status, action);
      if (transition.kind === 'refuse') {
        codes.add(transition.code);
      }
    }
  }
  return codes;
}

/** The app's problem codes: the sources' and the refusals of the partner's actions. */
export function problemCodesTheApiAnswers(): Map<string, string> {
  const codes = problemCodesInSources();
  for (const code of refusalCodesOfPartnerActions()) {
    codes.set(code, 'shared/domain/invitationStatus.ts (decideTransition)');
  }
  // The scan must find the codes it is meant to find, or the tests using it prove nothing.
  for (const expected of ['LINK_REQUIRED', 'UNSUPPORTED_MEDIA_TYPE', 'INTERNAL_ERROR']) {
    if (!codes.has(expected)) {
      throw new Error(`The problem code scan missed ${expected}; fix the scan.`);
    }
  }
  if (!codes.has('INVITATION_NOT_EDITABLE')) {
    throw new Error('The problem code scan missed the refusals of decideTransition.');
  }
  return codes;
}

/** True when `text` names `code` as a whole word. */
export function namesCode(text: string, code: string): boolean {
  return new RegExp(`(^|[^A-Z0-9_])${code}([^A-Z0-9_]|$)`, 'm').test(text);
}
