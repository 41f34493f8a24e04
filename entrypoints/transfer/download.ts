/** Offers text as a file download: never the clipboard for secrets (microsoft-pages.md §7.1 hygiene). */
export function downloadUrl(text: string, type: string): string {
  return URL.createObjectURL(new Blob([text], { type }));
}
