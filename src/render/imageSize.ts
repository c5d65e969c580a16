// The format and pixel size of a photo's bytes (PNG, JPEG, GIF, BMP), read from the header; null when unknown.

export type ImageType = "png" | "jpg" | "gif" | "bmp";

export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
}

function jpegSize(b: Uint8Array, view: DataView): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    // SOF0–SOF15 (not DHT C4, JPG C8, DAC CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    }
    i += 2 + view.getUint16(i + 2);
  }
  return null;
}

export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  const b = bytes;
  if (b.length < 26) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let size: { width: number; height: number } | null = null;
  let type: ImageType | null = null;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    type = "png";
    size = { width: view.getUint32(16), height: view.getUint32(20) };
  } else if (b[0] === 0xff && b[1] === 0xd8) {
    type = "jpg";
    size = jpegSize(b, view);
  } else if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) {
    type = "gif";
    size = { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  } else if (b[0] === 0x42 && b[1] === 0x4d) {
    type = "bmp";
    size = { width: view.getInt32(18, true), height: Math.abs(view.getInt32(22, true)) };
  }
  if (!type || !size || !(size.width > 0 && size.height > 0)) return null;
  return { type, ...size };
}

/** The size to show a photo at: within `maxWidth` × `maxHeight` pixels, keeping its proportions. */
export function fitWithin(
  info: Pick<ImageInfo, "width" | "height">,
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / info.width, maxHeight / info.height);
  return { width: Math.max(1, Math.round(info.width * scale)), height: Math.max(1, Math.round(info.height * scale)) };
}
