/**
 * The QR decoder the scan island loads when the browser has no BarcodeDetector
 * (Firefox, Safari before 17, many cheap Android browsers), and only once the
 * camera is switched on: jsQR, pure JavaScript, about 45 KB compressed.
 * Sets window.lxQrDecode(rgba, width, height) → the code's text or null.
 */
import jsQRModule from 'jsqr';

// A CommonJS package whose function is both module.exports and its `default`; the types know only the latter.
const jsQR = jsQRModule.default;

declare global {
  interface Window {
    lxQrDecode?: (data: Uint8ClampedArray, width: number, height: number) => string | null;
  }
}

// The printed cards are dark on light: skipping the inverted pass halves the work per frame.
window.lxQrDecode = (data, width, height) => jsQR(data, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;

export {};
