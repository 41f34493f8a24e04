/** The part of pngjs (a dependency of `qrcode`, without bundled types) the compat runner uses. */
declare module 'pngjs' {
  interface DecodedPng {
    width: number;
    height: number;
    /** RGBA, 4 bytes per pixel, row-major. */
    data: Uint8Array;
  }
  export const PNG: {
    sync: { read(buffer: Buffer): DecodedPng };
  };
}
