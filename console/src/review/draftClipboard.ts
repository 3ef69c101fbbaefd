import type { EmailDraft as Draft } from '../api/schemas';

/**
 * Puts the email body on the clipboard twice: as HTML (mail apps paste the formatted email
 * with its link) and as plain text (for everything else). Browsers without `ClipboardItem`
 * get the plain text only.
 */
export async function copyDraft(
  draft: Pick<Draft, 'text' | 'html'>,
  clipboard: Clipboard,
): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && typeof clipboard.write === 'function') {
    await clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([draft.html], { type: 'text/html' }),
        'text/plain': new Blob([draft.text], { type: 'text/plain' }),
      }),
    ]);
    return;
  }
  await clipboard.writeText(draft.text);
}
