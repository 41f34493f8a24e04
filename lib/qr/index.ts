/** Public API of `lib/qr`: other code imports only from here (style.md §2). */

export {
  type DecodeOptions,
  type DecodeProgress,
  decodeAllQr,
  decodeAllQrAsync,
  decodeQr,
  decodeQrAsync,
  QrImageError,
  type QrImageErrorCode,
  type RgbaImage,
} from './decode';
export { ImageFileError, loadImagePixels, sniffImageType } from './image-file';
export {
  classifyQrPayload,
  DIFFERENT_APP_LINK_TEXT,
  MICROSOFT_APP_ADVICE,
  type MicrosoftAppVariant,
  NOT_A_SECRET_ADVICE,
  type QrPayload,
} from './payload';
