/** Public API of `lib/qr`: other code imports only from here (style.md §2). */

export { decodeQr, QrImageError, type QrImageErrorCode, type RgbaImage } from './decode';
export {
  classifyQrPayload,
  DIFFERENT_APP_LINK_TEXT,
  MICROSOFT_APP_ADVICE,
  type MicrosoftAppVariant,
  NOT_A_SECRET_ADVICE,
  type QrPayload,
} from './payload';
