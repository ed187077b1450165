/**
 * A QR code drawn as SVG, for an authenticator app to scan (the otpauth:// URI of a TOTP
 * enrolment), with `qrcode` (part of the security page's chunk only). The picture is a convenience;
 * the page shows the secret as text beside it for typing in by hand.
 */
import { create } from 'qrcode';

/** The dark modules as one SVG path: a square per module, row by row. */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let y = 0; y < modules.size; y += 1) {
    for (let x = 0; x < modules.size; x += 1) {
      if (modules.get(y, x) === 1) path += `M${x + 4} ${y + 4}h1v1h-1z`;
    }
  }
  return { size: modules.size + 8, path };
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = qrPath(text);
  return (
    <svg
      className="settings-qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
