import sharp, { type Sharp } from 'sharp';

/**
 * Limits for decoding files nobody on our side made. A page needs far fewer pixels than
 * sharp's default (268 M): 50 M covers a 50-megapixel phone photo; a 16000×16000 PNG of 51 kB
 * is refused from its header instead of costing seconds and half a gigabyte.
 */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Longest a single decode of an untrusted image may take before it is given up. */
const IMAGE_TIME_LIMIT_SECONDS = 20;

/** sharp over untrusted bytes, with the pixel and time limits. */
export function openImage(bytes: Buffer): Sharp {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).timeout({ seconds: IMAGE_TIME_LIMIT_SECONDS });
}

/** True when the image's header announces more pixels than we decode (read from the header only). */
export async function exceedsPixelLimit(bytes: Buffer): Promise<boolean> {
  const { width = 0, height = 0, pages = 1 } = await sharp(bytes, { limitInputPixels: false }).metadata();
  return width * height * Math.max(1, pages) > MAX_INPUT_PIXELS;
}
