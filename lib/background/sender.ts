/**
 * Who is asking, decided from what the browser says about the sender — never from the message.
 *
 * Extension pages (popup, options) have a `sender.url` on the extension's own origin; content
 * scripts carry the web page's URL there. Chromium and Firefox both fill `sender.url` for pages and
 * frames (runtime.MessageSender), and `sender.id` is the sending extension's id.
 */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export function isExtensionPage(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return false;
  try {
    // Not `.origin`: for chrome-extension:/moz-extension: URLs the WHATWG parser reports the opaque
    // origin "null", which would make every such URL equal. Scheme and host identify the extension.
    const from = new URL(sender.url);
    const own = new URL(extensionOrigin);
    return from.protocol === own.protocol && from.host === own.host && from.host !== '';
  } catch {
    return false;
  }
}
