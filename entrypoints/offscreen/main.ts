// Chromium offscreen document (reason CLIPBOARD): replace the clipboard's text with an empty string.
// navigator.clipboard needs a focused document, which an offscreen one never is; the copy command
// with a handler that sets the data works without focus.
document.addEventListener('copy', (event) => {
  event.clipboardData?.setData('text/plain', '');
  event.preventDefault();
});
document.execCommand('copy');
